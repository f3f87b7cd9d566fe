import { describe, expect, it } from 'vitest';
import {
  buildCsvDataset,
  csvToDataset,
  parseCsv,
  parseCsvFor,
  previewCsv,
  type CsvResult,
} from '../../src/core/userdata/csv';

const settings = { validationSplit: 0.25, seed: 3 };

function problemsOf<T>(result: CsvResult<T>) {
  if (result.ok) throw new Error('expected the file to be refused');
  return result.problems;
}

function valueOf<T>(result: CsvResult<T>): T {
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.value;
}

describe('CSV checks', () => {
  it('finding 7: duplicate headers are refused, naming the column', () => {
    const problems = problemsOf(parseCsv('a,a,label\n1,2,x\n3,4,y\n5,6,x\n7,8,y\n'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'duplicate-column', column: 'a' });
    expect(problems[0]!.message).toContain('"a"');
  });

  it('finding 8: a headerless file with a text label keeps its first row, and the user is asked', () => {
    const text =
      '5.1,3.5,setosa\n4.9,3.0,setosa\n7.0,3.2,versicolor\n6.4,3.2,versicolor\n6.3,3.3,virginica\n';
    const table = valueOf(parseCsv(text));
    expect(table.hasHeader).toBe(false);
    expect(table.headerUnsure).toBe(true);
    expect(table.rows).toHaveLength(5);
    expect(table.rows[0]).toEqual(['5.1', '3.5', 'setosa']);
    expect(table.rowNumbers[0]).toBe(1);
    expect(table.firstRow).toEqual(['5.1', '3.5', 'setosa']);
    // The user answers "row 1 is the header" when it is one, e.g. with a year as a column name.
    const withHeader = valueOf(parseCsv('2019,2020,label\n1,2,x\n3,4,y\n', { hasHeader: true }));
    expect(withHeader.columns).toEqual(['2019', '2020', 'label']);
    expect(withHeader.headerUnsure).toBe(false);
    // A file saved with that answer reads back the same way.
    const again = valueOf(
      parseCsvFor('2019,2020,label\n1,2,x\n3,4,y\n', {
        features: ['2019', '2020'],
        label: 'label',
        task: 'classification',
      }),
    );
    expect(again.hasHeader).toBe(true);
    // A plain header is not questioned.
    expect(valueOf(parseCsv('a,b,label\n1,2,x\n')).headerUnsure).toBe(false);
  });

  it('finding 9: a regression label of 1e300 is standardized without overflowing', () => {
    const rows = Array.from({ length: 12 }, (_, i) => `${i},${i % 3},${(i + 1) * 1e299}`);
    const built = valueOf(
      csvToDataset(['a,b,price', ...rows].join('\n'), settings, {
        features: ['a', 'b'],
        label: 'price',
        task: 'regression',
      }),
    );
    const labels = [...built.dataset.labels];
    expect(labels.every(Number.isFinite)).toBe(true);
    expect(new Set(labels.map((v) => v.toFixed(3))).size).toBe(12);
    expect(Math.max(...labels) - Math.min(...labels)).toBeGreaterThan(2);
    expect(built.labelDeviation).toBeGreaterThan(1e299);
    // Extremes of opposite sign do not overflow either.
    const wide = valueOf(
      csvToDataset(['a,y', '1,1.7e308', '2,-1.7e308', '3,1e308', '4,-1e308', '5,0'].join('\n'), settings, {
        features: ['a'],
        label: 'y',
        task: 'regression',
      }),
    );
    expect([...wide.dataset.labels].every(Number.isFinite)).toBe(true);
  });

  it('ordinary columns are standardized to the same numbers as before', () => {
    const built = valueOf(csvToDataset('x,y,t\n1,2,0.5\n2,4,1.5\n3,1,2.5\n4,3,3.5\n5,5,4\n', settings));
    const values = [...built.dataset.columns!.values];
    const mean = built.featureMeans[0]!;
    const deviation = built.featureDeviations[0]!;
    expect(values[0]).toBe(Math.fround((1 - mean) / deviation));
  });

  it('finding 16: "NaN" cells are called not finite, not missing', () => {
    const table = valueOf(parseCsv('a,b,label\n1,NaN,x\n3,4,y\n5,inf,x\n7,8,y\n'));
    const problems = problemsOf(
      buildCsvDataset(table, { features: ['a', 'b'], label: 'label', task: 'classification' }, settings),
    );
    expect(problems.map((p) => [p.code, p.row, p.column, p.value])).toEqual([
      ['not-finite', 2, 'b', 'NaN'],
      ['not-finite', 4, 'b', 'inf'],
    ]);
    expect(problems[0]!.message).not.toMatch(/missing/);
  });

  it('finding 16: a decimal-comma file gets one hint about the decimal comma, naming the column', () => {
    const rows = Array.from({ length: 60 }, (_, i) => `${i},5;${i % 7},25;${i % 2}`);
    const problems = problemsOf(parseCsv(['weight;height;label', ...rows].join('\n')));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'decimal-comma', column: 'weight', value: '0,5' });
    expect(problems[0]!.message).toMatch(/decimal comma/);
  });

  it('finding 16: bad cells are reported when the file is previewed, before "Use this data"', () => {
    const preview = valueOf(previewCsv('a,b,label\n1,2,x\n3,oops,y\n5,6,x\n7,8,y\n'));
    expect(preview.suggestion.features).toEqual(['a', 'b']);
    expect(problemsOf(preview.check)).toEqual([
      expect.objectContaining({ code: 'non-numeric', row: 3, column: 'b', value: 'oops' }),
    ]);
    expect(valueOf(previewCsv('a,b,label\n1,2,x\n3,4,y\n5,6,x\n7,8,y\n')).check.ok).toBe(true);
  });
});
