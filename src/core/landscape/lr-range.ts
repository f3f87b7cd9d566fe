/**
 * The learning-rate range test's arithmetic (Smith 2017, "Cyclical Learning Rates for Training
 * Neural Networks"; fastai's `lr_find`): the rates to try, the smoothed loss curve, and the rate to
 * suggest from it. Pure numbers; the training that produces the losses is in ./finder.
 */

export type SuggestionRule = 'steepest' | 'minimum';

export interface LearningRateSuggestion {
  learningRate: number;
  /** steepest: where the smoothed loss falls fastest; minimum: the lowest smoothed loss ÷ 10. */
  rule: SuggestionRule;
  /** The index on the curve the rule picked (the steepest point, or the minimum). */
  index: number;
}

/** `steps` rates rising geometrically from `start` to `end`. */
export function rangeTestRates(start: number, end: number, steps: number): number[] {
  const ratio = Math.log(end / start);
  return Array.from({ length: steps }, (_, i) => start * Math.exp((ratio * i) / Math.max(1, steps - 1)));
}

/**
 * An exponential moving average with the bias correction Adam uses, so the first points are not
 * pulled towards zero: fastai's smoothing, β = 0.98 by default.
 */
export function smoothLosses(losses: readonly number[], beta = 0.98): number[] {
  let average = 0;
  return losses.map((loss, i) => {
    average = beta * average + (1 - beta) * loss;
    return average / (1 - beta ** (i + 1));
  });
}

/**
 * The rate to start training with. The steepest descent of the smoothed loss against log(rate),
 * looked for only before the loss's minimum (past it the run is already blowing up) and after the
 * first tenth of the curve (where the smoothing is still settling). When no stretch of the curve
 * falls clearly, the minimum's rate ÷ 10 (the older rule of thumb), saying so.
 */
export function suggestLearningRate(
  learningRates: readonly number[],
  smoothed: readonly number[],
): LearningRateSuggestion | null {
  const n = Math.min(learningRates.length, smoothed.length);
  if (n < 3) return null;
  let minimum = 0;
  for (let i = 1; i < n; i++) if (smoothed[i]! < smoothed[minimum]!) minimum = i;
  const from = Math.max(1, Math.floor(n / 10));
  let steepest = -1;
  let steepestSlope = 0;
  for (let i = from; i < minimum; i++) {
    const slope =
      (smoothed[i + 1]! - smoothed[i - 1]!) /
      (Math.log(learningRates[i + 1]!) - Math.log(learningRates[i - 1]!));
    if (slope < steepestSlope) {
      steepestSlope = slope;
      steepest = i;
    }
  }
  // A fall of under 1% of the loss per e-fold of the rate is noise, not descent.
  if (steepest >= 0 && -steepestSlope > 0.01 * smoothed[steepest]!)
    return { learningRate: learningRates[steepest]!, rule: 'steepest', index: steepest };
  return { learningRate: learningRates[minimum]! / 10, rule: 'minimum', index: minimum };
}
