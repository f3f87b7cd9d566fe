import { describe, expect, test } from 'vitest';
import { tf } from '../../src/core/tf';
import { DEFAULT_CONFIG, type ExperimentConfig } from '../../src/core/config/parameters';
import { generateDataset } from '../../src/core/data/datasets';
import { featurize } from '../../src/core/data/features';
import { kerasScript } from '../../src/core/export/keras';
import { backpropagate } from '../../src/core/model/backprop';
import { initialParameters, networkLayout, weightMask } from '../../src/core/model/network';
import { PopulationTrainer } from '../../src/core/train/population';

/**
 * The update the exported Keras script applies (TunelabOptimizer.update_step), ported line by line
 * and replayed on the engine's own gradients: after each of the first 10 steps its weights must be
 * the engine's. Full-batch steps, so one epoch is one step and the shuffle order cannot matter.
 */
const SCRIPT_LINES = {
  adam: [
    'self.assign(m, BETA_1 * m + (1 - BETA_1) * g)',
    'self.assign(v, BETA_2 * v + (1 - BETA_2) * g * g)',
    'preconditioner = ops.sqrt(v / (1 - ops.power(BETA_2, step))) + EPSILON',
    'direction = m / (1 - ops.power(BETA_1, step)) / preconditioner',
    'w = variable - rate * direction',
  ],
  rmsprop: [
    'self.assign(v, RMS_DECAY * v + (1 - RMS_DECAY) * g * g)',
    'preconditioner = ops.sqrt(v) + EPSILON',
    'direction = g / preconditioner',
    'w = variable - rate * direction',
  ],
  l1: ['threshold = rate * L1 / preconditioner', 'w = ops.sign(w) * ops.relu(ops.abs(w) - threshold)'],
};

type Update = (
  w: number,
  g: number,
  state: { m: number; v: number },
  step: number,
  isWeight: boolean,
) => number;

/** TunelabOptimizer.update_step, as the script writes it. */
function scriptUpdate(config: ExperimentConfig): Update {
  const { beta1: BETA_1, beta2: BETA_2, rmsDecay: RMS_DECAY, epsilon: EPSILON, l1: L1 } = config;
  const rate = config.learningRate;
  return (variable, g, s, step, isWeight) => {
    let preconditioner: number;
    let direction: number;
    if (config.optimizer === 'adam') {
      s.m = BETA_1 * s.m + (1 - BETA_1) * g;
      s.v = BETA_2 * s.v + (1 - BETA_2) * g * g;
      preconditioner = Math.sqrt(s.v / (1 - Math.pow(BETA_2, step))) + EPSILON;
      direction = s.m / (1 - Math.pow(BETA_1, step)) / preconditioner;
    } else {
      s.v = RMS_DECAY * s.v + (1 - RMS_DECAY) * g * g;
      preconditioner = Math.sqrt(s.v) + EPSILON;
      direction = g / preconditioner;
    }
    let w = variable - rate * direction;
    if (L1 > 0 && isWeight) {
      const threshold = (rate * L1) / preconditioner;
      w = Math.sign(w) * Math.max(Math.abs(w) - threshold, 0);
    }
    return w;
  };
}

/** Keras 3's own Adam and RMSprop (keras/src/optimizers), which the old export used. */
function kerasOwnUpdate(config: ExperimentConfig): Update {
  const rate = config.learningRate;
  return (w, g, s, step) => {
    if (config.optimizer === 'adam') {
      const alpha = (rate * Math.sqrt(1 - config.beta2 ** step)) / (1 - config.beta1 ** step);
      s.m += (g - s.m) * (1 - config.beta1);
      s.v += (g * g - s.v) * (1 - config.beta2);
      return w - (alpha * s.m) / (Math.sqrt(s.v) + config.epsilon);
    }
    s.v = config.rmsDecay * s.v + (1 - config.rmsDecay) * g * g;
    return w - (rate * g) / Math.sqrt(s.v + config.epsilon);
  };
}

const base: ExperimentConfig = {
  ...DEFAULT_CONFIG,
  points: 60,
  hiddenLayers: [6, 5],
  batchSize: 100_000,
  epochs: 10,
  learningRate: 0.05,
  seed: 5,
};

/** The engine's weights after each of the first 10 steps, and the same steps replayed with `update`. */
async function replay(config: ExperimentConfig, makeUpdate: (c: ExperimentConfig) => Update) {
  const dataset = generateDataset(config);
  const trainer = new PopulationTrainer([config], dataset);
  const engine: Float32Array[] = [];
  const replayed: Float64Array[] = [];
  try {
    for (let step = 0; step < 10; step++) {
      await trainer.trainEpoch();
      engine.push(await trainer.parametersOf(0));
    }
  } finally {
    trainer.dispose();
  }
  const layout = networkLayout(2, config.hiddenLayers, 2);
  const isWeight = weightMask(layout);
  const rows = dataset.trainIndices;
  const points = featurize(dataset.points, config.features);
  const x = Float32Array.from({ length: rows.length * 2 }, (_, i) => points[rows[i >> 1]! * 2 + (i & 1)]!);
  const y = new Float32Array(rows.length * 2);
  rows.forEach((r, i) => (y[i * 2 + dataset.labels[r]!] = 1));
  const update = makeUpdate(config);
  const w = Float64Array.from(initialParameters(layout, config.seed));
  const state = Array.from(w, () => ({ m: 0, v: 0 }));
  for (let step = 1; step <= 10; step++) {
    const g = tf.tidy(() =>
      backpropagate(
        layout,
        config.activation,
        tf.tensor2d(Float32Array.from(w), [1, w.length]),
        tf.tensor3d(x, [1, rows.length, 2]),
        {
          task: 'classification',
          targets: tf.tensor3d(y, [1, rows.length, 2]),
        },
      ).dataSync(),
    );
    for (let i = 0; i < w.length; i++) w[i] = update(w[i]!, g[i]!, state[i]!, step, isWeight[i] === 1);
    replayed.push(Float64Array.from(w));
  }
  return { engine, replayed, script: kerasScript(config, dataset).script };
}

function largestDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let largest = 0;
  for (let i = 0; i < a.length; i++) largest = Math.max(largest, Math.abs(a[i]! - b[i]!));
  return largest;
}

describe("the Keras script's update replays the engine's first 10 steps", () => {
  const cases: [string, Partial<ExperimentConfig>][] = [
    ['adam, ε = 1e-7', { optimizer: 'adam', epsilon: 1e-7 }],
    ['adam, ε = 1', { optimizer: 'adam', epsilon: 1, learningRate: 0.5 }],
    ['rmsprop, ε = 1e-7', { optimizer: 'rmsprop', epsilon: 1e-7, learningRate: 0.01 }],
    ['rmsprop, ε = 1', { optimizer: 'rmsprop', epsilon: 1, learningRate: 0.5 }],
    ['adam, ε = 1e-7, L1', { optimizer: 'adam', epsilon: 1e-7, l1: 0.01 }],
    ['rmsprop, ε = 1, L1', { optimizer: 'rmsprop', epsilon: 1, learningRate: 0.5, l1: 0.05 }],
  ];
  test.each(cases)('%s: to 1e-5 after every step', async (_name, changes) => {
    const config = { ...base, ...changes };
    const { engine, replayed, script } = await replay(config, scriptUpdate);
    const kind = config.optimizer as 'adam' | 'rmsprop';
    for (const line of [...SCRIPT_LINES[kind], ...(config.l1 > 0 ? SCRIPT_LINES.l1 : [])])
      expect(script).toContain(line);
    engine.forEach((weights, step) => expect(largestDifference(weights, replayed[step]!)).toBeLessThan(1e-5));
    if (config.l1 > 0) {
      const zeros = (a: ArrayLike<number>) => Array.from(a).filter((v) => v === 0).length;
      expect(zeros(engine[9]!)).toBeGreaterThan(0);
      expect(zeros(replayed[9]!)).toBe(zeros(engine[9]!));
    }
  });

  test("Keras' own Adam and RMSprop, which the export used before, run a different optimizer at ε = 1", async () => {
    for (const optimizer of ['adam', 'rmsprop'] as const) {
      const { engine, replayed } = await replay(
        { ...base, optimizer, epsilon: 1, learningRate: 0.5 },
        kerasOwnUpdate,
      );
      expect(largestDifference(engine[9]!, replayed[9]!)).toBeGreaterThan(1e-3);
    }
  });
});
