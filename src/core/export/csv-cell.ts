/**
 * Every CSV Tunelab writes goes through here, so a cell a spreadsheet would run as a formula is
 * written as text (OWASP "CSV Injection"): a text cell starting with = + - @, a tab or a carriage
 * return gets a single quote in front and is quoted. Column names come from users' files and run
 * names from users, and a shared link can carry such a file, so one careless writer is enough.
 *
 * Finite numbers are written as they are: -0.5 is a value, not a formula, and prefixing it would
 * make every pandas or R reader see text. A number that is not finite (NaN, ±Infinity) is written
 * as its word, and "-Infinity" is escaped like any other text starting with "-": it comes from us,
 * but a spreadsheet would still try to evaluate it and show #NAME?.
 */
export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One cell as CSV text: escaped against formulae, quoted when needed. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  const text = String(value);
  if (FORMULA_START.test(text)) return `"'${text.replaceAll('"', '""')}"`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A whole file: a header row, then the rows, each line ending in a newline. */
export function toCsv(fields: readonly CsvValue[], rows: readonly (readonly CsvValue[])[]): string {
  const line = (cells: readonly CsvValue[]) => cells.map(csvCell).join(',');
  return [line(fields), ...rows.map(line)].join('\n') + '\n';
}
