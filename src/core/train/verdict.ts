/**
 * How a run ends, for networks and sequence models alike: after each epoch `judgeEpoch` decides
 * whether the run goes on, and at the end `summarizeRun` builds its summary. The ending is data
 * (a code and its numbers), which each interface renders in its reader's language.
 * Pure: no tfjs, so the page may import it.
 */
import type { OptimizerKind } from '../config/optimizers';
import type { EpochMetrics, FinalStatus, RunStatus, RunSummary } from './metrics';

/** Why a run ended, with the numbers a sentence about it needs. */
export type Verdict =
  | { status: 'completed'; code: 'completed'; params: { epochs: number } }
  | {
      status: 'stopped-early';
      code: 'stopped-early';
      params: { epoch: number; patience: number; bestEpoch: number };
    }
  | {
      status: 'diverged';
      code: 'diverged-exploded';
      params: { epoch: number; loss: number; learningRate: number; optimizer: OptimizerKind };
    }
  | {
      status: 'diverged';
      /** NaN and ±∞ have no JSON form, so which one it was is the code, not a number. */
      code: 'diverged-nan' | 'diverged-infinite';
      params: { epoch: number; learningRate: number; optimizer: OptimizerKind };
    }
  | { status: 'cancelled'; code: 'cancelled'; params: { epochs: number } };

export type VerdictCode = Verdict['code'];

/** Where a run stands after its epochs so far; `judgeEpoch` moves it on. */
export interface RunProgress {
  status: RunStatus;
  epoch: number;
  bestValidationLoss: number;
  bestEpoch: number;
  epochsWithoutImprovement: number;
  divergedAtEpoch: number | null;
}

/** The settings that decide and describe a run's end. */
export interface EndingSettings {
  epochs: number;
  patience: number;
  learningRate: number;
  optimizer: OptimizerKind;
}

/**
 * Decides whether a run goes on after the epoch `metrics` reports (`progress.epoch` already
 * counts it): divergence first, then the epoch budget, then early stopping.
 */
export function judgeEpoch(
  progress: RunProgress,
  metrics: EpochMetrics,
  settings: Pick<EndingSettings, 'epochs' | 'patience'>,
  divergenceThreshold: number,
): void {
  if (!(metrics.trainLoss < divergenceThreshold) || !Number.isFinite(metrics.validationLoss)) {
    progress.status = 'diverged';
    progress.divergedAtEpoch = metrics.epoch;
    return;
  }
  if (metrics.validationLoss < progress.bestValidationLoss) {
    progress.bestValidationLoss = metrics.validationLoss;
    progress.bestEpoch = metrics.epoch;
    progress.epochsWithoutImprovement = 0;
  } else {
    progress.epochsWithoutImprovement += 1;
  }
  if (progress.epoch >= settings.epochs) progress.status = 'completed';
  else if (settings.patience > 0 && progress.epochsWithoutImprovement >= settings.patience)
    progress.status = 'stopped-early';
}

/** A run that is still going when it is summarized was stopped from outside: cancelled. */
export function finalStatus(status: RunStatus): FinalStatus {
  return status === 'running' ? 'cancelled' : status;
}

/** The facts a verdict is built from; a saved summary holds them all too (see `restoreVerdict`). */
interface Ending {
  status: FinalStatus;
  epochs: number;
  bestEpoch: number | null;
  divergedAtEpoch: number | null;
  /** The train loss of the last epoch: what it exploded to, or NaN. */
  lastTrainLoss: number | null;
}

function verdictFrom(ending: Ending, settings: EndingSettings): Verdict {
  switch (ending.status) {
    case 'completed':
      return { status: 'completed', code: 'completed', params: { epochs: ending.epochs } };
    case 'stopped-early':
      return {
        status: 'stopped-early',
        code: 'stopped-early',
        params: { epoch: ending.epochs, patience: settings.patience, bestEpoch: ending.bestEpoch ?? 0 },
      };
    case 'diverged': {
      const epoch = ending.divergedAtEpoch ?? ending.epochs;
      const { learningRate, optimizer } = settings;
      const loss = ending.lastTrainLoss ?? NaN;
      if (Number.isFinite(loss))
        return {
          status: 'diverged',
          code: 'diverged-exploded',
          params: { epoch, loss, learningRate, optimizer },
        };
      return {
        status: 'diverged',
        code: Number.isNaN(loss) ? 'diverged-nan' : 'diverged-infinite',
        params: { epoch, learningRate, optimizer },
      };
    }
    case 'cancelled':
      return { status: 'cancelled', code: 'cancelled', params: { epochs: ending.epochs } };
  }
}

/** The summary of a run from where it stands and its history of epochs. */
export function summarizeRun(
  progress: RunProgress,
  settings: EndingSettings,
  history: readonly EpochMetrics[],
  effectiveBatchSize: number,
): RunSummary {
  const last = history.at(-1);
  const status = finalStatus(progress.status);
  const bestEpoch = progress.bestEpoch > 0 ? progress.bestEpoch : null;
  return {
    status,
    epochs: progress.epoch,
    bestEpoch,
    bestValidationLoss: bestEpoch !== null ? progress.bestValidationLoss : null,
    finalTrainLoss: last?.trainLoss ?? null,
    finalValidationLoss: last?.validationLoss ?? null,
    finalTrainAccuracy: last?.trainAccuracy ?? null,
    finalValidationAccuracy: last?.validationAccuracy ?? null,
    divergedAtEpoch: progress.divergedAtEpoch,
    effectiveBatchSize,
    wallTimeMs: last?.wallTimeMs ?? 0,
    verdict: verdictFrom(
      {
        status,
        epochs: progress.epoch,
        bestEpoch,
        divergedAtEpoch: progress.divergedAtEpoch,
        lastTrainLoss: last?.trainLoss ?? null,
      },
      settings,
    ),
  };
}

/**
 * The verdict of a summary saved before verdicts existed (it held an English sentence instead):
 * rebuilt from the summary's own numbers and the run's settings, so it reads in every language.
 * A loss saved as JSON null was NaN or infinite; it reads as NaN.
 */
export function restoreVerdict(summary: Omit<RunSummary, 'verdict'>, settings: EndingSettings): Verdict {
  return verdictFrom(
    {
      status: summary.status,
      epochs: summary.epochs,
      bestEpoch: summary.bestEpoch,
      divergedAtEpoch: summary.divergedAtEpoch,
      lastTrainLoss: summary.finalTrainLoss,
    },
    settings,
  );
}

/** A summary as saved: one from before verdicts holds an English `message` and no verdict. */
export type SavedSummary = Omit<RunSummary, 'verdict'> & { verdict?: Verdict; message?: string };

/** A saved summary in today's shape: its verdict kept, or rebuilt when it predates verdicts. */
export function restoreSummary(saved: SavedSummary, settings: EndingSettings): RunSummary {
  const { message: _sentence, verdict, ...summary } = saved;
  return { ...summary, verdict: verdict ?? restoreVerdict(summary, settings) };
}
