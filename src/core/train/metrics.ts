import type { Verdict } from './verdict';

/** What a run reports after every epoch. */
export interface EpochMetrics {
  epoch: number;
  /** Data loss over the whole training set in evaluation mode (no dropout, penalty or smoothing). */
  trainLoss: number;
  /** The same loss over the validation set, so the gap between the two is the generalization gap. */
  validationLoss: number;
  /** Classification only; null for regression. */
  trainAccuracy: number | null;
  validationAccuracy: number | null;
  /** The learning rate of the epoch's last step, after the schedule. */
  learningRate: number;
  examplesSeen: number;
  wallTimeMs: number;
}

export type RunStatus = 'running' | 'completed' | 'stopped-early' | 'diverged' | 'cancelled';
export type FinalStatus = Exclude<RunStatus, 'running'>;

export interface RunSummary {
  status: FinalStatus;
  epochs: number;
  bestEpoch: number | null;
  bestValidationLoss: number | null;
  finalTrainLoss: number | null;
  finalValidationLoss: number | null;
  finalTrainAccuracy: number | null;
  finalValidationAccuracy: number | null;
  /** The epoch at which the loss became NaN or infinite. */
  divergedAtEpoch: number | null;
  /** The batch size actually used, when the asked one was larger than the training set. */
  effectiveBatchSize: number;
  wallTimeMs: number;
  /** Why the run ended, as data each interface renders in its own language. */
  verdict: Verdict;
}
