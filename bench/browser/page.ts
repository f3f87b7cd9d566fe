/**
 * The bench page's main thread: starts the worker and hands results to whoever drives the page
 * (bench/browser-bench.ts, through `window.tunelabBench`).
 */
import type { BenchMessage, BenchRequest } from './protocol';

declare global {
  interface Window {
    tunelabBench: (request: BenchRequest) => Promise<Extract<BenchMessage, { kind: 'done' }>>;
  }
}

const log = document.getElementById('log')!;

window.tunelabBench = (request) =>
  new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module' });
    worker.onerror = (event) => reject(new Error(`worker error: ${event.message}`));
    worker.onmessage = (event: MessageEvent<BenchMessage>) => {
      const message = event.data;
      if (message.kind === 'progress') {
        log.textContent += `${message.line}\n`;
        console.log(`[bench worker] ${message.line}`);
      } else {
        worker.terminate();
        if (message.kind === 'done') resolve(message);
        else reject(new Error(message.message));
      }
    };
    worker.postMessage(request);
  });
