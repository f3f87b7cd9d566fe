/**
 * The Chromium half of `npm run bench`. Two production builds into a temporary folder — the
 * bench-only page (bench/browser, never part of the app's bundle) and the app itself — served by
 * `vite preview` with the app's cross-origin isolation headers, driven by headless Chromium:
 * - in the bench page's worker: the floor and the engine (cpu, wasm) for one network and populations;
 * - on the real app: the longest main-thread task while training, the time from navigation to the
 *   first epoch on screen, and the gzip size of the JS the page loads before it can train.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Browser, Request } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';
import { DEFAULT_CONFIG } from '../src/core/config/parameters';
import { emptyLinkState, encodeLink } from '../src/core/link/codec';
import { CHROMIUM_PATH, launchBrowser } from '../tests/e2e/chromium';
import type { BenchRequest } from './browser/protocol';
import { FULL, QUICK } from './figures';
import { studyRow, studySize, throughputRow } from './node';
import type { Row } from './report';
import { POPULATION_SIZES } from './workload';
import { measureNetworkView } from './network-view';
import { buildApp } from './build-app';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BENCH_PAGE = path.join(ROOT, 'bench/browser');
const APP_CONFIG = path.join(ROOT, 'vite.config.ts');
const ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};
/** How long the page trains while its main thread is watched (a 10-second run). */
const TRAINING_WINDOW_MS = 10_000;
const PAGE_EPOCHS = 5000;
const STEADY_AFTER_MS = 2000;

export interface BrowserBench {
  rows: Row[];
  notes: string[];
}

export interface BrowserBenchOptions {
  quick: boolean;
  log?: (line: string) => void;
  /** Skip the app's page metrics (worker figures only). */
  skipPage?: boolean;
  /** Measure this one figure in the worker and nothing else. */
  only?: 'landscape';
}

export async function runBrowserBench(options: BrowserBenchOptions): Promise<BrowserBench> {
  const log = options.log ?? (() => undefined);
  const rows: Row[] = [];
  const notes: string[] = [];
  if (!existsSync(CHROMIUM_PATH))
    return { rows, notes: [`No Chromium at ${CHROMIUM_PATH}: browser figures skipped.`] };
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'tunelab-bench-'));
  const servers: PreviewServer[] = [];
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
    log('building the bench page…');
    const benchOut = path.join(scratch, 'bench-page');
    await build({
      configFile: false,
      root: BENCH_PAGE,
      base: './',
      // Rolldown's chunking and plugin-timing advice is noise here; errors still show.
      logLevel: 'error',
      worker: { format: 'es' },
      build: { outDir: benchOut, emptyOutDir: true, chunkSizeWarningLimit: 10_000 },
    });
    const benchServer = await preview({
      configFile: false,
      root: BENCH_PAGE,
      logLevel: 'warn',
      build: { outDir: benchOut },
      preview: { host: '127.0.0.1', port: 0, headers: ISOLATION },
    });
    servers.push(benchServer);
    const worker = await measureInWorker(browser, serverUrl(benchServer), options.quick, log, options.only);
    rows.push(...worker.rows);
    notes.push(...worker.notes);

    if (options.skipPage || options.only) {
      notes.push('Page metrics skipped.');
    } else {
      // The app is other people's work in progress: if it does not build or load, say so and keep
      // the worker figures.
      try {
        log('building the app…');
        const appOut = path.join(scratch, 'app');
        await buildApp(appOut);
        const appServer = await preview({
          configFile: APP_CONFIG,
          root: ROOT,
          logLevel: 'warn',
          build: { outDir: appOut },
          preview: { host: '127.0.0.1', port: 0 },
        });
        servers.push(appServer);
        const page = await measurePage(browser, serverUrl(appServer), appOut, log);
        rows.push(...page.rows);
        notes.push(...page.notes);
        const networkView = await measureNetworkView(browser, serverUrl(appServer), log);
        rows.push(...networkView.rows);
        notes.push(...networkView.notes);
      } catch (error) {
        notes.push(
          `Page metrics failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
        );
      }
    }
  } finally {
    await browser?.close();
    for (const server of servers) await server.close();
    rmSync(scratch, { recursive: true, force: true });
  }
  return { rows, notes };
}

function serverUrl(server: PreviewServer): string {
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report its address');
  return url;
}

async function measureInWorker(
  browser: Browser,
  url: string,
  quick: boolean,
  log: (line: string) => void,
  only?: 'landscape',
): Promise<BrowserBench> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
    else if (message.text().startsWith('[bench worker]')) log(`chromium worker: ${message.text().slice(15)}`);
  });
  try {
    await page.goto(url);
    const request: BenchRequest = {
      settings: quick ? QUICK : FULL,
      backends: ['cpu', 'wasm'],
      populations: [1, ...POPULATION_SIZES],
      study: studySize(quick),
      ...(only ? { only } : {}),
    };
    const result = await page.evaluate((r) => window.tunelabBench(r), request);
    const floor = result.floor;
    const rows = floor
      ? [floor, ...result.engines].map((t) => throughputRow('Chromium worker', t, floor))
      : [];
    if (result.study && floor)
      rows.push(studyRow('Chromium worker', result.study.figure, result.study.floorBeside, floor));
    if (result.landscape) {
      const l = result.landscape;
      rows.push({
        environment: 'Chromium worker',
        figure: `${l.resolution}×${l.resolution} loss landscape`,
        engine: 'wasm',
        value: l.milliseconds,
        unit: 'ms',
        ratio: null,
        detail: `default network after 100 epochs, target ≤ 1,000 ms; = ${(l.milliseconds / l.epochMilliseconds).toFixed(1)} training epochs of it (${l.epochMilliseconds.toFixed(1)} ms each) timed in the same run`,
      });
    }
    const env = result.environment;
    const notes = [
      `Chromium worker: crossOriginIsolated ${env.crossOriginIsolated}; wasm ${env.wasmError ? `failed to start (${env.wasmError})` : `SIMD ${env.wasmSimd}, threads ${env.wasmThreads}`}; ${await page.evaluate(() => navigator.userAgent)}.`,
    ];
    if (errors.length > 0) notes.push(`Bench page console errors: ${errors.join(' | ')}`);
    return { rows, notes };
  } finally {
    await context.close();
  }
}

/** Reads the epoch shown in a `role="status"` readout, in English or Chinese. */
export function epochFromStatus(text: string): number | null {
  const match = /(?:epoch|轮次|轮)\D{0,8}?(\d+)/i.exec(text) ?? /第\s*(\d+)\s*轮/.exec(text);
  return match ? Number(match[1]) : null;
}

interface ScriptLoad {
  url: string;
  fromWorker: boolean;
}

async function measurePage(
  browser: Browser,
  url: string,
  outDir: string,
  log: (line: string) => void,
): Promise<BrowserBench> {
  const rows: Row[] = [];
  const notes: string[] = [];
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // Installed before any script of the page runs, so no long task escapes (buffered as well).
  await context.addInitScript(() => {
    const tasks: { start: number; duration: number }[] = [];
    (window as unknown as { __longTasks: typeof tasks }).__longTasks = tasks;
    try {
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries())
          tasks.push({ start: entry.startTime, duration: entry.duration });
      }).observe({ type: 'longtask', buffered: true });
    } catch {
      // No longtask support: the bench reports that no task was seen.
    }
    // Long animation frames name the scripts that ran in them (long tasks do not): where the time goes.
    const frames: {
      start: number;
      duration: number;
      scripts: { invoker: string; source: string; duration: number }[];
    }[] = [];
    (window as unknown as { __longFrames: typeof frames }).__longFrames = frames;
    try {
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & {
          scripts?: { invoker: string; sourceURL: string; sourceFunctionName: string; duration: number }[];
        })[]) {
          frames.push({
            start: entry.startTime,
            duration: entry.duration,
            scripts: (entry.scripts ?? []).map((script) => ({
              invoker: script.invoker,
              source: `${script.sourceURL.split('/').pop() ?? ''}${script.sourceFunctionName ? ` ${script.sourceFunctionName}` : ''}`,
              duration: script.duration,
            })),
          });
        }
      }).observe({ type: 'long-animation-frame', buffered: true });
    } catch {
      // No long-animation-frame support: no attribution.
    }
    // Counts paints onto canvases in the document: the decision boundary puts its pixels on a
    // canvas of its own resolution once per refresh (src/ui/charts/BoundaryCanvas.tsx); drawImage
    // too, for the pictures drawn by copying.
    const draws: number[] = [];
    (window as unknown as { __canvasDraws: number[] }).__canvasDraws = draws;
    const prototype = CanvasRenderingContext2D.prototype;
    for (const name of ['drawImage', 'putImageData'] as const) {
      const original = prototype[name] as (...a: unknown[]) => void;
      (prototype as unknown as Record<string, unknown>)[name] = function (
        this: CanvasRenderingContext2D,
        ...args: unknown[]
      ) {
        if (this.canvas.isConnected) draws.push(performance.now());
        return original.apply(this, args);
      };
    }
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  const scripts: ScriptLoad[] = [];
  let trainingStarted = false;
  const record = (fromWorker: boolean) => (request: Request) => {
    if (trainingStarted) return;
    const pathname = new URL(request.url()).pathname;
    if (/\.(m?js|wasm)$/.test(pathname)) scripts.push({ url: request.url(), fromWorker });
  };
  page.on('request', record(false));
  page.on('worker', (worker) => {
    scripts.push({ url: worker.url(), fromWorker: true });
  });
  try {
    log('app page: navigation…');
    // The default experiment with a budget no page finishes in the window, through a share link:
    // the window must be ten seconds of training, not a finished run and an idle page.
    const link = encodeLink(emptyLinkState({ ...DEFAULT_CONFIG, epochs: PAGE_EPOCHS }));
    await page.goto(`${url}#playground/${link}`, { waitUntil: 'commit' });
    const play = page.getByRole('button', { name: /play/i }).first();
    try {
      await play.waitFor({ state: 'visible', timeout: 20_000 });
    } catch {
      notes.push(
        'Page metrics skipped: the app shows no Play button yet (the playground page was not ready when this ran).',
      );
      return { rows, notes };
    }
    const clickedAt = await page.evaluate(() => performance.now());
    await play.click();
    const firstEpochAt = await page
      .waitForFunction(
        (source) => {
          const read = new Function('text', `return (${source})(text)`) as (text: string) => number | null;
          for (const status of document.querySelectorAll('[role="status"]')) {
            const epoch = read(status.textContent ?? '');
            if (epoch !== null && epoch >= 1) return performance.now();
          }
          return false;
        },
        epochFromStatus.toString(),
        { polling: 'raf', timeout: 30_000 },
      )
      .then((handle) => handle.jsonValue() as Promise<number>)
      .catch(() => null);
    trainingStarted = true;
    if (firstEpochAt === null) {
      notes.push('Page metrics skipped: after Play, no role="status" readout showed an epoch within 30 s.');
      return { rows, notes };
    }
    rows.push({
      environment: 'Chromium page',
      figure: 'navigation to first epoch on screen',
      engine: 'app',
      value: firstEpochAt,
      unit: 'ms',
      ratio: null,
      detail: `Play pressed at ${Math.round(clickedAt)} ms (as soon as it appeared); first epoch ${Math.round(firstEpochAt - clickedAt)} ms later`,
    });

    const elapsed = (await page.evaluate(() => performance.now())) - clickedAt;
    await page.waitForTimeout(Math.max(0, TRAINING_WINDOW_MS - elapsed));
    const end = await page.evaluate((source) => {
      const read = new Function('text', `return (${source})(text)`) as (text: string) => number | null;
      const epochs = [...document.querySelectorAll('[role="status"]')]
        .map((s) => read(s.textContent ?? ''))
        .filter((e): e is number => e !== null);
      const state = window as unknown as {
        __longTasks: { start: number; duration: number }[];
        __canvasDraws: number[];
        __longFrames: {
          start: number;
          duration: number;
          scripts: { invoker: string; source: string; duration: number }[];
        }[];
      };
      return {
        now: performance.now(),
        epoch: Math.max(0, ...epochs),
        tasks: state.__longTasks,
        draws: state.__canvasDraws,
        frames: state.__longFrames,
      };
    }, epochFromStatus.toString());
    const during = end.tasks.filter((t) => t.start >= clickedAt);
    const before = end.tasks.filter((t) => t.start < clickedAt);
    const longest = Math.max(0, ...during.map((t) => t.duration));
    rows.push({
      environment: 'Chromium page',
      figure: 'longest main-thread task while training',
      engine: 'app',
      value: longest,
      unit: 'ms',
      ratio: null,
      detail: `load average ${os.loadavg()[0]!.toFixed(1)} on ${os.availableParallelism()} cores; ${during.length} long tasks (> 50 ms) in ${((end.now - clickedAt) / 1000).toFixed(1)} s of training after Play; while loading, before Play: ${before.length}, longest ${Math.round(Math.max(0, ...before.map((t) => t.duration)))} ms`,
    });
    // The first render of the charts lands in the first second; what a student typing into a
    // number input meets is the steady state after it.
    const steady = during.filter((t) => t.start >= clickedAt + STEADY_AFTER_MS);
    rows.push({
      environment: 'Chromium page',
      figure: 'longest main-thread task, steady training',
      engine: 'app',
      value: Math.max(0, ...steady.map((t) => t.duration)),
      unit: 'ms',
      ratio: null,
      detail: `from ${STEADY_AFTER_MS / 1000} s after Play to the end of the window: ${steady.length} long tasks (> 50 ms; 0 means none)`,
    });
    rows.push({
      environment: 'Chromium page',
      figure: 'epochs on screen in the training window',
      engine: 'app',
      value: end.epoch / ((end.now - clickedAt) / 1000),
      unit: 'epochs/s',
      ratio: null,
      detail: `epoch ${end.epoch} shown ${((end.now - clickedAt) / 1000).toFixed(1)} s after Play (start-up included; the default experiment, epochs set to ${PAGE_EPOCHS} by a share link)`,
    });

    const longestFrames = end.frames
      .filter((f) => f.start >= clickedAt)
      .sort((a, b) => b.duration - a.duration)
      .slice(0, 3);
    if (longestFrames.length > 0) {
      const describe = (f: (typeof longestFrames)[number]) =>
        `${Math.round(f.duration)} ms at ${((f.start - clickedAt) / 1000).toFixed(1)} s after Play: ${
          f.scripts
            .sort((a, b) => b.duration - a.duration)
            .slice(0, 3)
            .map((script) => `${script.invoker} in ${script.source || '?'} ${Math.round(script.duration)} ms`)
            .join(', ') || 'no script attributed (style, layout, paint)'
        }`;
      notes.push(
        `Longest animation frames while training (Long Animation Frames API; MessagePort.onmessage on the main thread is React's scheduler, FrameRequestCallback a requestAnimationFrame): ${longestFrames.map(describe).join('; ')}.`,
      );
    }
    // Paints within 4 ms of each other belong to one refresh.
    const refreshes = end.draws.filter(
      (t, i) => t >= clickedAt && (i === 0 || t - end.draws[i - 1]! > 4),
    ).length;
    rows.push({
      environment: 'Chromium page',
      figure: 'decision boundary refreshes while training',
      engine: 'app',
      value: refreshes / ((end.now - clickedAt) / 1000),
      unit: 'per second',
      ratio: null,
      detail: `${refreshes} canvas repaints (drawImage onto a canvas in the page) in ${((end.now - clickedAt) / 1000).toFixed(1)} s after Play`,
    });

    const sizes = gzipSizes(scripts, url, outDir);
    rows.push(
      {
        environment: 'Chromium page',
        figure: 'JS loaded before training: main thread',
        engine: 'app',
        value: sizes.main.gzip / 1024,
        unit: 'KiB gzip',
        ratio: null,
        detail: `${sizes.main.files} files, ${Math.round(sizes.main.raw / 1024)} KiB raw`,
      },
      {
        environment: 'Chromium page',
        figure: 'JS loaded before training: worker',
        engine: 'app',
        value: sizes.worker.gzip / 1024,
        unit: 'KiB gzip',
        ratio: null,
        detail: `${sizes.worker.files} files, ${Math.round(sizes.worker.raw / 1024)} KiB raw`,
      },
    );
    notes.push(
      `Page JS before the first epoch, main thread: ${sizes.main.list.join(', ')}; worker: ${sizes.worker.list.join(', ') || 'none seen'}.`,
    );
    if (sizes.wasm.files > 0) {
      rows.push({
        environment: 'Chromium page',
        figure: 'wasm loaded before training',
        engine: 'app',
        value: sizes.wasm.gzip / 1024,
        unit: 'KiB gzip',
        ratio: null,
        detail: `${sizes.wasm.files} files, ${Math.round(sizes.wasm.raw / 1024)} KiB raw`,
      });
    }
    if (errors.length > 0)
      notes.push(`App page console errors during the bench: ${errors.slice(0, 3).join(' | ')}`);
  } finally {
    await context.close();
  }
  return { rows, notes };
}

interface SizeTotal {
  files: number;
  raw: number;
  gzip: number;
  /** Each file as `name (n KiB gzip)`, marked when it holds TensorFlow.js. */
  list: string[];
}

/** gzip sizes (zlib's default level, as a static host would serve) of the files the page fetched. */
function gzipSizes(
  scripts: readonly ScriptLoad[],
  baseUrl: string,
  outDir: string,
): { main: SizeTotal; worker: SizeTotal; wasm: SizeTotal } {
  const empty = (): SizeTotal => ({ files: 0, raw: 0, gzip: 0, list: [] });
  const totals = { main: empty(), worker: empty(), wasm: empty() };
  const base = new URL(baseUrl);
  const seen = new Set<string>();
  for (const script of scripts) {
    const url = new URL(script.url);
    if (url.origin !== base.origin || seen.has(url.pathname)) continue;
    seen.add(url.pathname);
    const file = path.join(outDir, decodeURIComponent(url.pathname.slice(base.pathname.length)));
    if (!existsSync(file)) continue;
    const bytes = readFileSync(file);
    const bucket = file.endsWith('.wasm')
      ? totals.wasm
      : script.fromWorker || /worker/i.test(path.basename(file))
        ? totals.worker
        : totals.main;
    const gzip = gzipSync(bytes).length;
    bucket.files += 1;
    bucket.raw += bytes.length;
    bucket.gzip += gzip;
    // tfjs registers its kernels under these names; finding them says the file carries the engine.
    const holdsTfjs = file.endsWith('.js') && bytes.includes('_FusedMatMul') ? ', holds TensorFlow.js' : '';
    bucket.list.push(`${path.basename(file)} (${Math.round(gzip / 1024)} KiB gzip${holdsTfjs})`);
  }
  return totals;
}
