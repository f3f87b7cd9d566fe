/**
 * Connects the playground's stores to its trainer worker: config changes become hot updates or
 * restarts, worker events become store updates. No React here; the page calls `startSession`
 * once and the buttons call the exported actions.
 */
import {
  isFileDataset,
  needsRestart,
  RESTART_KEYS,
  type ExperimentConfig,
} from '../../core/config/parameters';
import type { EpochMetrics } from '../../core/train/metrics';
import { fileDatasetLoader } from '../../store/file-datasets';
import { useExperiment } from '../../store/experiment';
import { epochsPerSecond } from '../../core/train/pace';
import { appendMetrics, clearMetrics, recordChange, useMetrics } from '../../store/metrics';
import { usePlane } from '../../store/plane';
import { initialRun, useRun } from '../../store/run';
import { useUi } from '../../store/ui';
import { useNetwork, useNetworkPanel } from '../../store/network';
import { settleThrottledStores, showThrottledStoreNow } from '../charts/useThrottledStore';
import { TrainerClient, type TrainerEvent, type TrainerListener } from '../../workers/trainer-client';

// The worker checks the clock after each epoch, so a refresh lands up to an epoch late; asking for
// 14 a second yields 10 or more, the page's floor (measured 9.3 asking 12).
const BOUNDARY = { resolution: 48, members: [0], perSecond: 14 };
/** Each neuron's heatmap: small pictures, refreshed as often as the boundary. */
const NETWORK_VIEW = { resolution: 24, members: [0], perSecond: 14 };

let createClient = (listener: TrainerListener): TrainerClient => new TrainerClient(listener);

/** Where the next session's worker comes from (tests hand in a fake one). */
export function setTrainerFactory(factory: (listener: TrainerListener) => TrainerClient): void {
  createClient = factory;
}

/** The playground's worker and its run bookkeeping. */
class Session {
  readonly client: TrainerClient;
  /** The config the worker's current run was built from (hot changes included). */
  runConfig: ExperimentConfig | null = null;
  latestRun = 0;
  loading: Promise<void> | null = null;
  reloadWanted = false;
  /**
   * The user's wish to train, which outlives reloads: Play pressed while a restart is on its way
   * must start the new run, not the one being replaced.
   */
  playRequested = false;
  /**
   * The first epoch the worker trained ahead, member 0's, while nothing has changed the run since:
   * Play shows it at once (showHeldEpoch). Dropped as soon as the page sends a change.
   */
  held: { run: number; metrics: EpochMetrics } | null = null;
  /** The held epoch Play showed, until the worker's own report of it arrives (then skipped). */
  shownAhead: { run: number; metrics: EpochMetrics } | null = null;
  /** The `update` and `editParameter` calls sent for the current run (see the `ahead` event). */
  changesSent = 0;

  constructor() {
    // What the listener returns, the worker awaits (Comlink answers once it settles).
    this.client = createClient((event) => (active === this ? handle(this, event) : undefined));
  }
}

let active: Session | null = null;

/**
 * Play pressed before the session started: the page commits its run bar a task or more before
 * its effects start the session (the page renders concurrently), and that click must not be lost.
 */
let playBeforeSession = false;

/**
 * Settles in the next animation frame, the one that paints what was just rendered; at once where no
 * frame comes (a hidden tab draws none; the worker stops waiting after a while anyway).
 */
function nextFrame(): Promise<void> {
  if (typeof requestAnimationFrame !== 'function') return Promise.resolve();
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

/** Takes one event from the worker; for the run's first epoch, settles once it is being painted. */
function handle(session: Session, event: TrainerEvent): Promise<void> | void {
  if (event.type === 'error') {
    session.playRequested = false;
    useRun.setState({ phase: 'failed', error: event.message });
    return;
  }
  if (event.run < session.latestRun) return;
  session.latestRun = event.run;
  switch (event.type) {
    case 'loaded':
      performance.mark('tunelab:run-loaded');
      session.held = null;
      session.shownAhead = null;
      session.changesSent = 0;
      clearMetrics();
      usePlane.setState({ dataset: event.dataset, boundary: null });
      useNetwork.setState({ snapshot: null, selected: null, weight: null, focus: null });
      useNetworkPanel.setState({ edits: 0 });
      useRun.setState({
        phase: 'ready',
        latest: null,
        first: null,
        summary: null,
        error: null,
        diagnosis: null,
        firstEpochHeld: false,
        stepsPerEpoch: event.stepsPerEpoch,
        batchSize: event.batchSize,
      });
      break;
    case 'metrics': {
      let mine: EpochMetrics[] = event.epochs.filter((e) => e.member === 0).map((e) => e.metrics);
      const shown = session.shownAhead?.run === event.run ? session.shownAhead.metrics : null;
      if (shown) {
        session.shownAhead = null;
        // The worker's report of the epoch Play already showed: the same numbers, skipped. Were
        // they ever different, the worker's are the run's, and they replace what was shown.
        if (mine[0] && sameMetrics(mine[0], shown)) mine = mine.slice(1);
        else {
          // The epochs only: the change markers made before Play stay on the chart.
          useMetrics.setState({ history: [] });
          useRun.setState({ latest: null, first: null });
        }
        // The worker trains the next epoch once the frame showing the first is under way.
        if (mine.length === 0) return nextFrame();
      }
      if (mine.length === 0) break;
      if (!useRun.getState().first) {
        showFirstEpoch(mine);
        return nextFrame();
      }
      appendMetrics(mine);
      useRun.setState({ latest: mine.at(-1)!, firstEpochHeld: false });
      break;
    }
    case 'ahead': {
      performance.mark('tunelab:ahead-received');
      // Already on screen, read from the memory the worker shares with the page before this event
      // was taken: nothing is held for Play any more.
      if (useRun.getState().first) break;
      const metrics = event.epochs?.find((e) => e.member === 0)?.metrics;
      // Trained before a change the page has sent since: not this run's first epoch any more.
      const current = metrics && event.changes === session.changesSent;
      session.held = current ? { run: event.run, metrics } : null;
      useRun.setState({ firstEpochHeld: session.held !== null });
      // Play pressed while the worker trained it: the worker's Play adopts this very epoch next,
      // and its report would come a message later (30-45 ms in traces of a press at once).
      if (session.playRequested) showHeldEpoch(session);
      break;
    }
    case 'boundary':
      if (event.member === 0)
        usePlane.setState({
          boundary: {
            epoch: event.epoch,
            resolution: event.resolution,
            outputs: event.outputs,
            values: event.values,
          },
        });
      break;
    case 'network':
      if (event.member === 0) useNetwork.setState({ snapshot: event.snapshot });
      break;
    case 'ended':
      if (event.member === 0) {
        session.playRequested = false;
        useRun.setState({ phase: 'ended', summary: event.summary });
        settleThrottledStores();
      }
      break;
    case 'changed':
      if (event.member === 0) recordChange({ epoch: event.epoch, changes: event.changes });
      break;
    case 'diagnosis':
      if (event.member === 0) useRun.setState({ diagnosis: event.diagnosis });
      break;
    case 'revived':
      if (event.member === 0) useRun.setState({ phase: 'paused', summary: null });
      break;
    case 'activity':
      if (event.training) useRun.setState({ phase: 'training' });
      else {
        if (useRun.getState().phase === 'training') useRun.setState({ phase: 'paused' });
        // Training stopped: what the charts show must be the last epoch now, not a throttle later.
        settleThrottledStores();
      }
      break;
  }
}

/** The page will not show the epoch the worker holds (it no longer is the run's first). */
function dropHeld(session: Session): void {
  session.held = null;
  if (useRun.getState().firstEpochHeld) useRun.setState({ firstEpochHeld: false });
}

/** Two reports of one epoch, field by field (the worker's structured clone of the same numbers). */
function sameMetrics(a: EpochMetrics, b: EpochMetrics): boolean {
  return (Object.keys(a) as (keyof EpochMetrics)[]).every((key) => Object.is(a[key], b[key]));
}

/**
 * A run's first epoch (and any that came with it) on screen in the next frame, not at the readout's
 * next throttled refresh: rendered before this returns.
 */
function showFirstEpoch(epochs: EpochMetrics[]): void {
  performance.mark('tunelab:first-metrics');
  appendMetrics(epochs);
  useRun.setState({ latest: epochs.at(-1)!, first: epochs[0]!, firstEpochHeld: false });
  showThrottledStoreNow(useRun);
}

/**
 * Play with the worker holding the run's first epoch: it is shown now, in the frame after the
 * press, instead of after a round trip to the worker, which came to 20-50 ms on a 2-core machine
 * with the page still settling (bench:first-epoch, docs/benchmarks.md). The worker's Play adopts
 * that very epoch (trainAhead in trainer-endpoint.ts), so the numbers are the run's, and its
 * report of it is skipped when it arrives. Nothing happens when there is none to show.
 */
function showHeldEpoch(session: Session): boolean {
  const held = session.held ?? sharedFirstEpoch(session);
  const run = useRun.getState();
  // Loaded and without an epoch yet: ready, paused before any epoch came (Play, then Pause at
  // once), or training towards its first (Play pressed before the worker held it).
  const loaded = run.phase === 'ready' || run.phase === 'paused' || run.phase === 'training';
  if (!held || held.run !== session.latestRun || !loaded || run.first) return false;
  session.held = null;
  session.shownAhead = held;
  useRun.setState({ phase: 'training' });
  showFirstEpoch([held.metrics]);
  return true;
}

/**
 * The epoch the worker trained ahead, read from the memory it shares with the page, while its
 * `ahead` event still waits in the page's task queue: on the same terms as that event (this run,
 * and no change sent since it was trained).
 */
function sharedFirstEpoch(session: Session): Session['held'] {
  const ahead = session.client.firstEpochAhead();
  if (!ahead || ahead.run !== session.latestRun || ahead.changes !== session.changesSent) return null;
  return { run: ahead.run, metrics: ahead.metrics };
}

/** How long a press waits, frame by frame, for the worker to hold the first epoch (see below). */
const SHARED_WAIT_FRAMES = 300;

/**
 * Play pressed before the worker held the first epoch: the page looks at the shared memory once a
 * frame until it is there, and shows it in that frame, not once its `ahead` event is taken. Stops
 * once the first epoch shows, by whichever way, or Play is no longer wanted.
 */
function watchSharedFirstEpoch(session: Session, frames = SHARED_WAIT_FRAMES): void {
  if (frames === 0 || !session.client.sharesFirstEpoch || typeof requestAnimationFrame !== 'function') return;
  requestAnimationFrame(() => {
    if (active !== session || !session.playRequested || useRun.getState().first) return;
    if (!showHeldEpoch(session)) watchSharedFirstEpoch(session, frames - 1);
  });
}

/** Builds a new run from the current experiment; overlapping requests collapse into one more load. */
function reload(session: Session): Promise<void> {
  if (session.loading) {
    session.reloadWanted = true;
    return session.loading;
  }
  session.loading = (async () => {
    do {
      session.reloadWanted = false;
      await loadOnce(session);
    } while (session.reloadWanted);
  })().finally(() => {
    session.loading = null;
  });
  return session.loading;
}

async function loadOnce(session: Session): Promise<void> {
  if (active !== session) return;
  const config = useExperiment.getState().config;
  session.runConfig = config;
  useRun.setState({ phase: 'loading' });
  try {
    let dataset;
    if (isFileDataset(config.dataset)) {
      const loader = fileDatasetLoader(config.dataset);
      if (!loader) throw new Error(`The ${config.dataset} dataset is not available on this page yet.`);
      dataset = await loader(config);
    }
    await session.client.load([config], {
      dataset,
      boundary: BOUNDARY,
      network: useNetworkPanel.getState().shown ? NETWORK_VIEW : null,
      play: session.playRequested,
    });
    // Play pressed while the worker was building the run.
    if (session.playRequested && !session.reloadWanted && active === session) {
      performance.mark('tunelab:play-sent');
      await session.client.play();
    }
  } catch (error) {
    session.playRequested = false;
    useRun.setState({ phase: 'failed', error: error instanceof Error ? error.message : String(error) });
  }
}

function changedKeys(a: ExperimentConfig, b: ExperimentConfig): (keyof ExperimentConfig)[] {
  return (Object.keys(b) as (keyof ExperimentConfig)[]).filter(
    (key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]),
  );
}

async function onConfigChange(session: Session, next: ExperimentConfig): Promise<void> {
  const previous = session.runConfig;
  if (active !== session || !previous || previous === next) return;
  // Whatever the change does to the run, the epoch trained ahead is no longer its first.
  dropHeld(session);
  const run = useRun.getState();
  if (needsRestart(previous, next) || run.phase === 'failed' || run.phase === 'loading') {
    const started = run.latest !== null;
    const restartKeys = changedKeys(previous, next).filter((key) => RESTART_KEYS.includes(key));
    useRun.setState({ restartedFor: started ? restartKeys : null });
    await reload(session);
    return;
  }
  const changes: Partial<ExperimentConfig> = {};
  for (const key of changedKeys(previous, next)) Object.assign(changes, { [key]: next[key] });
  session.runConfig = next;
  session.changesSent += 1;
  const applied = await session.client.update(0, changes);
  if (!applied) await reload(session);
}

/**
 * Starts the worker and follows the experiment store, once: the session outlives the page, so a
 * visit to another page and back finds the run where it was. Leaving pauses it, so a run in the
 * background does not take the cores another page's lanes need. Returns the leave function.
 */
export function startSession(): () => void {
  if (!active) {
    performance.mark('tunelab:session-start');
    const session = new Session();
    active = session;
    session.playRequested = playBeforeSession;
    playBeforeSession = false;
    useRun.setState(initialRun());
    void session.client.setPace(epochsPerSecond(useUi.getState().pace));
    void reload(session);
    useExperiment.subscribe((state, previous) => {
      if (state.config !== previous.config) void onConfigChange(session, state.config);
    });
    useUi.subscribe((state, previous) => {
      if (state.pace !== previous.pace && active === session)
        void session.client.setPace(epochsPerSecond(state.pace));
    });
    useNetworkPanel.subscribe((state, previous) => {
      if (state.shown !== previous.shown && active === session)
        void session.client.setNetworkView(state.shown ? NETWORK_VIEW : null);
    });
  }
  return () => pause();
}

export function play(): void {
  performance.mark('tunelab:play');
  if (!active) {
    playBeforeSession = true;
    return;
  }
  const phase = useRun.getState().phase;
  useRun.setState({ restartedFor: null });
  active.playRequested = true;
  if (phase === 'ended' || phase === 'failed') void reload(active);
  else if (phase !== 'loading') {
    if (!showHeldEpoch(active)) watchSharedFirstEpoch(active);
    performance.mark('tunelab:play-sent');
    void active.client.play();
  }
}

export function pause(): void {
  playBeforeSession = false;
  if (!active) return;
  active.playRequested = false;
  void active.client.pause();
}

export function step(): void {
  // Step trains (adopts) that epoch in the worker and reports it the usual way.
  if (active) dropHeld(active);
  void active?.client.step().then(settleThrottledStores);
}

export function reset(): void {
  if (!active) return;
  active.playRequested = false;
  useRun.setState({ restartedFor: null });
  void reload(active);
}

/**
 * Sets one parameter of the network (a weight or bias typed by hand) in the worker, which pauses,
 * applies it and sends the new boundary and view. The next epoch trains from the edit.
 */
export async function editParameter(index: number, value: number): Promise<boolean> {
  if (!active) return false;
  active.playRequested = false;
  dropHeld(active);
  active.changesSent += 1;
  const done = await active.client.editParameter(0, index, value);
  if (done) useNetworkPanel.setState((s) => ({ edits: s.edits + 1 }));
  return done;
}

/** The current run's outputs for every example of its dataset (for the grid of misclassified digits); null without a run. */
export function predictExamples(): Promise<Float32Array> | null {
  return active?.client.predict(0, null) ?? null;
}

/** The playground's worker, for views that ask it about the current run (the loss landscape); null before the page starts. */
export function playgroundTrainer(): TrainerClient | null {
  return active?.client ?? null;
}
