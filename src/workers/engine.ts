/** Starting an engine worker from the main thread (see engine.worker.ts). */
export type EngineEndpoint = 'trainer' | 'tuner' | 'sequence';

declare global {
  interface Window {
    /**
     * A worker src/boot.ts started before the app's scripts loaded, handed to the first who asks
     * for that endpoint. Boot imports nothing (so it runs as soon as it arrives), hence a global.
     */
    tunelabEarlyWorker?: { endpoint: EngineEndpoint; worker: Worker };
  }
}

// The same URL as src/boot.ts's: Vite bundles the worker once, whoever names it.
const create = (endpoint: EngineEndpoint): Worker =>
  new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: endpoint });

/**
 * A worker for `endpoint`: the one boot started, if it started one for that endpoint and nobody
 * took it yet, or a new one. A worker knows nothing of the run it will train until the page sends
 * it, so starting it early changes no numbers.
 */
export function startEngineWorker(endpoint: EngineEndpoint): Worker {
  const early = typeof window === 'undefined' ? undefined : window.tunelabEarlyWorker;
  if (early) {
    // Taken or not, it is never handed out again: an unused one would hold a core's worth of tfjs.
    window.tunelabEarlyWorker = undefined;
    if (early.endpoint === endpoint) return early.worker;
    early.worker.terminate();
  }
  return create(endpoint);
}
