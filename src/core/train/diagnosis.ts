/**
 * Training that explains itself: watches a run's epoch metrics and says, as data, what is going
 * wrong and what to try, before the run diverges. Pure (no tfjs): the worker feeds it each epoch,
 * and tests feed it synthetic streams.
 *
 * Measured on the spiral (2-16-16-2 tanh, Adam): at learning rate 10 the loss bounces between 5
 * and 65, 7–90× a constant guess's ln 2, with accuracy at chance for hundreds of epochs, yet it
 * stays under the divergence threshold (100× a guess's) and the run never "diverges". A healthy
 * default run sits near the guess's loss with 55–65% accuracy for its first ~45 epochs (the
 * spiral's plateau) before it learns, so "at chance" waits 50 epochs and also needs the loss not
 * to have fallen, and "too slow" also needs a rate below the optimizer's usual range.
 */
import type { ExperimentConfig } from '../config/parameters';
import { OPTIMIZER_SPECS, type OptimizerKind } from '../config/optimizers';
import type { EpochMetrics } from './metrics';

export type DiagnosisCode =
  /** The loss rose steeply within a few epochs, to well above a constant guess's. */
  | 'loss-jumped'
  /** The loss has stayed well above a constant guess's (too high a rate from the start). */
  | 'loss-above-guess'
  /** The loss barely moves and the rate is below the optimizer's usual range. */
  | 'rate-too-low'
  /** Validation accuracy no better than guessing after many epochs, and the loss not falling. */
  | 'at-chance';

/** What to do about it: a learning-rate range to try, or more capacity when the rate is not to blame. */
export type DiagnosisRemedy = 'lower-rate' | 'raise-rate' | 'more-capacity';

export interface DiagnosisParams {
  /** The epoch the diagnosis was made at. */
  epoch: number;
  /** The latest train loss. */
  loss: number;
  /** How many times the loss grew (`loss-jumped`: from its recent low; `loss-above-guess`: versus a guess's). */
  factor: number;
  /** Over how many epochs (the jump; the stretch above a guess's; the stall; the epochs at chance). */
  epochs: number;
  /** The relative fall of the loss over `epochs` (rate-too-low), 0.04 = 4%. */
  fall: number;
  /** Validation accuracy and a guess's (at-chance). */
  accuracy: number | null;
  chance: number | null;
  learningRate: number;
  optimizer: OptimizerKind;
  remedy: DiagnosisRemedy;
  /** The learning-rate range to try (lower-rate, raise-rate). */
  low: number | null;
  high: number | null;
}

export interface Diagnosis {
  code: DiagnosisCode;
  params: DiagnosisParams;
}

/** What the detector needs to know about the data: the loss and accuracy of a constant guess. */
export interface DiagnosisContext {
  /** ln C for classification, the targets' variance for regression (chanceLoss in population.ts). */
  guessLoss: number;
  /** 1 / classes for classification; null for regression. */
  chanceAccuracy: number | null;
}

export type DiagnosedSettings = Pick<ExperimentConfig, 'learningRate' | 'optimizer'>;

/** A loss this many times a constant guess's is no longer learning: well before divergence (100×). */
export const ABOVE_GUESS = 3;
/** The loss is compared with its low over this many epochs before. */
export const JUMP_WINDOW = 5;
/** A rise by this factor within the window counts as a jump. */
export const JUMP_FACTOR = 1.5;
/** Epochs without progress before "at chance". */
export const CHANCE_EPOCHS = 50;
/** Epochs a too-low rate is watched before saying so. */
export const SLOW_EPOCHS = 30;
/** Less than this relative fall of the loss over SLOW_EPOCHS counts as "not moving". */
export const SLOW_FALL = 0.2;

const pow10 = (exponent: number) => Number((10 ** exponent).toPrecision(1));

/** A decade to try below a rate that is too high: a tenth of it or less, inside the usual range. */
export function lowerRateRange(rate: number, optimizer: OptimizerKind): { low: number; high: number } {
  const usual = OPTIMIZER_SPECS[optimizer].usualLearningRates;
  const high = Math.min(usual.high, pow10(Math.floor(Math.log10(rate / 10) + 1e-9)));
  return { low: Math.max(1e-5, high / 10), high };
}

/** A decade to try above a rate that is too low: a hundred times it or more, inside the usual range. */
export function raiseRateRange(rate: number, optimizer: OptimizerKind): { low: number; high: number } {
  const usual = OPTIMIZER_SPECS[optimizer].usualLearningRates;
  const low = Math.min(usual.high / 10, Math.max(usual.low, pow10(Math.ceil(Math.log10(rate * 100) - 1e-9))));
  return { low, high: low * 10 };
}

function base(epoch: number, loss: number, settings: DiagnosedSettings): DiagnosisParams {
  return {
    epoch,
    loss,
    factor: 1,
    epochs: 0,
    fall: 0,
    accuracy: null,
    chance: null,
    learningRate: settings.learningRate,
    optimizer: settings.optimizer,
    remedy: 'lower-rate',
    low: null,
    high: null,
  };
}

const round = (value: number, digits = 2) => Number(value.toPrecision(digits));

/**
 * The diagnosis of a run from the epochs trained since its settings last changed (`history`, oldest
 * first), or null when it looks healthy. Instability comes first: it is the one that gets worse.
 */
export function diagnose(
  history: readonly EpochMetrics[],
  settings: DiagnosedSettings,
  context: DiagnosisContext,
  /** The last epoch before the settings changed, the baseline a jump right after the change is measured from. */
  before?: EpochMetrics,
): Diagnosis | null {
  const last = history.at(-1);
  if (!last) return null;
  const guess = context.guessLoss;
  const loss = last.trainLoss;
  // NaN or infinite losses are the divergence the run itself reports.
  if (!Number.isFinite(loss)) return null;
  const lower = () => {
    const range = lowerRateRange(settings.learningRate, settings.optimizer);
    return { remedy: 'lower-rate' as const, low: range.low, high: range.high };
  };

  if (loss >= ABOVE_GUESS * guess) {
    const window = (before ? [before, ...history] : history).slice(-1 - JUMP_WINDOW, -1);
    let lowIndex = -1;
    window.forEach((m, i) => {
      if (lowIndex < 0 || m.trainLoss < window[lowIndex]!.trainLoss) lowIndex = i;
    });
    const from = lowIndex >= 0 ? window[lowIndex]! : null;
    if (from && loss >= JUMP_FACTOR * from.trainLoss) {
      return {
        code: 'loss-jumped',
        params: {
          ...base(last.epoch, loss, settings),
          factor: round(loss / from.trainLoss),
          epochs: last.epoch - from.epoch,
          ...lower(),
        },
      };
    }
    const recent = history.slice(-JUMP_WINDOW);
    if (recent.length === JUMP_WINDOW && recent.every((m) => m.trainLoss >= ABOVE_GUESS * guess)) {
      const mean = recent.reduce((sum, m) => sum + m.trainLoss, 0) / recent.length;
      return {
        code: 'loss-above-guess',
        params: {
          ...base(last.epoch, loss, settings),
          factor: round(mean / guess),
          epochs: recent.length,
          ...lower(),
        },
      };
    }
  }

  const usual = OPTIMIZER_SPECS[settings.optimizer].usualLearningRates;
  if (settings.learningRate < usual.low && history.length >= SLOW_EPOCHS) {
    const start = history.at(-SLOW_EPOCHS)!;
    const fall = (start.trainLoss - loss) / start.trainLoss;
    if (fall < SLOW_FALL && loss > 0.5 * guess) {
      const range = raiseRateRange(settings.learningRate, settings.optimizer);
      return {
        code: 'rate-too-low',
        params: {
          ...base(last.epoch, loss, settings),
          epochs: SLOW_EPOCHS,
          fall: round(Math.max(0, fall)),
          remedy: 'raise-rate',
          low: range.low,
          high: range.high,
        },
      };
    }
  }

  const chance = context.chanceAccuracy;
  if (chance !== null && history.length >= CHANCE_EPOCHS) {
    const recent = history.slice(-10);
    const best = Math.max(...recent.map((m) => m.validationAccuracy ?? 0));
    const lowestLoss = Math.min(...recent.map((m) => m.trainLoss));
    if (best <= chance + 0.1 * (1 - chance) && lowestLoss >= 0.9 * guess) {
      const params = {
        ...base(last.epoch, loss, settings),
        epochs: history.length,
        accuracy: round(best, 3),
        chance: round(chance, 3),
      };
      if (settings.learningRate < usual.low) {
        const range = raiseRateRange(settings.learningRate, settings.optimizer);
        return {
          code: 'at-chance',
          params: { ...params, remedy: 'raise-rate', low: range.low, high: range.high },
        };
      }
      if (lowestLoss >= 1.5 * guess) return { code: 'at-chance', params: { ...params, ...lower() } };
      return { code: 'at-chance', params: { ...params, remedy: 'more-capacity' } };
    }
  }
  return null;
}

/**
 * The detector over a live run: remembers the epochs since the settings last changed and reports a
 * diagnosis when it appears or changes kind, and its clearing (null) when the run recovers.
 */
export class RunDiagnosis {
  private history: EpochMetrics[] = [];
  private before: EpochMetrics | undefined;
  private settings: DiagnosedSettings;
  private currentCode: DiagnosisCode | null = null;

  constructor(
    settings: DiagnosedSettings,
    private readonly context: DiagnosisContext,
  ) {
    this.settings = { learningRate: settings.learningRate, optimizer: settings.optimizer };
  }

  get current(): DiagnosisCode | null {
    return this.currentCode;
  }

  /**
   * New settings from the next epoch: the window starts again, as what came before no longer says
   * anything about them. Returns true when a shown diagnosis must be cleared.
   */
  settingsChanged(settings: DiagnosedSettings): boolean {
    if (
      settings.learningRate === this.settings.learningRate &&
      settings.optimizer === this.settings.optimizer
    )
      return false;
    // A jump right after the change is measured from the last epoch before it.
    this.before = this.history.at(-1) ?? this.before;
    this.history = [];
    this.settings = { learningRate: settings.learningRate, optimizer: settings.optimizer };
    const had = this.currentCode !== null;
    this.currentCode = null;
    return had;
  }

  /**
   * Feeds one epoch. Returns a diagnosis when one appears or changes kind, null when a shown one
   * clears, and undefined when nothing changed.
   */
  observe(metrics: EpochMetrics): Diagnosis | null | undefined {
    // At most the epoch budget (5,000) of small records; the rules look at the last 50.
    this.history.push(metrics);
    const found = diagnose(this.history, this.settings, this.context, this.before);
    const code = found?.code ?? null;
    if (code === this.currentCode) return undefined;
    // An instability that calms for an epoch or two is not cured: keep saying it until the
    // settings change or the loss has stayed below the line for a full window.
    if (code === null && (this.currentCode === 'loss-jumped' || this.currentCode === 'loss-above-guess')) {
      const recent = this.history.slice(-JUMP_WINDOW);
      if (
        recent.length < JUMP_WINDOW ||
        recent.some((m) => m.trainLoss >= ABOVE_GUESS * this.context.guessLoss)
      )
        return undefined;
    }
    // A bouncing loss alternates between a jump and a stretch above guessing: one message holds.
    if (
      (code === 'loss-above-guess' && this.currentCode === 'loss-jumped') ||
      (code === 'loss-jumped' && this.currentCode === 'loss-above-guess')
    )
      return undefined;
    this.currentCode = code;
    return found;
  }
}
