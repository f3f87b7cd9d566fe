/**
 * `npm run bench`: measures the engine against the floor in Node and in headless Chromium, prints a
 * table and writes docs/benchmarks.md. `npm run bench -- --quick` runs every part briefly (a few
 * epochs, one repeat, no browser, no spiral run) and writes nothing: it only proves the bench runs.
 * `--no-browser` keeps the full Node figures and skips Chromium. `--no-tuners` skips bench/tuners.ts
 * (minutes of work that does not change with the engine's speed) and keeps the tuner section of the
 * last full run in docs/benchmarks.md. `--only landscape` times the loss landscape in Chromium alone.
 * `--network-view` measures only the network view on the page (bench/network-view.ts) and rewrites
 * only its section; with it, `--app <dir>` measures a build already made and `--before <dir>` a
 * second build in the same run, its windows interleaved with the first's.
 */
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { runBrowserBench } from './browser-bench';
import { previousTunerSection, renderMeasured, renderTuners, updateDocument } from './doc';
import { describeMachine, runNodeBench } from './node';
import { formatTable, type Row } from './report';
import { runNetworkViewBench, writeNetworkViewSection } from './network-view';

const KNOWN = new Set(['--quick', '--no-browser', '--no-tuners', '--network-view']);

/**
 * `npm run bench -- --only landscape`: the 41×41 loss landscape in the Chromium worker alone,
 * printed with the machine's load and written nowhere (docs/benchmarks.md keeps its figures).
 */
async function onlyLandscape(): Promise<number> {
  const log = (line: string) => console.error(`[bench] ${line}`);
  const machine = describeMachine();
  log(`load ${machine.loadAverage.map((l) => l.toFixed(2)).join(' ')} on ${machine.cores} cores`);
  const chromium = await runBrowserBench({ quick: false, log, only: 'landscape' });
  console.log(formatTable(chromium.rows));
  for (const note of chromium.notes) console.log(`note: ${note}`);
  log(
    `load at the end ${describeMachine()
      .loadAverage.map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  return chromium.rows.length > 0 ? 0 : 1;
}

async function main(argv: string[]): Promise<number> {
  if (argv.length === 2 && argv[0] === '--only' && argv[1] === 'landscape') return onlyLandscape();
  if (argv.includes('--network-view')) return networkViewOnly(argv);
  const unknown = argv.filter((a) => !KNOWN.has(a));
  if (unknown.length > 0) {
    console.error(`error: unknown option ${unknown[0]} (known: ${[...KNOWN].join(', ')})`);
    return 2;
  }
  const quick = argv.includes('--quick');
  const browser = !quick && !argv.includes('--no-browser');
  const log = (line: string) => console.error(`[bench] ${line}`);
  const started = performance.now();
  const machine = describeMachine();
  log(
    `${machine.cores} cores, ${machine.cpu}, Node ${machine.node}, load ${machine.loadAverage.map((l) => l.toFixed(2)).join(' ')}; engine at ${machine.engineCommit}`,
  );

  const keepTuners = argv.includes('--no-tuners');
  const node = await runNodeBench({ quick, log, skipTuners: keepTuners });
  const rows: Row[] = [...node.rows];
  const notes = [...node.notes];
  if (browser) {
    try {
      const chromium = await runBrowserBench({ quick, log });
      rows.push(...chromium.rows);
      notes.push(...chromium.notes);
    } catch (error) {
      // The Node figures stand on their own; a browser that cannot start must not lose them.
      notes.push(
        `Browser figures failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
      );
    }
  } else {
    notes.push(
      quick ? 'Quick mode: browser figures skipped.' : 'Run with --no-browser: browser figures skipped.',
    );
  }
  const path = fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url));
  const date = `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const tunerSection = keepTuners
    ? (previousTunerSection(path) ?? 'Not measured yet (the bench ran with --no-tuners).')
    : `Measured on ${date} by \`benchTuners(${quick})\` from bench/tuners.ts:\n\n${renderTuners(node.tuners.result, node.tuners.note)}`;

  console.log(formatTable(rows));
  console.log('');
  console.log('Tuners:');
  console.log(tunerSection);
  for (const note of notes) console.log(`note: ${note}`);

  if (quick) {
    log('quick mode: docs/benchmarks.md left as it is');
    return 0;
  }
  const document = {
    command: ['npm run bench', ...(argv.length > 0 ? ['--', ...argv] : [])].join(' '),
    date,
    machine,
    rows,
    notes,
    tunerSection,
    durationSeconds: (performance.now() - started) / 1000,
  };
  updateDocument(path, renderMeasured(document));
  const networkView = rows.filter((row) => row.figure.includes('network view'));
  if (networkView.length > 0) writeNetworkViewSection(path, networkView, [], document.command);
  log(`wrote ${path}`);
  return 0;
}

/** `--network-view`: only the network view's figures, written to its own section of the document. */
async function networkViewOnly(argv: string[]): Promise<number> {
  const log = (line: string) => console.error(`[bench] ${line}`);
  const options: { app?: string; before?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const option = argv[i]!;
    if (option === '--app' || option === '--before') {
      const dir = argv[++i];
      if (!dir) {
        console.error(`error: ${option} needs a built app's directory`);
        return 2;
      }
      options[option === '--app' ? 'app' : 'before'] = dir;
    } else if (option !== '--network-view') {
      console.error(
        `error: unknown option ${option} with --network-view (known: --app <dir>, --before <dir>)`,
      );
      return 2;
    }
  }
  log(
    `load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} on ${os.availableParallelism()} cores`,
  );
  const { rows, notes } = await runNetworkViewBench(log, options);
  console.log(formatTable(rows));
  for (const note of notes) console.log(`note: ${note}`);
  if (rows.length === 0) return 1;
  const path = fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url));
  writeNetworkViewSection(path, rows, notes, ['npm run bench --', ...argv].join(' '));
  log(`wrote the network view section of ${path}; load at the end ${os.loadavg()[0]!.toFixed(2)}`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
