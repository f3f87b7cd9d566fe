/**
 * Keeps the loss landscape current while its view is open: it asks the playground's worker for a
 * new one as training goes on (a coarse grid, at most every REFRESH_MS, since training waits while
 * the grid is evaluated) and a fine one whenever training stops. No React here.
 */
import { useExperiment } from '../../store/experiment';
import { useLandscape } from '../../store/landscape';
import { useRun } from '../../store/run';
import { playgroundTrainer } from '../playground/session';
import { setParameter } from '../../store/experiment';

/** Grid points per axis while training, and once it stops: 25² evaluates in about a third of 41²'s time. */
const LIVE_RESOLUTION = 25;
const FINE_RESOLUTION = 41;
const REFRESH_MS = 1500;

let inFlight = false;
let wanted = false;
let lastRefresh = 0;
let timer: ReturnType<typeof setTimeout> | null = null;

async function refresh(): Promise<void> {
  const client = playgroundTrainer();
  const { open, plane } = useLandscape.getState();
  const run = useRun.getState();
  if (!client || !open || !run.latest) return;
  if (inFlight) {
    wanted = true;
    return;
  }
  inFlight = true;
  lastRefresh = performance.now();
  useLandscape.setState({ computing: true });
  try {
    const training = run.phase === 'training';
    const landscape = await client.landscape(0, {
      plane,
      resolution: training ? LIVE_RESOLUTION : FINE_RESOLUTION,
    });
    const epoch = useRun.getState().latest?.epoch ?? 0;
    if (useLandscape.getState().open) useLandscape.setState({ landscape, epoch });
  } catch {
    // A run replaced mid-evaluation: the next epoch asks again.
  } finally {
    inFlight = false;
    useLandscape.setState({ computing: false });
    if (wanted) {
      wanted = false;
      void refresh();
    }
  }
}

function schedule(): void {
  if (timer) return;
  const wait = Math.max(0, REFRESH_MS - (performance.now() - lastRefresh));
  timer = setTimeout(() => {
    timer = null;
    void refresh();
  }, wait);
}

let started = false;

/** Follows the run and the view's settings, once per page load. */
export function startLandscapeSession(): void {
  if (started) return;
  started = true;
  useRun.subscribe((run, previous) => {
    if (!useLandscape.getState().open) return;
    if (run.phase === 'loading' || (run.latest === null && previous.latest !== null)) {
      useLandscape.setState({ landscape: null, epoch: 0 });
      return;
    }
    if (run.latest === previous.latest && run.phase === previous.phase) return;
    // Training stopped (pause, step, end): the fine grid at once; while training, at a measured pace.
    if (run.phase !== 'training') void refresh();
    else schedule();
  });
  useLandscape.subscribe((state, previous) => {
    if (state.open && (!previous.open || state.plane !== previous.plane)) void refresh();
  });
  // A new experiment's data or network makes a finding about the old one stale.
  useExperiment.subscribe((state, previous) => {
    if (
      state.config.dataset !== previous.config.dataset ||
      state.config.hiddenLayers !== previous.config.hiddenLayers
    )
      useLandscape.setState({ finder: { phase: 'idle', finding: null } });
  });
}

/** Runs the learning-rate range test on the current experiment, from its initial weights. */
export async function findLearningRate(): Promise<void> {
  const client = playgroundTrainer();
  if (!client) return;
  useLandscape.setState({ finder: { phase: 'running', finding: null } });
  try {
    const finding = await client.findLearningRate(useExperiment.getState().config);
    useLandscape.setState({ finder: { phase: finding ? 'done' : 'failed', finding } });
  } catch {
    useLandscape.setState({ finder: { phase: 'failed', finding: null } });
  }
}

/** Sets the experiment's learning rate to the finder's suggestion. */
export function applySuggestedRate(): void {
  const suggestion = useLandscape.getState().finder.finding?.suggestion;
  if (suggestion) setParameter('learningRate', Number(suggestion.learningRate.toPrecision(2)));
}
