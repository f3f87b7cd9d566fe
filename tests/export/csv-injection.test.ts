import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { DEFAULT_CONFIG, type EpochMetrics } from '../../src/core';
import { csvCell, toCsv } from '../../src/core/export/csv-cell';
import { curvesToCsv } from '../../src/core/export/curves';
import { kerasScript } from '../../src/core/export/keras';
import { toTrialsCsv } from '../../src/core/tune/export';
import { float } from '../../src/core/tune/space';
import { csvToDataset } from '../../src/core/userdata/csv';

const HOSTILE = ['=HYPERLINK("http://evil.example","click")', '@SUM(A1:A9)', '+1+2', '-2+3', '\tx', '\rx'];

const epoch = (overrides: Partial<EpochMetrics> = {}): EpochMetrics => ({
  epoch: 1,
  trainLoss: 0.5,
  validationLoss: 0.6,
  trainAccuracy: null,
  validationAccuracy: null,
  learningRate: 0.01,
  examplesSeen: 100,
  wallTimeMs: 3,
  ...overrides,
});

/** Every cell of a CSV as a spreadsheet would receive it. */
const cells = (csv: string) => Papa.parse<string[]>(csv.trim()).data.flat();
const looksLikeFormula = (cell: string) => /^[=+\-@\t\r]/.test(cell) && !Number.isFinite(Number(cell));

describe('CSV cells', () => {
  it('finding 11: text that a spreadsheet would run as a formula is written as quoted text', () => {
    for (const text of HOSTILE) {
      const cell = csvCell(text);
      expect(cell.startsWith(`"'`)).toBe(true);
      expect(Papa.parse<string[]>(cell).data[0]![0]).toBe(`'${text}`);
    }
  });

  it('keeps numbers as numbers, including negative ones, and writes non-finite numbers as words', () => {
    expect(csvCell(-0.5)).toBe('-0.5');
    expect(csvCell(1e-7)).toBe('1e-7');
    expect(csvCell(Number.NaN)).toBe('NaN');
    expect(csvCell(Number.POSITIVE_INFINITY)).toBe('Infinity');
    expect(csvCell(Number.NEGATIVE_INFINITY)).toBe(`"'-Infinity"`);
    expect(csvCell(null)).toBe('');
    expect(csvCell('a, "b"')).toBe('"a, ""b"""');
    expect(toCsv(['a', 'b'], [[1, 'x']])).toBe('a,b\n1,x\n');
  });
});

describe('every CSV the app writes', () => {
  it('finding 11: curve exports escape run names', () => {
    const csv = curvesToCsv(HOSTILE.slice(0, 2).map((name) => ({ name, history: [epoch()] })));
    expect(cells(csv).filter(looksLikeFormula)).toEqual([]);
    expect(cells(csv)).toContain(`'${HOSTILE[0]}`);
  });

  it('finding 11: the trials CSV of a study escapes parameter values and messages', () => {
    const csv = toTrialsCsv({
      name: 'study',
      tuner: 'random',
      space: { learningRate: float(1e-4, 1, { log: true }) },
      trials: [
        {
          number: 0,
          params: { learningRate: 0.01 },
          value: -0.5,
          state: 'failed',
          epochs: 3,
          message: HOSTILE[0],
        },
      ],
    });
    const rows = Papa.parse<Record<string, string>>(csv.trim(), { header: true }).data;
    expect(rows[0]!.message).toBe(`'${HOSTILE[0]}`);
    expect(rows[0]!.value).toBe('-0.5');
  });

  it("finding 11: the Keras export's data file escapes column names from the user's file, keeps negative numbers", () => {
    const header = Papa.unparse([['=HYPERLINK("http://evil.example")', '@SUM(A1)', 'label']]);
    const rows = Array.from({ length: 12 }, (_, i) => `${i - 6},${(i * 7) % 5},${i % 2 ? 'a' : 'b'}`);
    const built = csvToDataset([header, ...rows].join('\n'), { validationSplit: 0.25, seed: 1 });
    if (!built.ok) throw new Error(JSON.stringify(built.problems));
    const config = { ...DEFAULT_CONFIG, dataset: 'custom' as const };
    const { dataCsv } = kerasScript(config, built.value.dataset, { separateData: true });
    const parsed = Papa.parse<string[]>(dataCsv!.trim()).data;
    expect(parsed[0]!.slice(0, 2)).toEqual([`'=HYPERLINK("http://evil.example")`, "'@SUM(A1)"]);
    expect(cells(dataCsv!).filter(looksLikeFormula)).toEqual([]);
    // Standardized features are negative for half the rows: they stay numbers.
    expect(parsed.slice(1).some((row) => Number(row[0]) < 0)).toBe(true);
  });
});
