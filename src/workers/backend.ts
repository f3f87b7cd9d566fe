/**
 * Backend set-up inside a Web Worker: the engine's preferred backend (wasm, by measurement), with
 * its binaries, emitted by Vite as assets, pointed out to tfjs; cpu when wasm cannot start.
 */
// The same URLs the engine worker's first line fetches early (wasm-early.ts); imported here too so
// that this module does not tie the worker's first script to the trainer's chunk.
import plainWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
// A static import, not useBackend's own dynamic one: the browser then fetches the wasm backend's
// code alongside tfjs-core's, rather than after tfjs-core has loaded and run.
import { setWasmPaths } from '#tfjs-backend-wasm';
import { PREFERRED_BACKEND, tf, useBackend, type BackendName } from '../core/tf';

let wasmPathsSet = false;

/** Points tfjs at the served .wasm files (once), with threads off. */
export async function locateWasmFiles(): Promise<void> {
  if (wasmPathsSet) return;
  wasmPathsSet = true;
  setWasmPaths({
    'tfjs-backend-wasm.wasm': plainWasm,
    'tfjs-backend-wasm-simd.wasm': simdWasm,
    // Never fetched (threads are off, below), so not built: tfjs only wants a name here.
    'tfjs-backend-wasm-threaded-simd.wasm': simdWasm,
  });
  // Threads off: tfjs' threaded build starts its pthreads from a blob that dies inside a Vite
  // module worker (seen in the bench page), and tfjs caps the pool at half the cores anyway: one
  // thread on a 2-core machine. Each lane or trial pool is already a worker of its own. The
  // threaded build's JavaScript is left out of the worker's bundle (vite.config.ts).
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
}

let prepared: Promise<BackendName> | null = null;

/**
 * Selects the preferred backend, once per worker; falls back to cpu if wasm cannot start (an old
 * browser, a blocked .wasm download), so training always goes on. Workers call it as they start,
 * so the download and compile overlap the page's own start-up rather than the first epoch.
 */
export function prepareBackend(): Promise<BackendName> {
  prepared ??= selectBackend().finally(() => performance.mark('tunelab:backend-ready'));
  return prepared;
}

async function selectBackend(): Promise<BackendName> {
  try {
    if (PREFERRED_BACKEND === 'wasm') await locateWasmFiles();
    await useBackend(PREFERRED_BACKEND);
    return PREFERRED_BACKEND;
  } catch {
    await useBackend('cpu');
    return 'cpu';
  }
}
