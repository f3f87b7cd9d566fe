/** Starting an engine worker from the main thread (see engine.worker.ts). */
export type EngineEndpoint = 'trainer' | 'tuner' | 'sequence';

const create = (endpoint: EngineEndpoint): Worker =>
  new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: endpoint });

/** A worker started before anyone asked for it (src/boot.ts), handed to the first who does. */
let early: { endpoint: EngineEndpoint; worker: Worker } | null = null;
/** Once the page has started a worker itself, one started early would go unused. */
let pageStarted = false;

/**
 * Starts an engine worker now, before the page's scripts have loaded: it fetches TensorFlow.js and
 * compiles the wasm backend while the main thread parses and renders, and the page's first
 * `startEngineWorker(endpoint)` takes it over. A worker knows nothing of the run it will train
 * until the page sends it, so starting it early changes no numbers.
 */
export function prestartEngineWorker(endpoint: EngineEndpoint): void {
  if (early || pageStarted || typeof Worker === 'undefined') return;
  performance.mark('tunelab:worker-created');
  early = { endpoint, worker: create(endpoint) };
}

export function startEngineWorker(endpoint: EngineEndpoint): Worker {
  pageStarted = true;
  if (early?.endpoint === endpoint) {
    const { worker } = early;
    early = null;
    return worker;
  }
  return create(endpoint);
}
