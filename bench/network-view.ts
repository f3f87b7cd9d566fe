/**
 * The network view's cost on the real page (`npm run bench -- --network-view` runs only this):
 * the production build in headless Chromium trains a 6-layer × 8-unit network from a share link,
 * in alternating windows with the view shown and hidden. It reports the view's refreshes per
 * second, the longest main-thread task while it is shown, and the epochs per second it costs.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';
import { DEFAULT_CONFIG } from '../src/core/config/parameters';
import { emptyLinkState, encodeLink } from '../src/core/link/codec';
import { CHROMIUM_PATH, launchBrowser } from '../tests/e2e/chromium';
import { formatValue, markdownTable, type Row } from './report';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const HIDDEN_LAYERS = [8, 8, 8, 8, 8, 8];
/** Each window's length; shown and hidden alternate, twice each, so a drifting load hits both alike. */
const WINDOW_MS = 8000;
const SETTLE_MS = 1500;
const ROUNDS = 2;

export const NETWORK_VIEW_BEGIN = '<!-- network-view:begin (written by `npm run bench`) -->';
export const NETWORK_VIEW_END = '<!-- network-view:end -->';

interface Window {
  epochs: number;
  seconds: number;
  refreshes: number;
  longestTask: number;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  tdur?: number;
  args?: { name?: string };
}

/**
 * The CPU time of the page's longest main-thread task in a trace: what the page itself spent,
 * which a shared machine's load stretches far less than the wall-clock time the Long Tasks API reports.
 */
function longestTaskCpu(trace: Buffer): number {
  const events = (JSON.parse(trace.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  const mains = new Set(
    events
      .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const task = events.some((e) => e.name === 'ThreadControllerImpl::RunTask')
    ? 'ThreadControllerImpl::RunTask'
    : 'RunTask';
  let longest = 0;
  for (const e of events)
    if (e.ph === 'X' && e.name === task && mains.has(`${e.pid}:${e.tid}`))
      longest = Math.max(longest, (e.tdur ?? 0) / 1000);
  return longest;
}

const readEpoch = (page: Page) =>
  page.evaluate(() => Number.parseFloat(document.querySelector('[data-value="epoch"]')?.textContent ?? '0'));
const readRefreshes = (page: Page) =>
  page.evaluate(() =>
    Number(document.querySelector('.network-diagram')?.getAttribute('data-refreshes') ?? 0),
  );

async function measureWindow(page: Page): Promise<Window> {
  const start = { epoch: await readEpoch(page), refreshes: await readRefreshes(page) };
  const startedAt = await page.evaluate(() => performance.now());
  await page.waitForTimeout(WINDOW_MS);
  const end = { epoch: await readEpoch(page), refreshes: await readRefreshes(page) };
  const { now, longest } = await page.evaluate((from) => {
    const tasks = (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks;
    return {
      now: performance.now(),
      longest: Math.max(0, ...tasks.filter((t) => t.start >= from).map((t) => t.duration)),
    };
  }, startedAt);
  return {
    epochs: end.epoch - start.epoch,
    seconds: (now - startedAt) / 1000,
    refreshes: Math.max(0, end.refreshes - start.refreshes),
    longestTask: longest,
  };
}

/** Measures on an app already served at `url`. */
export async function measureNetworkView(
  browser: Browser,
  url: string,
  log: (line: string) => void,
): Promise<{ rows: Row[]; notes: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1600 } });
  await context.addInitScript(() => {
    const tasks: { start: number; duration: number }[] = [];
    (window as unknown as { __longTasks: typeof tasks }).__longTasks = tasks;
    try {
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries())
          tasks.push({ start: entry.startTime, duration: entry.duration });
      }).observe({ type: 'longtask', buffered: true });
    } catch {
      // No longtask support: no task is seen.
    }
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  try {
    log('network view: 6×8 network on the playground…');
    const link = encodeLink(
      emptyLinkState({ ...DEFAULT_CONFIG, hiddenLayers: HIDDEN_LAYERS, epochs: 100_000 }),
    );
    await page.goto(`${url}#playground/${link}`);
    await page.getByRole('group', { name: /^The network:/ }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Play' }).click();
    await page.locator('.network-diagram[data-refreshes]').waitFor({ timeout: 30_000 });
    await page.waitForTimeout(2 * SETTLE_MS);
    const shown: Window[] = [];
    const hidden: Window[] = [];
    let longestCpu = 0;
    for (let round = 0; round < ROUNDS; round++) {
      await browser.startTracing(page, { categories: ['toplevel', 'disabled-by-default-devtools.timeline'] });
      shown.push(await measureWindow(page));
      longestCpu = Math.max(longestCpu, longestTaskCpu(await browser.stopTracing()));
      await page.getByRole('button', { name: 'Hide the network' }).click();
      await page.waitForTimeout(SETTLE_MS);
      hidden.push(await measureWindow(page));
      await page.getByRole('button', { name: 'Show the network' }).click();
      // Steady state, not the diagram's mount: its first refresh, then a moment.
      await page.locator('.network-diagram[data-refreshes]').waitFor({ timeout: 30_000 });
      await page.waitForTimeout(SETTLE_MS);
    }
    const total = (windows: Window[], key: 'epochs' | 'seconds' | 'refreshes') =>
      windows.reduce((sum, w) => sum + w[key], 0);
    const shownRate = total(shown, 'epochs') / total(shown, 'seconds');
    const hiddenRate = total(hidden, 'epochs') / total(hidden, 'seconds');
    const lost = hiddenRate > 0 ? (1 - shownRate / hiddenRate) * 100 : 0;
    const refreshRate = total(shown, 'refreshes') / total(shown, 'seconds');
    const longest = Math.max(...shown.map((w) => w.longestTask));
    const longestHidden = Math.max(...hidden.map((w) => w.longestTask));
    const shownRefreshes = total(shown, 'refreshes');
    const load = `load average ${os.loadavg()[0]!.toFixed(1)} on ${os.availableParallelism()} cores`;
    const windows = `${ROUNDS} windows of ${WINDOW_MS / 1000} s each, shown and hidden alternating`;
    const rows: Row[] = [
      {
        environment: 'Chromium page',
        figure: 'network view refreshes while training (6×8)',
        engine: 'app',
        value: refreshRate,
        unit: 'per second',
        ratio: null,
        detail: `target ≥ 10; ${shownRefreshes} repaints of the whole diagram (every heatmap and line) while shown, ${formatValue(shownRate)} epochs/s (the worker refreshes at most once an epoch); ${windows}; ${load}`,
      },
      {
        environment: 'Chromium page',
        figure: 'longest main-thread task, network view shown (6×8)',
        engine: 'app',
        value: longest,
        unit: 'ms',
        ratio: null,
        detail: `target < 50; longest task the Long Tasks API reported (0: none over 50 ms) in the shown windows; ${Math.round(longestHidden)} ms in the hidden ones, on the same page`,
      },
      {
        environment: 'Chromium page',
        figure: 'longest main-thread task CPU time, network view shown (6×8)',
        engine: 'app',
        value: longestCpu,
        unit: 'ms',
        ratio: null,
        detail: `target < 50; the thread CPU time of the longest renderer main-thread task in a trace of the shown windows (the charts redraw in them too); less stretched by a busy machine than the wall-clock figure above`,
      },
      {
        environment: 'Chromium page',
        figure: 'epochs per second lost to the network view (6×8)',
        engine: 'app',
        value: lost,
        unit: '%',
        ratio: null,
        detail: `target ≤ 15; ${formatValue(shownRate)} epochs/s shown vs ${formatValue(hiddenRate)} hidden (${windows}); ${load}`,
      },
    ];
    const notes = errors.length > 0 ? [`Network view page errors: ${errors.slice(0, 3).join(' | ')}`] : [];
    return { rows, notes };
  } finally {
    await context.close();
  }
}

/** Builds and serves the app, then measures: the `--network-view` run on its own. */
export async function runNetworkViewBench(
  log: (line: string) => void,
): Promise<{ rows: Row[]; notes: string[] }> {
  if (!existsSync(CHROMIUM_PATH)) return { rows: [], notes: [`No Chromium at ${CHROMIUM_PATH}.`] };
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'tunelab-netview-'));
  let server: PreviewServer | undefined;
  let browser: Browser | undefined;
  try {
    log('building the app…');
    const outDir = path.join(scratch, 'app');
    const configFile = path.join(ROOT, 'vite.config.ts');
    await build({
      configFile,
      root: ROOT,
      logLevel: 'error',
      build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 10_000 },
    });
    server = await preview({
      configFile,
      root: ROOT,
      logLevel: 'warn',
      build: { outDir },
      preview: { host: '127.0.0.1', port: 0 },
    });
    const url = server.resolvedUrls?.local[0];
    if (!url) throw new Error('vite preview did not report its address');
    browser = await launchBrowser();
    return await measureNetworkView(browser, url, log);
  } finally {
    await browser?.close();
    await server?.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Writes the network view's own section of docs/benchmarks.md (appended the first time). */
export function writeNetworkViewSection(
  file: string,
  rows: readonly Row[],
  notes: readonly string[],
  command: string,
): void {
  const date = `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const section = [
    NETWORK_VIEW_BEGIN,
    '',
    `Measured by \`${command}\` on ${date}: the production build in headless Chromium trains the default experiment with hidden layers ${HIDDEN_LAYERS.join(',')} from a share link, with the network view shown and hidden in turns.`,
    '',
    markdownTable([...rows], ['figure', 'value', 'unit', 'detail']),
    ...notes.map((note) => `\n- ${note}`),
    '',
    NETWORK_VIEW_END,
  ].join('\n');
  const current = readFileSync(file, 'utf8');
  const start = current.indexOf(NETWORK_VIEW_BEGIN);
  const end = current.indexOf(NETWORK_VIEW_END);
  const text =
    start >= 0 && end > start
      ? current.slice(0, start) + section + current.slice(end + NETWORK_VIEW_END.length)
      : `${current.trimEnd()}\n\n## The network view\n\n${section}\n`;
  writeFileSync(file, text);
}
