/**
 * Writes the measured part of docs/benchmarks.md between two markers, so the hand-written reading
 * around it survives a re-run.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Machine } from './node';
import { formatRatio, formatValue, markdownTable, recordsTable, type Row } from './report';

export const BEGIN = '<!-- bench:begin (written by `npm run bench`; edit outside these markers) -->';
export const END = '<!-- bench:end -->';
const STEADY_LABEL = '2 s of training';
const TUNERS_BEGIN = '<!-- tuners:begin -->';
const TUNERS_END = '<!-- tuners:end -->';

/** The tuner section of the document's last run, kept by `--no-tuners`. */
export function previousTunerSection(path: string): string | null {
  if (!existsSync(path)) return null;
  const text = readFileSync(path, 'utf8');
  const start = text.indexOf(TUNERS_BEGIN);
  const end = text.indexOf(TUNERS_END);
  return start >= 0 && end > start ? text.slice(start + TUNERS_BEGIN.length, end).trim() : null;
}

export interface BenchDocument {
  command: string;
  date: string;
  machine: Machine;
  rows: Row[];
  notes: string[];
  tunerSection: string;
  durationSeconds: number;
}

export function renderMeasured(doc: BenchDocument): string {
  const byEnvironment = (environment: Row['environment']) =>
    doc.rows.filter((r) => r.environment === environment);
  const section = (title: string, rows: Row[], columns?: (keyof Row)[]) =>
    rows.length > 0 ? [`### ${title}`, '', markdownTable(rows, columns), ''] : [];
  const m = doc.machine;
  return [
    BEGIN,
    '',
    `Measured by \`${doc.command}\` on ${doc.date} (${Math.round(doc.durationSeconds)} s in all).`,
    '',
    `- Machine: ${m.cores} cores (\`nproc\`), ${m.cpu}, ${m.platform}; load average at the start ${m.loadAverage.map((l) => l.toFixed(2)).join(', ')} (above the core count, other processes competed with the bench for the cores: wall-clock figures fall with the load, per-CPU-second figures much less).`,
    `- Node ${m.node}; engine measured at commit ${m.engineCommit}.`,
    '- Workload W: 500-point spiral (seed 1, noise 0.1, 20% validation, features x₁ x₂), network 2-16-16-2 tanh, softmax cross-entropy, Adam lr 0.01, batch 16 (25 steps per epoch), 100 epochs. Populations are W with K learning rates spread log-evenly over [0.003, 0.03].',
    "- Every figure is a median of 3 timed runs after a warm-up run, and its ratio (× floor) is to the floor's single-network epochs/s timed in the same environment just before and just after that figure (median of those 6 runs: the load of a shared machine moves within minutes; the floor row itself is a median of 3 at the start). In Node the bench also counts this process's CPU time: “× floor per CPU-second” compares epochs per CPU-second, which other processes' load barely moves, so it is the steadier reading on a busy machine (browsers offer no CPU clock). Large populations on a slow backend time fewer than 100 epochs per run (the detail column says how many); aggregate epochs/s = K × epochs / time.",
    '',
    ...section('Node', byEnvironment('Node'), [
      'figure',
      'engine',
      'value',
      'unit',
      'ratio',
      'cpuRatio',
      'detail',
    ]),
    ...section('Headless Chromium, in a Web Worker (as the page trains)', byEnvironment('Chromium worker')),
    ...section('The page (headless Chromium, production build)', byEnvironment('Chromium page'), [
      'figure',
      'value',
      'unit',
      'detail',
    ]),
    '### Tuners (bench/tuners.ts)',
    '',
    TUNERS_BEGIN,
    doc.tunerSection,
    TUNERS_END,
    '',
    ...(doc.notes.length > 0 ? ['### Notes from this run', '', ...doc.notes.map((n) => `- ${n}`), ''] : []),
    '### Speed targets, checked on this run',
    '',
    ...targetLines(doc.rows),
    '',
    END,
  ].join('\n');
}

/** The speed targets against this run's rows (absent figures are said to be absent). */
export function targetLines(rows: readonly Row[]): string[] {
  const lines: string[] = [];
  for (const environment of ['Node', 'Chromium worker'] as const) {
    const mine = rows.filter((r) => r.environment === environment);
    if (mine.length === 0) continue;
    const best = (figure: string) =>
      mine
        .filter((r) => r.figure === figure && r.ratio !== null)
        .sort((a, b) => (b.ratio ?? 0) - (a.ratio ?? 0))[0];
    const check = (figure: string, target: number) => {
      const row = best(figure);
      if (!row) return `${figure}: not measured`;
      const cpu =
        row.cpuRatio != null
          ? `; ${formatRatio(row.cpuRatio)} per CPU-second: ${row.cpuRatio >= target ? 'met' : 'not met'}`
          : '';
      return `${figure} ≥ ${target}× floor: ${row.ratio! >= target ? 'met' : 'not met'} (${formatRatio(row.ratio)} on ${row.engine}, ${formatValue(row.value)} ${row.unit}${cpu})`;
    };
    lines.push(
      `- ${environment}: ${[check('population of 32', 1), check('population of 128', 1.5), check('one network', 0.1)].join('; ')}.`,
    );
  }
  const page = rows.filter((r) => r.environment === 'Chromium page');
  const longTask = page.find((r) => r.figure.startsWith('longest main-thread task'));
  const firstEpoch = page.find((r) => r.figure.startsWith('navigation to first epoch'));
  const steady = page.find((r) => r.figure.startsWith('longest main-thread task, steady'));
  if (longTask) {
    const after = steady
      ? `; after the first ${STEADY_LABEL}: ${steady.value < 50 ? 'met' : 'not met'} (${formatValue(steady.value)} ms)`
      : '';
    lines.push(
      `- Longest main-thread task while training < 50 ms: ${longTask.value < 50 ? 'met' : 'not met'} over the whole window (${formatValue(longTask.value)} ms)${after}.`,
    );
  }
  if (firstEpoch)
    lines.push(
      `- First epoch on screen within 2 s of navigation: ${firstEpoch.value < 2000 ? 'met' : 'not met'} (${formatValue(firstEpoch.value)} ms).`,
    );
  const boundary = page.find((r) => r.figure.startsWith('decision boundary refreshes'));
  if (boundary)
    lines.push(
      `- Decision boundary refreshing at least 10 times a second: ${boundary.value >= 10 ? 'met' : 'not met'} (${formatValue(boundary.value)} per second).`,
    );
  if (!longTask && !firstEpoch) lines.push('- Page targets: not measured in this run (see the notes).');
  return lines;
}

/** Renders whatever bench/tuners.ts's benchTuners returned. */
export function renderTuners(result: unknown, note: string | null): string {
  if (note) return note;
  if (typeof result === 'string') return result;
  if (Array.isArray(result) && result.every((r) => typeof r === 'object' && r !== null))
    return recordsTable(result as Record<string, unknown>[]);
  if (typeof result === 'object' && result !== null) {
    const record = result as Record<string, unknown>;
    if (typeof record.markdown === 'string') return record.markdown;
    if (Array.isArray(record.rows)) return renderTuners(record.rows, null);
  }
  return ['```json', JSON.stringify(result, null, 2), '```'].join('\n');
}

const SKELETON = `# Benchmarks

How fast Tunelab trains, against a floor: a plain TypeScript MLP doing the same math with no
framework (bench/reference-mlp.ts). Run \`npm run bench\` (about ten minutes on 2 cores; \`npm run bench -- --quick\`
checks that it still runs in a few seconds and writes nothing). The figures between the markers are
rewritten by every full run; the reading below them is written by hand.

${BEGIN}
${END}
`;

/** Replaces the measured block of the document (creating it if needed); returns the new text. */
export function updateDocument(path: string, measured: string): string {
  const current = existsSync(path) ? readFileSync(path, 'utf8') : SKELETON;
  const start = current.indexOf(BEGIN);
  const end = current.indexOf(END);
  const text =
    start >= 0 && end > start
      ? current.slice(0, start) + measured + current.slice(end + END.length)
      : `${current.trimEnd()}\n\n${measured}\n`;
  writeFileSync(path, text);
  return text;
}
