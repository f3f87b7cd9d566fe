/**
 * The training loop, off the main thread. It drives one PopulationTrainer (one member for the
 * playground, K for comparison lanes and tuner trials) and streams its metrics and decision
 * boundaries back in batches, so the page renders and never trains.
 */
import * as Comlink from 'comlink';
import {
  featurize,
  gridPoints,
  PopulationTrainer,
  summarize,
  type EpochMetrics,
  type ExperimentConfig,
  type RunStatus,
} from '../core';
import { prepareBackend } from './backend';
import { projectionInputs } from '../core/userdata/csv';
import type {
  BoundaryOptions,
  DatasetView,
  LoadOptions,
  TrainerApi,
  TrainerEvent,
  TrainerListener,
} from './protocol';

// wasm (cpu if it cannot start), never webgl: at these sizes each op is fixed overhead, and
// headless/GPU-less webgl is SwiftShader, ~15× slower.
const backendReady = prepareBackend();

/** Metrics batches at most this often: a few dozen messages a second keeps the page's work small. */
const METRICS_INTERVAL_MS = 40;
const DEFAULT_BOUNDARY: BoundaryOptions = { resolution: 48, members: [0], perSecond: 10 };

interface Run {
  number: number;
  trainer: PopulationTrainer;
  histories: EpochMetrics[][];
  /** The featurized grid, built once per run (features cannot change without a new run). */
  grid: Float32Array | null;
  gridResolution: number;
}

let listener: TrainerListener | null = null;
let current: Run | null = null;
let runCounter = 0;
let boundary: BoundaryOptions | null = DEFAULT_BOUNDARY;
let playing = false;
let loop: Promise<void> | null = null;
let pendingMetrics: { member: number; metrics: EpochMetrics }[] = [];
let lastFlush = 0;
let lastBoundary = 0;

function emit(event: TrainerEvent, transfer: Transferable[] = []): void {
  if (!listener) return;
  void Promise.resolve(listener(transfer.length > 0 ? Comlink.transfer(event, transfer) : event)).catch(
    () => undefined,
  );
}

// Every use of the trainer goes through this queue: an epoch awaits its read-back, and a load or
// step arriving meanwhile must not dispose or train the same tensors underneath it.
let queue: Promise<unknown> = Promise.resolve();
function exclusive<T>(task: () => Promise<T> | T): Promise<T> {
  const result = queue.then(task);
  queue = result.catch(() => undefined);
  return result;
}

// setTimeout(0) is clamped to 4 ms after a few nestings, which at ~60 epochs/s would cost a
// fifth of the time; a message to ourselves yields to the event loop (so pause, update and
// reset get through) without the clamp.
const yieldChannel = new MessageChannel();
const yieldWaiters: (() => void)[] = [];
yieldChannel.port1.onmessage = () => yieldWaiters.shift()?.();
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    yieldWaiters.push(resolve);
    yieldChannel.port2.postMessage(null);
  });
}

const now = () => performance.now();

function flushMetrics(run: Run): void {
  if (pendingMetrics.length === 0) return;
  emit({ type: 'metrics', run: run.number, epochs: pendingMetrics });
  pendingMetrics = [];
  lastFlush = now();
}

async function sendBoundaries(run: Run): Promise<void> {
  const trainer = run.trainer;
  if (!boundary || trainer.dataset.points.length === 0) return;
  lastBoundary = now();
  if (!run.grid || run.gridResolution !== boundary.resolution) {
    const columns = trainer.dataset.columns;
    // A file dataset with a plane (a CSV of 2+ features) draws its first two features, the rest at their means.
    run.grid = columns
      ? projectionInputs(gridPoints(boundary.resolution), columns.width, [0, 1])
      : featurize(gridPoints(boundary.resolution), trainer.members[0]!.config.features);
    run.gridResolution = boundary.resolution;
  }
  const outputs = trainer.dataset.task === 'classification' ? trainer.dataset.classes : 1;
  for (const member of boundary.members) {
    if (member >= trainer.size) continue;
    // A copy: the cpu backend may hand out its own storage, and we transfer this buffer away.
    const values = (await trainer.predict(member, run.grid)).slice();
    if (run !== current) return;
    emit(
      {
        type: 'boundary',
        run: run.number,
        member,
        epoch: trainer.members[member]!.epoch,
        resolution: run.gridResolution,
        outputs,
        values,
      },
      [values.buffer],
    );
  }
}

function reportEnded(run: Run, before: RunStatus[]): void {
  run.trainer.members.forEach((state, member) => {
    if (before[member] === 'running' && state.status !== 'running') {
      emit({
        type: 'ended',
        run: run.number,
        member,
        summary: summarize(state, run.histories[member]!, run.trainer.batchSize),
      });
    }
  });
}

async function trainOneEpoch(run: Run, forceReport: boolean): Promise<void> {
  if (run !== current || !run.trainer.running) return;
  const before = run.trainer.members.map((m) => m.status);
  const metrics = await run.trainer.trainEpoch();
  metrics.forEach((m, member) => {
    if (!m) return;
    run.histories[member]!.push(m);
    pendingMetrics.push({ member, metrics: m });
  });
  const ended = run.trainer.members.some((m, k) => before[k] === 'running' && m.status !== 'running');
  const time = now();
  if (forceReport || ended || time - lastFlush >= METRICS_INTERVAL_MS) flushMetrics(run);
  reportEnded(run, before);
  if (boundary && (forceReport || ended || time - lastBoundary >= 1000 / boundary.perSecond))
    await sendBoundaries(run);
}

async function runLoop(run: Run): Promise<void> {
  emit({ type: 'activity', run: run.number, training: true });
  try {
    while (playing && run === current && run.trainer.running) {
      await exclusive(() => trainOneEpoch(run, false));
      await yieldToEventLoop();
    }
    if (run === current) {
      flushMetrics(run);
      await exclusive(() => (run === current ? sendBoundaries(run) : undefined));
    }
  } catch (error) {
    emit({ type: 'error', run: run.number, message: error instanceof Error ? error.message : String(error) });
  } finally {
    playing = false;
    if (run === current) emit({ type: 'activity', run: run.number, training: false });
  }
}

function datasetView(trainer: PopulationTrainer): DatasetView {
  const d = trainer.dataset;
  return {
    task: d.task,
    classes: d.classes,
    points: d.points,
    labels: d.labels,
    trainIndices: d.trainIndices,
    validationIndices: d.validationIndices,
  };
}

async function pause(): Promise<void> {
  playing = false;
  await loop;
}

const api: TrainerApi = {
  listen(next) {
    listener = next;
  },

  async load(configs: ExperimentConfig[], options: LoadOptions = {}) {
    await pause();
    await backendReady;
    const number = ++runCounter;
    if (options.boundary !== undefined) boundary = options.boundary;
    await exclusive(async () => {
      current?.trainer.dispose();
      current = null;
      pendingMetrics = [];
      const trainer = new PopulationTrainer(configs, options.dataset);
      current = { number, trainer, histories: configs.map(() => []), grid: null, gridResolution: 0 };
      emit({
        type: 'loaded',
        run: number,
        dataset: datasetView(trainer),
        stepsPerEpoch: trainer.stepsPerEpoch,
        batchSize: trainer.batchSize,
      });
      await sendBoundaries(current);
    });
    if (options.play) api.play();
    return number;
  },

  play() {
    if (!current || playing || !current.trainer.running) return;
    playing = true;
    const run = current;
    loop = runLoop(run);
  },

  pause,

  async step() {
    await pause();
    const run = current;
    if (!run) return;
    await exclusive(() => trainOneEpoch(run, true));
  },

  async update(member, changes) {
    return exclusive(() => {
      const run = current;
      if (!run) return false;
      const before = run.trainer.members[member]?.status;
      const applied = run.trainer.update(member, changes);
      if (applied && before !== 'running' && run.trainer.members[member]!.status === 'running') {
        emit({ type: 'revived', run: run.number, member });
      }
      return applied;
    });
  },

  async cancel(member) {
    await exclusive(() => {
      const run = current;
      if (!run) return;
      const before = run.trainer.members.map((m) => m.status);
      run.trainer.cancel(member);
      flushMetrics(run);
      reportEnded(run, before);
    });
  },

  setBoundary(options) {
    boundary = options;
  },

  async predict(member, inputs) {
    return exclusive(async () => {
      const trainer = current?.trainer;
      if (!trainer || member >= trainer.size) return new Float32Array(0);
      const examples =
        inputs ??
        trainer.dataset.columns?.values ??
        featurize(trainer.dataset.points, trainer.members[0]!.config.features);
      const values = (await trainer.predict(member, examples)).slice();
      return Comlink.transfer(values, [values.buffer]);
    });
  },

  async dispose() {
    await pause();
    await exclusive(() => {
      current?.trainer.dispose();
      current = null;
    });
  },
};

Comlink.expose(api);
