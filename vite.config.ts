import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { pwaOptions } from './src/pwa.config';
import { contentSecurityPolicy, headerPolicyOf, metaPolicyOf } from './src/csp.config';

// Cross-origin isolation lets the wasm backend use threads (SharedArrayBuffer); every asset we
// load is our own, so require-corp costs nothing.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * The policy as the first thing in the built page's <head>, before any script can load. (Boot's
 * hash is added once boot is inlined, in bootScript below.)
 */
const policyMeta: Plugin = {
  name: 'tunelab-content-security-policy',
  apply: 'build',
  transformIndexHtml: () => [
    {
      tag: 'meta',
      attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy() },
      injectTo: 'head-prepend',
    },
  ],
};

/** `vite preview` sends the built page's own policy as a header too (its hash changes per build). */
const policyHeader: Plugin = {
  name: 'tunelab-content-security-policy-header',
  configurePreviewServer(server) {
    const page = path.resolve(server.config.root, server.config.build.outDir, 'index.html');
    server.middlewares.use((_request, response, next) => {
      if (existsSync(page))
        response.setHeader('Content-Security-Policy', headerPolicyOf(readFileSync(page, 'utf8')));
      next();
    });
  },
};

const escapeAttribute = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/**
 * src/boot.ts as a script of its own, first in the page: a few hundred bytes that start the
 * training worker while the browser is still fetching and parsing the app's chunks. (Listed in
 * index.html, Vite would fold it into the app's entry, which runs only once all of React has loaded.)
 * Built as a chunk of its own, then written into index.html: as a file, the page asked for it only
 * once the browser had started parsing, and it ran 60-80 ms later, the worker with it (2 cores,
 * `npm run bench:first-epoch`). Its SHA-256 goes into the page's policy, the only inline script
 * the policy allows.
 */
const BOOT = 'src/boot.ts';
/**
 * Each page's module by its id in the hash (src/ui/pages.tsx): boot preloads the chunks of the page
 * a link opens, which React would otherwise ask for only once the entry has run. A bundle test
 * checks that every page of PAGES is here.
 */
const PAGE_MODULES: Record<string, string> = {
  playground: 'src/ui/playground/PlaygroundPage.tsx',
  compare: 'src/ui/compare/ComparePage.tsx',
  tune: 'src/ui/tune/TunePage.tsx',
  sequences: 'src/ui/sequence/SequencePage.tsx',
  data: 'src/ui/data/DataPage.tsx',
  history: 'src/ui/history/HistoryPage.tsx',
};
/**
 * Everything reachable from `from` by `next` (the imports of a chunk, or of a module), `from`
 * included, in depth-first order: the order boot and the worker then ask for the chunks in.
 */
function closure(
  from: readonly string[],
  next: (item: string) => readonly string[],
  into = new Set<string>(),
) {
  for (const item of from) if (!into.has(item)) closure(next(item), next, into.add(item));
  return into;
}

let building = false;
const bootScript: Plugin = {
  name: 'tunelab-boot-script',
  configResolved(config) {
    building = config.command === 'build';
  },
  buildStart() {
    // The dev server serves the module itself (`/src/boot.ts`).
    if (building) this.emitFile({ type: 'chunk', id: BOOT, name: 'boot' });
  },
  generateBundle: {
    // After Vite's own, which drops the chunks that only carried CSS.
    order: 'post',
    handler(_options, bundle) {
      // Boot preloads the opened page's chunks by name, and imports nothing (src/boot.ts says why).
      const chunks = Object.values(bundle).filter((item) => item.type === 'chunk');
      const boot = chunks.find((chunk) => chunk.isEntry && chunk.facadeModuleId?.endsWith(BOOT));
      if (!boot) return;
      const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
      const reach = (from: string[]) => closure(from, (file) => byName.get(file)?.imports ?? []);
      // What the entry imports, the page's own <link rel="modulepreload">s already ask for.
      const entry = reach(chunks.filter((c) => c.isEntry && c !== boot).map((c) => c.fileName));
      const dir = path.posix.dirname(boot.fileName);
      const lists = Object.entries(PAGE_MODULES).map(([id, module]) => {
        // The chunk that holds the page's module (a group's chunk has no facade of its own).
        const page = chunks.find((chunk) => chunk.moduleIds.some((id) => id.endsWith(module)));
        if (!page) this.error(`vite.config.ts: no chunk for the page ${id} (${module})`);
        const files = [...reach([page.fileName])].filter((file) => !entry.has(file));
        return `${id}=${files.map((file) => path.posix.relative(dir, file)).join(',')}`;
      });
      const placeholder = /([`'"])__tunelab_page_chunks__\1/;
      if (!placeholder.test(boot.code)) this.error('src/boot.ts lost its page chunk placeholder');
      const code = boot.code.replace(placeholder, JSON.stringify(lists.join(';')));

      const page = bundle['index.html'];
      if (page?.type !== 'asset' || typeof page.source !== 'string')
        this.error('no index.html to inline boot into');
      const tag = new RegExp(
        `<script ([^>]*) src="\\./${boot.fileName.replace(/[.\\/]/g, '\\$&')}"></script>`,
      );
      const attributes = tag.exec(page.source)?.[1];
      if (attributes === undefined) this.error("index.html lost boot's script tag");
      // Inline, `import.meta.url` is the page's address; boot's URLs are relative to its folder.
      if (!code.includes('import.meta.url'))
        this.error('boot no longer resolves its files by import.meta.url');
      const inline = `const bootFolder=new URL(${JSON.stringify(`./${dir}/`)},document.baseURI).href;${code
        .trim()
        .replaceAll('import.meta.url', 'bootFolder')}`;
      if (/import\.meta|<\/script/i.test(inline)) this.error('boot cannot be inlined as it is');
      const hash = createHash('sha256').update(inline).digest('base64');
      const kept = attributes.replace(/\s*(fetchpriority="high"|crossorigin)/g, '');
      page.source = page.source
        .replace(tag, () => `<script ${kept}>${inline}</script>`)
        .replace(
          /(<meta http-equiv="Content-Security-Policy" content=")[^"]*"/,
          (_, start: string) => `${start}${escapeAttribute(contentSecurityPolicy([hash]))}"`,
        );
      // A policy without boot's hash would refuse boot, and boot starts the app: a blank page.
      if (!metaPolicyOf(page.source)?.includes(`'sha256-${hash}'`))
        this.error("index.html's policy did not take boot's hash");
      delete bundle[boot.fileName];
    },
  },
  transformIndexHtml: {
    order: 'post',
    handler(html, context) {
      const chunk = Object.values(context.bundle ?? {}).find(
        (item) => item.type === 'chunk' && item.isEntry && item.facadeModuleId?.endsWith(BOOT),
      );
      // async: it runs as soon as it can (inlined, once the parser reaches it), not after the
      // document is parsed and the stylesheet loaded, as the app's deferred entry does (a trace had
      // it wait 1.7 s for them).
      // The built page's entry is started by boot (src/boot.ts says when): here it is only
      // preloaded, so it is fetched with the page as before.
      const entryTag = /<script type="module" crossorigin src="(\.\/assets\/[^"]+\.js)"><\/script>/.exec(
        html,
      );
      let startedByBoot = '';
      if (chunk && entryTag) {
        html = html.replace(entryTag[0], `<link rel="modulepreload" crossorigin href="${entryTag[1]}">`);
        startedByBoot = ` data-entry="${entryTag[1]}"`;
      }
      const tag = `<script type="module" async fetchpriority="high" crossorigin${startedByBoot} src="${chunk ? `./${chunk.fileName}` : `/${BOOT}`}"></script>`;
      // Ahead of the app's entry, so the browser asks for it first.
      const entry = html.search(/<script type="module"|<link rel="modulepreload"/);
      return entry < 0
        ? html.replace('</head>', `${tag}\n</head>`)
        : `${html.slice(0, entry)}${tag}\n    ${html.slice(entry)}`;
    },
  },
};

/**
 * The modules a shared link's first screen runs, in three chunks instead of fifteen. Split by which
 * pages share what (the bundler's default), the playground was fifteen chunks of 0.1-8 KiB, and on
 * a 2-core machine each cost the page a request to answer and a task to compile
 * (`npm run bench:first-epoch`). The three:
 * - `playground-shared`: what Compare's or Tune's first screen also runs (both load it anyway);
 * - `playground-rest`: what other pages run too, or load later (Compare's boundary pictures);
 * - the playground's own.
 * One shared chunk was tried: Compare and Tune then loaded 14-15 KiB gzip more, which the second
 * split takes back (0.4 and 2.1 KiB more than with the bundler's chunks; the Data and History
 * pages, which need part of the rest, 9-15 KiB more). Worked out when the module graph is
 * complete, before the bundler makes chunks.
 */
type FirstScreenPart = 'own' | 'shared' | 'rest';
const firstScreen = new Map<string, FirstScreenPart>();
const firstScreenChunks: Plugin = {
  name: 'tunelab-first-screen-chunks',
  apply: 'build',
  buildEnd() {
    const ids = [...this.getModuleIds()];
    const find = (suffix: string) => ids.find((id) => id.replace(/\\/g, '/').endsWith(suffix));
    /** What runs once these modules have: their static imports and theirs (lazy ones too). */
    const reach = (modules: string[], lazy: boolean) =>
      closure(
        modules.flatMap((module) => find(module) ?? []),
        (id) => {
          const info = this.getModuleInfo(id);
          return [...(info?.importedIds ?? []), ...(lazy ? (info?.dynamicallyImportedIds ?? []) : [])];
        },
      );
    const pages = (ids: string[]) => ids.map((id) => PAGE_MODULES[id]!);
    const entry = reach(['src/main.tsx'], false);
    const nearby = reach(pages(['compare', 'tune']), false);
    const elsewhere = reach(pages(Object.keys(PAGE_MODULES).filter((id) => id !== 'playground')), true);
    firstScreen.clear();
    for (const id of reach(pages(['playground']), false)) {
      if (entry.has(id)) continue;
      firstScreen.set(id, nearby.has(id) ? 'shared' : elsewhere.has(id) ? 'rest' : 'own');
    }
  },
};

/**
 * tfjs-backend-wasm's threaded build, left out of the worker's bundle: the workers turn threads
 * off (src/workers/backend.ts), so tfjs never calls its factory, and its 65 KB of JavaScript and
 * the pthread worker's source would only ride along with the trainer's first scripts.
 */
const THREADED_WASM_JS =
  /[\\/]tfjs-backend-wasm[\\/]wasm-out[\\/]tfjs-backend-wasm-threaded-simd(\.worker)?\.js$/;
const threadlessWasm: Plugin = {
  name: 'tunelab-threadless-wasm',
  apply: 'build',
  load(id) {
    const match = THREADED_WASM_JS.exec(id);
    if (!match) return null;
    return match[1]
      ? 'export const wasmWorkerContents = "";'
      : 'export default function () { throw new Error("tfjs-backend-wasm\'s threaded build is not bundled"); }';
  },
};

/**
 * Modules that only the cpu backend runs, though tfjs-core's barrels (`backend_util`, `util`)
 * re-export them to everyone: kept out of the trainer's chunk, in the cpu backend's own.
 */
const CPU_BACKEND_ONLY =
  /[\\/]node_modules[\\/](long|seedrandom)[\\/]|[\\/]tfjs-core[\\/]dist[\\/](hash_util|backends[\\/](einsum_util|complex_util|non_max_suppression_impl)|ops[\\/](array_ops_util|ragged_to_dense_util|segment_util|gather_nd_util|split_util|rotate_util|scatter_nd_util|erf_util)\.js$|ops[\\/]sparse[\\/])/;

/**
 * The trainer endpoint's chunks and the wasm binaries' file names, written into the engine worker's
 * first script (src/workers/trainer-early.ts asks for them from its first line).
 */
const trainerEarly: Plugin = {
  name: 'tunelab-trainer-early',
  apply: 'build',
  generateBundle: {
    order: 'post',
    handler(_options, bundle) {
      const items = Object.values(bundle);
      const worker = items.find(
        (item) => item.type === 'chunk' && item.isEntry && item.facadeModuleId?.endsWith('engine.worker.ts'),
      );
      if (worker?.type !== 'chunk') return;
      // The chunks that load the binaries name them, beside themselves (as the worker is).
      const code = items.map((item) => (item.type === 'chunk' ? item.code : '')).join('\n');
      const simd = /tfjs-backend-wasm-simd-[\w-]+\.wasm/.exec(code)?.[0];
      const plain = /tfjs-backend-wasm-(?!simd|threaded)[\w-]+\.wasm/.exec(code)?.[0];
      if (!simd || !plain) this.error('the worker bundle names no wasm binary');
      const chunks = new Map(
        items.flatMap((item) => (item.type === 'chunk' ? [[item.fileName, item] as const] : [])),
      );
      const trainer = [...chunks.values()].find((chunk) =>
        chunk.facadeModuleId?.endsWith('trainer.worker.ts'),
      );
      if (!trainer) this.error('the worker bundle has no trainer endpoint');
      const imported = closure([trainer.fileName], (file) => chunks.get(file)?.imports ?? []);
      const dir = path.posix.dirname(worker.fileName);
      const values: Record<string, string> = {
        simd_wasm: simd,
        plain_wasm: plain,
        trainer_chunks: [...imported].map((file) => path.posix.relative(dir, file)).join(','),
      };
      for (const [name, value] of Object.entries(values)) {
        const placeholder = new RegExp(`([\`'"])__tunelab_${name}__\\1`);
        if (!placeholder.test(worker.code)) this.error('src/workers/trainer-early.ts lost its placeholders');
        worker.code = worker.code.replace(placeholder, JSON.stringify(value));
      }
    },
  },
};

export default defineConfig({
  // Relative asset paths: the built site runs from any static host under any sub-path.
  base: './',
  // The service worker makes the built site work offline after the first visit (off in dev).
  plugins: [react(), VitePWA(pwaOptions), policyMeta, policyHeader, bootScript, firstScreenChunks],
  worker: {
    format: 'es',
    plugins: () => [threadlessWasm, trainerEarly],
    rolldownOptions: {
      output: {
        codeSplitting: {
          // The trainer endpoint and everything it imports, as one chunk: a shared link's first
          // epoch waits on it, and split by who shares what (the default) it was ten chunks that
          // the worker asked for four levels deep, each level once the one before had run. The
          // tuner and sequence endpoints import their shared part from it; the cpu backend, loaded
          // only where wasm cannot start, stays a chunk of its own.
          groups: [
            {
              name: 'cpu',
              test: CPU_BACKEND_ONLY,
              priority: 1,
              includeDependenciesRecursively: false,
            },
            // With the bundler's runtime helpers, which would otherwise be one more small request.
            {
              name: 'trainer',
              test: /[\\/]src[\\/]workers[\\/]trainer-endpoint\.ts$|^\0rolldown[\\/]runtime/,
            },
          ],
        },
      },
    },
  },
  // tfjs' custom-bundle set-up: the packages that import tfjs-core whole (the backends, their kernels)
  // get its ops without the optimizers' registration the package index adds; the engine sets the
  // rest up itself (src/core/tf.ts).
  build: {
    // One stylesheet for every page (about 5 KiB gzip), linked from the page: split per page, a lazy
    // page's import waited for its own stylesheet as well, and a trace of a shared link had the
    // playground's code sit 380 ms after it arrived, until network.css and data.css had come.
    cssCodeSplit: false,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Everything the app's entry imports, as one chunk: React, the stores, the link codec and
          // zod load on every page, and split by which lazy page shares them (the default) they were
          // eight files the page asked for at once, each a request of its own.
          // (Boot stays a file of its own: it runs first, and imports nothing.)
          groups: [
            { name: 'app', tags: ['$initial'], test: (id) => !id.endsWith(BOOT), priority: 1 },
            // The playground's first screen (firstScreenChunks above).
            ...(['shared', 'rest', 'own'] as const).map((part) => ({
              name: part === 'own' ? 'PlaygroundPage' : `playground-${part}`,
              test: (id: string) => firstScreen.get(id) === part,
              includeDependenciesRecursively: false,
            })),
          ],
        },
      },
    },
  },
  resolve: { alias: [{ find: /^@tensorflow\/tfjs-core$/, replacement: '@tensorflow/tfjs-core/dist/base' }] },
  server: { headers: isolation },
  preview: { headers: isolation },
});
