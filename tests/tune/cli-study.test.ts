import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/study';
import { CliError } from '../../src/cli/args';

async function study(
  argv: string[],
): Promise<{ code: number; lines: Record<string, unknown>[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, lines: out.map((line) => JSON.parse(line)), err };
}

describe('npm run cli -- study', () => {
  it('prints one JSON line per trial and a summary with the best, the same for the same seed', async () => {
    const argv = [
      '--tuner',
      'quasi-random',
      '--objective',
      'branin',
      '--trials',
      '8',
      '--seed',
      '4',
      '--json',
    ];
    const first = await study(argv);
    expect(first.code).toBe(0);
    expect(first.lines).toHaveLength(9);
    const trials = first.lines.slice(0, 8);
    expect(trials.map((t) => t.number)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    for (const t of trials)
      expect(t).toMatchObject({
        state: 'complete',
        params: { x1: expect.any(Number), x2: expect.any(Number) },
        value: expect.any(Number),
      });
    const summary = first.lines[8]!;
    const bestValue = Math.min(...trials.map((t) => t.value as number));
    expect(summary).toMatchObject({
      status: 'completed',
      tuner: 'quasi-random',
      objective: 'branin',
      trials: 8,
      best: { value: bestValue },
    });
    expect((await study(argv)).lines).toEqual(first.lines);
  });

  it("reports Hyperband's pruned trials and the epochs spent", async () => {
    const { lines } = await study([
      '--tuner',
      'hyperband',
      '--objective',
      'lr-curve',
      '--trials',
      '9',
      '--seed',
      '1',
      '--json',
    ]);
    expect(lines.slice(0, 9).some((t) => t.state === 'pruned')).toBe(true);
    expect(lines[9]!.epochsUsed).toBeLessThan(9 * 27);
  });

  it('writes an export file chosen by its extension', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'study-'));
    const path = join(dir, 'sweep.yaml');
    await study([
      '--tuner',
      'random',
      '--objective',
      'rosenbrock',
      '--trials',
      '3',
      '--json',
      '--export',
      path,
    ]);
    expect(readFileSync(path, 'utf8')).toContain('method: random');
  });

  it('names the bad option in one line', async () => {
    await expect(study(['--tuner', 'annealing'])).rejects.toThrow(CliError);
    await expect(study(['--tuner', 'annealing'])).rejects.toThrow(
      /--tuner must be one of grid, random, quasi-random, bayes, tpe, hyperband, pso/,
    );
    await expect(study(['--trials', '-3'])).rejects.toThrow(/--trials must be an integer/);
    await expect(study(['--objective', 'branin', '--learning-rate', '0.1'])).rejects.toThrow(
      /--learning-rate applies only to --objective network/,
    );
    const dir = mkdtempSync(join(tmpdir(), 'space-'));
    const space = join(dir, 'space.json');
    writeFileSync(space, JSON.stringify({ learningRate: { type: 'float', low: 0, high: 1, log: true } }));
    await expect(study(['--objective', 'network', '--space', space])).rejects.toThrow(
      /--space .*learningRate: a log range needs low > 0/,
    );
    writeFileSync(space, '{ not json');
    await expect(study(['--objective', 'network', '--space', space])).rejects.toThrow(/--space .*JSON/);
  });

  it('runs the Bayesian tuner with the kernel and acquisition asked for', async () => {
    const argv = ['--tuner', 'bayes', '--trials', '8', '--seed', '2', '--json', '--acquisition', 'lcb'];
    const rbf = await study([...argv, '--kernel', 'rbf', '--kappa', '0.5']);
    const matern = await study([...argv, '--kernel', 'matern32', '--kappa', '0.5']);
    expect(rbf.lines).toHaveLength(9);
    // The initial design is shared; the model's suggestions differ with the kernel.
    expect(rbf.lines[7]!.params).not.toEqual(matern.lines[7]!.params);
    await expect(study(['--tuner', 'bayes', '--kernel', 'gaussian'])).rejects.toThrow(
      /--kernel must be one of rbf, matern32, matern52/,
    );
    await expect(study(['--kappa', '-1'])).rejects.toThrow(/--kappa must be a number/);
  });

  it('prints the trials of an imported Optuna journal', async () => {
    const path = new URL('../fixtures/optuna-journal.log', import.meta.url).pathname;
    const { code, lines } = await study(['--import', path, '--json']);
    expect(code).toBe(0);
    const trials = lines.filter((l) => l.study === 'outside-tunelab' && l.status === undefined);
    expect(trials).toHaveLength(9);
    expect(trials.map((t) => t.state)).toContain('pruned');
    expect(trials.map((t) => t.state)).toContain('failed');
    expect(trials[0]!.params).toMatchObject({
      optimizer: expect.any(String),
      learning_rate: expect.any(Number),
    });
    expect(lines.find((l) => l.status === 'imported' && l.study === 'maximized')).toMatchObject({
      direction: 'maximize',
      trials: 3,
    });
    await expect(study(['--import', path + '.missing'])).rejects.toThrow(/--import .*missing/);
  });

  it('continues an imported Branin study with TPE and exports the combined journal', async () => {
    const path = new URL('../fixtures/optuna-journal.log', import.meta.url).pathname;
    const out = join(mkdtempSync(join(tmpdir(), 'study-')), 'combined.log');
    const argv = ['--import', path, '--continue', '--study', 'branin-hyperband', '--tuner', 'tpe'];
    const { code, lines } = await study([...argv, '--trials', '4', '--json', '--export', out]);
    expect(code).toBe(0);
    expect(lines.slice(0, 4).map((l) => l.number)).toEqual([12, 13, 14, 15]);
    expect(lines[4]).toMatchObject({
      status: 'completed',
      objective: 'branin',
      trials: 16,
      continued: { study: 'branin-hyperband', imported: 12, skipped: 0, identifiedBy: 'parameters' },
    });
    const { lines: combined } = await study(['--import', out, '--json']);
    expect(combined.at(-1)).toMatchObject({
      status: 'imported',
      study: 'branin-hyperband',
      trials: 16,
      pruned: 5,
    });
    await expect(study(['--import', path, '--continue', '--tuner', 'tpe'])).rejects.toThrow(
      /study "outside-tunelab" can only be viewed: its parameters .* are not those of a Tunelab objective/,
    );
    await expect(study(['--continue', '--tuner', 'tpe'])).rejects.toThrow(/--continue needs --import/);
  });
});
