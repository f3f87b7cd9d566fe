import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import Papa from 'papaparse';
import LZString from 'lz-string';
import {
  DEFAULT_CONFIG,
  generateDataset,
  learningRateAt,
  trainExperiment,
  type ExperimentConfig,
} from '../../src/core';
import { emptyLinkState } from '../../src/core/link';
import { curvesToCsv } from '../../src/core/export/curves';
import { exportExperiment, experimentToJson, importExperiment } from '../../src/core/export/experiment';
import { DATA_FILE_NAME, kerasScript } from '../../src/core/export/keras';
import { csvToDataset } from '../../src/core/userdata/csv';
import { digitsDataset } from '../../src/core/userdata/digits';
import { readDigitsFile } from '../../src/core/userdata/node';

const quick: ExperimentConfig = {
  ...DEFAULT_CONFIG,
  dataset: 'xor',
  points: 100,
  hiddenLayers: [4],
  epochs: 5,
  seed: 11,
};

function hasPython(module = 'ast'): boolean {
  try {
    execFileSync('python3', ['-c', `import ${module}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Parses the script with Python's own parser; throws the SyntaxError text if it is not Python. */
function parsePython(script: string): void {
  execFileSync('python3', ['-c', 'import ast,sys; ast.parse(sys.stdin.read())'], {
    input: script,
    stdio: ['pipe', 'ignore', 'pipe'],
  });
}

describe('curves as CSV', () => {
  test('one row per epoch with a header; regression accuracy left empty; several runs in long form', async () => {
    const run = await trainExperiment(quick);
    const csv = curvesToCsv({ name: 'xor', history: run.history });
    const parsed = Papa.parse<Record<string, string>>(csv.trim(), { header: true });
    expect(parsed.meta.fields).toEqual([
      'epoch',
      'examplesSeen',
      'wallTimeMs',
      'learningRate',
      'trainLoss',
      'validationLoss',
      'trainAccuracy',
      'validationAccuracy',
    ]);
    expect(parsed.data.length).toBe(5);
    expect(Number(parsed.data[4]!.validationLoss)).toBe(run.history[4]!.validationLoss);

    const regression = { ...run.history[0]!, trainAccuracy: null, validationAccuracy: null };
    const both = curvesToCsv([
      { name: 'lane, "A"', history: run.history },
      { name: 'B', history: [regression] },
    ]);
    const rows = Papa.parse<Record<string, string>>(both.trim(), { header: true }).data;
    expect(rows.length).toBe(6);
    expect(rows[0]!.run).toBe('lane, "A"');
    expect(rows[5]!.trainAccuracy).toBe('');
  });
});

describe('experiment files', () => {
  test('export then import gives back the experiment, lanes, name and curves', async () => {
    const config = { ...quick, learningRate: 0.003, dropout: 0.2 };
    const run = await trainExperiment(config);
    const state = {
      ...emptyLinkState(config),
      lanes: [{ ...config, learningRate: 0.1 }],
      hidden: ['seed' as const],
    };
    const text = experimentToJson(
      exportExperiment({
        state,
        name: 'Dropout on xor',
        results: { summary: run.summary, history: run.history },
      }),
    );
    const json = JSON.parse(text);
    expect(json.format).toBe('tunelab-experiment');
    expect(json.version).toBe(1);
    expect(json.seed).toBe(11);
    expect(json.config.learningRate).toBe(0.003);

    const imported = importExperiment(text);
    if (!imported.ok) throw new Error(imported.message);
    expect(imported.issues).toEqual([]);
    expect(imported.name).toBe('Dropout on xor');
    expect(imported.state.config).toEqual(config);
    expect(imported.state.lanes[0]!.learningRate).toBe(0.1);
    expect(imported.state.hidden).toEqual(['seed']);
    expect(imported.results!.history).toEqual(run.history);
    expect(imported.results!.summary).toEqual(run.summary);
  });

  test('goes through the link decoder: out-of-range values are clamped and said so', () => {
    // A hand-made payload in the link codec's own form, with a learning rate far out of range.
    const link = `2.${LZString.compressToEncodedURIComponent(JSON.stringify({ c: { learningRate: 1e9, epochs: 12 } }))}`;
    const result = importExperiment(
      JSON.stringify({ format: 'tunelab-experiment', version: 1, name: 'hostile', link }),
    );
    if (!result.ok) throw new Error(result.message);
    expect(result.state.config.learningRate).toBe(100);
    expect(result.state.config.epochs).toBe(12);
    expect(result.issues.join(' ')).toMatch(
      /learningRate must be a number from 1e-5 to 100; 1e\+9 became 100/i,
    );

    const broken = importExperiment(
      JSON.stringify({ format: 'tunelab-experiment', version: 1, link: '2.garbage!!' }),
    );
    if (!broken.ok) throw new Error(broken.message);
    expect(broken.issues.join(' ')).toMatch(/damaged/);
    expect(broken.state.config).toEqual(DEFAULT_CONFIG);
  });

  test('files that are not experiments are refused with a message, never a throw', () => {
    const messages = [
      '',
      'not json',
      '[1,2]',
      '{"format":"something-else"}',
      '{"format":"tunelab-experiment","version":1}',
      '{"format":"tunelab-experiment","version":99,"link":"2.x"}',
    ].map((text) => {
      const result = importExperiment(text);
      expect(result.ok).toBe(false);
      return result.ok ? '' : result.message;
    });
    expect(messages[1]).toBe('This file is not a Tunelab experiment: it is not valid JSON.');
    expect(messages[3]).toMatch(/no "format": "tunelab-experiment"/);
    expect(messages[4]).toBe('This Tunelab experiment file is damaged: its experiment is missing.');
    expect(messages[5]).toMatch(/file version 99; this page reads up to 1/);
  });

  test('damaged results are dropped and said so; the experiment still loads', () => {
    const file = exportExperiment({
      state: emptyLinkState({ ...DEFAULT_CONFIG, epochs: 42 }),
      name: 'r',
      results: { summary: null, history: [] },
    });
    const result = importExperiment(
      JSON.stringify({ ...file, results: { summary: null, history: [{ epoch: 'one' }] } }),
    );
    expect(result.ok && result.state.config.epochs).toBe(42);
    expect(result.ok && result.results).toBe(null);
    expect(result.ok && result.issues).toEqual([
      'The saved results in this file were damaged and were left out; the experiment itself loaded.',
    ]);
  });
});

describe('Export to Python', () => {
  const config: ExperimentConfig = {
    ...DEFAULT_CONFIG,
    dataset: 'spiral',
    points: 200,
    features: ['x1', 'x2', 'sinx1'],
    hiddenLayers: [12, 7],
    activation: 'relu',
    optimizer: 'adam',
    learningRate: 0.0123,
    beta1: 0.85,
    beta2: 0.995,
    epsilon: 1e-8,
    dropout: 0.15,
    l1: 0.0002,
    l2: 0.003,
    labelSmoothing: 0.07,
    clipNorm: 2.5,
    batchSize: 24,
    epochs: 77,
    schedule: 'step',
    decayEvery: 30,
    decayFactor: 0.4,
    patience: 9,
    seed: 31,
  };
  const dataset = generateDataset(config);

  test('the script holds every chosen value and builds the same network', () => {
    const { script, dataCsv } = kerasScript(config, dataset);
    expect(dataCsv).toBeNull();
    for (const line of [
      'SEED = 31',
      'HIDDEN_LAYERS = [12, 7]',
      'ACTIVATION = "relu"',
      'LEARNING_RATE = 0.0123',
      'BETA_1 = 0.85',
      'BETA_2 = 0.995',
      'EPSILON = 1e-8',
      'DECAY_EVERY = 30',
      'DECAY_FACTOR = 0.4',
      'DROPOUT = 0.15',
      'L1 = 0.0002',
      'L2 = 0.003',
      'LABEL_SMOOTHING = 0.07',
      'CLIP_NORM = 2.5',
      'BATCH_SIZE = 24',
      'EPOCHS = 77',
      'PATIENCE = 9',
      'CLASSES = 2',
      'FEATURE_NAMES = ["x1","x2","sinx1"]',
    ]) {
      expect(script).toContain(line);
    }
    // Global clipping (Keras' clipnorm would clip each variable on its own), the schedule, L1's proximal step.
    expect(script).toContain('TunelabOptimizer(TunelabSchedule(), global_clipnorm=CLIP_NORM)');
    expect(script).not.toContain('keras.optimizers.Adam(');
    expect(script).not.toMatch(/[^_]clipnorm=/);
    expect(script).toContain('ops.power(DECAY_FACTOR, ops.floor(progress / DECAY_EVERY))');
    expect(script).toContain('threshold = rate * L1 / preconditioner');
    expect(script).toContain('kernel_regularizer=keras.regularizers.L2(L2)');
    expect(script).toContain('CategoricalCrossentropy(from_logits=True, label_smoothing=LABEL_SMOOTHING)');
    expect(script).toContain('layers.Dropout(DROPOUT, seed=SEED + 1 + index)');
    expect(script).toContain('EarlyStopping(monitor="val_loss", patience=PATIENCE)');
    // The very split Tunelab used, and the featurized inputs.
    expect(script).toContain(`reshape(200, 3)`);
    expect(script).toContain(
      `train_rows = np.array([\n    ${Array.from(dataset.trainIndices.subarray(0, 3)).join(', ')},`,
    );
  });

  test('a plain config leaves out what is off', () => {
    const { script } = kerasScript({ ...DEFAULT_CONFIG, optimizer: 'sgd' }, generateDataset(DEFAULT_CONFIG));
    expect(script).toContain('optimizer = TunelabOptimizer(LEARNING_RATE)');
    expect(script).not.toContain('proximal step, w <-');
    expect(script).not.toContain('kernel_regularizer');
    expect(script).not.toContain('layers.Dropout(');
    expect(script).not.toContain('TunelabSchedule()');
  });

  test('regression uses mean squared error and one output', () => {
    const plane = {
      ...DEFAULT_CONFIG,
      dataset: 'plane' as const,
      optimizer: 'rmsprop' as const,
      rmsDecay: 0.8,
    };
    const { script } = kerasScript(plane, generateDataset(plane));
    expect(script).toContain('keras.losses.MeanSquaredError()');
    expect(script).toContain('model.add(layers.Dense(1))');
    expect(script).toContain('RMS_DECAY = 0.8');
    expect(script).not.toContain('CLASSES');
  });

  test('large data (the digits) goes to a CSV beside the script with its split', () => {
    const digits = { ...DEFAULT_CONFIG, dataset: 'digits' as const, points: 1000, hiddenLayers: [64] };
    const { script, dataCsv } = kerasScript(digits, digitsDataset(readDigitsFile(), digits));
    expect(script).toContain(`with open("${DATA_FILE_NAME}"`);
    const rows = Papa.parse<string[]>(dataCsv!.trim()).data;
    expect(rows.length).toBe(1001);
    expect(rows[0]!.length).toBe(66);
    expect(rows[0]!.slice(-2)).toEqual(['label', 'split']);
    expect(rows.filter((r) => r[65] === 'validation').length).toBe(200);
  });

  test('the scripts parse as Python', () => {
    const csv = csvToDataset('a,b,c,y\n1,2,3,1.5\n2,3,1,2.5\n3,1,2,0.5\n4,4,4,3\n5,1,1,2\n', {
      validationSplit: 0.2,
      seed: 1,
    });
    if (!csv.ok) throw new Error('csv');
    const scripts = [
      kerasScript(config, dataset).script,
      kerasScript(
        { ...config, schedule: 'cosine', activation: 'gelu', optimizer: 'momentum', l1: 0, l2: 0 },
        dataset,
      ).script,
      kerasScript({ ...config, schedule: 'warmup', warmupEpochs: 5 }, dataset, { separateData: true }).script,
      kerasScript({ ...DEFAULT_CONFIG, dataset: 'custom' }, csv.value.dataset).script,
    ];
    if (!hasPython()) {
      // Without python3 on this machine, at least the brackets must balance.
      for (const script of scripts) expect(script.split('(').length).toBe(script.split(')').length);
      return;
    }
    for (const script of scripts) expect(() => parsePython(script)).not.toThrow();
    expect(() => parsePython('def broken(:\n')).toThrow();
  });

  test("the script runs (Keras stubbed): the same training rows reach fit, and the schedule gives Tunelab's learning rates", () => {
    if (!hasPython('numpy')) {
      // Without python3 and numpy here, the data part cannot run; the parse test still covers syntax.
      expect(kerasScript(config, dataset).script).toContain('model.fit(');
      return;
    }
    // A stand-in for Keras: every Keras call is recorded by a MagicMock, and `keras.ops` is numpy,
    // so the data handling and the learning-rate formula run for real.
    const folder = mkdtempSync(join(tmpdir(), 'tunelab-keras-'));
    try {
      mkdirSync(join(folder, 'keras'));
      writeFileSync(
        join(folder, 'keras', '__init__.py'),
        [
          'import sys, types',
          'import numpy as np',
          'from unittest.mock import MagicMock',
          'fake = MagicMock()',
          'fake.ops = types.SimpleNamespace(cast=lambda x, d: np.asarray(x, dtype=d), power=np.power, floor=np.floor, cos=np.cos, minimum=np.minimum,',
          '    convert_to_tensor=lambda x, dtype=None: np.asarray(x, dtype=dtype), sign=np.sign, relu=lambda x: np.maximum(x, 0), abs=np.abs)',
          'class Optimizer:',
          '    def __init__(self, **kwargs):',
          '        Optimizer.kwargs = kwargs',
          'fake.optimizers.Optimizer = Optimizer',
          'sys.modules[__name__] = fake',
        ].join('\n'),
      );
      const report = [
        'import json',
        'fit = model.fit.call_args',
        'adam = keras.optimizers.Optimizer.kwargs',
        'print(json.dumps({"x": list(fit.args[0].shape), "validation": list(fit.kwargs["validation_data"][0].shape), "batch": fit.kwargs["batch_size"],',
        '    "epochs": fit.kwargs["epochs"], "clip": adam["global_clipnorm"], "rates": [float(learning_rate_at(s)) for s in range(0, 400, 7)],',
        '    "first": [float(v) for v in x_train[0]]}))',
      ].join('\n');
      const cases: [string, ExperimentConfig, boolean][] = [
        ['embedded', config, false],
        ['separate', { ...config, schedule: 'cosine', epochs: 20 }, true],
        ['warm-up', { ...config, schedule: 'warmup', warmupEpochs: 4 }, false],
      ];
      for (const [name, settings, separate] of cases) {
        const exported = kerasScript(settings, dataset, { separateData: separate });
        const run = join(folder, name);
        mkdirSync(run);
        writeFileSync(join(run, exported.scriptFileName), `${exported.script}\n${report}\n`);
        if (exported.dataCsv) writeFileSync(join(run, exported.dataFileName), exported.dataCsv);
        const output = execFileSync('python3', [exported.scriptFileName], {
          cwd: run,
          env: { ...process.env, PYTHONPATH: folder },
          encoding: 'utf8',
        });
        const result = JSON.parse(output.trim().split('\n').at(-1)!);
        expect(result.x).toEqual([dataset.trainIndices.length, 3]);
        expect(result.validation).toEqual([dataset.validationIndices.length, 3]);
        expect(result.batch).toBe(24);
        expect(result.epochs).toBe(settings.epochs);
        expect(result.clip).toBe(2.5);
        const stepsPerEpoch = Math.ceil(dataset.trainIndices.length / 24);
        const expected = Array.from({ length: Math.ceil(400 / 7) }, (_, i) =>
          learningRateAt(settings, (i * 7 + 1) / stepsPerEpoch),
        );
        result.rates.forEach((rate: number, i: number) => expect(rate).toBeCloseTo(expected[i]!, 6));
        // The first training row is Tunelab's first training example, featurized.
        const first = dataset.trainIndices[0]!;
        const x1 = dataset.points[2 * first]!;
        const x2 = dataset.points[2 * first + 1]!;
        expect(result.first[0]).toBeCloseTo(x1, 5);
        expect(result.first[1]).toBeCloseTo(x2, 5);
        expect(result.first[2]).toBeCloseTo(Math.sin(x1), 5);
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
