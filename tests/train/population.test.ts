import { afterAll, describe, expect, test } from 'vitest';
import {
  DEFAULT_CONFIG,
  groupIntoPopulations,
  tf,
  trainExperiment,
  trainPopulation,
  useBackend,
  type ExperimentConfig,
  type RunResult,
} from '../../src/core';

const base: ExperimentConfig = {
  ...DEFAULT_CONFIG,
  dataset: 'spiral',
  points: 160,
  hiddenLayers: [8, 8],
  epochs: 12,
};

const members: ExperimentConfig[] = [
  base,
  { ...base, learningRate: 0.05, optimizer: 'sgd' },
  { ...base, optimizer: 'momentum', momentum: 0.8, learningRate: 0.03 },
  { ...base, optimizer: 'rmsprop', l2: 0.001, clipNorm: 0.5 },
  { ...base, dropout: 0.3, labelSmoothing: 0.1, schedule: 'cosine' },
  { ...base, l1: 0.001, schedule: 'warmup', warmupEpochs: 4, beta1: 0.5 },
];

const losses = (r: RunResult) => r.history.flatMap((m) => [m.trainLoss, m.validationLoss]);

/** Parity: every member's losses, to float32 tolerance, and status are those of its experiment trained alone. */
async function expectEachMemberAsAlone(
  configs: readonly ExperimentConfig[],
  together: readonly RunResult[],
): Promise<void> {
  for (const [k, config] of configs.entries()) {
    const alone = await trainExperiment(config);
    const expected = losses(alone);
    losses(together[k]!).forEach((value, i) =>
      expect(value, `member ${k}, value ${i}`).toBeCloseTo(expected[i]!, 5),
    );
    expect(together[k]!.summary.status).toBe(alone.summary.status);
  }
}

describe('population training', () => {
  test('each member’s curves equal the same experiment trained alone', async () => {
    await expectEachMemberAsAlone(members, await trainPopulation(members));
  });

  test('a diverging member stops alone; the others’ numbers do not change', async () => {
    const [healthy, exploding] = [base, { ...base, optimizer: 'sgd' as const, learningRate: 90, epochs: 12 }];
    const [withExplosion, explosion] = await trainPopulation([healthy, exploding]);
    expect(explosion!.summary.status).toBe('diverged');
    expect(explosion!.history.length).toBeLessThan(12);
    expect(withExplosion!.summary.status).toBe('completed');
    const alone = await trainExperiment(healthy);
    expect(losses(withExplosion!)).toEqual(losses(alone));
  });

  test('configs group by data, architecture and batch size', () => {
    const groups = groupIntoPopulations([
      base,
      { ...base, learningRate: 0.1 },
      { ...base, hiddenLayers: [4] },
      { ...base, batchSize: 32 },
      { ...base, dropout: 0.2 },
    ]);
    expect(groups).toEqual([[0, 1, 4], [2], [3]]);
  });
});

describe('population training on wasm (the page’s backend for lanes and trials)', () => {
  afterAll(() => useBackend('cpu'));
  // Wide enough (16 units, batch 64) that the population's products take the convolution path
  // (src/core/model/products.ts) while each member alone takes tf.matMul.
  const wide = members.map((config) => ({ ...config, hiddenLayers: [16, 16], batchSize: 64 }));

  test('each member’s curves equal the same experiment trained alone, and no tensor is left over', async () => {
    await useBackend('wasm');
    expect(tf.getBackend()).toBe('wasm');
    const before = tf.memory().numTensors;
    const together = await trainPopulation(wide);
    expect(tf.memory().numTensors).toBe(before);
    await expectEachMemberAsAlone(wide, together);
  });

  test('a diverging member stops alone; the others’ numbers do not change', async () => {
    await useBackend('wasm');
    const healthy = wide.slice(0, 5);
    const exploding = { ...wide[0]!, optimizer: 'sgd' as const, learningRate: 90 };
    const withExplosion = await trainPopulation([...healthy, exploding]);
    expect(withExplosion[5]!.summary.status).toBe('diverged');
    const without = await trainPopulation(healthy);
    healthy.forEach((_, k) => expect(losses(withExplosion[k]!), `member ${k}`).toEqual(losses(without[k]!)));
  });
});
