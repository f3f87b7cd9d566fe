/**
 * The built site, as a visitor downloads it: the page's own scripts hold no TensorFlow.js (it
 * trains in workers, and 230 KiB gzip of it on the main thread delayed every page), the workers
 * share one copy of it, and what the service worker stores for offline use stays small.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'vite';
import { PAGES } from '../../src/ui/pages';

// Strings that survive minification: a kernel name (in tfjs-core and every backend), a warning of
// tfjs-core's kernel registry, and one of its engine (in tfjs-core alone, once per copy).
const holdsTfjs = (text: string): boolean =>
  text.includes('_FusedMatMul') ||
  text.includes('is already registered') ||
  text.includes('backend was already registered');
const holdsTfjsCore = (text: string): boolean => text.includes('backend was already registered');

let outDir = '';

beforeAll(async () => {
  outDir = mkdtempSync(path.join(tmpdir(), 'tunelab-build-'));
  // vitest runs with NODE_ENV=test, which makes Vite keep React's development build (about 300 KB
  // more); the site a visitor gets is built with NODE_ENV=production, as `npm run build` does.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: path.resolve('vite.config.ts'),
      mode: 'production',
      logLevel: 'silent',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}, 240_000);

afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

const assetNames = (): string[] => readdirSync(path.join(outDir, 'assets'));
const readAsset = (name: string): string => readFileSync(path.join(outDir, 'assets', name), 'utf8');
/** Boot's code, which the build writes into index.html: the page's one inline script. */
function bootCode(): string {
  const html = readFileSync(path.join(outDir, 'index.html'), 'utf8');
  const inline = [...html.matchAll(/<script\b[^>]*>([^<]+)<\/script>/g)].map((match) => match[1]!);
  expect(inline).toHaveLength(1);
  return inline[0]!;
}
/** The chunks boot preloads for each page, from the list the build writes into it. */
function bootPreloads(): Map<string, string[]> {
  const list = /"((?:[\w-]+=[\w.,-]*;?)+)"/.exec(bootCode())?.[1] ?? '';
  return new Map(
    list.split(';').map((entry) => {
      const [page, files] = entry.split('=') as [string, string];
      return [page, files.split(',').filter(Boolean)];
    }),
  );
}
const isWorker = (name: string): boolean => /\.worker-[\w-]+\.js$/.test(name);

/**
 * Every script the page can load on its main thread: the entry and its preloads from index.html,
 * then every chunk a loaded chunk names (static imports, lazy pages and their preload lists),
 * except worker entries, which run in their own threads.
 */
function mainThreadScripts(): string[] {
  const assets = new Set(assetNames().filter((name) => name.endsWith('.js')));
  const html = readFileSync(path.join(outDir, 'index.html'), 'utf8');
  const queue = [...html.matchAll(/assets\/([\w.-]+\.js)/g)].map((m) => m[1]!);
  const seen = new Set<string>();
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (seen.has(name) || isWorker(name) || !assets.has(name)) continue;
    seen.add(name);
    for (const m of readAsset(name).matchAll(/([\w.-]+\.js)/g)) queue.push(m[1]!);
  }
  return [...seen];
}

/** A chunk and every chunk it imports statically: what runs before its module can. */
function staticClosure(chunk: string): string[] {
  const seen = new Set<string>();
  const queue = [chunk];
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    // `import("./x.js")` (lazy) has a parenthesis before its quote; these do not.
    for (const m of readAsset(name).matchAll(/(?:from|import)\s*"\.\/([\w.-]+\.js)"/g)) queue.push(m[1]!);
  }
  return [...seen];
}

describe('the built site', () => {
  it('draws Compare and Tune before the chart library loads', () => {
    // A class name recharts gives every chart's svg: it survives minification.
    const holdsRecharts = (name: string) => readAsset(name).includes('recharts-surface');
    expect(assetNames().some((name) => name.endsWith('.js') && holdsRecharts(name))).toBe(true);
    for (const page of ['ComparePage', 'TunePage']) {
      const chunk = assetNames().find((name) => name.startsWith(`${page}-`) && name.endsWith('.js'))!;
      expect(staticClosure(chunk).filter(holdsRecharts), page).toEqual([]);
    }
  });

  it("draws Compare's lesson and Tune's race settings before the code of what lies below them", () => {
    // Class names and generated text survive minification.
    const below: Record<string, string[]> = {
      // The lane cards, their network view, the sweep.
      ComparePage: ['lane-card', 'network-diagram', 'compare-tools'],
      // The exporters (an Optuna script), the journal import, the Gaussian-process view.
      TunePage: ['import optuna', 'tune-import', 'tune-gp'],
    };
    for (const [page, marks] of Object.entries(below)) {
      const chunk = assetNames().find((name) => name.startsWith(`${page}-`) && name.endsWith('.js'))!;
      const closure = staticClosure(chunk);
      for (const mark of marks) {
        expect(
          closure.filter((name) => readAsset(name).includes(mark)),
          `${page}: ${mark}`,
        ).toEqual([]);
        // Still in the build, loaded later.
        expect(
          assetNames().some((name) => name.endsWith('.js') && readAsset(name).includes(mark)),
          mark,
        ).toBe(true);
      }
    }
  });

  it('loads no TensorFlow.js on the main thread, on any page', () => {
    const scripts = mainThreadScripts();
    expect(scripts.some((name) => name.startsWith('index-'))).toBe(true);
    // The lazily loaded pages are reachable from the entry, so each page's chunks are checked.
    for (const page of ['PlaygroundPage', 'ComparePage', 'TunePage', 'SequencePage']) {
      expect(scripts.some((name) => name.startsWith(`${page}-`))).toBe(true);
    }
    expect(scripts.filter((name) => holdsTfjs(readAsset(name)))).toEqual([]);
  });

  it('ships TensorFlow.js once, shared by every worker that trains', () => {
    const copies = assetNames().filter((name) => name.endsWith('.js') && holdsTfjsCore(readAsset(name)));
    expect(copies).toHaveLength(1);
  });

  it('registers its service worker from the page, late, not from a script in index.html', () => {
    const html = readFileSync(path.join(outDir, 'index.html'), 'utf8');
    expect(html).not.toMatch(/registerSW/);
    // src/offline.ts, in the entry chunk: it waits for the first epoch (or a quiet while) first.
    const entry = assetNames().find((name) => /^index-[\w-]+\.js$/.test(name))!;
    expect(readAsset(entry)).toContain('sw.js');
  });

  it('starts the training worker from a small script in the page itself, ahead of the app', () => {
    const html = readFileSync(path.join(outDir, 'index.html'), 'utf8');
    // No script file to ask for first: boot is the page's only script, written into it.
    expect([...html.matchAll(/<script\b[^>]*\bsrc=/g)]).toEqual([]);
    expect(assetNames().filter((name) => name.startsWith('boot'))).toEqual([]);
    const code = bootCode();
    // async: an inline module script runs at once, not once the whole document is parsed.
    expect(html).toMatch(/<script type="module" async data-entry="[^"]+">/);
    expect(html.indexOf(code)).toBeLessThan(html.indexOf('<link rel="modulepreload"'));
    // A few hundred bytes, gzip, besides the list of every page's chunks.
    expect(gzipSync(code).length).toBeLessThan(1_600);
    // Boot starts the app's entry (once the worker has started); the page preloads it meanwhile.
    const entry = /<script type="module"[^>]*data-entry="\.\/assets\/([\w.-]+\.js)"/.exec(html)?.[1];
    expect(entry).toMatch(/^index-/);
    expect(html).toContain(`<link rel="modulepreload" crossorigin href="./assets/${entry}">`);
  });

  it('runs boot as the page is parsed: it imports no chunk, and starts the one engine worker', () => {
    const code = bootCode();
    // Inline, it resolves the worker and chunks from the assets folder, not from the page's address.
    expect(code).not.toContain('import.meta');
    expect(code).toContain('new URL("./assets/",document.baseURI)');
    // A static or dynamic import would hold boot until that chunk arrived, behind the entry's.
    expect(code).not.toMatch(/\bimport\s*[\s{*("`']|\bfrom\s*["'`]/);
    const workers = assetNames().filter((name) => name.startsWith('engine.worker-'));
    expect(workers).toHaveLength(1);
    expect(code).toContain(workers[0]);
    // The chunks it preloads for the page a link opens are files of this build, for every page.
    const preloads = bootPreloads();
    expect([...preloads.keys()].sort()).toEqual(PAGES.map((page) => page.id).sort());
    expect(preloads.get('playground')!.some((name) => name.startsWith('PlaygroundPage-'))).toBe(true);
    expect(preloads.get('compare')!.some((name) => name.startsWith('ComparePage-'))).toBe(true);
    for (const name of [...preloads.values()].flat()) expect(assetNames()).toContain(name);
  });

  it('asks for all the trainer worker needs before its first epoch at once: four scripts and the wasm binary', () => {
    const worker = assetNames().find((name) => /^engine\.worker-[\w-]+\.js$/.test(name))!;
    const first = readAsset(worker);
    const endpoint = /trainer:\(\)=>import\(`\.\/([\w.-]+\.js)`\)/.exec(first)?.[1];
    expect(endpoint).toMatch(/^trainer\.worker-/);
    // The worker's own script, then the trainer endpoint and every chunk it imports.
    const scripts = [...new Set([...staticClosure(worker), ...staticClosure(endpoint!)])];
    const kib = scripts.reduce((sum, name) => sum + gzipSync(readAsset(name)).length, 0) / 1024;
    // Split by who shares what, they were 11 scripts (75 KiB gzip) asked for four levels deep.
    expect(scripts.length).toBeLessThanOrEqual(4);
    expect(kib).toBeLessThanOrEqual(66);
    // The worker's first script names each of them and the SIMD binary, so it asks for all at once.
    for (const name of scripts.filter((name) => name !== worker)) expect(first).toContain(name);
    const simd = assetNames().find((name) => /^tfjs-backend-wasm-simd-[\w-]+\.wasm$/.test(name))!;
    expect(first).toContain(simd);
    // Threads are off: the threaded build is neither built nor carried in the scripts.
    expect(assetNames().filter((name) => name.includes('threaded'))).toEqual([]);
    expect(scripts.filter((name) => readAsset(name).includes('ENVIRONMENT_IS_PTHREAD'))).toEqual([]);
  });

  it("loads the playground's first screen as three chunks, and Compare and Tune only what they share", () => {
    const preloads = bootPreloads();
    const playground = preloads.get('playground')!;
    const named = (name: string) => name.replace(/-[\w-]{8}\.js$/, '');
    // Split by which pages share what, they were fifteen chunks, each a request and a compile task.
    expect(playground.map(named).sort()).toEqual(['PlaygroundPage', 'playground-rest', 'playground-shared']);
    // Nothing more before its first render: the page's chunk imports only those (and the entry).
    const page = playground.find((name) => name.startsWith('PlaygroundPage-'))!;
    const html = readFileSync(path.join(outDir, 'index.html'), 'utf8');
    const entry = /data-entry="\.\/assets\/([\w.-]+\.js)"/.exec(html)![1]!;
    expect(staticClosure(page).sort()).toEqual([...playground, entry].sort());
    // Compare and Tune load the part they share, not the playground's other code.
    for (const id of ['compare', 'tune']) {
      expect(preloads.get(id)!.map(named), id).toContain('playground-shared');
      expect(preloads.get(id)!.map(named), id).not.toContain('playground-rest');
    }
    for (const [id, files] of preloads)
      if (id !== 'playground') expect(files.map(named), id).not.toContain('PlaygroundPage');
  });

  it("loads the app's entry as one script, not a script and eight chunks it imports", () => {
    const html = readFileSync(path.join(outDir, 'index.html'), 'utf8');
    const entry = /data-entry="\.\/assets\/([\w.-]+\.js)"/.exec(html)![1]!;
    expect(staticClosure(entry)).toEqual([entry]);
    expect([...html.matchAll(/rel="modulepreload"/g)]).toHaveLength(1);
  });

  it("opens a page's code without waiting for a stylesheet of its own: the page links the only one", () => {
    const html = readFileSync(path.join(outDir, 'index.html'), 'utf8');
    const sheets = assetNames().filter((name) => name.endsWith('.css'));
    expect(sheets).toHaveLength(1);
    expect(html).toContain(`rel="stylesheet" crossorigin href="./assets/${sheets[0]}"`);
  });

  it("leaves out zod's JSON Schema output, which nothing asks for: validation alone loads", () => {
    // The draft URL every JSON Schema zod writes starts with.
    const scripts = assetNames().filter((name) => name.endsWith('.js'));
    expect(scripts.filter((name) => readAsset(name).includes('json-schema.org'))).toEqual([]);
  });

  it('compiles no code at run time, which the CSP refuses (zod classic probed for it on every load)', () => {
    const scripts = assetNames().filter((name) => name.endsWith('.js'));
    expect(scripts.filter((name) => /\bnew Function\b|\beval\(/.test(readAsset(name)))).toEqual([]);
  });

  it("preloads the playground's first screen only: no exporter, data page, export menu or chart library", () => {
    const listed = bootPreloads().get('playground')!;
    // Strings that survive minification: the PyTorch script's first line, class names of the data
    // page, the export menu and the wrapper of every recharts chart.
    const later = ['import torch', 'data-page', 'export-menu-details', 'recharts-wrapper'];
    for (const text of later) {
      // Each is in the build, loaded when the page needs it…
      expect(
        assetNames().some((name) => name.endsWith('.js') && readAsset(name).includes(text)),
        text,
      ).toBe(true);
      // …and not among what boot asks for before the playground's first render.
      expect(
        listed.filter((name) => readAsset(name).includes(text)),
        text,
      ).toEqual([]);
    }
  });

  it('draws the export menu without its exporters: they load when the menu first opens', () => {
    const scripts = assetNames().filter((name) => name.endsWith('.js'));
    const menu = scripts.find((name) => readAsset(name).includes('export-menu-details'))!;
    const withMenu = staticClosure(menu);
    // The PyTorch and Keras scripts' imports, each in the build behind the menu's lazy import.
    for (const text of ['import torch', 'import keras']) {
      expect(
        scripts.some((name) => readAsset(name).includes(text)),
        text,
      ).toBe(true);
      expect(
        withMenu.filter((name) => readAsset(name).includes(text)),
        text,
      ).toEqual([]);
    }
  });

  it('precaches at most 3 MB for offline use, with the one wasm binary the workers load', () => {
    const sw = readFileSync(path.join(outDir, 'sw.js'), 'utf8');
    const urls = [...sw.matchAll(/["']?url["']?\s*:\s*["']([^"']+)["']/g)].map((m) => m[1]!);
    expect(urls).toContain('index.html');
    expect(urls.some((url) => url.includes('engine.worker-'))).toBe(true);
    const bytes = urls.reduce((sum, url) => sum + statSync(path.join(outDir, url)).size, 0);
    expect(bytes).toBeLessThanOrEqual(3_000_000);
    expect(urls.filter((url) => url.endsWith('.wasm'))).toEqual([
      expect.stringMatching(/tfjs-backend-wasm-simd-[\w-]+\.wasm$/),
    ]);
  });
});
