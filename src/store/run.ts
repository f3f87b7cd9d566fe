import { create } from 'zustand';
import type { EpochMetrics, RunSummary } from '../core/train/metrics';
import type { Diagnosis } from '../core/train/diagnosis';

/**
 * Where the playground's run stands. `ready`: loaded, epoch 0 or paused by nobody yet;
 * `ended`: completed, stopped early, diverged or cancelled (see `summary`).
 */
export type RunPhase = 'loading' | 'ready' | 'training' | 'paused' | 'ended' | 'failed';

export interface RunState {
  phase: RunPhase;
  /** The latest epoch's metrics (null before the first epoch). */
  latest: EpochMetrics | null;
  /** The first epoch's metrics, to say how far the loss has come. */
  first: EpochMetrics | null;
  summary: RunSummary | null;
  stepsPerEpoch: number;
  batchSize: number;
  /** Why the run restarted on its own (data or architecture changed), as the changed keys. */
  restartedFor: string[] | null;
  /** A failure that stopped the run (the worker's words). */
  error: string | null;
  /** What the engine sees going wrong with the run, and what to try (null while it looks healthy). */
  diagnosis: Diagnosis | null;
  /** The worker holds the run's first epoch, trained while the page waited: Play shows it at once. */
  firstEpochHeld: boolean;
}

export const initialRun = (): RunState => ({
  phase: 'loading',
  latest: null,
  first: null,
  summary: null,
  stepsPerEpoch: 0,
  batchSize: 0,
  restartedFor: null,
  error: null,
  diagnosis: null,
  firstEpochHeld: false,
});

export const useRun = create<RunState>()(initialRun);

/** Play was pressed and the run's first epoch is not on screen yet. */
export const waitingForFirstEpoch = (state: RunState): boolean =>
  state.phase === 'training' && state.latest === null;
