/**
 * The page's first script, run before React and the app's entry have loaded; the build writes it
 * into index.html (vite.config.ts), so it runs as the page is parsed, without a request first. Its
 * files resolve from `import.meta.url`, which the build points at the assets folder. On the playground
 * (the page a shared link opens) it starts the training worker at once, so TensorFlow.js and the
 * wasm backend load and compile in the worker while the main thread is still fetching and parsing,
 * and asks for the playground's chunks alongside the entry instead of after React's first render.
 * The playground's session takes that worker over (src/workers/engine.ts).
 *
 * It imports nothing: an import of a shared chunk holds its evaluation until that chunk arrives, and
 * over HTTP/1.1 that chunk waits behind the entry's preloads (a trace had boot run 400 ms after it
 * arrived). The worker's URL is the one engine.ts uses, so Vite builds one worker for both.
 */

performance.mark('tunelab:boot');

/** Filled in by the build (vite.config.ts): `page=chunk,chunk;page=…` for every page. */
const PAGE_CHUNKS = '__tunelab_page_chunks__';

/**
 * Chromium starts a worker's thread from the page's main thread once the worker's script has
 * arrived, and the app's entry holds that thread for most of a second while it evaluates (traced
 * at load 15-17: the script in at 1.30 s, the thread started at 2.01 s, after the entry's 870 ms
 * task). So the built page's entry is started here (vite.config.ts leaves it preloaded only):
 * once the worker's script shows in the page's resource timing, a task later; at most
 * WORKER_WAIT_MS, so a slow worker does not hold the page back.
 */
const WORKER_WAIT_MS = 300;

function workerScriptArrived(): Promise<void> {
  return new Promise((resolve) => {
    let observer: PerformanceObserver | null = null;
    const done = () => {
      observer?.disconnect();
      setTimeout(resolve, 0);
    };
    if (typeof PerformanceObserver === 'function') {
      observer = new PerformanceObserver((list) => {
        if (list.getEntries().some((entry) => entry.name.includes('engine.worker'))) done();
      });
      observer.observe({ type: 'resource', buffered: true });
    }
    setTimeout(done, WORKER_WAIT_MS);
  });
}

/** Runs the app's entry, as its deferred script tag would have: once the document is parsed. */
function startApp(): void {
  const entry = document.querySelector<HTMLScriptElement>('script[data-entry]')?.dataset.entry;
  if (!entry) return;
  const run = () => {
    const script = document.createElement('script');
    script.type = 'module';
    script.crossOrigin = '';
    script.src = entry;
    document.head.append(script);
  };
  if (document.readyState === 'loading') addEventListener('DOMContentLoaded', run, { once: true });
  else run();
}

/**
 * Preloaded, not imported: the page imports them when React asks, and evaluating them here would
 * only hold the main thread longer before the entry's own work. Without this the page's chunks
 * are asked for only once the entry has run (React's first render), and a link to #compare
 * painted its lesson that much later.
 */
function preloadPage(id: string): void {
  if (PAGE_CHUNKS.startsWith('__')) return; // the dev server: no chunks
  const pages = new Map(PAGE_CHUNKS.split(';').map((entry) => entry.split('=') as [string, string]));
  // An unknown page opens the playground (src/ui/pages.tsx's pageById).
  const files = pages.get(id) ?? pages.get('playground') ?? '';
  for (const file of files.split(',').filter(Boolean)) {
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.crossOrigin = '';
    link.fetchPriority = 'low';
    link.href = new URL(file, import.meta.url).href;
    document.head.append(link);
  }
}

const page = /^#?([^/]*)/.exec(location.hash)?.[1] || 'playground';
if (page !== 'playground' || typeof Worker === 'undefined') startApp();
else {
  performance.mark('tunelab:worker-created');
  window.tunelabEarlyWorker = {
    endpoint: 'trainer',
    worker: new Worker(new URL('./workers/engine.worker.ts', import.meta.url), {
      type: 'module',
      name: 'trainer',
    }),
  };
  void workerScriptArrived().then(startApp);
}
// In a task of its own: asking for twenty-odd chunks took as long as starting the worker (35 ms
// together in a Lighthouse trace), and neither needs to wait for the other.
setTimeout(() => preloadPage(page));
