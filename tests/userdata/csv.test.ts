import { describe, expect, test } from 'vitest';
import { DEFAULT_CONFIG, trainExperiment } from '../../src/core';
import {
  buildCsvDataset,
  csvToDataset,
  MAX_CSV_ROWS,
  parseCsv,
  projectionInputs,
  suggestChoice,
  summarizeColumns,
  detectTask,
  type CsvResult,
} from '../../src/core/userdata/csv';

const settings = { validationSplit: 0.25, seed: 3 };

function problemsOf<T>(result: CsvResult<T>) {
  if (result.ok) throw new Error('expected the file to be refused');
  return result.problems;
}

const iris = [
  'sepal length,sepal width,petal length,species',
  '5.1,3.5,1.4,setosa',
  '4.9,3.0,1.4,setosa',
  '7.0,3.2,4.7,versicolor',
  '6.4,3.2,4.5,versicolor',
  '6.3,3.3,6.0,virginica',
  '5.8,2.7,5.1,virginica',
  '5.0,3.4,1.5,setosa',
  '6.9,3.1,4.9,versicolor',
].join('\n');

describe('reading a CSV', () => {
  test('a header, rows and spreadsheet row numbers; blank lines skipped but counted', () => {
    const result = parseCsv('a,b,label\r\n1,2,x\r\n\r\n3,4,y\r\n');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.columns).toEqual(['a', 'b', 'label']);
    expect(result.value.rows).toEqual([
      ['1', '2', 'x'],
      ['3', '4', 'y'],
    ]);
    expect(result.value.rowNumbers).toEqual([2, 4]);
  });

  test('a file without a header gets numbered columns, semicolons work too', () => {
    const result = parseCsv('1;2;0\n3;4;1\n');
    expect(result.ok && result.value.columns).toEqual(['column 1', 'column 2', 'column 3']);
    expect(result.ok && result.value.rowNumbers).toEqual([1, 2]);
  });

  test('an empty file', () => {
    expect(problemsOf(parseCsv(''))[0]).toMatchObject({
      code: 'empty',
      message: 'The file is empty: there is no header and no data.',
    });
    expect(problemsOf(parseCsv('\n \n'))[0]!.code).toBe('empty');
  });

  test('a header without data', () => {
    expect(problemsOf(parseCsv('a,b,c\n'))[0]).toMatchObject({
      code: 'no-data-rows',
      message: 'The file has a header but no rows of data.',
    });
  });

  test('a binary file (a PNG, an .xlsx)', () => {
    const png = '\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR' + '\u0000\u0001'.repeat(50);
    expect(problemsOf(parseCsv(png))[0]).toMatchObject({
      code: 'binary',
      message: expect.stringMatching(/not a text file.*Save your data as CSV/),
    });
    const undecodable = 'PK\u0003\u0004' + '\ufffd\ufffd\u0014'.repeat(40);
    expect(problemsOf(parseCsv(undecodable))[0]!.code).toBe('binary');
  });

  test(`more rows than the limit of ${MAX_CSV_ROWS.toLocaleString('en-US')} says the limit`, () => {
    const text = ['x,y', ...Array.from({ length: MAX_CSV_ROWS + 1 }, (_, i) => `${i},${i % 2}`)].join('\n');
    const [problem] = problemsOf(parseCsv(text));
    expect(problem).toMatchObject({ code: 'too-many-rows', limit: 20000 });
    expect(problem!.message).toBe(
      'The file has more than 20,000 rows of data; Tunelab trains on at most 20,000. Keep a sample of the rows and upload that.',
    );
    // Exactly at the limit is fine.
    expect(
      parseCsv(['x,y', ...Array.from({ length: MAX_CSV_ROWS }, (_, i) => `${i},${i % 2}`)].join('\n')).ok,
    ).toBe(true);
  });

  test('a row with too few or too many values names the row', () => {
    const problems = problemsOf(parseCsv('a,b,c\n1,2,3\n4,5\n6,7,8,9\n'));
    expect(problems.map((p) => p.message)).toEqual([
      'Row 3 has 2 values but the header has 3 columns.',
      'Row 4 has 4 values but the header has 3 columns.',
    ]);
  });

  test('an unclosed quotation mark names its row', () => {
    const [problem] = problemsOf(parseCsv('a,b\n1,2\n"3,4\n5,6\n'));
    expect(problem).toMatchObject({ code: 'bad-quotes', row: 3 });
    expect(problem!.message).toMatch(/^Row 3: a quotation mark is not closed/);
  });
});

describe('choosing columns and the task', () => {
  test('the last column is the suggested label, text labels make classes', () => {
    const table = parseCsv(iris);
    if (!table.ok) throw new Error('iris did not parse');
    expect(suggestChoice(table.value)).toEqual({
      features: ['sepal length', 'sepal width', 'petal length'],
      label: 'species',
      task: 'classification',
    });
  });

  test('a text column is not suggested as a feature; a numeric column with one typo still is', () => {
    const table = parseCsv('name,x,y,label\nann,1,2,0\nbob,3,oops,1\ncy,5,6,0\n');
    if (!table.ok) throw new Error('did not parse');
    expect(suggestChoice(table.value).features).toEqual(['x', 'y']);
  });

  test('few distinct integers make classes; measurements make a regression', () => {
    const table = parseCsv('x,k,price\n1,0,10.5\n2,1,12.25\n3,2,9.75\n4,1,11\n');
    if (!table.ok) throw new Error('did not parse');
    const [, k, price] = summarizeColumns(table.value);
    expect(detectTask(k!)).toBe('classification');
    expect(detectTask(price!)).toBe('regression');
  });
});

describe('building the dataset', () => {
  test('features standardized over the training rows, classes numbered in sorted order', () => {
    const result = csvToDataset(iris, settings);
    if (!result.ok) throw new Error(result.problems[0]!.message);
    const { dataset, classNames, featureMeans } = result.value;
    expect(classNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(dataset.classes).toBe(3);
    expect(dataset.task).toBe('classification');
    expect(dataset.columns!.width).toBe(3);
    expect(dataset.trainIndices.length + dataset.validationIndices.length).toBe(8);
    expect(dataset.validationIndices.length).toBe(2);
    // Standardized: each feature has mean 0 and deviation 1 over the training rows.
    for (let f = 0; f < 3; f++) {
      const column = Array.from(dataset.trainIndices, (i) => dataset.columns!.values[i * 3 + f]!);
      const mean = column.reduce((a, b) => a + b, 0) / column.length;
      const variance = column.reduce((a, b) => a + (b - mean) ** 2, 0) / column.length;
      expect(mean).toBeCloseTo(0, 5);
      expect(variance).toBeCloseTo(1, 4);
    }
    expect(featureMeans[0]).toBeGreaterThan(4.9);
    // Row 1 of data is setosa: class 0.
    expect(dataset.labels[0]).toBe(0);
    expect(dataset.labels[2]).toBe(1);
    expect(result.value.projection).toEqual(['sepal length', 'sepal width']);
    expect(dataset.points.length).toBe(16);
  });

  test('a non-numeric value names its row, column and value', () => {
    const text = iris.replace('6.4,3.2,4.5', '6.4,abc,4.5');
    const [problem] = problemsOf(csvToDataset(text, settings));
    expect(problem).toMatchObject({ code: 'non-numeric', row: 5, column: 'sepal width', value: 'abc' });
    expect(problem!.message).toBe('Row 5, column "sepal width": "abc" is not a number.');
  });

  test('a missing value names its row and column', () => {
    const text = iris.replace('5.8,2.7,5.1', '5.8,,5.1');
    const [problem] = problemsOf(csvToDataset(text, settings));
    expect(problem!.message).toBe('Row 7, column "sepal width": the value is missing.');
    const missingLabel = iris.replace('5.0,3.4,1.5,setosa', '5.0,3.4,1.5,NA');
    expect(problemsOf(csvToDataset(missingLabel, settings))[0]!.message).toBe(
      'Row 8, column "species": the label is missing.',
    );
  });

  test('one class only', () => {
    const text = 'a,b,label\n1,2,cat\n3,4,cat\n5,6,cat\n7,8,cat\n';
    const [problem] = problemsOf(csvToDataset(text, settings));
    expect(problem).toMatchObject({ code: 'one-class', column: 'label' });
    expect(problem!.message).toBe(
      'The label column "label" holds one class only ("cat"); classification needs at least two.',
    );
  });

  test('a text label forced to regression is refused, naming the row', () => {
    const table = parseCsv(iris);
    if (!table.ok) throw new Error('did not parse');
    const [problem] = problemsOf(
      buildCsvDataset(
        table.value,
        { features: ['sepal length'], label: 'species', task: 'regression' },
        settings,
      ),
    );
    expect(problem!.message).toMatch(/^Row 2, column "species": "setosa" is not a number/);
  });

  test('a measurement forced to classification with too many classes says the limit', () => {
    const text = ['x,y', ...Array.from({ length: 60 }, (_, i) => `${i},${i * 1.5}`)].join('\n');
    const table = parseCsv(text);
    if (!table.ok) throw new Error('did not parse');
    const [problem] = problemsOf(
      buildCsvDataset(table.value, { features: ['x'], label: 'y', task: 'classification' }, settings),
    );
    expect(problem!.code).toBe('too-many-classes');
    expect(problem!.message).toMatch(/at most 50/);
  });

  test('many bad cells: a few listed, all counted', () => {
    const text = ['x,y', ...Array.from({ length: 30 }, (_, i) => `bad${i},${i % 2}`)].join('\n');
    const result = csvToDataset(text, settings, { features: ['x'], label: 'y', task: 'classification' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.total).toBe(30);
    expect(result.problems.length).toBeLessThan(30);
    expect(result.problems[0]!.message).toBe('Row 2, column "x": "bad0" is not a number.');
  });

  test('the label cannot be a feature; unknown columns are named', () => {
    const table = parseCsv(iris);
    if (!table.ok) throw new Error('did not parse');
    const problems = problemsOf(
      buildCsvDataset(
        table.value,
        { features: ['species', 'height'], label: 'species', task: 'classification' },
        settings,
      ),
    );
    expect(problems.map((p) => p.code)).toEqual(['unknown-column', 'label-is-feature']);
    expect(problems[0]!.message).toBe('There is no column named "height" in this file.');
  });

  test('a regression label is standardized and trains to a low loss', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => {
      const x = (i % 20) - 10;
      const z = Math.floor(i / 20) - 5;
      return `${x},${z},${1000 + 50 * x - 20 * z}`;
    });
    const result = csvToDataset(['x,z,price', ...rows].join('\n'), settings);
    if (!result.ok) throw new Error(result.problems[0]!.message);
    expect(result.value.choice.task).toBe('regression');
    expect(result.value.labelMean).toBeGreaterThan(900);
    const run = await trainExperiment(
      { ...DEFAULT_CONFIG, dataset: 'custom', hiddenLayers: [8], epochs: 40, learningRate: 0.02, seed: 3 },
      { dataset: result.value.dataset },
    );
    expect(run.summary.status).toBe('completed');
    // A linear target: the network explains nearly all of its (unit) variance.
    expect(run.summary.finalValidationLoss!).toBeLessThan(0.05);
  });

  test('projection inputs put plane points on the two projected columns, others at the mean', () => {
    const inputs = projectionInputs(new Float32Array([2, -4, 6, 0]), 3, [0, 2]);
    expect(Array.from(inputs)).toEqual([1, 0, -2, 3, 0, 0]);
  });
});
