import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/compare';
import { CliError, type CliIO } from '../../src/cli/args';
import { lessonLanes, LESSONS, trainPopulation, type EpochMetrics, type RunSummary } from '../../src/core';

async function compare(argv: string[]): Promise<{ code: number; lines: Record<string, unknown>[] }> {
  const out: string[] = [];
  const io: CliIO = { out: (line) => out.push(line), err: () => {} };
  const code = await run(argv, io);
  return { code, lines: out.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('compare --lesson NAME --json', () => {
  it('prints the same numbers as training the lesson lanes directly, with lane and label on every line', async () => {
    const { code, lines } = await compare(['--lesson', 'overfitting', '--json', '--epochs', '12']);
    expect(code).toBe(0);
    const lanes = lessonLanes('overfitting');
    const epochLines = lines.filter((line) => 'epoch' in line);
    const summaries = lines.filter((line) => 'status' in line);
    expect(epochLines).toHaveLength(lanes.length * 12);
    expect(summaries.map((line) => [line.lane, line.label, line.status])).toEqual(
      lanes.map((lane, index) => [index, lane.label.en, 'completed']),
    );
    // Lanes 0–2 share data and architecture: the page trains them as one population, and so does this.
    const direct = await trainPopulation(lanes.slice(0, 3).map((lane) => ({ ...lane.config, epochs: 12 })));
    direct.forEach((result, lane) => {
      const printed = epochLines.filter((line) => line.lane === lane).map((line) => line.validationLoss);
      expect(printed).toEqual(result.history.map((m) => m.validationLoss));
    });
    expect(epochLines[0]).toMatchObject({ lane: 0, label: 'baseline', epoch: 1 });
  });

  it('ends with the claim line, the same predicate as the page, and --seed and --backend change the run', async () => {
    const first = await compare(['--lesson', 'smoothing-clipping', '--json']);
    expect(first.code).toBe(0);
    const claim = first.lines.at(-1)!;
    expect(Object.keys(claim)).toEqual(['claim', 'holds', 'evidence']);
    expect(claim).toMatchObject({ claim: 'smoothing-clipping', holds: true });
    // The page's predicate on the lanes the command just printed gives the same answer.
    const summaries = first.lines.filter((line) => 'status' in line) as unknown as RunSummary[];
    const histories = summaries.map((_, lane) =>
      first.lines.filter((line) => line.lane === lane && 'epoch' in line),
    ) as unknown as EpochMetrics[][];
    const result = LESSONS['smoothing-clipping'].claim(
      summaries.map((summary, lane) => ({ summary, history: histories[lane]! })),
    );
    expect(claim.evidence).toEqual(result.evidence);

    const other = await compare([
      '--lesson',
      'smoothing-clipping',
      '--json',
      '--seed',
      '2',
      '--backend',
      'cpu',
    ]);
    const otherClaim = other.lines.at(-1)!;
    expect(otherClaim.claim).toBe('smoothing-clipping');
    expect(otherClaim.evidence).not.toEqual(claim.evidence);
  });

  it('refuses an unknown lesson with a one-line error listing the lessons', async () => {
    await expect(compare(['--lesson', 'nope'])).rejects.toThrow(CliError);
    await expect(compare(['--lesson', 'nope'])).rejects.toThrow(
      /--lesson must be one of overfitting, learning-rate, .*\(got "nope"\)/,
    );
    await expect(compare(['--json'])).rejects.toThrow(/--lesson needs a lesson id/);
  });

  it('lists the lessons in --help', async () => {
    const out: string[] = [];
    expect(await run(['--help'], { out: (line) => out.push(line), err: () => {} })).toBe(0);
    for (const id of [
      'overfitting',
      'learning-rate',
      'batch-size',
      'optimizers',
      'adam',
      'l1-l2',
      'capacity',
      'early-stopping',
      'smoothing-clipping',
    ]) {
      expect(out.join('\n')).toMatch(new RegExp(`^  ${id} `, 'm'));
    }
  });
});
