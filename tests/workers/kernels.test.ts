/**
 * The engine worker registers only the wasm kernels the engine runs (src/core/wasm-kernels.ts), so
 * an op whose kernel is missing would fail in a user's run, not at build time. This runs every path
 * the trainer and tuner endpoints reach, on the wasm backend (the engine picks some ops by backend),
 * records each kernel that ran, and checks the list holds it.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  ACTIVATIONS,
  CLASSIFICATION_DATASETS,
  DEFAULT_CONFIG,
  FEATURES,
  groupIntoPopulations,
  OPTIMIZERS,
  REGRESSION_DATASETS,
  SCHEDULES,
  type ExperimentConfig,
} from '../../src/core/config/parameters';
import type { Dataset } from '../../src/core/data/datasets';
import { featurize, gridPoints } from '../../src/core/data/features';
import {
  computeLandscape,
  computeSharedLandscape,
  findLearningRate,
  landscapeAround,
} from '../../src/core/landscape';
import { PopulationTrainer } from '../../src/core/train/population';
import { tf, useBackend } from '../../src/core/tf';
import { DEFAULT_NETWORK_SPACE } from '../../src/core/tune/space';
import { networkObjective } from '../../src/core/tune/network';
import { runStudy, tunerFor } from '../../src/core/tune/study';
import { TUNER_KINDS } from '../../src/core/tune/tuners';
import { csvToDataset } from '../../src/core/userdata/csv';
import { digitsDataset } from '../../src/core/userdata/digits';
import { readDigitsFile } from '../../src/core/userdata/node';
import { WASM_KERNELS } from '../../src/core/wasm-kernels';

const ran = new Set<string>();
const engine = tf.engine();
const runKernel = engine.runKernel;

beforeAll(async () => {
  await useBackend('wasm');
  engine.runKernel = function (this: typeof engine, name, ...rest) {
    ran.add(name);
    return runKernel.call(this, name, ...rest);
  } as typeof engine.runKernel;
});

afterAll(async () => {
  engine.runKernel = runKernel;
  await useBackend('cpu');
});

const tiny: ExperimentConfig = {
  ...DEFAULT_CONFIG,
  dataset: 'circle',
  points: 48,
  hiddenLayers: [4],
  batchSize: 8,
  epochs: 2,
};

/**
 * Trains the configs, as populations of those that can share one (as the page's lanes and trials
 * do), reading what the page reads of them along the way.
 */
async function exercise(configs: ExperimentConfig[], dataset?: Dataset): Promise<void> {
  for (const group of groupIntoPopulations(configs))
    await exercisePopulation(
      group.map((k) => configs[k]!),
      dataset,
    );
}

async function exercisePopulation(configs: ExperimentConfig[], dataset?: Dataset): Promise<void> {
  const trainer = new PopulationTrainer(configs, dataset);
  try {
    for (let epoch = 0; epoch < configs[0]!.epochs; epoch++) await trainer.trainEpoch();
    const grid = dataset?.columns
      ? dataset.columns.values.subarray(0, 3 * dataset.columns.width)
      : featurize(gridPoints(4), configs[0]!.features);
    for (let member = 0; member < configs.length; member++) {
      await trainer.predict(member, grid);
      await trainer.activationsOf(member, grid);
    }
  } finally {
    trainer.dispose();
  }
}

const csv = (label: (x: number, y: number) => string): string =>
  [
    'a,b,label',
    ...Array.from({ length: 30 }, (_, i) => `${(i % 7) - 3},${(i % 5) * 0.7},${label(i % 7, i % 5)}`),
  ].join('\n');

function csvDataset(text: string): Dataset {
  const built = csvToDataset(text, { validationSplit: 0.3, seed: 3 });
  if (!built.ok) throw new Error('the test CSV did not parse');
  return built.value.dataset;
}

describe('the wasm kernels the engine worker registers', () => {
  test('cover every optimizer, activation, loss and regularizer, alone and as a population', async () => {
    for (const optimizer of OPTIMIZERS) await exercise([{ ...tiny, optimizer }]);
    for (const activation of ACTIVATIONS) await exercise([{ ...tiny, activation }]);
    for (const schedule of SCHEDULES) await exercise([{ ...tiny, schedule, warmupEpochs: 1, decayEvery: 1 }]);
    const regularized = { ...tiny, dropout: 0.2, l1: 0.001, l2: 0.01, labelSmoothing: 0.1, clipNorm: 0.5 };
    await exercise([regularized]);
    await exercise([{ ...tiny, patience: 1, epochs: 3 }]);
    // Every optimizer and activation in one population, with and without regularization, and a
    // member that diverges.
    const mixed = [
      ...OPTIMIZERS.map((optimizer) => ({ ...tiny, optimizer })),
      ...OPTIMIZERS.map((optimizer) => ({ ...regularized, optimizer })),
      { ...tiny, optimizer: 'sgd' as const, learningRate: 90 },
    ];
    await exercise(mixed);
    for (const activation of ACTIVATIONS) await exercise([tiny, { ...regularized, activation }]);
    // Wide enough that the members' products take the depthwise-convolution path.
    await exercise(
      Array.from({ length: 8 }, (_, k) => ({
        ...tiny,
        points: 160,
        hiddenLayers: [16, 16],
        batchSize: 64,
        seed: 1,
        learningRate: 0.01 * (k + 1),
      })),
    );
  });

  test('cover every dataset and feature set, the digits and a CSV file', async () => {
    for (const dataset of [...CLASSIFICATION_DATASETS, ...REGRESSION_DATASETS])
      await exercise([
        { ...tiny, dataset },
        { ...tiny, dataset, labelSmoothing: 0.1, l1: 0.001 },
      ]);
    await exercise([{ ...tiny, features: [...FEATURES] }]);
    await exercise([{ ...tiny, dataset: 'wave', features: [...FEATURES], hiddenLayers: [] }]);
    const digits = { ...tiny, dataset: 'digits' as const, points: 60 };
    await exercise([digits, { ...digits, labelSmoothing: 0.1 }], digitsDataset(readDigitsFile(), digits));
    const custom = { ...tiny, dataset: 'custom' as const };
    await exercise([custom], csvDataset(csv((x, y) => (x + y > 2 ? 'yes' : 'no'))));
    await exercise([custom, { ...custom, l2: 0.01 }], csvDataset(csv((x, y) => String(x * 0.5 + y))));
  });

  test('cover the network view’s edits, the landscapes and the learning-rate finder', async () => {
    const trainer = new PopulationTrainer([tiny, { ...tiny, optimizer: 'sgd' }]);
    try {
      const trajectories: Float32Array[][] = [[], []];
      for (let epoch = 0; epoch < 3; epoch++) {
        if (epoch === 1) {
          trainer.update(1, { learningRate: 0.3, l2: 0.01, dropout: 0.1 });
          await trainer.setParameter(0, 2, 0.5);
        }
        await trainer.trainEpoch();
        for (const member of [0, 1]) trajectories[member]!.push(await trainer.parametersOf(member));
      }
      await computeLandscape(trainer, 0, trajectories[0]!, { resolution: 5, cutPoints: 5 });
      await computeLandscape(trainer, 1, [], { resolution: 3, plane: 'random' });
      await landscapeAround(trainer, trajectories[1]!, { resolution: 3 });
      await computeSharedLandscape(trainer, trajectories, { resolution: 3 });
      trainer.setPaused(1, true);
      await trainer.trainEpoch();
      trainer.cancel(0);
    } finally {
      trainer.dispose();
    }
    await findLearningRate(tiny, { steps: 12 });
    await findLearningRate({ ...tiny, dataset: 'plane' }, { steps: 12 });
  });

  test('cover a study of every tuner on the network objective', async () => {
    const base = { ...tiny, epochs: 2 };
    for (const kind of TUNER_KINDS) {
      if (kind === 'manual') continue;
      const objective = networkObjective(base, DEFAULT_NETWORK_SPACE);
      await runStudy(tunerFor(kind, objective, { seed: 1 }), objective, { trials: 4 });
    }
  });

  test('hold every kernel that ran', () => {
    expect(ran.size).toBeGreaterThan(10);
    const registered = new Set(WASM_KERNELS.map((config) => config.kernelName));
    expect([...ran].filter((name) => !registered.has(name)).sort()).toEqual([]);
  });
});
