import { describe, expect, test } from 'vitest';
import {
  DEFAULT_CONFIG,
  PopulationTrainer,
  featurize,
  initialParameters,
  networkLayout,
  tf,
  clipByGlobalNorm,
  type ExperimentConfig,
  type OptimizerKind,
} from '../../src/core';

/**
 * A tiny problem with a closed-form gradient: linear regression (no hidden layer) on the plane
 * dataset, full-batch, so one epoch is one step and the textbook update can be computed by hand.
 */
const tiny: ExperimentConfig = {
  ...DEFAULT_CONFIG,
  dataset: 'plane',
  points: 40,
  validationSplit: 0.2,
  hiddenLayers: [],
  features: ['x1', 'x2'],
  batchSize: 1000,
  learningRate: 0.05,
  epochs: 3,
};

function textbook(kind: OptimizerKind, config: ExperimentConfig, steps: number, rates?: number[]): number[] {
  const trainer = new PopulationTrainer([config]);
  const { trainIndices, points, labels } = trainer.dataset;
  trainer.dispose();
  const inputs = featurize(points, config.features);
  let theta = Array.from(initialParameters(networkLayout(2, [], 1), config.seed)).map(Number); // [w1, w2, b]
  let m = [0, 0, 0];
  let v = [0, 0, 0];
  const n = trainIndices.length;
  for (let t = 1; t <= steps; t++) {
    const g = [0, 0, 0];
    for (const i of trainIndices) {
      const x1 = inputs[2 * i]!;
      const x2 = inputs[2 * i + 1]!;
      const r = theta[0]! * x1 + theta[1]! * x2 + theta[2]! - labels[i]!;
      g[0]! += (2 / n) * r * x1;
      g[1]! += (2 / n) * r * x2;
      g[2]! += (2 / n) * r;
    }
    const lr = rates?.[t - 1] ?? config.learningRate;
    switch (kind) {
      case 'sgd':
        theta = theta.map((w, j) => w - lr * g[j]!);
        break;
      case 'momentum': // tf.train.momentum / PyTorch: v ← μv + g; w ← w − ηv
        m = m.map((mj, j) => config.momentum * mj + g[j]!);
        theta = theta.map((w, j) => w - lr * m[j]!);
        break;
      case 'rmsprop': // Keras: v ← ρv + (1−ρ)g²; w ← w − ηg/(√v + ε)
        v = v.map((vj, j) => config.rmsDecay * vj + (1 - config.rmsDecay) * g[j]! ** 2);
        theta = theta.map((w, j) => w - (lr * g[j]!) / (Math.sqrt(v[j]!) + config.epsilon));
        break;
      case 'adam': // Kingma & Ba, Algorithm 1
        m = m.map((mj, j) => config.beta1 * mj + (1 - config.beta1) * g[j]!);
        v = v.map((vj, j) => config.beta2 * vj + (1 - config.beta2) * g[j]! ** 2);
        theta = theta.map((w, j) => {
          const mHat = m[j]! / (1 - config.beta1 ** t);
          const vHat = v[j]! / (1 - config.beta2 ** t);
          return w - (lr * mHat) / (Math.sqrt(vHat) + config.epsilon);
        });
        break;
    }
  }
  return theta;
}

describe('optimizers match their textbook updates', () => {
  test.each(['sgd', 'momentum', 'rmsprop', 'adam'] as const)(
    '%s, three full-batch steps',
    async (optimizer) => {
      const config = {
        ...tiny,
        optimizer,
        momentum: 0.8,
        rmsDecay: 0.7,
        beta1: 0.85,
        beta2: 0.95,
        epsilon: 1e-3,
      };
      const trainer = new PopulationTrainer([config]);
      for (let i = 0; i < 3; i++) await trainer.trainEpoch();
      const actual = Array.from(await trainer.parametersOf(0));
      trainer.dispose();
      const expected = textbook(optimizer, config, 3);
      const initial = Array.from(initialParameters(networkLayout(2, [], 1), config.seed));
      actual.forEach((value, j) => {
        expect(value).toBeCloseTo(expected[j]!, 5);
        // The step was real: the parameters moved.
        expect(Math.abs(value - initial[j]!)).toBeGreaterThan(1e-4);
      });
    },
  );

  test('a learning-rate change applies from the next step and keeps the Adam moments', async () => {
    const config = { ...tiny, optimizer: 'adam' as const, beta1: 0.85, beta2: 0.95, epsilon: 1e-3 };
    const trainer = new PopulationTrainer([config]);
    await trainer.trainEpoch();
    expect(trainer.update(0, { learningRate: 0.25 })).toBe(true);
    // Restart-only changes are refused and change nothing.
    expect(trainer.update(0, { hiddenLayers: [3] })).toBe(false);
    await trainer.trainEpoch();
    const actual = Array.from(await trainer.parametersOf(0));
    trainer.dispose();
    const expected = textbook('adam', config, 2, [0.05, 0.25]);
    actual.forEach((value, j) => expect(value).toBeCloseTo(expected[j]!, 5));
  });
});

describe('gradient clipping', () => {
  test('bounds each member’s global norm and leaves small gradients alone', () => {
    const gradient = tf.tensor2d([
      [3, 4, 0],
      [0.3, 0.4, 0],
      [30, 40, 0],
    ]);
    const clipNorm = tf.tensor2d([[1], [1], [Infinity]]);
    const clipped = clipByGlobalNorm(gradient, clipNorm);
    const rows = clipped.arraySync();
    expect(Math.hypot(...rows[0]!)).toBeCloseTo(1, 5);
    expect(rows[0]![0]! / rows[0]![1]!).toBeCloseTo(0.75, 5);
    expect(rows[1]).toEqual([0.30000001192092896, 0.4000000059604645, 0]);
    expect(rows[2]).toEqual([30, 40, 0]);
    tf.dispose([gradient, clipped, clipNorm]);
  });
});
