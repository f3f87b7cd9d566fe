import Papa from 'papaparse';
import type { Dataset, Task } from '../data/datasets';
import { PROJECTION_SCALE } from './projection';
import { splitIndices } from './split';

export { PROJECTION_SCALE, projectionInputs } from './projection';

/**
 * The user's own CSV, from text to a `Dataset`, as pure functions (the page runs them in a worker;
 * tests run them in Node). Every problem names its row and column the way a spreadsheet shows
 * them: rows count from 1 with the header as row 1, so "row 8" is the row a user sees as 8.
 */

/** Rows of data a file may hold: the trainer keeps every row in memory and evaluates all of them every epoch. */
export const MAX_CSV_ROWS = 20_000;
/** Text beyond this is refused before parsing (20,000 rows of 64 long numbers is ~25 MB). */
export const MAX_CSV_CHARACTERS = 32_000_000;
/** A label column with more distinct values than this is not a set of classes. */
export const MAX_CLASSES = 50;
/** A numeric label with at most this many distinct integers is taken as classes (overridable). */
const CLASS_LIKE_DISTINCT_INTEGERS = 20;
/** At most this many problems are listed; the rest are counted. */
const MAX_LISTED_PROBLEMS = 8;

export type CsvProblemCode =
  | 'empty'
  | 'binary'
  | 'too-large'
  | 'too-many-rows'
  | 'no-data-rows'
  | 'bad-quotes'
  | 'wrong-field-count'
  | 'non-numeric'
  | 'missing'
  | 'one-class'
  | 'too-many-classes'
  | 'no-features'
  | 'label-is-feature'
  | 'unknown-column'
  | 'too-few-rows'
  | 'duplicate-column'
  | 'decimal-comma'
  | 'not-finite';

/** One thing wrong with a file, for people: `message` in English, the fields for other languages. */
export interface CsvProblem {
  code: CsvProblemCode;
  message: string;
  /** Spreadsheet row number (the header is row 1). */
  row?: number;
  column?: string;
  value?: string;
  /** A count that the message mentions (rows, classes, values). */
  count?: number;
  limit?: number;
}

export type CsvResult<T> =
  | { ok: true; value: T }
  | { ok: false; problems: CsvProblem[]; /** Problems found in all, listed or not. */ total: number };

export interface CsvTable {
  /** Column names: the header's, or "column 1", "column 2"… when the file has none. */
  columns: string[];
  /** Data rows as text, each as long as `columns`. */
  rows: string[][];
  /** Spreadsheet row number of each data row. */
  rowNumbers: number[];
  hasHeader: boolean;
  /**
   * The first row mixes numbers and text, so it may be data (a file without a header whose label
   * is text) or a header with a number in it: the page asks the user which.
   */
  headerUnsure: boolean;
  /** The first row's cells, to show the user when asking. */
  firstRow: string[];
}

export interface ParseOptions {
  /** The user's answer to "is row 1 the header?"; guessed when absent. */
  hasHeader?: boolean;
}

export interface CsvChoice {
  features: string[];
  label: string;
  task: Task;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** "1,5": a number written with a decimal comma (German, French, Russian… spreadsheets). */
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;
/** NaN and infinity as spreadsheets, numpy and pandas write them, or a number too large for a double. */
const NON_FINITE = /^[+-]?(nan|inf|infinity)$/i;
/** Spellings of "no value" that spreadsheets, R and pandas write. */
const MISSING = new Set(['', 'na', 'n/a', 'nan', 'null', 'none', '?', '-']);

function quote(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what it replaces
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return JSON.stringify(clean.length > 30 ? `${clean.slice(0, 30)}…` : clean);
}

const thousands = (n: number) => n.toLocaleString('en-US');

export function isMissing(cell: string): boolean {
  return MISSING.has(cell.trim().toLowerCase());
}

/** "NaN", "inf", "-Infinity", "1e999": a value, but not one a network can learn from. */
export function isNonFinite(cell: string): boolean {
  const text = cell.trim();
  return NON_FINITE.test(text) || (NUMBER.test(text) && !Number.isFinite(Number(text)));
}

/** A finite number written plainly ("3", "-0.5", "1e-3"), or null. Not "0x10", "1,5", "Infinity". */
export function parseNumber(cell: string): number | null {
  const text = cell.trim();
  if (!NUMBER.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/**
 * Binary content decoded as text: NUL characters (images, zip-based spreadsheets such as .xlsx)
 * or many control or replacement characters (bytes that are not UTF-8 text).
 */
export function looksBinary(text: string): boolean {
  const sample = text.slice(0, 8192);
  if (sample.includes('\u0000')) return true;
  let odd = 0;
  for (const ch of sample) {
    const code = ch.charCodeAt(0);
    if (code === 0xfffd || (code < 32 && code !== 9 && code !== 10 && code !== 13)) odd++;
  }
  return odd > Math.max(2, sample.length * 0.01);
}

function failure<T>(problems: CsvProblem[], total = problems.length): CsvResult<T> {
  return { ok: false, problems: problems.slice(0, MAX_LISTED_PROBLEMS), total };
}

/** Splits the text into a table of cells; refuses empty, binary, oversized and malformed files. */
export function parseCsv(text: string, options: ParseOptions = {}): CsvResult<CsvTable> {
  if (text.length > MAX_CSV_CHARACTERS) {
    return failure([
      {
        code: 'too-large',
        message: `The file is too large (${thousands(Math.round(text.length / 1e6))} MB of text; at most ${MAX_CSV_CHARACTERS / 1e6} MB).`,
        limit: MAX_CSV_CHARACTERS,
      },
    ]);
  }
  if (looksBinary(text)) {
    return failure([
      {
        code: 'binary',
        message:
          'This is not a text file (it looks like an image, a spreadsheet or another binary file). Save your data as CSV (comma-separated values) and upload that.',
      },
    ]);
  }
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '')
    return failure([{ code: 'empty', message: 'The file is empty: there is no header and no data.' }]);

  // Parse one row past the limit (plus the header) so a long file is refused without parsing it all.
  const parsed = Papa.parse<string[]>(body, {
    header: false,
    dynamicTyping: false,
    skipEmptyLines: false,
    preview: MAX_CSV_ROWS + 2,
    delimitersToGuess: [',', ';', '\t', '|'],
  });
  const quoteError = parsed.errors.find((e) => e.code === 'MissingQuotes' || e.code === 'InvalidQuotes');
  if (quoteError) {
    const row = (quoteError.row ?? 0) + 1;
    return failure([
      {
        code: 'bad-quotes',
        message: `Row ${row}: a quotation mark is not closed, so the rest of the file cannot be read as columns.`,
        row,
      },
    ]);
  }
  // Blank lines (often at the end) are skipped but still counted, so row numbers match the file.
  const records = parsed.data
    .map((cells, index) => ({ cells: cells.map((c) => c.trim()), row: index + 1 }))
    .filter((record) => record.cells.some((c) => c !== ''));
  if (records.length === 0)
    return failure([{ code: 'empty', message: 'The file is empty: there is no header and no data.' }]);

  const first = records[0]!;
  // A header names columns: text only. A first row of numbers is data. A row mixing both is most
  // likely data whose label is text ("5.1,3.5,setosa"), but it could be a header with a year in
  // it, so the page asks; until answered it is read as data, which loses no row.
  const textCells = first.cells.filter((cell) => parseNumber(cell) === null && !isMissing(cell)).length;
  const numberCells = first.cells.filter((cell) => parseNumber(cell) !== null).length;
  const headerUnsure = options.hasHeader === undefined && textCells > 0 && numberCells > 0;
  const hasHeader = options.hasHeader ?? (textCells > 0 && numberCells === 0);
  const width = first.cells.length;
  const columns = hasHeader
    ? first.cells.map((name, i) => name || `column ${i + 1}`)
    : Array.from({ length: width }, (_, i) => `column ${i + 1}`);
  const data = hasHeader ? records.slice(1) : records;
  if (data.length === 0)
    return failure([{ code: 'no-data-rows', message: 'The file has a header but no rows of data.' }]);
  if (data.length > MAX_CSV_ROWS) {
    return failure([
      {
        code: 'too-many-rows',
        message: `The file has more than ${thousands(MAX_CSV_ROWS)} rows of data; Tunelab trains on at most ${thousands(MAX_CSV_ROWS)}. Keep a sample of the rows and upload that.`,
        limit: MAX_CSV_ROWS,
      },
    ]);
  }
  const problems: CsvProblem[] = [];
  for (const record of data) {
    if (record.cells.length !== width) {
      problems.push({
        code: 'wrong-field-count',
        message: `Row ${record.row} has ${record.cells.length} values but the ${hasHeader ? 'header' : 'first row'} has ${width} columns.`,
        row: record.row,
        count: record.cells.length,
        limit: width,
      });
    }
  }
  if (problems.length > 0) return failure(problems);
  if (hasHeader) {
    const seen = new Set<string>();
    for (const name of columns) {
      if (seen.has(name)) {
        problems.push({
          code: 'duplicate-column',
          message: `Two columns are named ${quote(name)}. Give each column its own name in the header, so it is clear which one is which.`,
          row: first.row,
          column: name,
        });
      }
      seen.add(name);
    }
    if (problems.length > 0) return failure(problems);
  }
  const rows = data.map((r) => r.cells);
  const decimalComma = decimalCommaColumn(columns, rows);
  if (decimalComma) {
    return failure([
      {
        code: 'decimal-comma',
        message: `Column ${quote(decimalComma.column)} writes numbers with a decimal comma (${quote(decimalComma.value)}). Tunelab reads a point as the decimal mark: save the file with points (1.5, not 1,5), for example by choosing English (US) number format when exporting it.`,
        column: decimalComma.column,
        value: decimalComma.value,
        count: decimalComma.count,
      },
    ]);
  }
  return {
    ok: true,
    value: {
      columns,
      rows,
      rowNumbers: data.map((r) => r.row),
      hasHeader,
      headerUnsure,
      firstRow: first.cells,
    },
  };
}

/**
 * The first column whose values are numbers written with a decimal comma ("1,5"), if any: one clear
 * hint instead of an error per cell. Only a column that is mostly such numbers counts, so a text
 * column with an odd "1,2" in it is left alone.
 */
function decimalCommaColumn(
  columns: readonly string[],
  rows: readonly string[][],
): { column: string; value: string; count: number } | null {
  for (let j = 0; j < columns.length; j++) {
    let comma = 0;
    let numbers = 0;
    let present = 0;
    let example = '';
    for (const row of rows) {
      const cell = row[j]!;
      if (isMissing(cell)) continue;
      present++;
      if (DECIMAL_COMMA.test(cell)) {
        comma++;
        example ||= cell;
      } else if (parseNumber(cell) !== null) numbers++;
    }
    if (comma > 0 && comma + numbers >= present * 0.5)
      return { column: columns[j]!, value: example, count: comma };
  }
  return null;
}

export interface ColumnSummary {
  name: string;
  /** Every present value is a number. */
  numeric: boolean;
  /** Every present value is an integer. */
  integer: boolean;
  distinct: number;
  missing: number;
  /** Share of the present values that are numbers: a column of numbers with a typo in it is still a feature. */
  numericShare: number;
}

export function summarizeColumns(table: CsvTable): ColumnSummary[] {
  return table.columns.map((name, j) => {
    const seen = new Set<string>();
    let numeric = true;
    let integer = true;
    let missing = 0;
    let numbers = 0;
    for (const row of table.rows) {
      const cell = row[j]!;
      if (isMissing(cell)) {
        missing++;
        continue;
      }
      if (seen.size <= MAX_CLASSES) seen.add(cell);
      const value = parseNumber(cell);
      if (value === null) numeric = false;
      else {
        numbers++;
        if (!Number.isInteger(value)) integer = false;
      }
    }
    const present = table.rows.length - missing;
    return {
      name,
      numeric,
      integer: numeric && integer,
      distinct: seen.size,
      missing,
      numericShare: present > 0 ? numbers / present : 0,
    };
  });
}

/**
 * Few distinct integers, or any text, make classes; other numbers make a regression target.
 * The page shows the guess and lets the user override it.
 */
export function detectTask(summary: ColumnSummary): Task {
  if (!summary.numeric) return 'classification';
  return summary.integer && summary.distinct <= CLASS_LIKE_DISTINCT_INTEGERS
    ? 'classification'
    : 'regression';
}

/**
 * A first choice to show: the last column as the label, every other mostly-numeric column as a
 * feature (so a stray typo in a numeric column is reported rather than silently dropping it).
 */
export function suggestChoice(table: CsvTable): CsvChoice {
  const summaries = summarizeColumns(table);
  const label = summaries.at(-1)!;
  const features = summaries
    .slice(0, -1)
    .filter((s) => s.numericShare >= 0.5)
    .map((s) => s.name);
  return {
    features: features.length > 0 ? features : summaries.slice(0, -1).map((s) => s.name),
    label: label.name,
    task: detectTask(label),
  };
}

export interface CsvDataset {
  dataset: Dataset;
  /** Class names in class-index order (classification), or [] (regression). */
  classNames: string[];
  /** Training-set mean and standard deviation of each feature, and of a regression label. */
  featureMeans: number[];
  featureDeviations: number[];
  labelMean: number;
  labelDeviation: number;
  /** The two features drawn on the plane (the others held at their means), or null with one feature. */
  projection: [string, string] | null;
}

/**
 * Mean and deviation of a column, computed on values divided by a power of two near the largest
 * magnitude: squaring 1e300 overflows to Infinity, and a deviation of Infinity turned every label
 * into 0. Dividing by a power of two is exact, so ordinary columns get the very same numbers as
 * the plain formula.
 */
function meanAndDeviation(values: Float64Array | Float32Array, indices: Int32Array): [number, number] {
  let largest = 0;
  for (const i of indices) largest = Math.max(largest, Math.abs(values[i]!));
  if (largest === 0) return [0, 1];
  const scale = 2 ** Math.min(1023, Math.ceil(Math.log2(largest)));
  let sum = 0;
  for (const i of indices) sum += values[i]! / scale;
  const scaledMean = sum / indices.length;
  let squares = 0;
  for (const i of indices) squares += (values[i]! / scale - scaledMean) ** 2;
  const deviation = Math.sqrt(squares / indices.length) * scale;
  // A constant column carries no information; dividing by 1 keeps it at 0 instead of NaN. The
  // threshold is relative for large values, where rounding alone leaves a deviation of ~1e-16 × scale.
  return [scaledMean * scale, deviation > 1e-12 * Math.max(1, largest) ? deviation : 1];
}

function standardize(value: number, mean: number, deviation: number): number {
  const plain = (value - mean) / deviation;
  // value - mean overflows when the two are near ±1e308 with opposite signs.
  return Number.isFinite(plain) ? plain : value / deviation - mean / deviation;
}

function nonFinite(row: number, column: string, cell: string): CsvProblem {
  return {
    code: 'not-finite',
    message: `Row ${row}, column ${quote(column)}: ${quote(cell)} is not a finite number (NaN marks a value that could not be computed; infinity has no size). Put a number there or remove the row.`,
    row,
    column,
    value: cell,
  };
}

function compareClassNames(a: string, b: string): number {
  const x = parseNumber(a);
  const y = parseNumber(b);
  if (x !== null && y !== null) return x - y;
  return a.localeCompare(b, 'en');
}

/**
 * Builds the dataset for the chosen columns: features standardized with the training rows' mean
 * and deviation (the validation rows must not leak into the scaling they are judged with),
 * classes numbered in sorted order, a regression label standardized too (a house price in dollars
 * makes the first losses ~1e10 and every default learning rate diverge).
 */
export function buildCsvDataset(
  table: CsvTable,
  choice: CsvChoice,
  settings: { validationSplit: number; seed: number },
): CsvResult<CsvDataset> {
  const index = new Map(table.columns.map((name, j) => [name, j]));
  const problems: CsvProblem[] = [];
  for (const name of [...choice.features, choice.label]) {
    if (!index.has(name))
      problems.push({
        code: 'unknown-column',
        message: `There is no column named ${quote(name)} in this file.`,
        column: name,
      });
  }
  if (choice.features.length === 0)
    problems.push({ code: 'no-features', message: 'Choose at least one feature column.' });
  if (choice.features.includes(choice.label)) {
    problems.push({
      code: 'label-is-feature',
      message: `The label column ${quote(choice.label)} cannot also be a feature.`,
      column: choice.label,
    });
  }
  if (problems.length > 0) return failure(problems);
  const n = table.rows.length;
  if (n < 4)
    return failure([
      {
        code: 'too-few-rows',
        message: `The file has ${n} rows of data; training and validation need at least 4.`,
        count: n,
        limit: 4,
      },
    ]);

  const width = choice.features.length;
  const raw = new Float64Array(n * width);
  let total = 0;
  const report = (problem: CsvProblem) => {
    total++;
    if (problems.length < MAX_LISTED_PROBLEMS) problems.push(problem);
  };
  const featureColumns = choice.features.map((name) => index.get(name)!);
  table.rows.forEach((row, i) => {
    const rowNumber = table.rowNumbers[i]!;
    featureColumns.forEach((j, f) => {
      const cell = row[j]!;
      const column = table.columns[j]!;
      if (isNonFinite(cell)) {
        report(nonFinite(rowNumber, column, cell));
        return;
      }
      if (isMissing(cell)) {
        report({
          code: 'missing',
          message: `Row ${rowNumber}, column ${quote(column)}: the value is missing.`,
          row: rowNumber,
          column,
          value: cell,
        });
        return;
      }
      const value = parseNumber(cell);
      if (value === null) {
        report({
          code: 'non-numeric',
          message: `Row ${rowNumber}, column ${quote(column)}: ${quote(cell)} is not a number.`,
          row: rowNumber,
          column,
          value: cell,
        });
        return;
      }
      raw[i * width + f] = value;
    });
  });

  const labelColumn = index.get(choice.label)!;
  const labels = new Float32Array(n);
  let classNames: string[] = [];
  const labelValues = new Float64Array(n);
  const labelCells = table.rows.map((row) => row[labelColumn]!);
  labelCells.forEach((cell, i) => {
    const rowNumber = table.rowNumbers[i]!;
    if (choice.task === 'regression' && isNonFinite(cell)) {
      report(nonFinite(rowNumber, choice.label, cell));
    } else if (isMissing(cell)) {
      report({
        code: 'missing',
        message: `Row ${rowNumber}, column ${quote(choice.label)}: the label is missing.`,
        row: rowNumber,
        column: choice.label,
        value: cell,
      });
    } else if (choice.task === 'regression') {
      const value = parseNumber(cell);
      if (value === null) {
        report({
          code: 'non-numeric',
          message: `Row ${rowNumber}, column ${quote(choice.label)}: ${quote(cell)} is not a number (a regression label must be one; choose classification for named classes).`,
          row: rowNumber,
          column: choice.label,
          value: cell,
        });
      } else {
        labelValues[i] = value;
      }
    }
  });
  if (choice.task === 'classification') {
    const distinct = [...new Set(labelCells.filter((cell) => !isMissing(cell)))].sort(compareClassNames);
    if (distinct.length > MAX_CLASSES) {
      report({
        code: 'too-many-classes',
        message: `The label column ${quote(choice.label)} has more than ${MAX_CLASSES} different values; classification allows at most ${MAX_CLASSES}. If it is a measurement, choose regression.`,
        column: choice.label,
        count: distinct.length,
        limit: MAX_CLASSES,
      });
    } else if (distinct.length === 1 && total === 0) {
      report({
        code: 'one-class',
        message: `The label column ${quote(choice.label)} holds one class only (${quote(distinct[0]!)}); classification needs at least two.`,
        column: choice.label,
        value: distinct[0]!,
      });
    }
    classNames = distinct;
    const classIndex = new Map(distinct.map((name, c) => [name, c]));
    labelCells.forEach((cell, i) => {
      labels[i] = classIndex.get(cell) ?? 0;
    });
  }
  if (total > 0) return failure(problems, total);

  const split = splitIndices(n, settings.validationSplit, settings.seed);
  const values = new Float32Array(n * width);
  const featureMeans: number[] = [];
  const featureDeviations: number[] = [];
  const column = new Float64Array(n);
  for (let f = 0; f < width; f++) {
    for (let i = 0; i < n; i++) column[i] = raw[i * width + f]!;
    const [mean, deviation] = meanAndDeviation(column, split.trainIndices);
    featureMeans.push(mean);
    featureDeviations.push(deviation);
    for (let i = 0; i < n; i++) values[i * width + f] = standardize(column[i]!, mean, deviation);
  }
  let labelMean = 0;
  let labelDeviation = 1;
  if (choice.task === 'regression') {
    [labelMean, labelDeviation] = meanAndDeviation(labelValues, split.trainIndices);
    for (let i = 0; i < n; i++) labels[i] = standardize(labelValues[i]!, labelMean, labelDeviation);
  }
  const projected: [number, number] | null = width >= 2 ? [0, 1] : null;
  const points = new Float32Array(projected ? 2 * n : 0);
  if (projected) {
    for (let i = 0; i < n; i++) {
      points[2 * i] = values[i * width + projected[0]]! * PROJECTION_SCALE;
      points[2 * i + 1] = values[i * width + projected[1]]! * PROJECTION_SCALE;
    }
  }
  return {
    ok: true,
    value: {
      dataset: {
        id: 'custom',
        task: choice.task,
        classes: choice.task === 'classification' ? classNames.length : 1,
        points,
        columns: { values, width, names: [...choice.features] },
        labels,
        ...split,
      },
      classNames,
      featureMeans,
      featureDeviations,
      labelMean,
      labelDeviation,
      projection: projected ? [choice.features[0]!, choice.features[1]!] : null,
    },
  };
}

/** The whole path, text to dataset, with the suggested choice when none is given. */
export function csvToDataset(
  text: string,
  settings: { validationSplit: number; seed: number },
  choice?: CsvChoice,
): CsvResult<CsvDataset & { table: CsvTable; choice: CsvChoice }> {
  const parsed = parseCsv(text);
  if (!parsed.ok) return parsed;
  const chosen = choice ?? suggestChoice(parsed.value);
  const built = buildCsvDataset(parsed.value, chosen, settings);
  if (!built.ok) return built;
  return { ok: true, value: { ...built.value, table: parsed.value, choice: chosen } };
}

export interface CsvPreview {
  table: CsvTable;
  columns: ColumnSummary[];
  suggestion: CsvChoice;
  /** What is wrong with the cells for the suggested columns, found before the user accepts them. */
  check: CsvResult<unknown>;
}

/**
 * What the page shows when a file is chosen: the table, the suggested columns, and the cell checks
 * for that choice already run, so a bad cell is named at once rather than after "Use this data".
 */
export function previewCsv(text: string, options: ParseOptions = {}): CsvResult<CsvPreview> {
  const parsed = parseCsv(text, options);
  if (!parsed.ok) return parsed;
  const suggestion = suggestChoice(parsed.value);
  return {
    ok: true,
    value: {
      table: parsed.value,
      columns: summarizeColumns(parsed.value),
      suggestion,
      check: checkChoice(parsed.value, suggestion),
    },
  };
}

/** The cell checks for a choice of columns, without keeping the dataset. */
export function checkChoice(table: CsvTable, choice: CsvChoice): CsvResult<unknown> {
  const built = buildCsvDataset(table, choice, { validationSplit: 0.2, seed: 1 });
  return built.ok ? { ok: true, value: null } : built;
}

/**
 * Reads a file back for a choice made earlier (a saved file, a file in a link): with the header
 * the user chose then, which is the reading where the chosen columns exist.
 */
export function parseCsvFor(text: string, choice: CsvChoice): CsvResult<CsvTable> {
  const has = (table: CsvTable) =>
    [...choice.features, choice.label].every((name) => table.columns.includes(name));
  const guessed = parseCsv(text);
  if (!guessed.ok || has(guessed.value)) return guessed;
  const other = parseCsv(text, { hasHeader: !guessed.value.hasHeader });
  return other.ok && has(other.value) ? other : guessed;
}
