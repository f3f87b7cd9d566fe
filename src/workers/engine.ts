/** Starting an engine worker from the main thread (see engine.worker.ts). */
export type EngineEndpoint = 'trainer' | 'tuner' | 'sequence';

export function startEngineWorker(endpoint: EngineEndpoint): Worker {
  return new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: endpoint });
}
