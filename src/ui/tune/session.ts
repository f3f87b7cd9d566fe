/**
 * Drives the race: one worker per tuner (they really run side by side), trials streamed into the
 * store, Pause/Resume/Stop forwarded to every worker. Also the Gaussian-process view's worker.
 */
import type { ExperimentConfig } from '../../core/config/parameters';
import { emptyLinkState, encodeLink } from '../../core/link/codec';
import type { ExplainObjective } from '../../core/tune/explain';
import type { Params } from '../../core/tune/space';
import { useExperiment } from '../../store/experiment';
import {
  runningMs,
  updateGp,
  updateLane,
  useTune,
  type GpViewState,
  type RaceLane,
  type RacingTuner,
} from '../../store/tune';
import { TunerClient } from './tunerClient';

export const MIN_TUNERS = 2;
export const MAX_TUNERS = 4;
export const MAX_TRIALS = 200;
export const MAX_REPEATS = 10;

let clients: TunerClient[] = [];
/** The worker running the "you" lane, when the student races. */
let manualClient: TunerClient | null = null;
let explainer: TunerClient | null = null;

/** Network trials start from the playground's experiment, shortened so a race ends in minutes. */
export function networkBase(): ExperimentConfig {
  const config = useExperiment.getState().config;
  return { ...config, epochs: Math.min(config.epochs, 100) };
}

/** What is wrong with the settings, in the user's words (null when they are fine). */
export function settingsProblem(messages: {
  pickTuners: string;
  trialsRange: string;
  seedRange: string;
  epochsRange: string;
  repeatsRange: string;
}): string | null {
  const { tuners, trials, seed, epochs, repeats } = useTune.getState().settings;
  if (tuners.length < MIN_TUNERS || tuners.length > MAX_TUNERS) return messages.pickTuners;
  if (!Number.isInteger(trials) || trials < 1 || trials > MAX_TRIALS) return messages.trialsRange;
  if (epochs !== null && (!Number.isInteger(epochs) || epochs < 1 || epochs > 1_000_000))
    return messages.epochsRange;
  if (!Number.isInteger(repeats) || repeats < 1 || repeats > MAX_REPEATS) return messages.repeatsRange;
  if (!Number.isInteger(seed) || seed < 0 || seed > 2147483647) return messages.seedRange;
  return null;
}

function endClients(): void {
  for (const client of clients) client.terminate();
  clients = [];
  manualClient = null;
}

/** Sends the student's trial to the race; resolves to a problem in words, or null when it was accepted. */
export async function proposeTrial(params: Params): Promise<string | null> {
  if (!manualClient) return null;
  return manualClient.propose(params);
}

function finishIfDone(): void {
  const { lanes, status } = useTune.getState();
  if (status !== 'running' && status !== 'paused') return;
  if (lanes.every((lane) => lane.status !== 'running' && lane.status !== 'waiting')) {
    const stopped = lanes.some((lane) => lane.status === 'stopped');
    useTune.setState((state) => ({
      status: stopped ? 'stopped' : 'finished',
      elapsedMs: runningMs(state, Date.now()),
      runningSince: null,
    }));
    endClients();
  }
}

export function startRace(): void {
  endClients();
  const { settings } = useTune.getState();
  const lanes: RaceLane[] = settings.tuners.map((tuner) => ({
    tuner,
    status: 'running',
    trials: [],
    repeats: [],
    epochsUsed: 0,
    error: null,
  }));
  const now = Date.now();
  useTune.setState({
    status: 'running',
    raceObjective: settings.objective,
    lanes,
    startedAt: now,
    runningSince: now,
    elapsedMs: 0,
    error: null,
  });
  const base = settings.objective === 'network' ? networkBase() : undefined;
  for (const tuner of settings.tuners) {
    const client = new TunerClient();
    clients.push(client);
    if (tuner === 'manual') manualClient = client;
    void client
      .run(
        {
          tuner,
          objective: settings.objective,
          trials: settings.trials,
          seed: settings.seed,
          repeats: settings.repeats,
          ...(settings.epochs !== null ? { epochs: settings.epochs } : {}),
          ...(base ? { base } : {}),
        },
        (event) => {
          if (event.type === 'trial') {
            const { epochs, value, state } = event.trial;
            updateLane(tuner, (lane) => {
              const repeats = [...lane.repeats];
              repeats[event.repeat] = [...(repeats[event.repeat] ?? []), { epochs, value, state }];
              return event.repeat === 0
                ? { ...lane, trials: [...lane.trials, event.trial], repeats, epochsUsed: event.epochsUsed }
                : { ...lane, repeats };
            });
          } else if (event.type === 'done') {
            updateLane(tuner, (lane) => ({
              ...lane,
              status: event.reason === 'stopped' ? 'stopped' : 'finished',
              epochsUsed: event.epochsUsed,
              reason: event.reason,
            }));
            finishIfDone();
          } else {
            updateLane(tuner, (lane) => ({ ...lane, status: 'failed', error: event.message }));
            finishIfDone();
          }
        },
      )
      .catch((error: unknown) => {
        updateLane(tuner, (lane) => ({
          ...lane,
          status: 'failed',
          error: error instanceof Error ? error.message : String(error),
        }));
        finishIfDone();
      });
  }
}

export function pauseRace(): void {
  if (useTune.getState().status !== 'running') return;
  for (const client of clients) void client.pause();
  useTune.setState((state) => ({
    status: 'paused',
    elapsedMs: runningMs(state, Date.now()),
    runningSince: null,
  }));
}

export function resumeRace(): void {
  if (useTune.getState().status !== 'paused') return;
  for (const client of clients) void client.resume();
  useTune.setState({ status: 'running', runningSince: Date.now() });
}

export function stopRace(): void {
  const { status } = useTune.getState();
  if (status !== 'running' && status !== 'paused') return;
  if (status === 'paused') useTune.setState({ runningSince: Date.now() });
  for (const client of clients) void client.stop();
}

/** Ends the workers when the page closes; the trials stay in the store. */
export function closeRace(): void {
  const { status } = useTune.getState();
  endClients();
  if (status === 'running' || status === 'paused') {
    useTune.setState((state) => ({
      status: 'stopped',
      runningSince: null,
      elapsedMs: runningMs(state, Date.now()),
      lanes: state.lanes.map((lane) => (lane.status === 'running' ? { ...lane, status: 'stopped' } : lane)),
    }));
  }
  explainer?.terminate();
  explainer = null;
}

let explainRequest = 0;

export async function showGp(
  objective: ExplainObjective,
  observations: number,
  options: Partial<Pick<GpViewState, 'kernel' | 'acquisition' | 'kappa' | 'lengthScale'>> = {},
): Promise<void> {
  const request = ++explainRequest;
  updateGp({ objective, observations, ...options, loading: true, error: null });
  const { kernel, acquisition, kappa, lengthScale } = useTune.getState().gp;
  explainer ??= new TunerClient();
  try {
    const view = await explainer.explain({
      objective,
      seed: useTune.getState().settings.seed,
      observations,
      kernel,
      acquisition,
      kappa,
      ...(lengthScale !== null ? { lengthScale } : {}),
    });
    if (request === explainRequest) updateGp({ view, loading: false });
  } catch (error) {
    if (request === explainRequest)
      updateGp({ loading: false, error: error instanceof Error ? error.message : String(error) });
  }
}

/** A playground link that reproduces a network trial. */
export function playgroundLink(params: Params): string {
  const config = { ...networkBase(), ...params } as ExperimentConfig;
  return `#playground/${encodeLink(emptyLinkState(config))}`;
}

/** How far the race is, from 0 to 1: each lane's share of its trial (or epoch) budget over all repeats. */
export function raceProgress(
  lanes: readonly RaceLane[],
  settings: { trials: number; epochs: number | null; repeats: number },
): number {
  if (lanes.length === 0) return 0;
  const shares = lanes.map((lane) => {
    const repeats = lane.tuner === 'manual' ? 1 : settings.repeats;
    const runs = Array.from({ length: repeats }, (_, r) => lane.repeats[r] ?? []);
    const share = runs.map((trials) => {
      const byTrials = trials.length / settings.trials;
      const byEpochs =
        settings.epochs === null ? 0 : trials.reduce((sum, t) => sum + (t.epochs ?? 0), 0) / settings.epochs;
      return Math.min(1, Math.max(byTrials, byEpochs));
    });
    return lane.status === 'running' ? share.reduce((a, b) => a + b, 0) / repeats : 1;
  });
  return shares.reduce((a, b) => a + b, 0) / lanes.length;
}

/** Estimated milliseconds left, from the pace so far (null until there is a pace). */
export function timeLeftMs(progress: number, elapsedMs: number): number | null {
  if (progress <= 0 || elapsedMs <= 0) return null;
  return (elapsedMs / progress) * (1 - progress);
}

export type { RacingTuner };
