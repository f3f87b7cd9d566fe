/**
 * Sequence training off the main thread: one SequenceTrainer per lane, advanced an epoch at a time
 * across lanes, streaming metrics and the chosen example's attention maps back to the page.
 */
import * as Comlink from 'comlink';
import { nextSlot } from '../core/train/pace';
import { SequenceTrainer, type AttentionMaps, type SequenceEpochMetrics } from '../core/sequence/trainer';
import { useBackend } from '../core/tf';
import type { RunSummary } from '../core/train/metrics';
import type { SequenceConfig } from '../core/sequence/config';
import type { SequenceExample } from '../core/sequence/tasks';
import { PaceWait } from './pace-wait';

// cpu: at these sizes each op is fixed overhead, and webgl without a GPU runs on SwiftShader, ~15× slower.
const backendReady = useBackend('cpu');

export type SequenceWorkerEvent =
  | { type: 'examples'; run: number; examples: SequenceExample[] }
  | { type: 'epoch'; run: number; lane: number; metrics: SequenceEpochMetrics }
  | { type: 'attention'; run: number; lane: number; maps: AttentionMaps }
  | { type: 'done'; run: number; lane: number; summary: RunSummary }
  | { type: 'error'; run: number; message: string };

export type SequenceWorkerListener = (event: SequenceWorkerEvent) => void;

/** How many validation examples the page may pick from for its attention maps. */
export const PICKABLE_EXAMPLES = 8;

export interface SequenceWorkerApi {
  listen(listener: SequenceWorkerListener): void;
  /**
   * Starts run number `run` (the page numbers its runs) of the given lanes, ending any current one;
   * `paused` loads the lanes without training, for Step.
   */
  start(configs: SequenceConfig[], exampleIndex: number, run: number, paused?: boolean): Promise<void>;
  /** Stops training; the lanes keep their weights so their attention maps stay explorable. */
  stop(): Promise<void>;
  /** Holds training after the epoch in progress; resolves once it is held. */
  pause(): Promise<void>;
  /** Carries on from where pause held it. */
  resume(): Promise<void>;
  /** Pauses, then trains one epoch of every lane still running. */
  step(): Promise<void>;
  /** About this many epochs a second (each lane), from now on; null trains as fast as possible. */
  setPace(epochsPerSecond: number | null): void;
  /** Chooses the example whose attention maps are shown; sends them at once. */
  setExample(index: number): Promise<void>;
  dispose(): void;
}

let listener: SequenceWorkerListener | null = null;
let trainers: SequenceTrainer[] = [];
let histories: SequenceEpochMetrics[][] = [];
let runNumber = 0;
let exampleIndex = 0;
let stopRequested = false;
/** Held by pause (or a paused start); the lanes keep running state for resume and step. */
let paused = false;
let loop: Promise<void> = Promise.resolve();
let training = false;
let pace: number | null = null;
let roundDue = 0;
/** Ends a wait for the next slot early (pause, stop, a new pace). */
const paceWait = new PaceWait();

const emit = (event: SequenceWorkerEvent) => listener?.(event);

function exampleFor(trainer: SequenceTrainer): SequenceExample {
  const examples = trainer.dataset.validation;
  return examples[Math.min(exampleIndex, examples.length - 1)]!;
}

async function sendAttention(run: number) {
  for (const [lane, trainer] of trainers.entries()) {
    if (run !== runNumber) return;
    emit({ type: 'attention', run, lane, maps: await trainer.attentionFor(exampleFor(trainer)) });
  }
}

// Yields to the worker's event loop between epochs so stop and setExample get through.
const yieldToEvents = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** One epoch of every lane still running, then the chosen example's maps. */
async function trainRound(run: number) {
  for (const [lane, trainer] of trainers.entries()) {
    if (run !== runNumber || stopRequested) break;
    const metrics = await trainer.trainEpoch();
    if (!metrics) continue;
    histories[lane]!.push(metrics);
    emit({ type: 'epoch', run, lane, metrics });
    if (!trainer.running) emit({ type: 'done', run, lane, summary: trainer.summary(histories[lane]!) });
  }
  await sendAttention(run);
}

function cancelRunning(run: number) {
  for (const [lane, trainer] of trainers.entries()) {
    if (!trainer.running) continue;
    trainer.cancel();
    emit({ type: 'done', run, lane, summary: trainer.summary(histories[lane]!) });
  }
}

async function train(run: number) {
  training = true;
  roundDue = performance.now();
  try {
    while (run === runNumber && !stopRequested && !paused && trainers.some((t) => t.running)) {
      // At a set pace each round (one epoch of every lane) waits for its slot.
      if (pace !== null && roundDue > performance.now()) {
        await paceWait.sleep(roundDue - performance.now());
        continue;
      }
      await trainRound(run);
      if (pace !== null) roundDue = nextSlot(roundDue, performance.now(), pace);
      await yieldToEvents();
    }
    if (run === runNumber && stopRequested) cancelRunning(run);
  } catch (error) {
    emit({ type: 'error', run, message: error instanceof Error ? error.message : String(error) });
  } finally {
    training = false;
  }
}

async function pause(): Promise<void> {
  paused = true;
  paceWait.wakeUp();
  await loop;
}

function disposeTrainers() {
  for (const trainer of trainers) trainer.dispose();
  trainers = [];
  histories = [];
}

const api: SequenceWorkerApi = {
  listen(next) {
    listener = next;
  },
  async start(configs, index, run, startPaused = false) {
    runNumber = run;
    stopRequested = true;
    paceWait.wakeUp();
    await loop;
    await backendReady;
    if (run !== runNumber) return; // a newer start arrived meanwhile
    stopRequested = false;
    paused = startPaused;
    exampleIndex = index;
    disposeTrainers();
    try {
      trainers = configs.map((config) => new SequenceTrainer(config));
    } catch (error) {
      disposeTrainers();
      emit({ type: 'error', run, message: error instanceof Error ? error.message : String(error) });
      return;
    }
    histories = trainers.map(() => []);
    emit({ type: 'examples', run, examples: trainers[0]!.dataset.validation.slice(0, PICKABLE_EXAMPLES) });
    loop = paused ? Promise.resolve() : train(run);
  },
  async stop() {
    stopRequested = true;
    paceWait.wakeUp();
    await loop;
    // A paused run has no loop to end it: its lanes end here, as cancelled.
    if (paused && !training) cancelRunning(runNumber);
  },
  pause,
  async resume() {
    if (!paused || stopRequested) return;
    paused = false;
    // A step's epoch may still be running: two loops must never train the same lanes at once.
    await loop;
    if (paused || stopRequested || training) return;
    if (trainers.some((t) => t.running)) loop = train(runNumber);
  },
  async step() {
    await pause();
    if (stopRequested || training || !trainers.some((t) => t.running)) return;
    const run = runNumber;
    training = true;
    const round = (async () => {
      try {
        await trainRound(run);
      } catch (error) {
        emit({ type: 'error', run, message: error instanceof Error ? error.message : String(error) });
      } finally {
        training = false;
      }
    })();
    // Start, stop and the next pause wait for this epoch as they wait for the loop.
    loop = round;
    await round;
  },
  setPace(epochsPerSecond) {
    const next = epochsPerSecond !== null && epochsPerSecond > 0 ? epochsPerSecond : null;
    if (next === pace) return;
    pace = next;
    roundDue = performance.now();
    paceWait.wakeUp();
  },
  async setExample(index) {
    exampleIndex = index;
    // While training, the next epoch sends the new example's maps; reading the trainers' tensors
    // now could race an epoch that replaces them.
    if (training || trainers.length === 0) return;
    await sendAttention(runNumber);
  },
  dispose() {
    stopRequested = true;
    paceWait.wakeUp();
    runNumber = -1;
    void loop.then(disposeTrainers);
  },
};

Comlink.expose(api);
