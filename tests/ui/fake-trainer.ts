import { expect } from 'vitest';
import type { EpochMetrics, ExperimentConfig, RunSummary } from '../../src/core';
import { useMetrics } from '../../src/store/metrics';
import type { TrainerClient } from '../../src/workers/trainer-client';
import type { FirstEpochAhead } from '../../src/workers/first-epoch-slot';
import type { LoadOptions, TrainerEvent, TrainerListener } from '../../src/workers/protocol';

interface FakeMember {
  config: ExperimentConfig;
  epoch: number;
  paused: boolean;
  ended: boolean;
}

/**
 * A trainer worker without a worker: it records what the page asked, and trains only when the
 * test says `epoch()`, like the real loop would (every running member that is not paused).
 * Events reach the listener asynchronously, as they do through the worker's message port.
 */
export class FakeTrainer {
  readonly calls: string[] = [];
  members: FakeMember[] = [];
  playing = false;
  terminated = false;
  private run = 0;
  /** This run's `update` calls, as the worker counts them for its `ahead` events. */
  changeCalls = 0;
  /**
   * The memory the worker shares with the page for its first epoch trained ahead: none unless a
   * test sets it (see `holdInSharedMemory`).
   */
  sharesFirstEpoch = false;
  private sharedFirstEpoch: FirstEpochAhead | null = null;

  constructor(private readonly listener: TrainerListener) {}

  asClient(): TrainerClient {
    return this as unknown as TrainerClient;
  }

  firstEpochAhead(): FirstEpochAhead | null {
    return this.sharesFirstEpoch ? this.sharedFirstEpoch : null;
  }

  private emit(event: TrainerEvent): void {
    queueMicrotask(() => this.listener(event));
  }

  async load(configs: ExperimentConfig[], options: LoadOptions = {}): Promise<number> {
    this.calls.push(`load ${configs.length}`);
    this.run += 1;
    this.changeCalls = 0;
    this.members = configs.map((config) => ({ config, epoch: 0, paused: false, ended: false }));
    this.emit({
      type: 'loaded',
      run: this.run,
      dataset: {
        task: 'classification',
        classes: 2,
        points: new Float32Array(0),
        labels: new Float32Array(0),
        trainIndices: new Int32Array(0),
        validationIndices: new Int32Array(0),
      },
      stepsPerEpoch: 10,
      batchSize: 16,
    });
    if (options.play) await this.play();
    return this.run;
  }

  async play(): Promise<void> {
    this.calls.push('play');
    if (!this.members.some((m) => !m.ended && !m.paused)) return;
    this.playing = true;
    this.emit({ type: 'activity', run: this.run, training: true });
  }

  async pause(): Promise<void> {
    this.calls.push('pause');
    this.stop();
  }

  async step(): Promise<void> {
    this.calls.push('step');
    this.stop();
    this.epoch();
  }

  async update(member: number, changes: Partial<ExperimentConfig>): Promise<boolean> {
    this.calls.push(`update ${member} ${JSON.stringify(changes)}`);
    this.changeCalls += 1;
    const m = this.members[member]!;
    m.config = { ...m.config, ...changes };
    return true;
  }

  async cancel(member?: number): Promise<void> {
    this.calls.push(`cancel ${member}`);
  }

  async setPaused(member: number, paused: boolean): Promise<void> {
    this.calls.push(`setPaused ${member} ${paused}`);
    const m = this.members[member]!;
    m.paused = paused;
    if (paused && !m.ended) this.emit({ type: 'paused', run: this.run, member, epoch: m.epoch });
    // The real loop stops by itself once nobody trains.
    if (!this.members.some((other) => !other.ended && !other.paused)) this.stop();
  }

  /** Weights that say whose they are and when: [member, epoch, 0]. */
  async weights(member: number): Promise<Float32Array> {
    this.calls.push(`weights ${member}`);
    return Float32Array.from([member, this.members[member]!.epoch, 0]);
  }

  async setBoundary(): Promise<void> {}

  pace: number | null = null;

  async setPace(epochsPerSecond: number | null): Promise<void> {
    this.pace = epochsPerSecond;
  }

  async landscape(): Promise<null> {
    return null;
  }

  async findLearningRate(): Promise<null> {
    return null;
  }

  async predict(): Promise<Float32Array> {
    return new Float32Array(0);
  }

  async terminate(): Promise<void> {
    this.calls.push('terminate');
    this.terminated = true;
  }

  /**
   * The first epoch trained ahead, as the worker does while the page waits for Play (null: a change
   * dropped it). The fake's held epoch is the one its `epoch()` then reports, unless told otherwise.
   * `changes`: the changes it includes, by default every one the fake has taken.
   */
  ahead(metrics: EpochMetrics | null = metricsAt(1), changes = this.changeCalls): void {
    this.emit({ type: 'ahead', run: this.run, epochs: metrics ? [{ member: 0, metrics }] : null, changes });
  }

  /**
   * Writes the first epoch trained ahead to the memory shared with the page, as the worker does just
   * before it sends the `ahead` event (which this does not send: the page has not taken it yet).
   */
  holdInSharedMemory(held: Partial<FirstEpochAhead> = {}): void {
    this.sharesFirstEpoch = true;
    this.sharedFirstEpoch = { run: this.run, changes: this.changeCalls, metrics: metricsAt(1), ...held };
  }

  /** The current run's number, as its events carry it. */
  get runNumber(): number {
    return this.run;
  }

  /** One epoch of every member that trains; members reaching their budget end as completed. */
  epoch(): void {
    const epochs: { member: number; metrics: EpochMetrics }[] = [];
    const ended: number[] = [];
    this.members.forEach((m, member) => {
      if (m.ended || m.paused) return;
      m.epoch += 1;
      epochs.push({ member, metrics: metricsAt(m.epoch) });
      if (m.epoch >= m.config.epochs) {
        m.ended = true;
        ended.push(member);
      }
    });
    if (epochs.length > 0) this.emit({ type: 'metrics', run: this.run, epochs });
    for (const member of ended)
      this.emit({ type: 'ended', run: this.run, member, summary: completed(this.members[member]!.epoch) });
    if (!this.members.some((m) => !m.ended && !m.paused)) this.stop();
  }

  private stop(): void {
    if (!this.playing) return;
    this.playing = false;
    this.emit({ type: 'activity', run: this.run, training: false });
  }
}

export function metricsAt(epoch: number): EpochMetrics {
  return {
    epoch,
    trainLoss: 1 / epoch,
    validationLoss: 1.1 / epoch,
    trainAccuracy: 0.5,
    validationAccuracy: 0.5,
    learningRate: 0.03,
    examplesSeen: 100 * epoch,
    wallTimeMs: epoch,
  };
}

export function completed(epochs: number): RunSummary {
  return {
    status: 'completed',
    epochs,
    bestEpoch: epochs,
    bestValidationLoss: 1.1 / epochs,
    finalTrainLoss: 1 / epochs,
    finalValidationLoss: 1.1 / epochs,
    finalTrainAccuracy: 0.5,
    finalValidationAccuracy: 0.5,
    divergedAtEpoch: null,
    effectiveBatchSize: 16,
    wallTimeMs: epochs,
    verdict: { status: 'completed', code: 'completed', params: { epochs } },
  };
}

/** Lets queued events and awaited calls run. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * After Play showed the run's first epoch from what the worker held: the worker's own report of it
 * (the same numbers) is not a second epoch 1, and the run goes on from it.
 */
export async function goesOnFromTheShownEpoch(worker: FakeTrainer): Promise<void> {
  const epochs = () => useMetrics.getState().history.map((m) => m.epoch);
  worker.epoch();
  await settle();
  expect(epochs()).toEqual([1]);
  worker.epoch();
  await settle();
  expect(epochs()).toEqual([1, 2]);
}

/**
 * Starts the playground's session on a fake worker and lets its first load settle: once per test
 * file, as the page starts its session once. Returns the fake.
 */
export async function startFakeSession(): Promise<FakeTrainer> {
  const { setTrainerFactory, startSession } = await import('../../src/ui/playground/session');
  let worker: FakeTrainer | null = null;
  setTrainerFactory((listener) => {
    worker = new FakeTrainer(listener);
    return worker.asClient();
  });
  startSession();
  await settle();
  await settle();
  return worker!;
}
