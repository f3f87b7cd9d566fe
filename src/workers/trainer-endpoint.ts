/**
 * The training loop, off the main thread. It drives one PopulationTrainer (one member for the
 * playground, K for comparison lanes and tuner trials) and streams its metrics and decision
 * boundaries back in batches, so the page renders and never trains.
 *
 * Importing it does nothing: the build puts this module in one chunk with everything it imports
 * (vite.config.ts), and the tuner and sequence endpoints import their shared code from that chunk.
 * Work at load time here (starting the wasm backend, answering the page) would run in their
 * workers too; `serveTrainer`, called by trainer.worker.ts, starts it.
 */
import * as Comlink from 'comlink';
import { chanceLoss, PopulationTrainer } from '../core/train/population';
import { featurize, FEATURE_LABELS, gridPoints } from '../core/data/features';
import { nextSlot } from '../core/train/pace';
import { RunDiagnosis } from '../core/train/diagnosis';
import { summarize } from '../core/train/run';
import { weightValues } from '../core/lessons/weights';
import type { EpochMetrics, RunStatus } from '../core/train/metrics';
import type { ExperimentConfig } from '../core/config/parameters';
import { evenlySpaced } from '../core/landscape/plane';
import { prepareBackend } from './backend';
import { nodeBehaviour } from '../core/netview/view';
import { projectionInputs } from '../core/userdata/projection';
import type {
  BoundaryOptions,
  DatasetView,
  HotChange,
  LoadOptions,
  NetworkViewOptions,
  TrainerApi,
  TrainerEvent,
  TrainerListener,
} from './protocol';
import { PaceWait } from './pace-wait';
import { warmUp } from './warm-up';
import { writeFirstEpoch } from './first-epoch-slot';

// The landscape and the learning-rate finder load when first asked for (inside `exclusive`, so
// the questions keep their order): they are 3.5 KiB gzip of the trainer's chunk that a shared
// link's first epoch waited for and does not use.
const landscapeCode = () => import('../core/landscape');

// wasm (cpu if it cannot start), never webgl: at these sizes each op is fixed overhead, and
// headless/GPU-less webgl is SwiftShader, ~15× slower.
let backend: Promise<unknown> | null = null;
const backendReady = () => (backend ??= prepareBackend());

/** Metrics batches at most this often: a few dozen messages a second keeps the page's work small. */
const METRICS_INTERVAL_MS = 40;
const DEFAULT_BOUNDARY: BoundaryOptions = { resolution: 48, members: [0], perSecond: 10 };

interface Run {
  number: number;
  trainer: PopulationTrainer;
  /** What the run was built from, for its twin (see trainAhead). */
  configs: ExperimentConfig[];
  /**
   * The run's first epoch, trained ahead on a twin while the page waits for Play; the first epoch
   * the run trains takes it instead of training (see trainAhead).
   */
  ahead: { trainer: PopulationTrainer; metrics: (EpochMetrics | null)[] } | null;
  /**
   * Every change made to the run's trainer before its first epoch (hot settings, edited weights),
   * to make on a twin in the same order. Null once the run has trained, or after a change a twin
   * does not repeat: then nothing is trained ahead.
   */
  changesBeforeFirstEpoch: ((trainer: PopulationTrainer) => unknown)[] | null;
  /** The `update` and `editParameter` calls this run has taken (see the `ahead` event). */
  changeCalls: number;
  histories: EpochMetrics[][];
  /** The featurized grid, built once per run (features cannot change without a new run). */
  grid: Float32Array | null;
  gridResolution: number;
  /** One detector per member: what is going wrong, said before the run diverges. */
  diagnoses: RunDiagnosis[];
  /**
   * Each member's weights before every epoch, for the landscape's path: one read-back of P floats
   * per member and epoch, small beside the epoch's own work. Null for populations too large to keep.
   */
  trajectories: Float32Array[][] | null;
  /** The network view's inputs: its grid's cells, then every example of the data (built once per resolution). */
  viewInputs: { resolution: number; cells: number; rows: number; values: Float32Array } | null;
  /** Each drawn member's units on the data, as last measured, and when. */
  viewStats: Map<number, { mean: Float32Array; dead: Uint8Array }>;
  viewStatsAt: number;
  /**
   * Settles once the page has taken the run's first epoch (the playground's listener settles in
   * the frame that shows it); null until that epoch is sent, and once the loop has waited for it.
   */
  firstEpochShown: Promise<unknown> | null;
}

/**
 * How long the loop waits, after the first epoch of a run, for the page to show it before training
 * the second: a page in a background tab draws no frames, and must not hold training back.
 */
const FIRST_EPOCH_SHOWN_WAIT_MS = 250;

/**
 * The units' behaviour on the data changes slowly beside the heatmaps: measured twice a second,
 * the view's forward pass is over the grid alone in between (half the rows on the spiral).
 */
const VIEW_STATS_INTERVAL_MS = 500;

/** Trajectories are kept for populations up to this size (the playground's one network, compare's lanes). */
const TRAJECTORY_MEMBERS = 4;
/** Past this many snapshots a trajectory keeps every other one: the path's shape, in bounded memory. */
const TRAJECTORY_LIMIT = 1000;

async function recordTrajectories(run: Run): Promise<void> {
  if (!run.trajectories) return;
  for (const [member, trajectory] of run.trajectories.entries()) {
    const state = run.trainer.members[member]!;
    // A paused member does not move this epoch: a snapshot would repeat its last one.
    if (state.status !== 'running' || state.paused) continue;
    trajectory.push(await run.trainer.parametersOf(member));
    if (trajectory.length > TRAJECTORY_LIMIT) {
      const thinned = trajectory.filter((_, i) => i % 2 === 0);
      trajectory.splice(0, trajectory.length, ...thinned);
    }
  }
}

/** Snapshots a path keeps when it leaves the worker: the drawing needs no more. */
const PATH_SNAPSHOTS = 200;

/**
 * Evaluates on a trainer of `config`'s data and network that trains nothing: a lane's finished
 * path is drawn after its own worker has gone, on whichever worker is free.
 */
async function withThrowawayTrainer<T>(
  config: ExperimentConfig,
  task: (trainer: PopulationTrainer) => Promise<T>,
): Promise<T> {
  const trainer = new PopulationTrainer([config]);
  try {
    return await task(trainer);
  } finally {
    trainer.dispose();
  }
}

let listener: TrainerListener | null = null;
/** Where the page reads the run's first epoch trained ahead without waiting for its message. */
let firstEpochSlot: SharedArrayBuffer | null = null;
let current: Run | null = null;
let runCounter = 0;
/** Whether the page has asked for a run yet: the warm-up (warm-up.ts) stops once it has. */
let loadAsked = false;
let boundary: BoundaryOptions | null = DEFAULT_BOUNDARY;
let playing = false;
/**
 * A `play` that came while the loop was winding down (every member paused or ended, the last
 * boundary on its way): the loop starts again instead of dropping it.
 */
let playAgain = false;
let loop: Promise<void> | null = null;
let pendingMetrics: { member: number; metrics: EpochMetrics }[] = [];
let lastFlush = 0;
let lastBoundary = 0;
let networkView: NetworkViewOptions | null = null;
let lastNetwork = 0;
/**
 * Network views sent that the page has not taken yet. Once this many wait for a busy main thread,
 * the training loop computes no further view until the page takes one: the page paints only the
 * latest, so each view queued behind them would cost the worker a forward pass and the page a
 * message for nothing. A responsive page takes each long before the next is due: the full rate.
 */
let networkUntaken = 0;
const NETWORK_VIEWS_WAITING = 2;
/** Epochs a second, or null for as fast as possible. */
let pace: number | null = null;
let epochDue = 0;
/** Ends a wait for the next slot early (pause, stop, a new pace). */
const paceWait = new PaceWait();

/** Sends an event to the page; settles once the page's listener has taken it. */
function emit(event: TrainerEvent, transfer: Transferable[] = []): Promise<unknown> {
  if (!listener) return Promise.resolve();
  return Promise.resolve(listener(transfer.length > 0 ? Comlink.transfer(event, transfer) : event)).catch(
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
let yieldChannel: MessageChannel | null = null;
const yieldWaiters: (() => void)[] = [];
function yieldToEventLoop(): Promise<void> {
  if (!yieldChannel) {
    yieldChannel = new MessageChannel();
    yieldChannel.port1.onmessage = () => yieldWaiters.shift()?.();
  }
  const channel = yieldChannel;
  return new Promise((resolve) => {
    yieldWaiters.push(resolve);
    channel.port2.postMessage(null);
  });
}

const now = () => performance.now();

function flushMetrics(run: Run): void {
  if (pendingMetrics.length === 0) return;
  const first = run.histories.every((history) => history.length <= 1);
  const taken = emit({ type: 'metrics', run: run.number, epochs: pendingMetrics });
  if (first) run.firstEpochShown = taken;
  pendingMetrics = [];
  lastFlush = now();
}

/** The featurized grid over the plane at a resolution. */
function planeInputs(trainer: PopulationTrainer, resolution: number): Float32Array {
  const columns = trainer.dataset.columns;
  // A file dataset with a plane (a CSV of 2+ features) draws its first two features, the rest at their means.
  return columns
    ? projectionInputs(gridPoints(resolution), columns.width, [0, 1])
    : featurize(gridPoints(resolution), trainer.members[0]!.config.features);
}

async function sendBoundaries(run: Run): Promise<void> {
  const trainer = run.trainer;
  if (!boundary || trainer.dataset.points.length === 0) return;
  lastBoundary = now();
  if (!run.grid || run.gridResolution !== boundary.resolution) {
    run.grid = planeInputs(trainer, boundary.resolution);
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

/**
 * Each drawn member's every neuron over the grid and the data, as one forward pass per member (the
 * grid's cells and the examples stacked in one batch); the data rows become each unit's mean and
 * dead mark here, so only the grid and a few numbers per unit cross to the page.
 */
async function sendNetworkViews(run: Run, fresh = true): Promise<void> {
  const trainer = run.trainer;
  if (!networkView) return;
  lastNetwork = now();
  const plane = trainer.dataset.points.length > 0;
  const resolution = plane ? networkView.resolution : 0;
  if (!run.viewInputs || run.viewInputs.resolution !== resolution) {
    const grid = plane ? planeInputs(trainer, resolution) : new Float32Array(0);
    const examples =
      trainer.dataset.columns?.values ??
      featurize(trainer.dataset.points, trainer.members[0]!.config.features);
    const values = new Float32Array(grid.length + examples.length);
    values.set(grid);
    values.set(examples, grid.length);
    const width = trainer.inputWidth;
    run.viewInputs = { resolution, cells: grid.length / width, rows: examples.length / width, values };
  }
  const { cells, rows, values: inputs } = run.viewInputs;
  const withData = fresh || cells === 0 || lastNetwork - run.viewStatsAt >= VIEW_STATS_INTERVAL_MS;
  if (withData) run.viewStatsAt = lastNetwork;
  const batch = withData ? inputs : inputs.subarray(0, cells * trainer.inputWidth);
  const sizes = trainer.layout.sizes;
  const nodes = sizes.reduce((a, b) => a + b, 0);
  const dataset = trainer.dataset;
  const inputNames =
    dataset.columns?.names ?? trainer.members[0]!.config.features.map((feature) => FEATURE_LABELS[feature]);
  let outputRange: [number, number] | null = null;
  if (dataset.task === 'regression') {
    outputRange = [Infinity, -Infinity];
    for (const v of dataset.labels) outputRange = [Math.min(outputRange[0], v), Math.max(outputRange[1], v)];
  }
  for (const member of networkView.members) {
    if (member >= trainer.size) continue;
    const state = trainer.members[member]!;
    const all = await trainer.activationsOf(member, batch);
    const parameters = (await trainer.parametersOf(member)).slice();
    if (run !== current) return;
    // Between the twice-a-second passes with the data, the batch is the grid alone: sent as it is.
    const grid = withData ? all.slice(0, cells * nodes) : all;
    if (withData || !run.viewStats.has(member))
      run.viewStats.set(
        member,
        nodeBehaviour(all.subarray(cells * nodes), withData ? rows : 0, sizes, state.config.activation),
      );
    const stats = run.viewStats.get(member)!;
    // Copies: the buffers are transferred, and the stats serve the next refreshes too.
    const mean = stats.mean.slice();
    const dead = stats.dead.slice();
    networkUntaken += 1;
    void emit(
      {
        type: 'network',
        run: run.number,
        member,
        snapshot: {
          epoch: state.epoch,
          sizes,
          activation: state.config.activation,
          task: dataset.task,
          inputNames,
          outputRange,
          resolution,
          grid,
          parameters,
          mean,
          dead,
        },
      },
      [grid.buffer, parameters.buffer, mean.buffer, dead.buffer],
    ).then(() => {
      networkUntaken = Math.max(0, networkUntaken - 1);
    });
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

/**
 * Waits, once per run, until the page has its first epoch on screen (FIRST_EPOCH_SHOWN_WAIT_MS at
 * most): the pictures of that epoch and the second epoch come after it. Drawn or trained at once,
 * they took a core of a 2-core machine while the page still had to render and paint the first
 * epoch. For the second epoch that cost 100-200 ms (bench:first-epoch, docs/benchmarks.md). The
 * pictures are forward passes over the grid, 30-40 ms in a trace in which the page took the
 * epoch's message 30-45 ms after it was sent; waiting for them too measured within the bench's
 * noise (Play -> first epoch 82 against 86 ms, 15 visits each), and is kept for the same reason.
 */
async function firstEpochOnScreen(run: Run): Promise<void> {
  const shown = run.firstEpochShown;
  if (!shown) return;
  run.firstEpochShown = null;
  await Promise.race([shown, new Promise((resolve) => setTimeout(resolve, FIRST_EPOCH_SHOWN_WAIT_MS))]);
}

async function trainOneEpoch(run: Run, forceReport: boolean): Promise<void> {
  if (run !== current || !run.trainer.training) return;
  const before = run.trainer.members.map((m) => m.status);
  await recordTrajectories(run);
  let metrics: (EpochMetrics | null)[];
  if (run.ahead) {
    // The twin is this trainer one epoch on: from here it is the run's trainer.
    const { trainer, metrics: held } = run.ahead;
    run.ahead = null;
    run.trainer.dispose();
    run.trainer = trainer;
    metrics = held;
  } else metrics = await run.trainer.trainEpoch();
  run.changesBeforeFirstEpoch = null;
  if (run.histories[0]?.length === 0) performance.mark('tunelab:epoch-trained');
  const diagnosed: TrainerEvent[] = [];
  metrics.forEach((m, member) => {
    if (!m) return;
    run.histories[member]!.push(m);
    pendingMetrics.push({ member, metrics: m });
    const diagnosis = run.diagnoses[member]!.observe(m);
    if (diagnosis !== undefined) diagnosed.push({ type: 'diagnosis', run: run.number, member, diagnosis });
  });
  const ended = run.trainer.members.some((m, k) => before[k] === 'running' && m.status !== 'running');
  const time = now();
  // At a set pace every epoch is worth showing as it happens, and there are at most 30 a second.
  if (
    forceReport ||
    ended ||
    pace !== null ||
    diagnosed.length > 0 ||
    time - lastFlush >= METRICS_INTERVAL_MS
  )
    flushMetrics(run);
  for (const event of diagnosed) emit(event);
  reportEnded(run, before);
  await firstEpochOnScreen(run);
  if (boundary && (forceReport || ended || time - lastBoundary >= 1000 / boundary.perSecond))
    await sendBoundaries(run);
  if (
    networkView &&
    (forceReport ||
      ended ||
      (networkUntaken < NETWORK_VIEWS_WAITING && time - lastNetwork >= 1000 / networkView.perSecond))
  )
    await sendNetworkViews(run, forceReport || ended);
}

async function runLoop(run: Run): Promise<void> {
  emit({ type: 'activity', run: run.number, training: true });
  try {
    epochDue = now();
    while (playing && run === current && run.trainer.training) {
      playAgain = false;
      if (pace !== null && epochDue > now()) {
        await paceWait.sleep(epochDue - now());
        // A new pace re-plans the slot; pause and a new run end the loop.
        continue;
      }
      await exclusive(() => trainOneEpoch(run, false));
      if (pace !== null) epochDue = nextSlot(epochDue, now(), pace);
      await yieldToEventLoop();
    }
    if (run === current) {
      flushMetrics(run);
      await exclusive(async () => {
        if (run !== current) return;
        await sendBoundaries(run);
        await sendNetworkViews(run);
      });
    }
  } catch (error) {
    emit({ type: 'error', run: run.number, message: error instanceof Error ? error.message : String(error) });
  } finally {
    playing = false;
    const again = playAgain && run === current && run.trainer.training;
    playAgain = false;
    if (again) api.play();
    else if (run === current) emit({ type: 'activity', run: run.number, training: false });
  }
}

/**
 * Trains the run's first epoch while the page waits for Play, so that Play shows it at once and the
 * loop goes on with epoch 2. It trains a twin of the run's trainer: built from the same configs and
 * dataset, with the same changes made in the same order, it holds the same parameters and the same
 * shuffle and dropout streams, so its epoch is the one the run would train (same numbers, to the
 * digit). Until that epoch is shown the run's own trainer stays at epoch 0, so everything the page
 * asks meanwhile (predictions, weights, the landscape) is about what it shows. The twin also pays
 * for setting up each kernel on a fresh wasm backend, off the path from Play to the first epoch.
 */
async function trainAhead(number: number): Promise<void> {
  const run = current;
  // A newer load on its way makes this run stale: its twin would only delay the new one.
  if (!run || run.number !== number || number !== runCounter || playing || run.ahead) return;
  if (!run.changesBeforeFirstEpoch) return;
  if (!run.trainer.training || run.trainer.members.some((m) => m.epoch > 0)) return;
  const changes = run.changeCalls;
  const twin = new PopulationTrainer(run.configs, run.trainer.dataset);
  let metrics: (EpochMetrics | null)[];
  try {
    for (const change of run.changesBeforeFirstEpoch) await change(twin);
    metrics = await twin.trainEpoch();
    run.ahead = { trainer: twin, metrics };
  } catch {
    // Nothing is lost: the run trains its first epoch after Play, and reports there what failed.
    twin.dispose();
    run.changesBeforeFirstEpoch = null;
    return;
  }
  // The page shows member 0's, the playground's one network.
  if (firstEpochSlot && metrics[0])
    writeFirstEpoch(firstEpochSlot, { run: run.number, changes, metrics: metrics[0] });
  performance.mark('tunelab:epoch-ahead');
  const epochs = metrics.flatMap((m, member) => (m ? [{ member, metrics: m }] : []));
  emit({ type: 'ahead', run: run.number, epochs, changes });
}

/**
 * Changes the run's trainer before its first epoch: a twin trained ahead no longer matches it, so it
 * is dropped, and (when the change can be made on a twin too) a new one is trained.
 */
function changeBeforeFirstEpoch(run: Run, change: ((trainer: PopulationTrainer) => unknown) | null): void {
  if (!run.changesBeforeFirstEpoch) return;
  if (run.ahead) {
    run.ahead.trainer.dispose();
    run.ahead = null;
    if (firstEpochSlot) writeFirstEpoch(firstEpochSlot, null);
    // The page must not show the dropped epoch at the next Play.
    emit({ type: 'ahead', run: run.number, epochs: null, changes: run.changeCalls });
  }
  if (!change) {
    run.changesBeforeFirstEpoch = null;
    return;
  }
  run.changesBeforeFirstEpoch.push(change);
  if (!playing) void exclusive(() => trainAhead(run.number));
}

function disposeRun(run: Run | null): void {
  run?.trainer.dispose();
  run?.ahead?.trainer.dispose();
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
  paceWait.wakeUp();
  playAgain = false;
  await loop;
}

const api: TrainerApi = {
  listen(next) {
    listener = next;
    networkUntaken = 0;
  },

  shareFirstEpochSlot(slot) {
    firstEpochSlot = slot;
  },

  async load(configs: ExperimentConfig[], options: LoadOptions = {}) {
    loadAsked = true;
    await pause();
    await backendReady();
    const number = ++runCounter;
    if (options.boundary !== undefined) boundary = options.boundary;
    networkView = options.network ?? null;
    await exclusive(async () => {
      disposeRun(current);
      current = null;
      if (firstEpochSlot) writeFirstEpoch(firstEpochSlot, null);
      pendingMetrics = [];
      const trainer = new PopulationTrainer(configs, options.dataset);
      const context = {
        guessLoss: chanceLoss(trainer.dataset),
        chanceAccuracy: trainer.dataset.task === 'classification' ? 1 / trainer.dataset.classes : null,
      };
      current = {
        number,
        trainer,
        configs,
        ahead: null,
        changesBeforeFirstEpoch: [],
        changeCalls: 0,
        histories: configs.map(() => []),
        grid: null,
        gridResolution: 0,
        trajectories: configs.length <= TRAJECTORY_MEMBERS ? configs.map(() => []) : null,
        diagnoses: configs.map((config) => new RunDiagnosis(config, context)),
        viewInputs: null,
        viewStats: new Map(),
        viewStatsAt: 0,
        firstEpochShown: null,
      };
      performance.mark('tunelab:run-built');
      emit({
        type: 'loaded',
        run: number,
        dataset: datasetView(trainer),
        stepsPerEpoch: trainer.stepsPerEpoch,
        batchSize: trainer.batchSize,
      });
    });
    if (options.play) api.play();
    else void exclusive(() => trainAhead(number));
    // The untrained network's picture and view come after the epoch trained ahead, not before it: a
    // Play pressed meanwhile shows that epoch without first waiting for a forward pass over the
    // grid per picture (the first ones on a fresh backend, 180 ms in a trace of a shared link).
    // A run already playing draws them after each epoch. The epoch ahead is one unbroken run of
    // microtasks (330 ms in a trace of a shared link on 2 cores), so a Play the page sent meanwhile
    // is still waiting in the worker's task queue. Yielding lets it in first; otherwise the
    // pictures would run before it (80 ms more between Play and the first epoch in that trace). A
    // newer load let in the same way makes these pictures stale.
    void exclusive(async () => {
      await yieldToEventLoop();
      const run = current;
      if (!run || run.number !== number || number !== runCounter || playing) return;
      await sendBoundaries(run);
      await sendNetworkViews(run);
    });
    return number;
  },

  play() {
    performance.mark('tunelab:play-received');
    if (playing) playAgain = true;
    if (!current || playing || !current.trainer.training) return;
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
      run.changeCalls += 1;
      const state = run.trainer.members[member];
      const before = state?.status;
      const previous = state?.config;
      const applied = run.trainer.update(member, changes);
      if (!applied || !state || !previous) return applied;
      const changed: HotChange[] = (Object.keys(changes) as (keyof ExperimentConfig)[])
        .filter((key) => JSON.stringify(previous[key]) !== JSON.stringify(state.config[key]))
        .map((key) => ({ key, from: previous[key], to: state.config[key] }) as HotChange);
      if (changed.length > 0) {
        changeBeforeFirstEpoch(run, (twin) => twin.update(member, changes));
        emit({ type: 'changed', run: run.number, member, epoch: state.epoch, changes: changed });
      }
      if (run.diagnoses[member]!.settingsChanged(state.config))
        emit({ type: 'diagnosis', run: run.number, member, diagnosis: null });
      if (before !== 'running' && state.status === 'running') {
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
      changeBeforeFirstEpoch(run, null);
      flushMetrics(run);
      reportEnded(run, before);
    });
  },

  async setPaused(member, paused) {
    await exclusive(() => {
      const run = current;
      if (!run || member >= run.trainer.size) return;
      const state = run.trainer.members[member]!;
      run.trainer.setPaused(member, paused);
      changeBeforeFirstEpoch(run, (twin) => twin.setPaused(member, paused));
      if (!paused || state.status !== 'running') return;
      flushMetrics(run);
      emit({ type: 'paused', run: run.number, member, epoch: state.epoch });
    });
  },

  async weights(member) {
    return exclusive(async () => {
      const trainer = current?.trainer;
      if (!trainer || member >= trainer.size) return new Float32Array(0);
      const values = weightValues(await trainer.parametersOf(member), trainer.layout);
      return Comlink.transfer(values, [values.buffer]);
    });
  },

  setBoundary(options) {
    boundary = options;
  },

  async setNetworkView(options) {
    networkView = options;
    if (!options) return;
    await exclusive(async () => {
      if (current && !playing) await sendNetworkViews(current);
    });
  },

  async editParameter(member, index, value) {
    await pause();
    return exclusive(async () => {
      const run = current;
      if (run) run.changeCalls += 1;
      if (!run || member >= run.trainer.size) return false;
      const done = await run.trainer.setParameter(member, index, value);
      if (!done) return false;
      changeBeforeFirstEpoch(run, (twin) => twin.setParameter(member, index, value));
      await sendBoundaries(run);
      await sendNetworkViews(run);
      return true;
    });
  },

  setPace(epochsPerSecond) {
    const next = epochsPerSecond !== null && epochsPerSecond > 0 ? epochsPerSecond : null;
    if (next === pace) return;
    pace = next;
    // The next epoch follows the new pace from now, not from a slot planned at the old one.
    epochDue = now();
    paceWait.wakeUp();
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

  async landscape(member, options) {
    // A load waiting for the backend queues its run first: these questions are about that run.
    await backendReady();
    return exclusive(async () => {
      const run = current;
      if (!run || member >= run.trainer.size) return null;
      const { computeLandscape } = await landscapeCode();
      return computeLandscape(run.trainer, member, run.trajectories?.[member] ?? [], options);
    });
  },

  async trajectory(member) {
    await backendReady();
    return exclusive(async () => {
      const run = current;
      if (!run || member >= run.trainer.size) return [];
      const now = await run.trainer.parametersOf(member);
      // Copies: the buffers are transferred away, and the run keeps its own snapshots.
      const snapshots = evenlySpaced([...(run.trajectories?.[member] ?? []), now], PATH_SNAPSHOTS).map(
        (snapshot) => snapshot.slice(),
      );
      return Comlink.transfer(
        snapshots,
        snapshots.map((snapshot) => snapshot.buffer),
      );
    });
  },

  async laneLandscape(config, trajectory, options) {
    await backendReady();
    return exclusive(async () => {
      const { landscapeAround } = await landscapeCode();
      return withThrowawayTrainer(config, (trainer) => landscapeAround(trainer, trajectory, options));
    });
  },

  async sharedLandscape(config, trajectories, options) {
    await backendReady();
    return exclusive(async () => {
      const { computeSharedLandscape } = await landscapeCode();
      return withThrowawayTrainer(config, (trainer) =>
        computeSharedLandscape(trainer, trajectories, options),
      );
    });
  },

  async findLearningRate(config) {
    await backendReady();
    return exclusive(async () => {
      const run = current;
      if (!run) return null;
      const { findLearningRate } = await landscapeCode();
      // The run's own dataset: a file dataset, or the generated one, is not built again.
      return findLearningRate(config, { dataset: run.trainer.dataset });
    });
  },

  async dispose() {
    await pause();
    await exclusive(() => {
      disposeRun(current);
      current = null;
    });
  },
};

/** Starts the backend and answers the page: the trainer worker's one line (trainer.worker.ts). */
export function serveTrainer(): void {
  void backendReady()
    .then(() => warmUp({ asked: () => loadAsked, exclusive, yieldToEventLoop }))
    .then((epochs) => performance.mark('tunelab:warm-up-ended', { detail: { epochs } }));
  Comlink.expose(api);
}
