/**
 * What a study minimizes. Analytic landscapes answer instantly, so a race of tuners finishes in
 * seconds and the regret against the known optimum is exact. The network objective, which trains
 * real networks, is in ./network so that this module stays free of TensorFlow.js.
 */
import { createRandom, deriveSeed } from '../random/random';
import { float, type Params, type SearchSpace } from './space';
import type { IntermediateReport, Suggestion, TrialResult } from './tuners';

export const OBJECTIVE_IDS = ['branin', 'rosenbrock', 'hartmann6', 'lr-curve', 'network'] as const;
export type ObjectiveId = (typeof OBJECTIVE_IDS)[number];

export interface EvaluationHooks {
  /** Called after every epoch with the running trials' losses; returns the trials to stop now. */
  prune?: (epoch: number, reports: readonly IntermediateReport[]) => number[];
  onEpoch?: (trial: number, epoch: number, value: number) => void;
  signal?: AbortSignal;
  /** Awaited between epochs of a trained objective, so the command line can receive a signal. */
  betweenEpochs?: () => Promise<void>;
}

export interface Objective {
  id: ObjectiveId;
  space: SearchSpace;
  /** Epochs of a full trial: the budget unit that stays fair when Hyperband stops trials early. */
  maxEpochs: number;
  /** The known minimum, for simple regret; absent for the network. */
  optimum?: number;
  /** Evaluates a batch of trials together. Never throws for a bad trial: it comes back failed. */
  evaluate(batch: readonly Suggestion[], hooks?: EvaluationHooks): Promise<TrialResult[]>;
  /** The noise-free value at a point, where it is known (analytic objectives). */
  trueValue?(params: Params): number;
}

interface Landscape {
  id: Exclude<ObjectiveId, 'network'>;
  space: SearchSpace;
  optimum: number;
  /** Typical gap between a poor and a good value: the scale of the simulated learning curves. */
  spread: number;
  noise: number;
  value(params: Params): number;
}

/** Branin–Hoo on [−5, 10] × [0, 15]; three global minima of 0.397887 (Dixon & Szegő 1978). */
export function branin(x1: number, x2: number): number {
  const b = 5.1 / (4 * Math.PI * Math.PI);
  const c = 5 / Math.PI;
  const t = 1 / (8 * Math.PI);
  return (x2 - b * x1 * x1 + c * x1 - 6) ** 2 + 10 * (1 - t) * Math.cos(x1) + 10;
}

export function rosenbrock(x: number, y: number): number {
  return (1 - x) ** 2 + 100 * (y - x * x) ** 2;
}

const HARTMANN_ALPHA = [1.0, 1.2, 3.0, 3.2];
const HARTMANN_A = [
  [10, 3, 17, 3.5, 1.7, 8],
  [0.05, 10, 17, 0.1, 8, 14],
  [3, 3.5, 1.7, 10, 17, 8],
  [17, 8, 0.05, 10, 0.1, 14],
];
const HARTMANN_P = [
  [1312, 1696, 5569, 124, 8283, 5886],
  [2329, 4135, 8307, 3736, 1004, 9991],
  [2348, 1451, 3522, 2883, 3047, 6650],
  [4047, 8828, 8732, 5743, 1091, 381],
].map((row) => row.map((v) => v * 1e-4));

/** Hartmann-6 on [0, 1]⁶; global minimum −3.32237. */
export function hartmann6(x: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < 4; i++) {
    let inner = 0;
    for (let j = 0; j < 6; j++) inner += HARTMANN_A[i]![j]! * (x[j]! - HARTMANN_P[i]![j]!) ** 2;
    sum += HARTMANN_ALPHA[i]! * Math.exp(-inner);
  }
  return -sum;
}

/**
 * A validation loss against log₁₀ learning rate, shaped like the measured curves: slow progress
 * when too small, a floor near 0.0063, and a wall where training diverges above ~0.16.
 */
export function learningRateCurve(learningRate: number): number {
  const x = Math.log10(learningRate);
  return 0.25 + 0.06 * (x + 2.2) ** 2 + 2.5 * Math.max(0, x + 0.8) ** 2;
}

const LANDSCAPES: Record<Landscape['id'], Landscape> = {
  branin: {
    id: 'branin',
    space: { x1: float(-5, 10), x2: float(0, 15) },
    optimum: 0.397887357729738,
    spread: 20,
    noise: 0,
    value: (p) => branin(p.x1 as number, p.x2 as number),
  },
  rosenbrock: {
    id: 'rosenbrock',
    space: { x: float(-2, 2), y: float(-2, 2) },
    optimum: 0,
    spread: 100,
    noise: 0,
    value: (p) => rosenbrock(p.x as number, p.y as number),
  },
  hartmann6: {
    id: 'hartmann6',
    space: Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`x${i + 1}`, float(0, 1)])),
    optimum: -3.32236801141551,
    spread: 1,
    noise: 0,
    value: (p) => hartmann6(Array.from({ length: 6 }, (_, i) => p[`x${i + 1}`] as number)),
  },
  'lr-curve': {
    id: 'lr-curve',
    space: { learningRate: float(1e-5, 1, { log: true }) },
    optimum: 0.25,
    spread: 0.5,
    noise: 0.02,
    value: (p) => learningRateCurve(p.learningRate as number),
  },
};

export function analyticSpace(id: Exclude<ObjectiveId, 'network'>): SearchSpace {
  return LANDSCAPES[id].space;
}

/**
 * An analytic objective. With pruning hooks it also simulates learning curves over `maxEpochs`
 * epochs: the value at epoch e is f(x) + spread · (R/e − 1)/(R − 1) · a trial's own lognormal
 * factor, so early losses rank trials only roughly, as real early losses do.
 */
export function analyticObjective(id: Exclude<ObjectiveId, 'network'>, seed = 0, maxEpochs = 27): Objective {
  const landscape = LANDSCAPES[id];
  const observe = (suggestion: Suggestion): number => {
    const base = landscape.value(suggestion.params);
    if (landscape.noise === 0) return base;
    return base + landscape.noise * createRandom(deriveSeed(seed, id, 'noise', suggestion.number)).normal();
  };
  return {
    id,
    space: landscape.space,
    maxEpochs,
    optimum: landscape.optimum,
    trueValue: landscape.value,
    async evaluate(batch, hooks = {}) {
      const finals = batch.map(observe);
      const epochsOf = batch.map((s) => s.epochs ?? maxEpochs);
      if (!hooks.prune && !hooks.onEpoch)
        return finals.map((value, i) => ({ value, state: 'complete', epochs: epochsOf[i]! }));
      const factors = batch.map((s) =>
        Math.exp(0.5 * createRandom(deriveSeed(seed, id, 'curve', s.number)).normal()),
      );
      const results: (TrialResult | null)[] = batch.map(() => null);
      const last = batch.map(() => NaN);
      const longest = Math.max(...epochsOf);
      for (let epoch = 1; epoch <= longest; epoch++) {
        const reports: IntermediateReport[] = [];
        batch.forEach((s, i) => {
          if (results[i] || epoch > epochsOf[i]!) return;
          const total = epochsOf[i]!;
          const gap = total > 1 ? (total / epoch - 1) / (total - 1) : 0;
          const value = finals[i]! + landscape.spread * gap * factors[i]!;
          last[i] = value;
          hooks.onEpoch?.(s.number, epoch, value);
          if (epoch === total) results[i] = { value: finals[i]!, state: 'complete', epochs: total };
          else reports.push({ number: s.number, value });
        });
        const stop = new Set(hooks.prune?.(epoch, reports) ?? []);
        batch.forEach((s, i) => {
          if (!results[i] && stop.has(s.number))
            results[i] = {
              value: last[i]!,
              state: 'pruned',
              epochs: epoch,
              message: `Stopped at epoch ${epoch} by successive halving.`,
              reason: { code: 'pruned', params: { epoch } },
            };
        });
      }
      return results.map((r) => r!);
    },
  };
}
