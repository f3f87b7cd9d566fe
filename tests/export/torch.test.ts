import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, lines } from '../cli/run-cli';
import { describe, expect, test } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/core/config/parameters';
import { generateDataset } from '../../src/core/data/datasets';
import { initialParametersOf, torchScript } from '../../src/core/export/torch';
import { initialParameters, networkLayout } from '../../src/core/model/network';
import { trainExperiment } from '../../src/core/train/run';
import { csvToDataset } from '../../src/core/userdata/csv';
import { digitsDataset } from '../../src/core/userdata/digits';
import { readDigitsFile } from '../../src/core/userdata/node';
import fixture from '../fixtures/torch-losses.json';
import { TORCH_CASES } from '../fixtures/torch-cases';

const PYTHON = '/usr/bin/python3';

/** Debian's python3 with python3-torch, where the exported script can run; CI usually lacks it. */
function torchMissing(): string | null {
  try {
    execFileSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' });
    return null;
  } catch {
    return `${PYTHON} cannot import torch`;
  }
}

describe('the engine against PyTorch from the same weights, data, order and masks', () => {
  test('the committed fixture covers every case', () => {
    expect(fixture.cases.map((c) => c.name)).toEqual(TORCH_CASES.map((c) => c.name));
  });

  test.each(TORCH_CASES.map((c, i) => [c.name, i] as const))(
    '%s: per-epoch losses match PyTorch to 1e-5',
    async (_name, index) => {
      const { config } = TORCH_CASES[index]!;
      const expected = fixture.cases[index]!.losses;
      const run = await trainExperiment(config);
      expect(run.history).toHaveLength(expected.length);
      run.history.forEach((m, epoch) => {
        expect(Math.abs(m.trainLoss - expected[epoch]![0]!)).toBeLessThan(1e-5);
        expect(Math.abs(m.validationLoss - expected[epoch]![1]!)).toBeLessThan(1e-5);
      });
    },
  );
});

/** Runs an exported script with --json and returns its last line: how it compared with Tunelab. */
const scriptSummary = (script: string) =>
  JSON.parse(
    execFileSync(PYTHON, ['-', '--json'], { input: script, maxBuffer: 1 << 26 })
      .toString()
      .trim()
      .split('\n')
      .at(-1)!,
  ) as { epochs: number; largestDifference: number };

describe('the exported PyTorch script', () => {
  test("embeds the engine's initial weights", () => {
    for (const [inputs, hidden, outputs, seed] of [
      [2, [16, 16], 2, 1],
      [64, [32], 10, 9],
      [3, [], 1, 4],
    ] as const) {
      const layout = networkLayout(inputs, hidden, outputs);
      expect(initialParametersOf(layout.sizes, seed)).toEqual(initialParameters(layout, seed));
    }
  });

  test("`cli train --export-torch FILE` writes it with the run's losses; a missing name exits with 2", async () => {
    const folder = mkdtempSync(join(tmpdir(), 'tunelab-torch-'));
    try {
      const file = join(folder, 'run.py');
      const args = ['train', '--points', '60', '--epochs', '2', '--backend', 'cpu', '--json'];
      const done = await cli(...args, '--export-torch', file);
      expect(done.code).toBe(0);
      const epochs = lines(done.stdout).slice(0, 2);
      const script = readFileSync(file, 'utf8');
      expect(script).toContain(
        `TUNELAB_LOSSES = [\n    [${epochs[0]!.trainLoss}, ${epochs[0]!.validationLoss}],`,
      );
      expect(script).toContain('"points": 60,');
      const refused = await cli(...args, '--export-torch');
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('--export-torch needs a file name');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 60_000);

  test('as a W&B sweep program it trains with wandb.config and logs validation_loss each epoch', (context) => {
    const missing = torchMissing();
    if (missing) {
      console.warn(`SKIPPED: the exported PyTorch script was not run (${missing}).`);
      context.skip(missing);
    }
    const folder = mkdtempSync(join(tmpdir(), 'tunelab-wandb-'));
    try {
      // A stand-in for wandb: the sweep's values (an int arriving as a float, as sweeps send them) in, the logs out.
      writeFileSync(
        join(folder, 'wandb.py'),
        [
          'import json',
          'class Run:',
          '    config = {"learningRate": 0.03, "epochs": 2.0, "l2": 1e-4}',
          '    summary = {}',
          '    def log(self, values):',
          '        print("LOGGED " + json.dumps(values))',
          '    def finish(self):',
          '        pass',
          'def init(config=None):',
          '    return Run()',
        ].join('\n'),
      );
      const config = { ...DEFAULT_CONFIG, points: 60, epochs: 5 };
      const { script } = torchScript(config, generateDataset(config));
      const out = execFileSync(PYTHON, ['-'], {
        input: script,
        env: { ...process.env, PYTHONPATH: folder, WANDB_SWEEP_ID: 'test' },
      }).toString();
      const logged = out
        .split('\n')
        .filter((line) => line.startsWith('LOGGED '))
        .map((line) => JSON.parse(line.slice(7)) as Record<string, number>);
      expect(logged.map((l) => l.epoch)).toEqual([1, 2]);
      expect(logged[1]!.validation_loss).toBeGreaterThan(0);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 60_000);

  const fileCases: [string, 'digits' | 'custom'][] = [
    ['the digits (64 inputs, 10 classes)', 'digits'],
    ['a CSV regression', 'custom'],
  ];
  test.for(fileCases)('retraces %s from its columns', { timeout: 120_000 }, async ([, kind], context) => {
    const missing = torchMissing();
    if (missing) {
      console.warn(`SKIPPED: the exported PyTorch script was not run (${missing}).`);
      context.skip(missing);
    }
    let config = {
      ...DEFAULT_CONFIG,
      dataset: kind,
      hiddenLayers: [12],
      epochs: 3,
      points: 300,
      dropout: 0.1,
    };
    let dataset;
    if (kind === 'digits') dataset = digitsDataset(readDigitsFile(), config);
    else {
      const rows = Array.from(
        { length: 80 },
        (_, i) => `${i % 7},${(i * 3) % 11},${((i % 7) * 0.5 + ((i * 3) % 11) * 0.2).toFixed(2)}`,
      );
      const csv = csvToDataset(`a,b,y\n${rows.join('\n')}\n`, config);
      if (!csv.ok) throw new Error('the CSV did not load');
      dataset = csv.value.dataset;
      config = { ...config, optimizer: 'rmsprop', learningRate: 0.003 };
    }
    const run = await trainExperiment(config, { dataset });
    const { script } = torchScript(config, dataset, { history: run.history });
    const summary = scriptSummary(script);
    expect(summary.epochs).toBe(3);
    expect(summary.largestDifference).toBeLessThan(1e-5);
  });

  test('retraces an Adagrad run with L1 (a record added in one place): losses to 1e-5', async (context) => {
    const missing = torchMissing();
    if (missing) {
      console.warn(`SKIPPED: the exported PyTorch script was not run (${missing}).`);
      context.skip(missing);
    }
    const config = {
      ...DEFAULT_CONFIG,
      optimizer: 'adagrad' as const,
      learningRate: 0.05,
      l1: 1e-3,
      epochs: 8,
    };
    const dataset = generateDataset(config);
    const run = await trainExperiment(config, { dataset });
    expect(run.history.at(-1)!.trainLoss).toBeLessThan(run.history[0]!.trainLoss);
    const { script } = torchScript(config, dataset, { history: run.history });
    const summary = scriptSummary(script);
    expect(summary.epochs).toBe(8);
    expect(summary.largestDifference).toBeLessThan(1e-5);
  }, 120_000);

  test("retraces the default experiment: Tunelab's epoch losses to 1e-4", async (context) => {
    const missing = torchMissing();
    if (missing) {
      console.warn(`SKIPPED: the exported PyTorch script was not run (${missing}).`);
      context.skip(missing);
    }
    // The default experiment, shortened: over all 300 epochs float32 and float64 drift apart (the
    // script's docstring says so; measured 1e-4 up to epoch 133, then up to 0.4 around loss spikes).
    const config = { ...DEFAULT_CONFIG, epochs: 25 };
    const dataset = generateDataset(config);
    const run = await trainExperiment(config, { dataset });
    const { script } = torchScript(config, dataset, { history: run.history });
    const lines = execFileSync(PYTHON, ['-', '--json'], { input: script, maxBuffer: 1 << 26 })
      .toString()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, number>);
    const epochs = lines.filter((line) => 'trainLoss' in line);
    expect(epochs).toHaveLength(25);
    epochs.forEach((line, i) => {
      expect(line.tunelabTrainLoss).toBe(run.history[i]!.trainLoss);
      expect(Math.abs(line.trainLoss! - run.history[i]!.trainLoss)).toBeLessThan(1e-4);
      expect(Math.abs(line.validationLoss! - run.history[i]!.validationLoss)).toBeLessThan(1e-4);
    });
    expect(lines.at(-1)).toMatchObject({ status: 'completed', epochs: 25 });
    expect(lines.at(-1)!.largestDifference).toBeLessThan(1e-4);
  }, 120_000);
});
