/**
 * Drives the race: one worker per tuner (they really run side by side), trials streamed into the
 * store, Pause/Resume/Stop forwarded to every worker. Also the Gaussian-process view's worker.
 */
import { emptyLinkState, encodeLink, type ExperimentConfig, type ExplainObjective, type Params } from '../../core';
import { useExperiment } from '../../store/experiment';
import { DEFAULT_RACE, runningMs, updateGp, updateLane, useTune, type RaceLane, type RacingTuner } from '../../store/tune';
import { TunerClient } from './tunerClient';

export const MIN_TUNERS = 2;
export const MAX_TUNERS = 4;
export const MAX_TRIALS = 200;

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
export function settingsProblem(messages: { pickTuners: string; trialsRange: string; seedRange: string }): string | null {
  const { tuners, trials, seed } = useTune.getState().settings;
  if (tuners.length < MIN_TUNERS || tuners.length > MAX_TUNERS) return messages.pickTuners;
  if (!Number.isInteger(trials) || trials < 1 || trials > MAX_TRIALS) return messages.trialsRange;
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
    useTune.setState((state) => ({ status: stopped ? 'stopped' : 'finished', elapsedMs: runningMs(state, Date.now()), runningSince: null }));
    endClients();
  }
}

export function startRace(): void {
  endClients();
  const { settings } = useTune.getState();
  const lanes: RaceLane[] = settings.tuners.map((tuner) => ({ tuner, status: 'running', trials: [], epochsUsed: 0, error: null }));
  const now = Date.now();
  useTune.setState({ status: 'running', raceObjective: settings.objective, lanes, startedAt: now, runningSince: now, elapsedMs: 0, error: null });
  const base = settings.objective === 'network' ? networkBase() : undefined;
  for (const tuner of settings.tuners) {
    const client = new TunerClient();
    clients.push(client);
    if (tuner === 'manual') manualClient = client;
    void client
      .run({ tuner, objective: settings.objective, trials: settings.trials, seed: settings.seed, ...(base ? { base } : {}) }, (event) => {
        if (event.type === 'trial') {
          updateLane(tuner, (lane) => ({ ...lane, trials: [...lane.trials, event.trial], epochsUsed: event.epochsUsed }));
        } else if (event.type === 'done') {
          updateLane(tuner, (lane) => ({ ...lane, status: event.reason === 'stopped' ? 'stopped' : 'finished', epochsUsed: event.epochsUsed }));
          finishIfDone();
        } else {
          updateLane(tuner, (lane) => ({ ...lane, status: 'failed', error: event.message }));
          finishIfDone();
        }
      })
      .catch((error: unknown) => {
        updateLane(tuner, (lane) => ({ ...lane, status: 'failed', error: error instanceof Error ? error.message : String(error) }));
        finishIfDone();
      });
  }
}

export function pauseRace(): void {
  if (useTune.getState().status !== 'running') return;
  for (const client of clients) void client.pause();
  useTune.setState((state) => ({ status: 'paused', elapsedMs: runningMs(state, Date.now()), runningSince: null }));
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

export async function showGp(objective: ExplainObjective, observations: number): Promise<void> {
  const request = ++explainRequest;
  updateGp({ objective, observations, loading: true, error: null });
  explainer ??= new TunerClient();
  try {
    const view = await explainer.explain({ objective, seed: useTune.getState().settings.seed, observations });
    if (request === explainRequest) updateGp({ view, loading: false });
  } catch (error) {
    if (request === explainRequest) updateGp({ loading: false, error: error instanceof Error ? error.message : String(error) });
  }
}

/** A playground link that reproduces a network trial. */
export function playgroundLink(params: Params): string {
  const config = { ...networkBase(), ...params } as ExperimentConfig;
  return `#playground/${encodeLink(emptyLinkState(config))}`;
}

/** Estimated milliseconds left, from the pace so far (null until a trial has finished). */
export function timeLeftMs(lanes: readonly RaceLane[], elapsedMs: number, totalTrials: number): number | null {
  const done = lanes.reduce((sum, lane) => sum + lane.trials.length, 0);
  const total = totalTrials * lanes.length;
  if (done === 0 || elapsedMs <= 0) return null;
  return (elapsedMs / done) * Math.max(0, total - done);
}

export function resetRaceSettings(): void {
  useTune.setState({ settings: { ...DEFAULT_RACE, tuners: [...DEFAULT_RACE.tuners] } });
}

export type { RacingTuner };
