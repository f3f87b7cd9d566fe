/**
 * The page's first script, run before React and the app's entry have loaded. On the playground
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

/** Filled in by the build (vite.config.ts): the playground's chunks, comma-separated. */
const PLAYGROUND_CHUNKS = '__tunelab_playground_chunks__';

const page = /^#?([^/]*)/.exec(location.hash)?.[1] ?? '';
if ((page === '' || page === 'playground') && typeof Worker !== 'undefined') {
  performance.mark('tunelab:worker-created');
  window.tunelabEarlyWorker = {
    endpoint: 'trainer',
    worker: new Worker(new URL('./workers/engine.worker.ts', import.meta.url), {
      type: 'module',
      name: 'trainer',
    }),
  };
  // Preloaded, not imported: the page imports them when React asks, and evaluating them here
  // would only hold the main thread longer before the entry's own work.
  if (!PLAYGROUND_CHUNKS.startsWith('__'))
    for (const file of PLAYGROUND_CHUNKS.split(',')) {
      const link = document.createElement('link');
      link.rel = 'modulepreload';
      link.crossOrigin = '';
      link.fetchPriority = 'low';
      link.href = new URL(file, import.meta.url).href;
      document.head.append(link);
    }
}
