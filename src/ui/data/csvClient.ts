import * as Comlink from 'comlink';
import type { CsvWorkerApi } from './csv.worker';

let remote: Comlink.Remote<CsvWorkerApi> | null = null;

/** The CSV worker, started on first use and kept for later files. */
export function csvWorker(): Comlink.Remote<CsvWorkerApi> {
  remote ??= Comlink.wrap<CsvWorkerApi>(
    new Worker(new URL('./csv.worker.ts', import.meta.url), { type: 'module', name: 'csv' }),
  );
  return remote;
}
