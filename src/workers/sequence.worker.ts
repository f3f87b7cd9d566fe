/**
 * Sequence training off the main thread: one SequenceTrainer per lane, advanced an epoch at a time
 * across lanes, streaming metrics and the chosen example's attention maps back to the page.
 */
import * as Comlink from 'comlink';
import {
  nextSlot,
  SequenceTrainer,
  useBackend,
  type AttentionMaps,
  type RunSummary,
  type SequenceConfig,
  type SequenceEpochMetrics,
  type SequenceExample,
} from '../core';
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
  /** Starts run number `run` (the page numbers its runs) of the given lanes, ending any current one. */
  start(configs: SequenceConfig[], exampleIndex: number, run: number): Promise<void>;
  /** Stops training; the lanes keep their weights so their attention maps stay explorable. */
  stop(): void;
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

async function train(run: number) {
  training = true;
  roundDue = performance.now();
  try {
    while (run === runNumber && !stopRequested && trainers.some((t) => t.running)) {
      // At a set pace each round (one epoch of every lane) waits for its slot.
      if (pace !== null && roundDue > performance.now()) {
        await paceWait.sleep(roundDue - performance.now());
        continue;
      }
      for (const [lane, trainer] of trainers.entries()) {
        if (run !== runNumber || stopRequested) break;
        const metrics = await trainer.trainEpoch();
        if (!metrics) continue;
        histories[lane]!.push(metrics);
        emit({ type: 'epoch', run, lane, metrics });
        if (!trainer.running) emit({ type: 'done', run, lane, summary: trainer.summary(histories[lane]!) });
      }
      await sendAttention(run);
      if (pace !== null) roundDue = nextSlot(roundDue, performance.now(), pace);
      await yieldToEvents();
    }
    if (run === runNumber && stopRequested) {
      for (const [lane, trainer] of trainers.entries()) {
        if (!trainer.running) continue;
        trainer.cancel();
        emit({ type: 'done', run, lane, summary: trainer.summary(histories[lane]!) });
      }
    }
  } catch (error) {
    emit({ type: 'error', run, message: error instanceof Error ? error.message : String(error) });
  } finally {
    training = false;
  }
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
  async start(configs, index, run) {
    runNumber = run;
    stopRequested = true;
    paceWait.wakeUp();
    await loop;
    await backendReady;
    if (run !== runNumber) return; // a newer start arrived meanwhile
    stopRequested = false;
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
    loop = train(run);
  },
  stop() {
    stopRequested = true;
    paceWait.wakeUp();
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
