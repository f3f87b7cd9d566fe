/**
 * Hyperparameter importance as Optuna's default FanovaImportanceEvaluator computes it: a random
 * forest (64 regression trees on bootstrap samples, grown until leaves are pure, every feature tried
 * at every split, as scikit-learn's RandomForestRegressor in Optuna's evaluator) fitted to the
 * complete trials, then fANOVA (Hutter, Hoos & Leyton-Brown 2014) on each tree: the variance of the
 * tree's marginal over one parameter, as a share of the tree's total variance, averaged over the
 * trees and normalized to sum to 1.
 *
 * Inputs are the unit-cube coordinates of the search space (log ranges in log space, as Optuna
 * transforms them; categoricals by the index of their choice, where Optuna one-hot encodes them).
 */
import { createRandom, deriveSeed } from '../random/random';
import { parameterNames, unitFromValue, type SearchSpace } from './space';
import type { Trial } from './tuners';

export interface ImportanceOptions {
  trees?: number;
  maxDepth?: number;
  seed?: number;
}

export interface ParameterImportance {
  name: string;
  /** Share of the objective's variance explained by this parameter alone, in [0, 1]; the shares sum to 1. */
  importance: number;
}

interface Leaf {
  lower: Float64Array;
  upper: Float64Array;
  value: number;
}

function growTree(
  X: readonly Float64Array[],
  y: readonly number[],
  indices: number[],
  lower: Float64Array,
  upper: Float64Array,
  depth: number,
  maxDepth: number,
  leaves: Leaf[],
): void {
  const n = indices.length;
  let sum = 0;
  for (const i of indices) sum += y[i]!;
  const mean = sum / n;
  let pure = true;
  for (const i of indices) if (y[i] !== y[indices[0]!]) pure = false;
  let best: { dim: number; threshold: number; cost: number } | null = null;
  if (n >= 2 && !pure && depth < maxDepth) {
    const dims = lower.length;
    for (let d = 0; d < dims; d++) {
      const sorted = [...indices].sort((a, b) => X[a]![d]! - X[b]![d]!);
      let leftSum = 0;
      let leftSquares = 0;
      let totalSquares = 0;
      for (const i of sorted) totalSquares += y[i]! * y[i]!;
      for (let k = 0; k < n - 1; k++) {
        const v = y[sorted[k]!]!;
        leftSum += v;
        leftSquares += v * v;
        const here = X[sorted[k]!]![d]!;
        const next = X[sorted[k + 1]!]![d]!;
        if (next <= here) continue;
        const left = k + 1;
        const right = n - left;
        const rightSum = sum - leftSum;
        // Sum of squared errors on both sides: Σy² − (Σy)²/n per side.
        const cost =
          leftSquares -
          (leftSum * leftSum) / left +
          (totalSquares - leftSquares) -
          (rightSum * rightSum) / right;
        if (!best || cost < best.cost - 1e-12) best = { dim: d, threshold: (here + next) / 2, cost };
      }
    }
  }
  if (!best) {
    leaves.push({ lower, upper, value: mean });
    return;
  }
  const leftIndices = indices.filter((i) => X[i]![best.dim]! <= best.threshold);
  const rightIndices = indices.filter((i) => X[i]![best.dim]! > best.threshold);
  const leftUpper = new Float64Array(upper);
  leftUpper[best.dim] = best.threshold;
  const rightLower = new Float64Array(lower);
  rightLower[best.dim] = best.threshold;
  growTree(X, y, leftIndices, lower, leftUpper, depth + 1, maxDepth, leaves);
  growTree(X, y, rightIndices, rightLower, upper, depth + 1, maxDepth, leaves);
}

/**
 * fANOVA on one tree: its total variance over the unit cube, and for each dimension the variance of
 * the marginal (the tree averaged over every other dimension), exactly, from the leaves' boxes.
 */
function treeVariances(leaves: readonly Leaf[], dims: number): { total: number; marginal: number[] } {
  const volume = (leaf: Leaf) => leaf.lower.reduce((v, low, d) => v * (leaf.upper[d]! - low), 1);
  let mean = 0;
  for (const leaf of leaves) mean += volume(leaf) * leaf.value;
  let total = 0;
  for (const leaf of leaves) total += volume(leaf) * (leaf.value - mean) ** 2;
  const marginal: number[] = [];
  for (let d = 0; d < dims; d++) {
    const cuts = [...new Set(leaves.flatMap((leaf) => [leaf.lower[d]!, leaf.upper[d]!]))].sort(
      (a, b) => a - b,
    );
    let variance = 0;
    for (let k = 0; k + 1 < cuts.length; k++) {
      const width = cuts[k + 1]! - cuts[k]!;
      if (width <= 0) continue;
      const x = (cuts[k]! + cuts[k + 1]!) / 2;
      let m = 0;
      for (const leaf of leaves) {
        if (x < leaf.lower[d]! || x > leaf.upper[d]!) continue;
        // The leaf's weight in the average over the other dimensions: its volume without dimension d.
        m += (leaf.value * volume(leaf)) / (leaf.upper[d]! - leaf.lower[d]!);
      }
      variance += width * (m - mean) ** 2;
    }
    marginal.push(variance);
  }
  return { total, marginal };
}

/**
 * Importance of each parameter that every complete trial has, most important first. Needs at least
 * two complete trials with different values; otherwise every parameter gets an equal share.
 */
export function fanovaImportance(
  space: SearchSpace,
  trials: readonly Trial[],
  options: ImportanceOptions = {},
): ParameterImportance[] {
  const complete = trials.filter(
    (t) => t.state === 'complete' && t.value !== null && Number.isFinite(t.value),
  );
  const names = parameterNames(space).filter((name) => complete.every((t) => t.params[name] !== undefined));
  if (names.length === 0) return [];
  const X = complete.map((t) =>
    Float64Array.from(names.map((name) => unitFromValue(space[name]!, t.params[name]!))),
  );
  const y = complete.map((t) => t.value!);
  const dims = names.length;
  const sums = new Array<number>(dims).fill(0);
  const random = createRandom(deriveSeed(options.seed ?? 0, 'fanova-forest'));
  const trees = options.trees ?? 64;
  let counted = 0;
  for (let t = 0; t < trees && complete.length >= 2; t++) {
    const sample = Array.from({ length: complete.length }, () => random.int(complete.length));
    const leaves: Leaf[] = [];
    growTree(
      X,
      y,
      sample,
      new Float64Array(dims),
      new Float64Array(dims).fill(1),
      0,
      options.maxDepth ?? 64,
      leaves,
    );
    const { total, marginal } = treeVariances(leaves, dims);
    if (!(total > 0)) continue;
    counted++;
    marginal.forEach((v, d) => (sums[d] = sums[d]! + v / total));
  }
  const sum = sums.reduce((a, b) => a + b, 0);
  return names
    .map((name, d) => ({ name, importance: counted && sum > 0 ? sums[d]! / sum : 1 / dims }))
    .sort((a, b) => b.importance - a.importance);
}
