import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  DEFAULT_CONFIG,
  PopulationTrainer,
  tf,
  trainExperiment,
  useBackend,
  type ExperimentConfig,
} from '../../src/core';
import { computeLandscape, findLearningRate, gridMinima } from '../../src/core/landscape';

// The page trains on wasm: the claims are checked there.
beforeAll(() => useBackend('wasm'));
afterAll(() => useBackend('cpu'));

async function trainWithTrajectory(config: ExperimentConfig, epochs: number) {
  const trainer = new PopulationTrainer([{ ...config, epochs }]);
  const trajectory: Float32Array[] = [];
  let trainLoss = NaN;
  while (trainer.running) {
    trajectory.push(await trainer.parametersOf(0));
    trainLoss = (await trainer.trainEpoch())[0]!.trainLoss;
  }
  return { trainer, trajectory, trainLoss };
}

describe('the loss landscape', () => {
  test('its centre is the training loss at the current weights, and the path ends there', async () => {
    const { trainer, trajectory, trainLoss } = await trainWithTrajectory(DEFAULT_CONFIG, 40);
    try {
      for (const plane of ['trajectory', 'random'] as const) {
        const landscape = await computeLandscape(trainer, 0, trajectory, { plane, resolution: 11 });
        expect(landscape.plane).toBe(plane);
        expect(Math.abs(landscape.centerLoss - trainLoss)).toBeLessThan(1e-5);
        expect(landscape.path).toHaveLength(trajectory.length + 1);
        expect(landscape.path.at(-1)).toEqual({ x: 0, y: 0 });
        // The path starts away from the centre, inside the grid drawn around it.
        const start = landscape.path[0]!;
        expect(Math.hypot(start.x, start.y)).toBeGreaterThan(0);
        expect(start.x).toBeGreaterThanOrEqual(landscape.xs[0]!);
        expect(start.x).toBeLessThanOrEqual(landscape.xs.at(-1)!);
        expect(landscape.losses).toHaveLength(11 * 11);
        expect(landscape.losses.every(Number.isFinite)).toBe(true);
        // The cut along the last step passes through the current weights at t = 0.
        const zero = landscape.cut!.ts.findIndex((t) => Math.abs(t) < 1e-9);
        expect(Math.abs(landscape.cut!.losses[zero]! - trainLoss)).toBeLessThan(1e-5);
      }
      const pca = await computeLandscape(trainer, 0, trajectory, { resolution: 5 });
      expect(pca.explainedVariance![0]).toBeGreaterThan(pca.explainedVariance![1]);
    } finally {
      trainer.dispose();
    }
  });

  test('a convex problem (a linear model on the plane dataset) has a single basin', async () => {
    // Linear in its weights, so its mean squared error is convex in them, and so is any plane's slice.
    // Seven features keep two random directions from being nearly parallel, as two of three would be.
    const config: ExperimentConfig = {
      ...DEFAULT_CONFIG,
      dataset: 'plane',
      hiddenLayers: [],
      features: ['x1', 'x2', 'x1sq', 'x2sq', 'x1x2', 'sinx1', 'sinx2'],
      learningRate: 0.01,
    };
    const { trainer, trajectory } = await trainWithTrajectory(config, 30);
    try {
      for (const plane of ['trajectory', 'random'] as const) {
        const landscape = await computeLandscape(trainer, 0, trajectory, { plane, resolution: 21 });
        expect(gridMinima(landscape.losses, 21)).toHaveLength(1);
      }
    } finally {
      trainer.dispose();
    }
  });

  test('leaves no tensors behind', async () => {
    const before = tf.memory().numTensors;
    const { trainer, trajectory } = await trainWithTrajectory(DEFAULT_CONFIG, 5);
    await computeLandscape(trainer, 0, trajectory, { resolution: 7 });
    trainer.dispose();
    await findLearningRate(DEFAULT_CONFIG, { steps: 20 });
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('the learning-rate finder', () => {
  test.each(['spiral', 'moons', 'xor'] as const)(
    'on %s suggests a rate that trains the default network to 95% validation accuracy in 300 epochs',
    async (dataset) => {
      const config: ExperimentConfig = { ...DEFAULT_CONFIG, dataset, epochs: 300 };
      const finding = await findLearningRate(config);
      expect(finding.suggestion).not.toBeNull();
      const { learningRate, rule } = finding.suggestion!;
      expect(['steepest', 'minimum']).toContain(rule);
      expect(learningRate).toBeGreaterThan(1e-6);
      expect(learningRate).toBeLessThan(10);
      const result = await trainExperiment({ ...config, learningRate });
      expect(result.summary.finalValidationAccuracy).toBeGreaterThanOrEqual(0.95);
    },
  );

  test('does not change the experiment: training after it gives the same numbers', async () => {
    const config: ExperimentConfig = { ...DEFAULT_CONFIG, epochs: 3 };
    const before = await trainExperiment(config);
    await findLearningRate(config, { steps: 30 });
    const after = await trainExperiment(config);
    expect(after.history).toEqual(before.history.map((m) => ({ ...m, wallTimeMs: expect.any(Number) })));
  });
});
