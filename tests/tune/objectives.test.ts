import { describe, expect, it } from 'vitest';
import {
  analyticObjective,
  branin,
  DEFAULT_CONFIG,
  float,
  categorical,
  hartmann6,
  learningRateCurve,
  networkObjective,
  rosenbrock,
  runStudy,
  tunerFor,
  bestSoFar,
  type ExperimentConfig,
} from '../../src/core';

describe('analytic objectives', () => {
  it('have their textbook minima', () => {
    for (const [x1, x2] of [
      [-Math.PI, 12.275],
      [Math.PI, 2.275],
      [9.42478, 2.475],
    ] as const)
      expect(branin(x1, x2)).toBeCloseTo(0.397887, 5);
    expect(hartmann6([0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573])).toBeCloseTo(-3.32237, 4);
    expect(rosenbrock(1, 1)).toBe(0);
    expect(learningRateCurve(10 ** -2.2)).toBeCloseTo(0.25, 12);
    expect(learningRateCurve(0.5)).toBeGreaterThan(learningRateCurve(1e-5));
  });

  it('the learning-rate curve is noisy but reproducible for a seed', async () => {
    const objective = analyticObjective('lr-curve', 7);
    const batch = [
      { number: 0, params: { learningRate: 0.01 } },
      { number: 1, params: { learningRate: 0.01 } },
    ];
    const [a, b] = await objective.evaluate(batch);
    expect(a!.value).not.toBe(b!.value);
    expect((await objective.evaluate(batch))[0]!.value).toBe(a!.value);
    expect(Math.abs(a!.value! - learningRateCurve(0.01))).toBeLessThan(0.1);
  });

  it('best-so-far never rises', async () => {
    const objective = analyticObjective('branin', 1);
    const result = await runStudy(tunerFor('random', objective, { seed: 1 }), objective, { trials: 30 });
    const curve = bestSoFar(result.trials) as number[];
    for (let i = 1; i < curve.length; i++) expect(curve[i]!).toBeLessThanOrEqual(curve[i - 1]!);
  });
});

const tiny: ExperimentConfig = {
  ...DEFAULT_CONFIG,
  dataset: 'circle',
  points: 120,
  hiddenLayers: [4],
  epochs: 6,
  batchSize: 32,
  seed: 3,
};

describe('network objective', () => {
  it('trains a batch as one population, records diverged trials as failed with the reason, and the study goes on', async () => {
    const objective = networkObjective(
      { ...tiny, dataset: 'plane', optimizer: 'sgd' },
      { learningRate: float(1e-3, 100, { log: true }) },
    );
    const batch = [
      { number: 0, params: { learningRate: 0.05 } },
      { number: 1, params: { learningRate: 100 } },
      { number: 2, params: { learningRate: 0.01 } },
    ];
    const results = await objective.evaluate(batch);
    expect(results[0]!.state).toBe('complete');
    expect(results[0]!.value).toBeGreaterThan(0);
    expect(results[1]!.state).toBe('failed');
    expect(results[1]!.message).toMatch(/^Diverged at epoch \d+: the learning rate 100 is too high/);
    expect(results[2]!.state).toBe('complete');
  });

  it('gives a trial the same value whether it trains alone or in a batch', async () => {
    const objective = networkObjective(tiny, {
      learningRate: float(1e-3, 1, { log: true }),
      optimizer: categorical(['adam', 'sgd']),
    });
    const alone = await objective.evaluate([
      { number: 0, params: { learningRate: 0.03, optimizer: 'adam' } },
    ]);
    const together = await objective.evaluate([
      { number: 0, params: { learningRate: 0.2, optimizer: 'sgd' } },
      { number: 1, params: { learningRate: 0.03, optimizer: 'adam' } },
    ]);
    expect(together[1]!.value).toBeCloseTo(alone[0]!.value!, 5);
  });

  it('lets Hyperband stop trials early on their validation losses', async () => {
    const objective = networkObjective(
      { ...tiny, epochs: 9 },
      { learningRate: float(1e-3, 1, { log: true }) },
    );
    const tuner = tunerFor('hyperband', objective, { seed: 1, minEpochs: 1 });
    const result = await runStudy(tuner, objective, { trials: 9 });
    expect(result.trials.some((t) => t.state === 'pruned' && t.epochs! < 9)).toBe(true);
    expect(result.trials.some((t) => t.state === 'complete' && t.epochs === 9)).toBe(true);
  });

  it('refuses a space that is not made of tunable hyperparameters', () => {
    expect(() => networkObjective(tiny, { colour: categorical(['red']) })).toThrow(/colour/);
  });
});

describe('inside the Gaussian process', () => {
  it('shows a 1-D posterior that passes near its observations, an acquisition curve and a next point', async () => {
    const { explainBayes } = await import('../../src/core');
    const view = await explainBayes({ objective: 'lr-curve', seed: 1, observations: 5 });
    expect(view.dimensions).toBe(1);
    expect(view.points).toHaveLength(5);
    expect(view.mean).toHaveLength(view.axes[0]!.length);
    expect(view.std.every((s) => s >= 0)).toBe(true);
    expect(view.acquisition.some((a) => a > 0)).toBe(true);
    const lr = view.next[0]!;
    expect(lr).toBeGreaterThanOrEqual(1e-5);
    expect(lr).toBeLessThanOrEqual(1);
    const more = await explainBayes({ objective: 'lr-curve', seed: 1, observations: 6 });
    expect(more.points.slice(0, 5)).toEqual(view.points);
    expect(more.points[5]!.params[0]).toBeCloseTo(lr, 12);
  });

  it('shows 2-D maps of mean, σ and acquisition for Branin', async () => {
    const { explainBayes } = await import('../../src/core');
    const view = await explainBayes({ objective: 'branin', seed: 2, observations: 8, resolution: 12 });
    expect(view.dimensions).toBe(2);
    expect(view.mean).toHaveLength(144);
    expect(view.axes[0]![0]).toBe(-5);
    expect(view.axes[1]![11]).toBe(15);
  });
});
