import { describe, expect, test } from 'vitest';
import {
  DEFAULT_CONFIG,
  PopulationTrainer,
  tf,
  trainExperiment,
  trainPopulation,
  type ExperimentConfig,
} from '../../src/core';

/** A small, quick experiment: 120 points, a 2-8-8-2 network. */
const small: ExperimentConfig = {
  ...DEFAULT_CONFIG,
  dataset: 'moons',
  points: 120,
  hiddenLayers: [8, 8],
  epochs: 30,
  batchSize: 16,
};

describe('a run', () => {
  test('reports every epoch with the fields a chart needs', async () => {
    const { history, summary } = await trainExperiment(small);
    expect(history).toHaveLength(30);
    expect(history.map((m) => m.epoch)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(history[29]!.examplesSeen).toBe(30 * 96);
    for (const m of history) {
      expect(m.trainAccuracy).toBeGreaterThanOrEqual(0);
      expect(m.validationAccuracy).toBeLessThanOrEqual(1);
      expect(m.learningRate).toBe(small.learningRate);
    }
    expect(history[29]!.wallTimeMs).toBeGreaterThan(history[0]!.wallTimeMs);
    expect(history[29]!.validationLoss).toBeLessThan(history[0]!.validationLoss);
    expect(summary).toMatchObject({
      status: 'completed',
      epochs: 30,
      effectiveBatchSize: 16,
      divergedAtEpoch: null,
    });
  });

  test('the same config and seed give identical numbers; another seed does not', async () => {
    const config = { ...small, dropout: 0.2, epochs: 10 };
    const a = await trainExperiment(config);
    const b = await trainExperiment(config);
    const strip = (r: typeof a) => r.history.map(({ wallTimeMs: _, ...rest }) => rest);
    expect(strip(b)).toEqual(strip(a));
    const c = await trainExperiment({ ...config, seed: 2 });
    expect(strip(c)).not.toEqual(strip(a));
  });

  test('regression reports no accuracy', async () => {
    const { history, summary } = await trainExperiment({ ...small, dataset: 'wave', epochs: 5 });
    expect(history[4]!.trainAccuracy).toBeNull();
    expect(summary.finalValidationAccuracy).toBeNull();
    expect(history[4]!.validationLoss).toBeLessThan(history[0]!.validationLoss * 1.01);
  });

  test('a diverging learning rate ends as diverged, naming the epoch, without throwing', async () => {
    const { summary, history } = await trainExperiment({
      ...DEFAULT_CONFIG,
      optimizer: 'sgd',
      learningRate: 50,
      epochs: 50,
    });
    expect(summary.status).toBe('diverged');
    expect(summary.divergedAtEpoch).toBe(history.length);
    expect(summary.verdict).toMatchObject({
      status: 'diverged',
      params: { epoch: history.length, learningRate: 50, optimizer: 'sgd' },
    });
  });

  test('early stopping stops when validation loss stops improving', async () => {
    // A wide network on few noisy points overfits; patience 5 ends it long before 400 epochs.
    const config = {
      ...DEFAULT_CONFIG,
      dataset: 'gaussian' as const,
      points: 40,
      noise: 0.6,
      hiddenLayers: [32, 32],
      learningRate: 0.03,
      epochs: 400,
      patience: 5,
    };
    const { summary } = await trainExperiment(config);
    expect(summary.status).toBe('stopped-early');
    expect(summary.epochs).toBeLessThan(400);
    expect(summary.epochs - summary.bestEpoch!).toBe(5);
    expect(summary.verdict).toEqual({
      status: 'stopped-early',
      code: 'stopped-early',
      params: { epoch: summary.epochs, patience: 5, bestEpoch: summary.bestEpoch },
    });
  });

  test('a batch size above the training set is clamped to it and reported', async () => {
    const { summary } = await trainExperiment({ ...small, batchSize: 100000, epochs: 2 });
    expect(summary.effectiveBatchSize).toBe(96);
  });

  test('cancelling ends the run as cancelled', async () => {
    const controller = new AbortController();
    const result = await trainExperiment(
      { ...small, epochs: 1000 },
      { signal: controller.signal, onEpoch: (_m, metrics) => metrics.epoch === 3 && controller.abort() },
    );
    expect(result.summary.status).toBe('cancelled');
    expect(result.summary.epochs).toBe(3);
  });

  test('no tensor outlives a run, whatever its status', async () => {
    await trainExperiment({ ...small, epochs: 1 }); // warm up tfjs' own lazily created tensors
    const baseline = tf.memory().numTensors;
    const controller = new AbortController();
    await trainExperiment({
      ...small,
      epochs: 3,
      dropout: 0.3,
      l1: 0.001,
      l2: 0.001,
      clipNorm: 1,
      labelSmoothing: 0.1,
    });
    await trainExperiment({ ...small, optimizer: 'sgd', learningRate: 80, epochs: 30 });
    await trainExperiment(
      { ...small, epochs: 100 },
      { signal: controller.signal, onEpoch: () => controller.abort() },
    );
    await trainPopulation([
      small,
      { ...small, learningRate: 0.1, optimizer: 'rmsprop' },
      { ...small, optimizer: 'sgd', learningRate: 90 },
    ]);
    const trainer = new PopulationTrainer([small]);
    await trainer.trainEpoch();
    trainer.update(0, { learningRate: 0.5, l2: 0.1 });
    await trainer.trainEpoch();
    await trainer.predict(0, new Float32Array(20));
    await trainer.parametersOf(0);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
  });
});
