import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { cli, lines, README_SPIRAL } from './run-cli';

describe('cli train', () => {
  test("the README's spiral command learns to ≥ 0.95 validation accuracy, and a second run prints identical epoch lines", async () => {
    const [first, second] = await Promise.all([cli(...README_SPIRAL), cli(...README_SPIRAL)]);
    expect(first.code).toBe(0);
    const output = lines(first.stdout);
    expect(output).toHaveLength(301);
    expect(Object.keys(output[0]!)).toEqual(
      expect.arrayContaining([
        'epoch',
        'trainLoss',
        'validationLoss',
        'trainAccuracy',
        'validationAccuracy',
        'learningRate',
      ]),
    );
    const summary = output[300]!;
    expect(summary.status).toBe('completed');
    expect(summary.finalValidationAccuracy).toBeGreaterThanOrEqual(0.95);
    expect(second.stdout.split('\n').slice(0, 300)).toEqual(first.stdout.split('\n').slice(0, 300));
  });

  test('a diverging run ends with status diverged, exit code 0 and no stack trace', async () => {
    const { code, stdout, stderr } = await cli(
      'train',
      '--optimizer',
      'sgd',
      '--learning-rate',
      '50',
      '--epochs',
      '50',
      '--json',
    );
    expect(code).toBe(0);
    const last = lines(stdout).at(-1)!;
    expect(last.status).toBe('diverged');
    expect(last.message).toMatch(/too high for SGD/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  test.each([
    [['--learning-rate', 'abc'], /--learning-rate must be a number from 1e-5 to 100/],
    [['--batch-size', '0'], /--batch-size must be an integer from 1/],
    [['--layers', '8,x'], /--layers must be/],
    [['--optimizer', 'lion'], /--optimizer must be one of sgd, momentum, rmsprop, adam/],
    [['--colour', 'red'], /unknown option --colour/],
  ])('bad option %j exits non-zero with one line naming it', async (args, message) => {
    const { code, stderr, stdout } = await cli('train', ...args);
    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    expect(
      stderr
        .trim()
        .split('\n')
        .filter((l) => !/npm warn/.test(l)),
    ).toHaveLength(1);
    expect(stderr).toMatch(message);
  });

  test('the digits and a CSV train from files; a bad CSV is refused naming the problem', async () => {
    const digits = await cli(
      'train',
      '--dataset',
      'digits',
      '--points',
      '200',
      '--layers',
      '32',
      '--activation',
      'relu',
      '--epochs',
      '8',
      '--json',
    );
    expect(digits.code).toBe(0);
    const summary = lines(digits.stdout).at(-1)!;
    expect(summary.status).toBe('completed');
    expect(summary.finalValidationAccuracy).toBeGreaterThan(0.6);
    const dir = mkdtempSync(join(tmpdir(), 'tunelab-'));
    writeFileSync(join(dir, 'bad.csv'), 'a,b,label\n1,2,x\n2,oops,y\n3,3,x\n4,1,y\n5,5,x\n');
    const bad = await cli('train', '--dataset', 'custom', '--data', join(dir, 'bad.csv'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--data .*bad\.csv: .*row 3.*b/i);
    const missing = await cli('train', '--dataset', 'custom');
    expect(missing.stderr).toMatch(/--dataset custom needs --data file\.csv/);
  });

  test('--help lists every option with its range and default', async () => {
    const { code, stdout } = await cli('train', '--help');
    expect(code).toBe(0);
    for (const option of [
      '--dataset',
      '--points',
      '--noise',
      '--split',
      '--features',
      '--layers',
      '--activation',
      '--learning-rate',
      '--batch-size',
      '--epochs',
      '--optimizer',
      '--momentum',
      '--beta1',
      '--beta2',
      '--epsilon',
      '--dropout',
      '--l1',
      '--l2',
      '--label-smoothing',
      '--clip-norm',
      '--schedule',
      '--patience',
      '--seed',
      '--config',
    ]) {
      expect(stdout).toContain(option);
    }
    expect(stdout).toMatch(
      /--learning-rate N\s+step size of each update: number from 1e-5 to 100 \(default 0\.01\)/,
    );
  });
});
