/** The benchmark's rows, its printed table and its markdown. */

export type Environment = 'Node' | 'Chromium worker' | 'Chromium page';

export interface Row {
  environment: Environment;
  figure: string;
  /** floor, cpu, wasm, or what else produced the figure. */
  engine: string;
  value: number;
  unit: string;
  /** value / the floor's single-network epochs per second measured in the same run, where that means something. */
  ratio: number | null;
  /**
   * The same ratio in epochs per CPU-second of this process (Node only): what the figure would be
   * on an idle machine, since other processes' load stretches wall time but not our CPU time.
   */
  cpuRatio?: number | null;
  detail: string;
}

export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toPrecision(3);
}

export function formatRatio(ratio: number | null): string {
  if (ratio === null) return '–';
  return `${ratio >= 1 ? ratio.toFixed(2) : ratio.toPrecision(2)}×`;
}

const HEADER = ['environment', 'figure', 'engine', 'value', 'unit', '× floor', '× floor (CPU)', 'detail'];

function cells(row: Row): string[] {
  return [
    row.environment,
    row.figure,
    row.engine,
    formatValue(row.value),
    row.unit,
    formatRatio(row.ratio),
    formatRatio(row.cpuRatio ?? null),
    row.detail,
  ];
}

/** A fixed-width table for the terminal. */
export function formatTable(rows: readonly Row[]): string {
  const table = [HEADER, ...rows.map(cells)];
  const widths = HEADER.map((_, c) => Math.max(...table.map((r) => r[c]!.length)));
  const line = (r: string[]) =>
    r
      .map((cell, c) => (c === 3 || c === 5 || c === 6 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd();
  return [line(table[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...table.slice(1).map(line)].join(
    '\n',
  );
}

const escapeCell = (text: string) => text.replace(/\|/g, '\\|');

export function markdownTable(
  rows: readonly Row[],
  columns: (keyof Row)[] = ['figure', 'engine', 'value', 'unit', 'ratio', 'detail'],
): string {
  const names: Record<keyof Row, string> = {
    environment: 'environment',
    figure: 'figure',
    engine: 'engine',
    value: 'value',
    unit: 'unit',
    ratio: '× floor',
    cpuRatio: '× floor per CPU-second',
    detail: 'detail',
  };
  const right = (c: keyof Row) => c === 'value' || c === 'ratio' || c === 'cpuRatio';
  const format = (row: Row, c: keyof Row) =>
    c === 'value'
      ? formatValue(row.value)
      : c === 'ratio' || c === 'cpuRatio'
        ? formatRatio(row[c] ?? null)
        : escapeCell(String(row[c]));
  return [
    `| ${columns.map((c) => names[c]).join(' | ')} |`,
    `|${columns.map((c) => (right(c) ? '---:' : '---')).join('|')}|`,
    ...rows.map((row) => `| ${columns.map((c) => format(row, c)).join(' | ')} |`),
  ].join('\n');
}

/** Renders arbitrary result records (e.g. the tuner bench's) as a markdown table. */
export function recordsTable(records: readonly Record<string, unknown>[]): string {
  const columns = [...new Set(records.flatMap((r) => Object.keys(r)))];
  const show = (value: unknown) =>
    typeof value === 'number'
      ? formatValue(value)
      : escapeCell(typeof value === 'string' ? value : (JSON.stringify(value) ?? ''));
  return [
    `| ${columns.join(' | ')} |`,
    `|${columns.map(() => '---').join('|')}|`,
    ...records.map((r) => `| ${columns.map((c) => show(r[c])).join(' | ')} |`),
  ].join('\n');
}
