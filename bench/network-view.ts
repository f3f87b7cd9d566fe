/**
 * The network view's cost on the real page (`npm run bench -- --network-view` runs only this):
 * the production build in headless Chromium trains a 6-layer × 8-unit network from a share link,
 * in short alternating windows with the view shown and hidden. It reports the view's refreshes per
 * second, the longest main-thread task while it is shown, the epochs per second it costs, and the
 * CPU time it costs each Chromium thread. `--app <dir>` measures a build already made;
 * `--before <dir>` measures a second build in the same run, its windows interleaved with the first's.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';
import { DEFAULT_CONFIG } from '../src/core/config/parameters';
import { emptyLinkState, encodeLink } from '../src/core/link/codec';
import { CHROMIUM_PATH, launchBrowser } from '../tests/e2e/chromium';
import { formatValue, markdownTable, type Row } from './report';
import { buildApp } from './build-app';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const HIDDEN_LAYERS = [8, 8, 8, 8, 8, 8];
/**
 * Many short windows rather than a few long ones: each round is one shown and one hidden window
 * side by side (in turns which comes first), so a load that drifts over the run hits both alike,
 * and the median of the rounds' ratios shrugs off a round that another process disturbed.
 */
const WINDOW_MS = 4000;
const ROUNDS = 7;
/** With a second build to measure, fewer rounds each keep the run near two minutes. */
const ROUNDS_WITH_BEFORE = 5;
/** After a toggle: the diagram mounts (or unmounts) and the worker's first refresh lands. */
const SETTLE_MS = 1000;

export const NETWORK_VIEW_BEGIN = '<!-- network-view:begin (written by `npm run bench`) -->';
export const NETWORK_VIEW_END = '<!-- network-view:end -->';

/** CPU milliseconds per Chromium thread kind ("renderer:DedicatedWorker", "gpu-process:VizCompositorTh"…). */
type ThreadTimes = Map<string, number>;

interface Window {
  shown: boolean;
  epochs: number;
  seconds: number;
  refreshes: number;
  longestTask: number;
  longestTaskCpu: number;
  /** Whose the longest task (by CPU time) was, as far as the page can tell; see attributeTask. */
  longestTaskOwner: string;
  /** CPU ms each thread kind spent in the window (empty where /proc cannot be read). */
  cpu: ThreadTimes;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/** Where the bench marks a window's start in its page (a User Timing mark, in the trace too). */
const WINDOW_MARK = 'bench:network-view-window';

/** The page's longest main-thread task in a trace (by thread CPU time), and what ran inside it. */
interface TraceTask {
  /** Thread CPU ms: what the page itself spent, which a shared machine's load stretches far less than the wall-clock time the Long Tasks API reports. */
  cpu: number;
  /** Its start, in ms after the window's mark (NaN without the mark). */
  at: number;
  wall: number;
  /** Wall ms inside it spent collecting garbage, and laying out and styling. */
  gc: number;
  layout: number;
}

function longestTask(trace: Buffer): TraceTask {
  const events = (JSON.parse(trace.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  // The trace is the whole browser's: the other build's page (paused, yet still rendering what a
  // pause changes) and Chromium's own pages have main threads too. The page under test is the one
  // whose renderer has the window's mark.
  const mark = events.find((e) => e.name === WINDOW_MARK);
  const mains = new Set(
    events
      .filter(
        (e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && (!mark || e.pid === mark.pid),
      )
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const task = events.some((e) => e.name === 'ThreadControllerImpl::RunTask')
    ? 'ThreadControllerImpl::RunTask'
    : 'RunTask';
  let longest: TraceEvent | null = null;
  for (const e of events)
    if (e.ph === 'X' && e.name === task && mains.has(`${e.pid}:${e.tid}`))
      if (!longest || (e.tdur ?? 0) > (longest.tdur ?? 0)) longest = e;
  if (!longest) return { cpu: 0, at: NaN, wall: 0, gc: 0, layout: 0 };
  const { pid, tid, ts } = longest;
  const end = ts + (longest.dur ?? 0);
  const inside = (names: readonly string[]) =>
    events
      .filter(
        (e) =>
          e.ph === 'X' &&
          e.pid === pid &&
          e.tid === tid &&
          e.ts >= ts &&
          e.ts < end &&
          names.includes(e.name),
      )
      .reduce((total, e) => total + (e.dur ?? 0) / 1000, 0);
  return {
    cpu: (longest.tdur ?? 0) / 1000,
    at: mark ? (ts - mark.ts) / 1000 : NaN,
    wall: (longest.dur ?? 0) / 1000,
    gc: inside(['MinorGC', 'MajorGC']),
    layout: inside(['Layout', 'UpdateLayoutTree']),
  };
}

/** A Long Animation Frames entry as the page keeps it: the scripts that ran in one long frame. */
interface Frame {
  start: number;
  duration: number;
  scripts: { invoker: string; source: string; duration: number }[];
}

/**
 * Whose a task was, in words: the scripts of the long animation frame it fell in (how each was
 * invoked, and from which of the app's chunks: "index" holds React, whose scheduler runs every
 * render; a component's own chunk is named for it), whether a training chart first drew in it,
 * its garbage collection and layout, and whether the run's first epoch arrived in the window.
 */
function attributeTask(
  task: TraceTask,
  frames: readonly Frame[],
  charts: readonly number[],
  startedAt: number,
  notes: string[],
): string {
  const parts = [`${formatValue(task.cpu)} ms CPU (${Math.round(task.wall)} ms wall)`];
  if (task.at < 0)
    parts.push(`${formatValue(-task.at / 1000)} s before the window's start, as its trace began`);
  else if (task.at > WINDOW_MS)
    parts.push(`${formatValue(task.at / 1000 - WINDOW_MS / 1000)} s after its end, before its trace stopped`);
  else if (Number.isFinite(task.at)) parts.push(`${formatValue(task.at / 1000)} s into the window`);
  const from = startedAt + task.at;
  const frame = Number.isFinite(task.at)
    ? frames.find((f) => f.start <= from + 1 && from <= f.start + f.duration)
    : undefined;
  const scripts = [...(frame?.scripts ?? [])]
    .sort((a, b) => b.duration - a.duration)
    .slice(0, 3)
    .map((s) => `${s.invoker} in ${s.source} ${Math.round(s.duration)} ms`);
  parts.push(scripts.length > 0 ? `its frame's scripts: ${scripts.join(', ')}` : 'no script attributed');
  const drawn = charts.filter((t) => from - 1 <= t && t <= from + task.wall + 1).length;
  if (drawn > 0)
    parts.push(`the first drawing of ${drawn === 1 ? 'a training chart' : `${drawn} training charts`}`);
  if (task.gc >= 1) parts.push(`garbage collection ${Math.round(task.gc)} ms`);
  if (task.layout >= 1) parts.push(`style and layout ${Math.round(task.layout)} ms`);
  return [...parts, ...notes].join('; ');
}

/** This process's descendants (the browser and its children), from /proc; empty off Linux. */
function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(parent) ?? [];
      list.push(Number(entry));
      children.set(parent, list);
    } catch {
      // Gone meanwhile.
    }
  }
  const out: number[] = [];
  const stack = [root];
  while (stack.length > 0)
    for (const child of children.get(stack.pop()!) ?? []) {
      out.push(child);
      stack.push(child);
    }
  return out;
}

const TICK_MS = 1000 / 100;

/**
 * CPU time so far of every thread of the browser's processes, summed by process type and thread
 * name (numbered pool threads together): CPU time is what the view takes from the worker on a
 * shared machine, and unlike epochs per second it is hardly moved by other processes' load.
 */
function threadTimes(): ThreadTimes {
  const out: ThreadTimes = new Map();
  for (const pid of descendants(process.pid)) {
    try {
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!command.includes('chrom')) continue;
      const type = /--type=([a-z-]+)/.exec(command)?.[1] ?? 'browser';
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replace(/\d+$/, '');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const key = `${type}:${name}`;
        out.set(key, (out.get(key) ?? 0) + (Number(fields[11]) + Number(fields[12])) * TICK_MS);
      }
    } catch {
      // A process or thread gone meanwhile.
    }
  }
  return out;
}

const difference = (after: ThreadTimes, before: ThreadTimes): ThreadTimes =>
  new Map([...after].map(([key, value]) => [key, value - (before.get(key) ?? 0)]));

const readEpoch = (page: Page) =>
  page.evaluate(() => Number.parseFloat(document.querySelector('[data-value="epoch"]')?.textContent ?? '0'));
const readRefreshes = (page: Page) =>
  page.evaluate(() =>
    Number(document.querySelector('.network-diagram')?.getAttribute('data-refreshes') ?? 0),
  );

async function measureWindow(browser: Browser, page: Page, shown: boolean): Promise<Window> {
  await browser.startTracing(page, {
    categories: ['toplevel', 'disabled-by-default-devtools.timeline', 'blink.user_timing'],
  });
  const start = { epoch: await readEpoch(page), refreshes: await readRefreshes(page) };
  const startedAt = await page.evaluate((mark) => performance.mark(mark).startTime, WINDOW_MARK);
  const cpuBefore = threadTimes();
  await page.waitForTimeout(WINDOW_MS);
  const cpu = difference(threadTimes(), cpuBefore);
  const end = {
    epoch: await readEpoch(page),
    refreshes: await readRefreshes(page),
  };
  const { now, longest } = await page.evaluate((from) => {
    const tasks = (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks;
    return {
      now: performance.now(),
      longest: Math.max(0, ...tasks.filter((t) => t.start >= from).map((t) => t.duration)),
    };
  }, startedAt);
  const task = longestTask(await browser.stopTracing());
  // The trace starts a little before the window's mark and stops a little after its end.
  const { frames, charts } = await page.evaluate((from) => {
    const seen = window as unknown as { __longFrames: Frame[]; __chartsDrawn: number[] };
    return { frames: seen.__longFrames.filter((f) => f.start >= from), charts: seen.__chartsDrawn };
  }, startedAt - 10_000);
  const notes = start.epoch < 1 ? ["the run's first epoch arrived in this window"] : [];
  return {
    shown,
    epochs: end.epoch - start.epoch,
    seconds: (now - startedAt) / 1000,
    refreshes: shown ? Math.max(0, end.refreshes - start.refreshes) : 0,
    longestTask: longest,
    longestTaskCpu: task.cpu,
    longestTaskOwner: attributeTask(task, frames, charts, startedAt, notes),
    cpu,
  };
}

/** One build's page, training, with the view's state known. */
interface Subject {
  label: string;
  page: Page;
  context: BrowserContext;
  errors: string[];
  shown: boolean;
  rounds: { shown: Window; hidden: Window }[];
}

async function openSubject(browser: Browser, label: string, url: string): Promise<Subject> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 1600 },
    // The precache would compete with the page under test for the CPU.
    serviceWorkers: 'block',
  });
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
    // Long animation frames name the scripts that ran in each long frame: who a long task was.
    const frames: {
      start: number;
      duration: number;
      scripts: { invoker: string; source: string; duration: number }[];
    }[] = [];
    (window as unknown as { __longFrames: typeof frames }).__longFrames = frames;
    try {
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & {
          scripts: { invoker: string; sourceURL: string; duration: number }[];
        })[])
          frames.push({
            start: entry.startTime,
            duration: entry.duration,
            scripts: entry.scripts.map((script) => ({
              invoker: script.invoker.replace(/^https?:.*\//, ''),
              // The chunk's name without its content hash: "index-a1b2c3d4.js" → "index".
              source: script.sourceURL.replace(/^.*\//, '').replace(/-[\w-]{8}\.js$/, '') || 'the page',
              duration: script.duration,
            })),
          });
      }).observe({ type: 'long-animation-frame', buffered: true });
    } catch {
      // No long-animation-frame support: tasks go unattributed.
    }
    // When each training chart first drew (its SVG appeared): a render React's scheduler runs
    // looks like any other in a frame's scripts. A mutation callback runs at the end of the task
    // that added the chart; the observer goes once both curves are there.
    const drawn: number[] = [];
    (window as unknown as { __chartsDrawn: typeof drawn }).__chartsDrawn = drawn;
    const charts = new MutationObserver(() => {
      const count = document.querySelectorAll('.recharts-surface').length;
      while (drawn.length < count) drawn.push(performance.now());
      if (drawn.length >= 2) charts.disconnect();
    });
    charts.observe(document, { childList: true, subtree: true });
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  const link = encodeLink(
    emptyLinkState({ ...DEFAULT_CONFIG, hiddenLayers: HIDDEN_LAYERS, epochs: 100_000 }),
  );
  await page.goto(`${url}#playground/${link}`);
  await page.getByRole('group', { name: /^The network:/ }).waitFor({ timeout: 60_000 });
  return { label, page, context, errors, shown: true, rounds: [] };
}

async function setShown(subject: Subject, shown: boolean): Promise<void> {
  if (subject.shown === shown) return;
  await subject.page.getByRole('button', { name: shown ? 'Show the network' : 'Hide the network' }).click();
  subject.shown = shown;
  // Steady state, not the diagram's mount: its first refresh, then a moment.
  if (shown) await subject.page.locator('.network-diagram[data-refreshes]').waitFor({ timeout: 30_000 });
  await subject.page.waitForTimeout(SETTLE_MS);
}

/** One round on one page: a shown and a hidden window, in the order `shownFirst` says. */
async function measureRound(browser: Browser, subject: Subject, shownFirst: boolean): Promise<void> {
  const windows: Window[] = [];
  for (const shown of shownFirst ? [true, false] : [false, true]) {
    await setShown(subject, shown);
    windows.push(await measureWindow(browser, subject.page, shown));
  }
  subject.rounds.push({ shown: windows.find((w) => w.shown)!, hidden: windows.find((w) => !w.shown)! });
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return sorted.length % 2 === 1 ? sorted[Math.floor(middle)]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const sum = (windows: readonly Window[], key: 'epochs' | 'seconds' | 'refreshes') =>
  windows.reduce((total, w) => total + w[key], 0);

const WORKER = 'renderer:DedicatedWorker';
/** The thread kinds a refresh of the view can cost, besides the worker that trains. */
const THREAD_GROUPS: { label: string; match: (key: string) => boolean }[] = [
  { label: 'worker', match: (key) => key === WORKER },
  {
    label: 'page main thread',
    match: (key) => key === 'renderer:chromium' || key === 'renderer:CrRendererMain',
  },
  {
    label: 'compositing and raster',
    match: (key) => /Compositor|Viz|CrGpuMain|gpu-process:chromium/.test(key),
  },
  { label: 'other threads', match: () => true },
];

/**
 * CPU ms per thread group over a set of windows: the worker's per epoch it trained (its work
 * scales with epochs), every other thread's per second (the page's work follows the clock: the
 * charts and the boundary are throttled, the view refreshes a dozen times a second).
 */
function cpuUse(windows: readonly Window[]): Map<string, number> {
  const epochs = Math.max(1, sum(windows, 'epochs'));
  const seconds = sum(windows, 'seconds');
  const out = new Map<string, number>(THREAD_GROUPS.map((g) => [g.label, 0]));
  for (const w of windows)
    for (const [key, ms] of w.cpu) {
      const group = THREAD_GROUPS.find((g) => g.match(key))!;
      out.set(group.label, out.get(group.label)! + ms / (group.label === 'worker' ? epochs : seconds));
    }
  return out;
}

interface Summary {
  label: string;
  rounds: number;
  lost: number;
  lostRange: [number, number];
  shownRate: number;
  hiddenRate: number;
  refreshRate: number;
  refreshes: number;
  longest: number;
  longestHidden: number;
  longestCpu: number;
  longestCpuHidden: number;
  /** Whose the longest shown and hidden tasks were (attributeTask). */
  longestOwner: string;
  longestOwnerHidden: string;
  /** Each window's longest task's CPU ms, round by round. */
  perWindowCpu: number[];
  perWindowCpuHidden: number[];
  /** The attribution of every window's longest task over the target. */
  overTarget: string[];
  /** CPU ms by thread group (see cpuUse), shown and hidden; null without /proc. */
  cpuShown: Map<string, number> | null;
  cpuHidden: Map<string, number> | null;
  errors: string[];
}

/** The attribution of the longest task (by CPU time) among windows, with the round it was in. */
function owner(windows: readonly Window[]): string {
  const at = windows.reduce((best, w, i) => (w.longestTaskCpu > windows[best]!.longestTaskCpu ? i : best), 0);
  return `round ${at + 1}: ${windows[at]!.longestTaskOwner}`;
}

/** The longest main-thread task the view may cost (CPU ms). */
const LONG_TASK_TARGET_MS = 50;

function summarize(subject: Subject): Summary {
  const shown = subject.rounds.map((r) => r.shown);
  const hidden = subject.rounds.map((r) => r.hidden);
  const losses = subject.rounds.map((r) => {
    const hiddenRate = r.hidden.epochs / r.hidden.seconds;
    return hiddenRate > 0 ? (1 - r.shown.epochs / r.shown.seconds / hiddenRate) * 100 : 0;
  });
  const hasCpu = shown.some((w) => w.cpu.size > 0);
  return {
    label: subject.label,
    rounds: subject.rounds.length,
    lost: median(losses),
    lostRange: [Math.min(...losses), Math.max(...losses)],
    shownRate: sum(shown, 'epochs') / sum(shown, 'seconds'),
    hiddenRate: sum(hidden, 'epochs') / sum(hidden, 'seconds'),
    refreshRate: sum(shown, 'refreshes') / sum(shown, 'seconds'),
    refreshes: sum(shown, 'refreshes'),
    longest: Math.max(...shown.map((w) => w.longestTask)),
    longestHidden: Math.max(...hidden.map((w) => w.longestTask)),
    longestCpu: Math.max(...shown.map((w) => w.longestTaskCpu)),
    longestCpuHidden: Math.max(...hidden.map((w) => w.longestTaskCpu)),
    longestOwner: owner(shown),
    longestOwnerHidden: owner(hidden),
    perWindowCpu: shown.map((w) => w.longestTaskCpu),
    perWindowCpuHidden: hidden.map((w) => w.longestTaskCpu),
    overTarget: subject.rounds.flatMap((r, i) =>
      [r.shown, r.hidden]
        .filter((w) => w.longestTaskCpu >= LONG_TASK_TARGET_MS)
        .map((w) => `round ${i + 1} ${w.shown ? 'shown' : 'hidden'}: ${w.longestTaskOwner}`),
    ),
    cpuShown: hasCpu ? cpuUse(shown) : null,
    cpuHidden: hasCpu ? cpuUse(hidden) : null,
    errors: subject.errors,
  };
}

/**
 * The CPU time the view adds, in ms per second of training shown: the other threads' extra per
 * second, and the worker's extra per epoch at the shown windows' rate. 1000 is one core.
 */
function cpuExtra(s: Summary): number {
  if (!s.cpuShown || !s.cpuHidden) return NaN;
  return THREAD_GROUPS.reduce((total, g) => {
    const extra = s.cpuShown!.get(g.label)! - s.cpuHidden!.get(g.label)!;
    return total + (g.label === 'worker' ? extra * s.shownRate : extra);
  }, 0);
}

/** "worker 14.1 → 14.6 ms per epoch, page main thread 120 → 160 ms/s, …", hidden → shown. */
function cpuBreakdown(s: Summary): string {
  if (!s.cpuShown || !s.cpuHidden) return 'no per-thread CPU times (/proc not readable)';
  return THREAD_GROUPS.map((g) => {
    const [hidden, shown] = [s.cpuHidden!.get(g.label)!, s.cpuShown!.get(g.label)!];
    return g.label === 'worker'
      ? `worker ${hidden.toFixed(1)} → ${shown.toFixed(1)} ms per epoch`
      : `${g.label} ${Math.round(hidden)} → ${Math.round(shown)} ms/s`;
  }).join(', ');
}

const overTarget = (s: Summary) =>
  s.overTarget.length > 0
    ? ` Every window's longest over ${LONG_TASK_TARGET_MS} ms: ${s.overTarget.join(' | ')}`
    : '';

const perWindow = (values: readonly number[]) => values.map((v) => formatValue(v)).join(', ');

const before = (b: Summary | null, text: (s: Summary) => string) =>
  b ? `; the build before: ${text(b)}` : '';

function rowsFor(s: Summary, b: Summary | null): Row[] {
  const load = `load average ${os.loadavg()[0]!.toFixed(1)} on ${os.availableParallelism()} cores`;
  const windows = `${s.rounds} rounds of one shown and one hidden window of ${WINDOW_MS / 1000} s, side by side in turns`;
  const row = (figure: string, value: number, unit: string, detail: string): Row => ({
    environment: 'Chromium page',
    figure,
    engine: s.label,
    value,
    unit,
    ratio: null,
    detail,
  });
  const range = (x: Summary) =>
    `rounds from ${formatValue(x.lostRange[0])} to ${formatValue(x.lostRange[1])}%`;
  return [
    row(
      'network view refreshes while training (6×8)',
      s.refreshRate,
      'per second',
      `target ≥ 10; ${s.refreshes} repaints of the whole diagram (every heatmap and line) while shown, at ${formatValue(s.shownRate)} epochs/s (the worker refreshes at most once an epoch)${before(b, (x) => `${formatValue(x.refreshRate)}/s`)}; ${load}`,
    ),
    row(
      'epochs per second lost to the network view (6×8)',
      s.lost,
      '%',
      `target ≤ 15; the median of the rounds' losses (${range(s)}); ${formatValue(s.shownRate)} epochs/s shown vs ${formatValue(s.hiddenRate)} hidden over all windows; ${windows}${before(b, (x) => `${formatValue(x.lost)}% (${range(x)})`)}; ${load}`,
    ),
    row(
      'CPU time the network view adds while training (6×8)',
      cpuExtra(s),
      'ms per second',
      `no target (1000 is one core): what the view costs, as CPU time of Chromium's threads (from /proc) rather than epochs a second, which other processes on a shared machine move much less; hidden → shown: ${cpuBreakdown(s)}${before(b, (x) => `${formatValue(cpuExtra(x))} ms/s (${cpuBreakdown(x)})`)}`,
    ),
    row(
      'longest main-thread task CPU time, network view shown (6×8)',
      s.longestCpu,
      'ms',
      `target < 50, read against this figure: the thread CPU time of the page's longest main-thread task in traces of the shown windows (${formatValue(s.longestCpuHidden)} ms in the hidden ones). The wall-clock figure below also counts the time the thread waited for a core on a busy machine, which is the machine's, not the page's. Each round's longest, shown: ${perWindow(s.perWindowCpu)}; hidden: ${perWindow(s.perWindowCpuHidden)}. The longest shown was ${s.longestOwner}. The longest hidden was ${s.longestOwnerHidden}.${overTarget(s)}${before(b, (x) => `${formatValue(x.longestCpu)} ms shown (rounds ${perWindow(x.perWindowCpu)}; ${x.longestOwner}), ${formatValue(x.longestCpuHidden)} hidden (rounds ${perWindow(x.perWindowCpuHidden)}; ${x.longestOwnerHidden}).${overTarget(x)}`)}`,
    ),
    row(
      'longest main-thread task, network view shown (6×8)',
      s.longest,
      'ms',
      `wall clock: the longest task the Long Tasks API reported (0: none over 50 ms) in the shown windows; ${Math.round(s.longestHidden)} ms in the hidden ones, on the same page${before(b, (x) => `${Math.round(x.longest)} ms shown, ${Math.round(x.longestHidden)} hidden`)}; ${load}`,
    ),
  ];
}

/**
 * Measures on apps already served: `url`, and `beforeUrl` (another build) with its rounds
 * interleaved, each page paused while the other trains.
 */
export async function measureNetworkView(
  browser: Browser,
  url: string,
  log: (line: string) => void,
  beforeUrl?: string,
): Promise<{ rows: Row[]; notes: string[] }> {
  const subjects: Subject[] = [];
  try {
    log('network view: 6×8 network on the playground…');
    subjects.push(await openSubject(browser, 'app', url));
    if (beforeUrl) subjects.push(await openSubject(browser, 'before', beforeUrl));
    const rounds = beforeUrl ? ROUNDS_WITH_BEFORE : ROUNDS;
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? subjects : [...subjects].reverse();
      for (const subject of order) {
        // Alone, the page trains throughout; with another build, each trains only in its turn.
        if (round === 0 || subjects.length > 1) {
          await subject.page.getByRole('button', { name: 'Play' }).click();
          // Training, not the run's start: the loss and accuracy charts draw for the first time
          // once, after the first epoch (the chart library's mount, 60-130 ms of one task on this
          // machine, the view's or not), and a window that caught it measured the page's start.
          if (round === 0)
            await subject.page.waitForFunction(
              () => document.querySelectorAll('.curves .recharts-surface').length >= 2,
              undefined,
              { timeout: 60_000, polling: 100 },
            );
          await subject.page.waitForTimeout(SETTLE_MS);
        }
        await measureRound(browser, subject, round % 2 === 0);
        if (subjects.length > 1) await subject.page.getByRole('button', { name: 'Pause' }).click();
        const last = subject.rounds.at(-1)!;
        log(
          `  round ${round + 1} ${subject.label}: ${formatValue(last.shown.epochs / last.shown.seconds)} epochs/s shown, ${formatValue(last.hidden.epochs / last.hidden.seconds)} hidden; load ${os.loadavg()[0]!.toFixed(1)}`,
        );
      }
    }
    const [app, previous] = subjects.map(summarize);
    const rows = rowsFor(app!, previous ?? null);
    const notes = subjects.flatMap((s) =>
      s.errors.length > 0
        ? [`Network view page errors (${s.label}): ${s.errors.slice(0, 3).join(' | ')}`]
        : [],
    );
    return { rows, notes };
  } finally {
    for (const subject of subjects) await subject.context.close();
  }
}

async function serve(outDir: string): Promise<PreviewServer> {
  const server = await preview({
    configFile: path.join(ROOT, 'vite.config.ts'),
    root: ROOT,
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0 },
  });
  if (!server.resolvedUrls?.local[0]) throw new Error('vite preview did not report its address');
  return server;
}

/**
 * Builds and serves the app (or serves `app`, a build already made), then measures: the
 * `--network-view` run on its own. `before` is another build to measure in the same run.
 */
export async function runNetworkViewBench(
  log: (line: string) => void,
  options: { app?: string; before?: string } = {},
): Promise<{ rows: Row[]; notes: string[] }> {
  if (!existsSync(CHROMIUM_PATH)) return { rows: [], notes: [`No Chromium at ${CHROMIUM_PATH}.`] };
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'tunelab-netview-'));
  const servers: PreviewServer[] = [];
  let browser: Browser | undefined;
  try {
    let outDir = options.app;
    if (!outDir) {
      log('building the app…');
      outDir = path.join(scratch, 'app');
      await buildApp(outDir);
    }
    servers.push(await serve(outDir));
    if (options.before) servers.push(await serve(options.before));
    const [url, beforeUrl] = servers.map((s) => s.resolvedUrls!.local[0]!);
    browser = await launchBrowser();
    return await measureNetworkView(browser, url!, log, beforeUrl);
  } finally {
    await browser?.close();
    for (const server of servers) await server.close();
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
