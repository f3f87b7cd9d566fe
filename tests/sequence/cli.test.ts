import { describe, expect, test } from 'vitest';
import { cli, lines } from '../cli/run-cli';
import { SEQUENCE_TASKS } from '../../src/core/sequence';

/** A run small enough to finish in a couple of seconds. */
const SMALL = [
  '--training-size',
  '60',
  '--min-sequence',
  '4',
  '--max-sequence',
  '6',
  '--width',
  '8',
  '--ff-width',
  '8',
  '--batch-size',
  '30',
];

describe('cli train --model transformer|lstm', () => {
  test('--help lists every task with what it asks', async () => {
    const { code, stdout } = await cli('train', '--model', 'transformer', '--help');
    expect(code).toBe(0);
    for (const task of SEQUENCE_TASKS) expect(stdout).toMatch(new RegExp(`^  ${task} +\\S.+$`, 'm'));
    expect(stdout).toMatch(/--max-length N/);
    expect(stdout).toMatch(/--heads 1\|2\|4\|8/);
  });

  test.each(['transformer', 'lstm'])(
    '--model %s prints JSON Lines: one per epoch, then the status, the same for the same seed',
    async (model) => {
      const args = [
        'train',
        '--model',
        model,
        '--task',
        'count',
        '--heads',
        '2',
        '--epochs',
        '2',
        ...SMALL,
        '--json',
      ];
      const [first, second] = await Promise.all([cli(...args), cli(...args)]);
      expect(first.code).toBe(0);
      const output = lines(first.stdout);
      expect(output).toHaveLength(3);
      expect(Object.keys(output[0]!)).toEqual(
        expect.arrayContaining([
          'epoch',
          'trainLoss',
          'validationLoss',
          'trainAccuracy',
          'validationAccuracy',
          'learningRate',
          'accuracyByLength',
        ]),
      );
      expect(output[2]!.status).toBe('completed');
      expect(second.stdout.split('\n').slice(0, 2)).toEqual(first.stdout.split('\n').slice(0, 2));
    },
  );

  test.each([
    [['--heads', '3'], /--heads: heads must be one of 1, 2, 4, 8/],
    [['--heads', '4', '--width', '30'], /--width: width must be a multiple of heads/],
    [['--max-length', 'NaN'], /--max-length: maxLength must be an integer from 2 to 64/],
    [['--task', 'poetry'], /--task: task must be one of reverse, sort/],
    [['--colour', 'red'], /colour/],
  ])('bad options %j exit 2 with one line naming the option', async (extra, message) => {
    const { code, stdout, stderr } = await cli('train', '--model', 'transformer', ...extra);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(message);
  });
});

describe('cli compare --lesson heads|max-length', () => {
  test('prints one line per lane and epoch with lane and label, one summary per lane, then the claim', async () => {
    const { code, stdout } = await cli(
      'compare',
      '--lesson',
      'max-length',
      '--epochs',
      '1',
      '--training-size',
      '50',
      '--json',
    );
    expect(code).toBe(0);
    const output = lines(stdout);
    const claim = output.pop()!;
    expect(claim.claim).toBe('max-length');
    expect(typeof claim.holds).toBe('boolean');
    expect(output.map((line) => [line.lane, line.label, 'status' in line])).toEqual([
      [0, 'max length 16 (too short)', false],
      [1, 'max length 32', false],
      [2, 'LSTM, max length 32', false],
      [0, 'max length 16 (too short)', true],
      [1, 'max length 32', true],
      [2, 'LSTM, max length 32', true],
    ]);
  });

  test('--help describes both lessons', async () => {
    const { code, stdout } = await cli('compare', '--lesson', 'heads', '--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ {2}heads +\S/m);
    expect(stdout).toMatch(/^ {2}max-length +\S/m);
  });
});
