/**
 * The Tune page's state: the race settings, and for each racing tuner its streamed trials and
 * status. Plain serializable data; the studies run in workers (src/ui/tune/session.ts drives them
 * and writes here).
 */
import { create } from 'zustand';
import type { ExplainObjective, ExplainResult } from '../core/tune/explain';
import type { ObjectiveId } from '../core/tune/objectives';
import type { Trial, TunerKind } from '../core/tune/tuners';

/** Every tuner can race, "manual" being the student. */
export type RacingTuner = TunerKind;
export type RaceStatus = 'idle' | 'running' | 'paused' | 'finished' | 'stopped';
export type LaneStatus = 'waiting' | 'running' | 'finished' | 'stopped' | 'failed';

export interface RaceLane {
  tuner: RacingTuner;
  status: LaneStatus;
  /** The study with the race's own seed: the one the scatter, the table and the exports show. */
  trials: Trial[];
  /** Every repeat's trials as (epochs, value, state) only, for the median and band; [0] mirrors `trials`. */
  repeats: { epochs: number | null; value: number | null; state: Trial['state'] }[][];
  epochsUsed: number;
  error: string | null;
  /** Why the first study ended: its budget, a grid walked to the end, or Stop. */
  reason?: 'budget' | 'exhausted' | 'stopped';
}

export interface RaceSettings {
  tuners: RacingTuner[];
  objective: ObjectiveId;
  trials: number;
  /** Total epochs each tuner may spend per study (null: only the trial budget counts). */
  epochs: number | null;
  /** Studies per tuner with consecutive seeds, for a median and a band. */
  repeats: number;
  seed: number;
}

export interface GpViewState {
  objective: ExplainObjective;
  observations: number;
  kernel: 'rbf' | 'matern32' | 'matern52';
  acquisition: 'ei' | 'pi' | 'lcb';
  kappa: number;
  /** A length scale fixed by the student (unit-cube coordinates), or null to fit it. */
  lengthScale: number | null;
  view: ExplainResult | null;
  loading: boolean;
  error: string | null;
}

export interface TuneState {
  settings: RaceSettings;
  status: RaceStatus;
  /** The objective the lanes' trials belong to (the settings may have changed since). */
  raceObjective: ObjectiveId;
  lanes: RaceLane[];
  startedAt: number | null;
  /** When the race last started or resumed; null while paused or ended. */
  runningSince: number | null;
  /** Milliseconds spent running before `runningSince` (pauses excluded), for the time-left estimate. */
  elapsedMs: number;
  error: string | null;
  gp: GpViewState;
}

export const DEFAULT_RACE: RaceSettings = {
  tuners: ['random', 'bayes'],
  objective: 'branin',
  trials: 30,
  epochs: null,
  repeats: 1,
  seed: 1,
};

export const initialTune = (): TuneState => ({
  settings: { ...DEFAULT_RACE, tuners: [...DEFAULT_RACE.tuners] },
  status: 'idle',
  raceObjective: DEFAULT_RACE.objective,
  lanes: [],
  startedAt: null,
  runningSince: null,
  elapsedMs: 0,
  error: null,
  gp: {
    objective: 'lr-curve',
    observations: 3,
    kernel: 'matern52',
    acquisition: 'ei',
    kappa: 2,
    lengthScale: null,
    view: null,
    loading: false,
    error: null,
  },
});

export const useTune = create<TuneState>()(initialTune);

export function updateSettings(changes: Partial<RaceSettings>): void {
  useTune.setState((state) => ({ settings: { ...state.settings, ...changes } }));
}

export function updateLane(tuner: RacingTuner, update: (lane: RaceLane) => RaceLane): void {
  useTune.setState((state) => ({
    lanes: state.lanes.map((lane) => (lane.tuner === tuner ? update(lane) : lane)),
  }));
}

export function updateGp(changes: Partial<GpViewState>): void {
  useTune.setState((state) => ({ gp: { ...state.gp, ...changes } }));
}

/** Milliseconds the race has been running, pauses excluded. */
export function runningMs(state: Pick<TuneState, 'elapsedMs' | 'runningSince'>, now: number): number {
  return state.elapsedMs + (state.runningSince === null ? 0 : now - state.runningSince);
}
