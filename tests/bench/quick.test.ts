import { describe, expect, it } from 'vitest';
import { runNodeBench } from '../../bench/node';
import { formatTable } from '../../bench/report';
import { renderMeasured, targetLines } from '../../bench/doc';
import { describeMachine } from '../../bench/node';

// `npm run bench -- --quick`, in-process: a few epochs per figure, so the bench cannot rot. Speed is
// not asserted here (that is what the bench itself reports); only that every figure is produced.
describe('npm run bench --quick', () => {
  it('measures the floor, both backends for one network and every population size, and the study', async () => {
    const bench = await runNodeBench({ quick: true, skipTuners: true });
    const figures = bench.rows.map((r) => `${r.figure} / ${r.engine}`);
    expect(figures).toEqual([
      'floor: plain TypeScript MLP, one network / plain TS',
      ...['cpu', 'wasm'].flatMap((backend) =>
        ['one network', 'population of 8', 'population of 32', 'population of 128'].map(
          (f) => `${f} / ${backend}`,
        ),
      ),
      expect.stringMatching(/^32-trial random study \/ (cpu|wasm)$/),
      expect.stringMatching(/^\d+-trial study, command line \/ wasm$/),
    ]);
    for (const row of bench.rows) {
      expect(row.value, row.figure).toBeGreaterThan(0);
      expect(Number.isFinite(row.value), row.figure).toBe(true);
      expect(row.ratio, row.figure).not.toBeNull();
      expect(Number.isFinite(row.ratio!) && row.ratio! > 0, row.figure).toBe(true);
    }
    expect(bench.rows[0]!.ratio).toBe(1);

    const table = formatTable(bench.rows);
    expect(table.split('\n')).toHaveLength(bench.rows.length + 2);
    const markdown = renderMeasured({
      command: 'npm run bench -- --quick',
      date: 'today',
      machine: describeMachine(),
      rows: bench.rows,
      notes: bench.notes,
      tunerSection: '',
      durationSeconds: 1,
    });
    expect(markdown).toContain('| population of 128 | wasm |');
    expect(targetLines(bench.rows)[0]).toMatch(/^- Node: population of 32 ≥ 1× floor: (met|not met)/);
  }, 120_000);
});
