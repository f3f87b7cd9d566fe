import { describe, expect, test } from 'vitest';
import { cli, lines } from '../cli/run-cli';

describe('npm run cli -- landscape | lr-find', () => {
  test('landscape prints the grid, its axes and the path ending at the centre', async () => {
    const { code, stdout } = await cli(
      'landscape',
      '--dataset',
      'xor',
      '--epochs',
      '15',
      '--resolution',
      '7',
      '--seed',
      '3',
      '--json',
    );
    expect(code).toBe(0);
    const [result] = lines(stdout);
    const { xs, ys, losses, path, centerLoss, trainLoss, plane, epochs } = result as {
      xs: number[];
      ys: number[];
      losses: number[];
      path: { x: number; y: number }[];
      centerLoss: number;
      trainLoss: number;
      plane: string;
      epochs: number;
    };
    expect(plane).toBe('trajectory');
    expect(epochs).toBe(15);
    expect(xs).toHaveLength(7);
    expect(ys).toHaveLength(7);
    expect(losses).toHaveLength(49);
    expect(path).toHaveLength(16);
    expect(path.at(-1)).toEqual({ x: 0, y: 0 });
    expect(Math.abs(centerLoss - trainLoss)).toBeLessThan(1e-5);
  });

  test('lr-find prints the curve step by step, then the suggestion and the rule it used', async () => {
    const { code, stdout } = await cli('lr-find', '--dataset', 'moons', '--steps', '40', '--json');
    expect(code).toBe(0);
    const output = lines(stdout);
    const last = output.pop() as { suggestion: { learningRate: number; rule: string } | null; steps: number };
    expect(output.length).toBe(last.steps);
    expect(output[0]).toMatchObject({ step: 0, learningRate: 1e-6 });
    const rates = output.map((line) => line.learningRate as number);
    rates.slice(1).forEach((rate, i) => expect(rate).toBeGreaterThan(rates[i]!));
    expect(['steepest', 'minimum']).toContain(last.suggestion!.rule);
  });

  test('a bad option exits 2 with one line naming it', async () => {
    const { code, stderr } = await cli('landscape', '--plane', 'diagonal');
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/--plane/);
    const steps = await cli('lr-find', '--steps', '3');
    expect(steps.code).toBe(2);
    expect(steps.stderr).toMatch(/--steps/);
  });
});
