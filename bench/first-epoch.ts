/**
 * `npm run bench:first-epoch`: from a link to a learning network, Tunelab's production build beside
 * TensorFlow Playground's own build, in one run. Both are served by the same small static server
 * (gzip, as a static host serves them; Tunelab with its cross-origin isolation headers) and opened
 * in headless Chromium, interleaved, each visit in a fresh browser context (empty cache, no
 * service worker). Play is pressed as soon as it appears; a requestAnimationFrame loop installed
 * before the page's own scripts notes the frame in which Play first shows and the frame in which
 * the first epoch is on screen.
 *
 * Tunelab is visited twice a round: Play pressed as soon as it shows, and Play pressed once the
 * page says the worker holds the first epoch (a reader who looks at the page first; the worker
 * trains epoch 1 while Play waits, src/workers/trainer.worker.ts).
 *
 * Both apps are also visited with Play pressed by the watcher itself, in the page: a click
 * dispatched in the task after the frame Play shows in, so it still waits for whatever the page's
 * main thread does next, as a real press does, but not for the bench's round trip (the page's
 * answer to "where is Play?", this process, the DevTools protocol, the browser's input routing).
 *
 * Options: `--runs N` (visits per app, default 7), `--app DIR` (a Tunelab build to measure instead
 * of building the worktree), `--before DIR` (an earlier build, measured in the same rounds),
 * `--trace FILE`, `--lighthouse` (Lighthouse mobile on /, #compare and #tune, `--lighthouse-runs N`
 * times each, default 3, and on the build before too), `--list` (every request
 * before the first epoch of the last visit, with its group and who asked for it), `--write`
 * (rewrite the section between the first-epoch markers of docs/benchmarks.md), `--label TEXT`.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Worker as PageWorker } from 'playwright-core';
import { DEFAULT_CONFIG } from '../src/core/config/parameters';
import { emptyLinkState, encodeLink } from '../src/core/link/codec';
import { headerPolicyOf } from '../src/csp.config';
import { CHROMIUM_PATH, launchBrowser } from '../tests/e2e/chromium';
import { buildApp } from './build-app';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TF_PLAYGROUND = process.env.TF_PLAYGROUND_DIR ?? '/work/shared/anchors/tf-playground';

/**
 * How fast this host runs one thread right now: a fixed loop, timed. The machine's own speed moved
 * two- to threefold between runs of one day (the host's other guests; docs/benchmarks.md, eleventh
 * session), and with it the ratio the issue asks for: Tunelab's work is on two threads and TF
 * Playground's on one. Printed with each run so a run of record says which kind of spell it met.
 */
function oneThreadLoopMs(): number {
  // In a Node process of its own, as the figures in docs/benchmarks.md were read: the same loop
  // inlined here runs in other code around it, and took three quarters of the time.
  const loop = 'const t=Date.now();let x=0;for(let i=0;i<3e8;i++)x+=i%7;console.log(Date.now()-t)';
  return Number(execFileSync(process.execPath, ['-e', loop], { encoding: 'utf8' }).trim());
}

/** The share of the last minute some task waited for a CPU (Linux's pressure stall information), or null. */
function cpuPressure(): number | null {
  try {
    const some = /some avg10=[\d.]+ avg60=([\d.]+)/.exec(readFileSync('/proc/pressure/cpu', 'utf8'));
    return some ? Number(some[1]) : null;
  } catch {
    return null;
  }
}

/** The host's speed and contention now, for the run's machine line. */
function hostState(): { loopMs: number; pressure: number | null } {
  return { loopMs: oneThreadLoopMs(), pressure: cpuPressure() };
}

/** The machine line's account of the host at the start and the end of a run. */
function describeHost(start: ReturnType<typeof hostState>, end: ReturnType<typeof hostState>): string {
  const pressure =
    start.pressure === null || end.pressure === null
      ? ''
      : `; some task waited for a CPU ${Math.round(start.pressure)}% and ${Math.round(end.pressure)}% of the minute before`;
  return `a one-thread loop (\`node -e\`, 3×10⁸ steps) took ${start.loopMs} ms at the start and ${end.loopMs} ms at the end${pressure} (562–587 ms on this machine's quietest spells of 2026-12-03, 850–2100 on its busiest; Tunelab's ratio is at its highest on the quiet ones)`;
}

const DOC = path.join(ROOT, 'docs/benchmarks.md');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
};

/** A static host: files from `dir`, gzipped when the browser accepts it, with extra headers. */
function serve(dir: string, headers: Record<string, string>): Promise<{ server: Server; url: string }> {
  const gzipped = new Map<string, Buffer>();
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    let file = path.join(dir, pathname.endsWith('/') ? `${pathname}index.html` : pathname);
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
      file = path.join(dir, 'index.html');
      if (pathname !== '/' && path.extname(pathname)) {
        response.writeHead(404).end();
        return;
      }
    }
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    let body: Buffer = readFileSync(file);
    const head: Record<string, string> = { ...headers, 'Content-Type': type, 'Cache-Control': 'no-cache' };
    if (type !== 'image/png' && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
      let packed = gzipped.get(file);
      if (!packed) gzipped.set(file, (packed = gzipSync(body)));
      body = packed;
      head['Content-Encoding'] = 'gzip';
    }
    head['Content-Length'] = String(body.length);
    response.writeHead(200, head).end(body);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ server, url: `http://127.0.0.1:${port}/` });
    }),
  );
}

interface AppUnderTest {
  name: string;
  url: string;
  /** CSS selector of the Play button. */
  play: string;
  /** Reads the epoch on screen (page context), or null. */
  epoch: string;
  /**
   * Press Play only once this selector matches (a reader who looks at the page first), instead of
   * as soon as Play shows.
   */
  playWhen?: string;
  /** Play pressed by the watcher in the page, in the task after the frame it shows in (see above). */
  pressInPage?: boolean;
}

/** Where a request's bytes count: the page's scripts, the training worker's, the wasm binary, the rest. */
type Group = 'main JS' | 'worker JS' | 'wasm' | 'HTML, CSS, other';
const GROUPS: Group[] = ['main JS', 'worker JS', 'wasm', 'HTML, CSS, other'];

interface Request {
  /** Path on the server. */
  path: string;
  group: Group;
  /** Gzip body and headers, as on the wire. */
  bytes: number;
  /** Who asked: the page, or the worker's module that imported it (the Referer header). */
  from: string;
  /** Milliseconds after navigation began (bench clock) that it finished. */
  at: number;
}

interface Visit {
  app: string;
  playShown: number;
  clicked: number;
  firstEpoch: number;
  bytes: { total: number; js: number; wasm: number; other: number; requests: number };
  groups: Record<Group, { bytes: number; requests: number }>;
  /** Every request that finished before the first epoch, in order. */
  list: Request[];
  marks: Record<string, number>;
}

/**
 * A request's group. A worker's own requests carry the importing module as Referer (the page's
 * carry the page), and the worker's script is named so; a module asked for by both counts twice.
 */
function groupOf(pathname: string, referer: string): Group {
  if (pathname.endsWith('.wasm')) return 'wasm';
  if (!/\.m?js$/.test(pathname)) return 'HTML, CSS, other';
  const fromWorker = /\.m?js$/.test(new URL(referer || 'http://x/', 'http://x/').pathname);
  return fromWorker || /\.worker-[\w-]+\.js$/.test(pathname) ? 'worker JS' : 'main JS';
}

/** Page-side watcher, installed before any script of the page: notes when Play shows and when an epoch does. */
function watcher(source: { play: string; epoch: string; pressInPage: boolean }): void {
  const state = {
    playShown: -1,
    clicked: -1,
    /** Whether the first click landed on Play (a page that moved it would take the click elsewhere). */
    clickedPlay: false,
    firstEpoch: -1,
    /** Where Play's centre is, once it shows (the bench's click goes there): awaited, one round trip in all. */
    shown: null as Promise<{ x: number; y: number }> | null,
    /** Settles in the frame the first epoch shows: awaited, it needs no poll from the bench. */
    trained: null as Promise<void> | null,
  };
  let showed = (_at: { x: number; y: number }) => {};
  let trained = () => {};
  state.shown = new Promise((resolve) => (showed = resolve));
  state.trained = new Promise((resolve) => (trained = resolve));
  (window as unknown as { __firstEpoch: typeof state }).__firstEpoch = state;
  const readEpoch = new Function(`return (${source.epoch})()`) as () => number | null;
  addEventListener(
    'click',
    (event) => {
      if (state.clicked >= 0) return;
      // When the press arrived, not when the page got round to it: on a page still busy with its
      // first screen, the wait in between is part of what the user waits for.
      state.clicked = event.timeStamp;
      state.clickedPlay = event.target instanceof Element && event.target.closest(source.play) !== null;
    },
    true,
  );
  const frame = (time: number) => {
    if (state.playShown < 0) {
      // Shown and working: TF Playground's button is in its static HTML, its handler arrives with
      // the script at the end of the body (run before DOMContentLoaded).
      const play = document.querySelector(source.play);
      if (play && (play as HTMLElement).offsetParent !== null && document.readyState !== 'loading') {
        state.playShown = time;
        if (source.pressInPage) {
          // After this frame's rendering, as input that came now would be: a task, not this callback.
          setTimeout(() => (play as HTMLElement).click());
        } else {
          const box = play.getBoundingClientRect();
          showed({ x: box.left + box.width / 2, y: box.top + box.height / 2 });
        }
      }
    }
    if (state.firstEpoch < 0) {
      const epoch = readEpoch();
      if (epoch !== null && epoch >= 1) {
        state.firstEpoch = performance.now();
        trained();
      }
    }
    if (state.firstEpoch < 0) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/** Tunelab's visits where Play waits until the page says the first epoch is held. */
const HELD = 'Tunelab, Play once the first epoch is held';
/** Visits with Play pressed by the watcher in the page (no round trip to the bench). */
const IN_PAGE = ', Play pressed in the page';

const tunelabEpoch = String(() => {
  for (const status of document.querySelectorAll('[role="status"]')) {
    const cell = status.querySelector('[data-value="epoch"]');
    const text = (cell ?? status).textContent ?? '';
    const match = /(\d+)/.exec(cell ? text : (/(?:epoch|轮次|轮)\D{0,8}?(\d+)/i.exec(text)?.[0] ?? ''));
    if (match) return Number(match[1]);
  }
  return null;
});
const playgroundEpoch = String(() => {
  const text = document.querySelector('#iter-number')?.textContent ?? '';
  const digits = text.replace(/\D/g, '');
  return digits ? Number(digits) : null;
});

/** The promise's value, or a failed visit once `ms` have passed (a page that never gets there). */
function within<T>(promise: Promise<T>, failure: string, ms = 30_000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${failure} within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

async function visit(browser: Browser, app: AppUnderTest, tracePath?: string): Promise<Visit> {
  const context: BrowserContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // As source text, with a stand-in for the name helper tsx wraps named inner functions in.
  await context.addInitScript({
    content: `var __name = (f) => f; (${String(watcher)})(${JSON.stringify({ play: app.play, epoch: app.epoch, pressInPage: app.pressInPage === true })});`,
  });
  const page = await context.newPage();
  const requests: {
    url: string;
    type: string;
    size: Promise<number>;
    referer: Promise<string>;
    at: number;
    /** When its last byte arrived, in ms since 1970 (the browser's own timing of it). */
    end: number;
  }[] = [];
  const opened = Date.now();
  // The training worker's own marks (backend ready, run built, epoch ahead) are read from the
  // worker itself once the visit is timed: one clock with the page's, no trace needed.
  const workers: PageWorker[] = [];
  page.on('worker', (worker) => workers.push(worker));
  page.on('requestfinished', (request) => {
    if (request.serviceWorker()) return;
    requests.push({
      url: request.url(),
      type: request.resourceType(),
      at: Date.now() - opened,
      end: (() => {
        const timing = request.timing();
        return timing.startTime + timing.responseEnd;
      })(),
      referer: request
        .allHeaders()
        .then((h) => h.referer ?? '')
        .catch(() => ''),
      size: request
        .sizes()
        .then((s) => s.responseBodySize + s.responseHeadersSize)
        .catch(() => 0),
    });
  });
  if (tracePath)
    await browser.startTracing(page, {
      path: tracePath,
      categories: [
        'blink.user_timing',
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'v8.execute',
        'v8',
        'v8.wasm',
        'loading',
        // Samples with call stacks, so a long task can be put down to the function that ran it.
        'disabled-by-default-v8.cpu_profiler',
      ],
    });
  try {
    await page.goto(app.url, { waitUntil: 'commit' });
    // Play is pressed as a person presses it, one mouse click where it shows, as soon as the
    // watcher sees it (checked every frame): the page answers the bench's one question, "where is
    // Play?", in the frame Play shows. Playwright's own wait (locator.waitFor) retries at growing
    // intervals, up to 500 ms apart, and its click first checks the button from the page (visible,
    // still for two frames, enabled, the topmost element), several round trips that each wait their
    // turn on the page's main thread: on a page still rendering the rest of its first screen that
    // added up to 100-200 ms before the click, on TF Playground's, idle, 50-80. (Until the fifth
    // session of 2026-12-02 a poll found Play and a second round trip read where it was: that one
    // waited behind whatever the page did next, a harness cost no reader's click pays.)
    if (!app.pressInPage) {
      const at = await within(
        page.evaluate(
          () =>
            (window as unknown as { __firstEpoch: { shown: Promise<{ x: number; y: number }> } }).__firstEpoch
              .shown,
        ),
        `${app.name}: Play did not show`,
      );
      if (app.playWhen)
        await page.locator(app.playWhen).first().waitFor({ state: 'attached', timeout: 60_000 });
      await page.mouse.click(at.x, at.y);
    }
    // Awaited, not polled: Playwright's poll (waitForFunction) first evaluates its own 100 KiB
    // helper script in the page, 30 ms of the page's main thread on this machine, right between
    // the click and the first epoch it times.
    await within(
      page.evaluate(
        () => (window as unknown as { __firstEpoch: { trained: Promise<void> } }).__firstEpoch.trained,
      ),
      `${app.name}: no first epoch after Play`,
    );
    if (tracePath) {
      // A few frames more, so the paint of the first epoch is in the trace.
      await page.waitForTimeout(300);
      await browser.stopTracing();
    }
    const state = await page.evaluate(() => ({
      ...(
        window as unknown as {
          __firstEpoch: { playShown: number; clicked: number; clickedPlay: boolean; firstEpoch: number };
        }
      ).__firstEpoch,
      // Promises do not cross to the bench.
      shown: null,
      trained: null,
      sinceOpen: performance.timeOrigin,
      marks: Object.fromEntries(
        performance
          .getEntriesByType('mark')
          .filter((m) => m.name.startsWith('tunelab:'))
          .map((m) => [m.name.slice(8), Math.round(m.startTime)]),
      ),
    }));
    for (const worker of workers) {
      const own = await worker
        .evaluate(() => ({
          origin: performance.timeOrigin,
          marks: performance
            .getEntriesByType('mark')
            .filter((m) => m.name.startsWith('tunelab:'))
            .map((m) => [m.name.slice(8), m.startTime] as const),
        }))
        // A worker that has ended (a lane, a tuner trial) has nothing more to say.
        .catch(() => null);
      if (!own) continue;
      for (const [name, at] of own.marks)
        state.marks[`${name} (worker)`] ??= Math.round(at + own.origin - state.sinceOpen);
    }
    if (!state.clickedPlay)
      throw new Error(`${app.name}: the click where Play showed did not land on Play (the page moved it)`);
    // The first epoch on the page's clock, as ms since 1970: a request counts when its last byte
    // came before it. (Counted when this process heard of them instead, the chart library the page
    // asks for in the frame after the first epoch came in as well, 100 KiB, most visits.)
    const cutoff = state.sinceOpen + state.firstEpoch;
    const bytes = { total: 0, js: 0, wasm: 0, other: 0, requests: 0 };
    const groups = Object.fromEntries(GROUPS.map((g) => [g, { bytes: 0, requests: 0 }])) as Visit['groups'];
    const list: Request[] = [];
    for (const request of requests) {
      if (request.end > cutoff) continue;
      const size = await request.size;
      const pathname = new URL(request.url).pathname;
      const referer = await request.referer;
      const group = groupOf(pathname, referer);
      groups[group].bytes += size;
      groups[group].requests += 1;
      list.push({
        path: pathname,
        group,
        bytes: size,
        from: referer ? new URL(referer).pathname : '',
        at: request.at,
      });
      bytes.total += size;
      bytes.requests += 1;
      if (/\.m?js$/.test(pathname)) bytes.js += size;
      else if (pathname.endsWith('.wasm')) bytes.wasm += size;
      else bytes.other += size;
    }
    return {
      app: app.name,
      playShown: state.playShown,
      clicked: state.clicked,
      firstEpoch: state.firstEpoch,
      bytes,
      groups,
      list,
      marks: state.marks,
    };
  } finally {
    await context.close();
  }
}

/** What the split of the presses reads of a visit. */
type PressedVisit = Pick<Visit, 'marks' | 'clicked' | 'firstEpoch'>;

/**
 * What the bench's press found in each of Tunelab's visits, read from the page's and the worker's
 * marks: the page still waiting for the worker's word that the run was built (`run-loaded` after
 * `play`), the run built but its first epoch not yet trained ahead (`epoch-ahead` after `play`), or
 * that epoch held. The race's median is made of these three kinds of visit, and only the last is
 * quick: the split says which part of the path a change has to shorten.
 */
export function whereThePressLanded(visits: readonly PressedVisit[]): string[] {
  const kinds = [
    'before the page had taken the built run',
    'before the worker held the first epoch',
    'with the first epoch held',
  ].map((label) => ({ label, visits: [] as PressedVisit[] }));
  for (const visit of visits) {
    const { play, 'run-loaded': loaded, 'epoch-ahead (worker)': ahead } = visit.marks;
    if (play === undefined || loaded === undefined || ahead === undefined) continue;
    kinds[play < loaded ? 0 : play < ahead ? 1 : 2]!.visits.push(visit);
  }
  const counted = kinds.reduce((sum, kind) => sum + kind.visits.length, 0);
  if (counted === 0) return [];
  const ms = (values: number[]) => (values.length > 0 ? `${Math.round(median(values))} ms` : '–');
  return [
    "Where the bench's press found Tunelab (its page's and worker's marks; visits, then medians):",
    '',
    '| Play pressed … | visits | pressed → first epoch | navigation → first epoch |',
    '|---|---:|---:|---:|',
    ...kinds.map(
      (kind) =>
        `| ${kind.label} | ${kind.visits.length} of ${counted} | ${ms(kind.visits.map((v) => v.firstEpoch - v.clicked))} | ${ms(kind.visits.map((v) => v.firstEpoch))} |`,
    ),
  ];
}

interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string; requestId?: string; frame?: string } };
}

/**
 * Where the time from navigation to the first epoch went, read from a Chromium trace of one visit:
 * the page's own marks (main thread and worker, one clock), when each script and the wasm binary
 * arrived, and how long the main thread and the worker spent compiling and running scripts.
 */
export function traceBreakdown(file: string): string[] {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const threads = new Map<string, string>();
  for (const e of events)
    if (e.ph === 'M' && e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args?.name ?? '?');
  const thread = (e: TraceEvent) => {
    const name = threads.get(`${e.pid}:${e.tid}`) ?? '?';
    return name === 'CrRendererMain' ? 'main' : name.startsWith('DedicatedWorker') ? 'worker' : name;
  };
  const start = events
    .filter((e) => e.name === 'navigationStart' && thread(e) === 'main')
    .map((e) => e.ts)
    .sort((a, b) => a - b)[0];
  if (start === undefined) return ['no navigationStart in the trace'];
  const at = (ts: number) => Math.round((ts - start) / 1000);
  const points: { t: number; what: string }[] = [];
  const seenMarks = new Set<string>();
  for (const e of events) {
    if (e.name.startsWith('tunelab:') && !seenMarks.has(`${thread(e)}${e.name}`)) {
      seenMarks.add(`${thread(e)}${e.name}`);
      points.push({ t: at(e.ts), what: `${e.name.slice(8)} (${thread(e)})` });
    }
  }
  const sent = new Map<string, { url: string; ts: number }>();
  for (const e of events) {
    const data = e.args?.data;
    if (e.name === 'ResourceSendRequest' && data?.requestId && data.url)
      sent.set(data.requestId, { url: data.url, ts: e.ts });
    if (e.name === 'ResourceFinish' && data?.requestId && sent.has(data.requestId)) {
      const request = sent.get(data.requestId)!;
      // The page's own files (a trace also holds the browser's internal pages).
      if (!request.url.startsWith('http://127.0.0.1')) continue;
      const name = new URL(request.url).pathname.split('/').pop() || 'index.html';
      if (/\.(js|wasm|html)$|^index\.html$/.test(name))
        points.push({ t: at(e.ts), what: `${name} fetched (asked at ${at(request.ts)})` });
    }
  }
  const first = (name: string) => events.filter((e) => e.name === name).sort((a, b) => a.ts - b.ts)[0];
  const wasmStart = first('wasm.StartStreamingCompilation') ?? first('wasm.SyncCompile');
  const wasmEnd = first('wasm.FinishStreaming') ?? first('wasm.AsyncInstantiate');
  if (wasmStart) points.push({ t: at(wasmStart.ts), what: `wasm compile starts (${thread(wasmStart)})` });
  if (wasmEnd) points.push({ t: at(wasmEnd.ts), what: `wasm compile finishes (${thread(wasmEnd)})` });
  const fcp = first('firstContentfulPaint');
  if (fcp) points.push({ t: at(fcp.ts), what: 'first contentful paint' });
  const lines = points.sort((a, b) => a.t - b.t).map((p) => `${p.t} ms: ${p.what}`);
  // Script compile and run per thread (EvaluateScript and module compile/evaluate slices).
  const busy = new Map<string, number>();
  for (const e of events) {
    if (!e.dur || !['EvaluateScript', 'v8.compileModule', 'v8.evaluateModule', 'v8.compile'].includes(e.name))
      continue;
    const key = `${thread(e)} ${e.name}`;
    busy.set(key, (busy.get(key) ?? 0) + e.dur / 1000);
  }
  const wasmWork = events
    .filter((e) => e.dur && e.name === 'wasm.ExecuteCompilationUnits')
    .reduce((sum, e) => sum + e.dur! / 1000, 0);
  lines.push(
    `script time by thread: ${[...busy.entries()].map(([k, v]) => `${k} ${Math.round(v)} ms`).join(', ')}; wasm compilation units ${Math.round(wasmWork)} ms (background threads)`,
  );
  return lines;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const range = (shown: string[]) => {
  const sorted = [...new Set(shown)];
  return sorted.length === 1
    ? 'all alike'
    : `${shown.reduce((a, b) => (parseFloat(a) <= parseFloat(b) ? a : b))}–${shown.reduce((a, b) => (parseFloat(a) >= parseFloat(b) ? a : b))}`;
};
const kib = (bytes: number) => (bytes / 1024).toFixed(0);

interface LighthouseScore {
  page: string;
  performance: number;
  accessibility: number;
  bestPractices: number;
  tbt: number;
  lcp: number;
  fcp: number;
}

async function lighthouse(url: string, page: string): Promise<LighthouseScore | string> {
  const out = path.join(os.tmpdir(), `tunelab-lh-${process.pid}-${page.replace(/\W/g, '') || 'root'}.json`);
  const bin = path.join(ROOT, 'node_modules/.bin/lighthouse');
  if (!existsSync(bin)) return 'lighthouse is not installed (npm i -D lighthouse@12.8.2)';
  // Asynchronously: the static server answering Lighthouse's Chromium runs in this process.
  const stderr = await new Promise<string>((resolve) => {
    const child = spawn(
      bin,
      [
        url,
        '--quiet',
        '--only-categories=performance,accessibility,best-practices',
        '--output=json',
        `--output-path=${out}`,
        '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage',
      ],
      { env: { ...process.env, CHROME_PATH: CHROMIUM_PATH } },
    );
    let text = '';
    child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const timer = setTimeout(() => child.kill(), 300_000);
    child.on('close', () => {
      clearTimeout(timer);
      resolve(text);
    });
  });
  if (!existsSync(out)) return `lighthouse failed: ${stderr.slice(-300)}`;
  const report = JSON.parse(readFileSync(out, 'utf8')) as {
    categories: Record<string, { score: number | null }>;
    audits: Record<string, { numericValue?: number }>;
    runtimeError?: { code: string; message: string };
  };
  rmSync(out, { force: true });
  // A run that could not measure the page (its report then scores 0, with no metrics) is a failed
  // run, listed below the table, not a zero in its median.
  if (report.runtimeError || report.categories.performance?.score == null)
    return `lighthouse could not measure the page: ${report.runtimeError?.code ?? 'no performance score'} ${report.runtimeError?.message ?? ''}`.trim();
  const score = (id: string) => Math.round((report.categories[id]?.score ?? 0) * 100);
  return {
    page,
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    tbt: Math.round(report.audits['total-blocking-time']?.numericValue ?? NaN),
    lcp: Math.round(report.audits['largest-contentful-paint']?.numericValue ?? NaN),
    fcp: Math.round(report.audits['first-contentful-paint']?.numericValue ?? NaN),
  };
}

async function main(argv: string[]): Promise<number> {
  const option = (name: string) => {
    const index = argv.indexOf(name);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const runs = Number(option('--runs') ?? 7);
  const log = (line: string) => console.error(`[first-epoch] ${line}`);
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`no Chromium at ${CHROMIUM_PATH}`);
  if (!existsSync(path.join(TF_PLAYGROUND, 'index.html')))
    throw new Error(`no TF Playground build at ${TF_PLAYGROUND}`);
  const load = os.loadavg();
  const hostAtStart = hostState();
  log(`host: a one-thread loop in ${hostAtStart.loopMs} ms (562-587 on a quiet spell)`);
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'tunelab-first-epoch-'));
  let appDir = option('--app');
  const servers: Server[] = [];
  let browser: Browser | undefined;
  try {
    if (!appDir) {
      log('building the app…');
      appDir = path.join(scratch, 'app');
      await buildApp(appDir);
    }
    // Each build with its own policy: it allows that build's inline script by its hash.
    const headers = (dir: string) => ({
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
      'Content-Security-Policy': headerPolicyOf(readFileSync(path.join(dir, 'index.html'), 'utf8')),
    });
    const tunelab = await serve(path.resolve(appDir), headers(path.resolve(appDir)));
    const anchor = await serve(TF_PLAYGROUND, {});
    servers.push(tunelab.server, anchor.server);
    // A teacher's link to the default experiment: the page opens it, builds the run, shows Play.
    const link = encodeLink(emptyLinkState({ ...DEFAULT_CONFIG }));
    const tunelabApp = (name: string, url: string, playWhen?: string): AppUnderTest => ({
      name,
      url: `${url}#playground/${link}`,
      play: 'button.play',
      epoch: tunelabEpoch,
      playWhen,
    });
    const playground: AppUnderTest = {
      name: 'TF Playground',
      url: anchor.url,
      play: '#play-pause-button',
      epoch: playgroundEpoch,
    };
    const apps: AppUnderTest[] = [
      playground,
      tunelabApp('Tunelab', tunelab.url),
      // A reader who looks at the page before pressing Play: the worker holds the first epoch by then.
      tunelabApp(HELD, tunelab.url, '.readout[data-first-epoch="held"]'),
      { ...playground, name: playground.name + IN_PAGE, pressInPage: true },
      { ...tunelabApp('Tunelab' + IN_PAGE, tunelab.url), pressInPage: true },
    ];
    // An earlier build measured in the same rounds: before and after under the same load.
    const beforeDir = option('--before');
    let beforeUrl: string | undefined;
    if (beforeDir) {
      const before = await serve(path.resolve(beforeDir), headers(path.resolve(beforeDir)));
      servers.push(before.server);
      beforeUrl = before.url;
      apps.push(tunelabApp('Tunelab before', before.url));
    }
    // No network beyond loopback: TF Playground's web fonts and analytics fail at once, for both apps
    // alike. The browser's resolver refuses them, not a route in this process: a route hands every
    // request of the page to this process and back (Playwright matches routes here), and under load
    // that added 200-500 ms to each of the page's requests and held the click on Play behind them.
    browser = await launchBrowser(['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1']);
    // One visit each to warm the OS file cache and the browser process, not counted.
    for (const app of apps) await visit(browser, app);
    const visits: Visit[] = [];
    for (let round = 0; round < runs; round += 1) {
      // Each app in turn, the order rotating from round to round.
      const order = apps.map((_, i) => apps[(i + round) % apps.length]!);
      for (const app of order) {
        const v = await visit(browser, app);
        visits.push(v);
        log(
          `${app.name}: Play ${Math.round(v.playShown)} ms, first epoch ${Math.round(v.firstEpoch)} ms (${Math.round(v.firstEpoch - v.clicked)} after click), ${kib(v.bytes.total)} KiB${
            Object.keys(v.marks).length ? `; ${JSON.stringify(v.marks)}` : ''
          }`,
        );
      }
    }
    const traceFile = option('--trace');
    if (traceFile) {
      log('one more Tunelab visit, traced…');
      await visit(browser, apps[1]!, path.resolve(traceFile));
      log(`trace written to ${traceFile}`);
      for (const line of traceBreakdown(path.resolve(traceFile))) log(line);
    }
    const lines: string[] = [];
    const label = option('--label') ?? 'this build';
    lines.push(
      `Measured by \`npm run bench:first-epoch -- ${argv.filter((a) => a !== '--write').join(' ')}\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC (${label}): ${runs} visits per app, interleaved, after one warm-up visit each.`,
      '',
      `- Machine: ${os.availableParallelism()} cores, ${os.cpus()[0]?.model ?? '?'}; load average at the start ${load.map((l) => l.toFixed(2)).join(', ')}, at the end ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(', ')} (other processes shared the cores: read the ratios, measured in the same run).`,
      `- Host: ${describeHost(hostAtStart, hostState())}.`,
      `- Headless Chromium (${await browser.version()}), 1280×900, a fresh context per visit; both apps served gzip by bench/first-epoch.ts's static server on loopback, Tunelab with its isolation and CSP headers; requests off loopback (TF Playground's web fonts and analytics) fail at once.`,
      `- Tunelab opens a share link of the default experiment (\`#playground/${link}\`); TF Playground its default page.`,
      '',
      beforeDir
        ? '| figure | TF Playground | Tunelab before | Tunelab | before ÷ TF Playground | Tunelab ÷ TF Playground |'
        : '| figure | TF Playground | Tunelab | Tunelab ÷ TF Playground |',
      beforeDir ? '|---|---:|---:|---:|---:|---:|' : '|---|---:|---:|---:|',
    );
    const of = (name: string, pick: (v: Visit) => number) => visits.filter((v) => v.app === name).map(pick);
    const row = (figure: string, pick: (v: Visit) => number, unit: (n: number) => string) => {
      const anchorValues = of('TF Playground', pick);
      const cell = (name: string) => {
        const values = of(name, pick);
        return `${unit(median(values))} (${range(values.map(unit))})`;
      };
      const ratio = (name: string) => (median(of(name, pick)) / median(anchorValues)).toFixed(2);
      lines.push(
        beforeDir
          ? `| ${figure} | ${cell('TF Playground')} | ${cell('Tunelab before')} | ${cell('Tunelab')} | ${ratio('Tunelab before')} | ${ratio('Tunelab')} |`
          : `| ${figure} | ${cell('TF Playground')} | ${cell('Tunelab')} | ${ratio('Tunelab')} |`,
      );
    };
    const ms = (n: number) => `${Math.round(n)} ms`;
    const kb = (n: number) => `${kib(n)} KiB`;
    row('navigation → first epoch on screen', (v) => v.firstEpoch, ms);
    // The same race with Play pressed by the watcher in the page: no round trip to the bench.
    const inPage = (figure: string, pick: (v: Visit) => number) => {
      const anchorValues = of(playground.name + IN_PAGE, pick);
      const values = of('Tunelab' + IN_PAGE, pick);
      const cell = (xs: number[]) => `${ms(median(xs))} (${range(xs.map(ms))})`;
      const skip = beforeDir ? '| ' : '';
      lines.push(
        `| ${figure} | ${cell(anchorValues)} | ${skip}${cell(values)} | ${skip}${(median(values) / median(anchorValues)).toFixed(2)} |`,
      );
    };
    inPage('… Play pressed by a script in the page, not by the bench', (v) => v.firstEpoch);
    inPage('… … pressed → first epoch on screen', (v) => v.firstEpoch - v.clicked);
    row('navigation → Play shown', (v) => v.playShown, ms);
    row('Play pressed → first epoch on screen', (v) => v.firstEpoch - v.clicked, ms);
    const held = of(HELD, (v) => v.firstEpoch - v.clicked);
    if (held.length > 0)
      lines.push(
        `| … Play pressed once Tunelab holds the first epoch | | ${beforeDir ? '| ' : ''}${ms(median(held))} (${range(held.map(ms))}) | ${beforeDir ? '| ' : ''}${(median(held) / median(of('TF Playground', (v) => v.firstEpoch - v.clicked))).toFixed(2)} |`,
      );
    row('bytes on the wire before the first epoch', (v) => v.bytes.total, kb);
    row('… of it JavaScript', (v) => v.bytes.js, kb);
    row('… of it wasm', (v) => v.bytes.wasm, kb);
    row(
      'requests before the first epoch',
      (v) => v.bytes.requests,
      (n) => String(Math.round(n)),
    );
    for (const group of GROUPS) {
      row(`… ${group}: bytes`, (v) => v.groups[group].bytes, kb);
      row(
        `… ${group}: requests`,
        (v) => v.groups[group].requests,
        (n) => String(Math.round(n)),
      );
    }
    if (argv.includes('--list'))
      for (const name of ['Tunelab', 'Tunelab before']) {
        const last = visits.filter((v) => v.app === name).at(-1);
        if (!last) continue;
        lines.push(
          '',
          `Requests before the first epoch, ${name}'s last visit (finished at, ms after navigation; asked by the page or by a worker module):`,
          '',
          '| finished | group | file | gzip bytes | asked by |',
          '|---:|---|---|---:|---|',
          ...last.list.map(
            (r) =>
              `| ${r.at} | ${r.group} | ${r.path.split('/').pop() || r.path} | ${r.bytes} | ${r.from.split('/').pop() || 'page'} |`,
          ),
        );
      }
    const tunelabVisits = visits.filter((v) => v.app === 'Tunelab');
    const pressLines = whereThePressLanded(tunelabVisits);
    if (pressLines.length > 0) lines.push('', ...pressLines);
    const tunelabMarks = tunelabVisits.map((v) => v.marks);
    // Ratios of infinity say nothing: TF Playground loads no wasm.
    const names = [...new Set(tunelabMarks.flatMap((m) => Object.keys(m)))];
    if (names.length > 0) {
      lines.push(
        '',
        "Tunelab performance marks (median ms after navigation; the page's, and the training worker's read from it):",
        '',
      );
      const sorted = names
        .map((name) => ({
          name,
          at: median(tunelabMarks.map((m) => m[name] ?? NaN).filter(Number.isFinite)),
        }))
        .sort((a, b) => a.at - b.at);
      lines.push(sorted.map((m) => `${m.name} ${Math.round(m.at)}`).join(' · '));
    }
    if (argv.includes('--lighthouse')) {
      // Several runs per page, the pages (and the build before, with --before) in turn: one
      // Lighthouse run on a shared 2-core machine moved by 10 points from one minute to the next.
      const lighthouseRuns = Number(option('--lighthouse-runs') ?? 3);
      const builds = [
        { name: 'Tunelab', url: tunelab.url },
        ...(beforeUrl ? [{ name: 'Tunelab before', url: beforeUrl }] : []),
      ];
      const pages = ['', '#compare', '#tune'];
      const results = new Map<string, LighthouseScore[]>();
      const failures: string[] = [];
      const loadAtStart = os.loadavg()[0]!;
      for (let round = 0; round < lighthouseRuns; round += 1)
        for (const page of pages)
          for (const build of builds) {
            log(`lighthouse ${build.name} ${page || '/'} (${round + 1}/${lighthouseRuns})…`);
            const result = await lighthouse(`${build.url}${page}`, page || '/');
            if (typeof result === 'string') failures.push(`${build.name} ${page || '/'}: ${result}`);
            else
              results.set(`${build.name} ${page}`, [...(results.get(`${build.name} ${page}`) ?? []), result]);
          }
      const version = JSON.parse(
        readFileSync(path.join(ROOT, 'node_modules/lighthouse/package.json'), 'utf8'),
      ) as {
        version: string;
      };
      lines.push(
        '',
        'Lighthouse (mobile, its default simulated throttling):',
        '',
        `Lighthouse ${version.version}, ${lighthouseRuns} runs per page and build, in turn; medians, with the range of performance; load average ${loadAtStart.toFixed(1)} when it began, ${os.loadavg()[0]!.toFixed(1)} at the end.`,
        '',
        '| build | page | performance | TBT | LCP | FCP | accessibility | best practices |',
        '|---|---|---:|---:|---:|---:|---:|---:|',
      );
      for (const page of pages)
        for (const build of builds) {
          const list = results.get(`${build.name} ${page}`) ?? [];
          if (list.length === 0) continue;
          const mid = (pick: (r: LighthouseScore) => number) => Math.round(median(list.map(pick)));
          const scores = list.map((r) => r.performance);
          lines.push(
            `| ${build.name} | ${page || '/'} | ${mid((r) => r.performance)} (${Math.min(...scores)}–${Math.max(...scores)}) | ${mid((r) => r.tbt)} ms | ${mid((r) => r.lcp)} ms | ${mid((r) => r.fcp)} ms | ${mid((r) => r.accessibility)} | ${mid((r) => r.bestPractices)} |`,
          );
        }
      for (const failure of failures) lines.push('', `- ${failure}`);
    }
    const text = lines.join('\n');
    console.log(text);
    if (argv.includes('--write')) {
      const doc = readFileSync(DOC, 'utf8');
      const begin = '<!-- first-epoch:begin -->';
      const end = '<!-- first-epoch:end -->';
      const at = doc.indexOf(begin);
      const to = doc.indexOf(end);
      if (at < 0 || to < 0) throw new Error(`docs/benchmarks.md has no ${begin} … ${end} section`);
      writeFileSync(DOC, `${doc.slice(0, at + begin.length)}\n${text}\n${doc.slice(to)}`);
      log(`wrote ${DOC}`);
    }
    return 0;
  } finally {
    await browser?.close();
    for (const server of servers) server.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href)
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
