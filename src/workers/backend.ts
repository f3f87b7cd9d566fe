/**
 * Backend set-up inside a Web Worker. The choice per population size lives in the engine
 * (backendForPopulation: cpu for one network, wasm from two); here the wasm binaries, emitted by
 * Vite as assets, are pointed out to tfjs. The wasm backend's JavaScript is imported only when a
 * population first needs it, so the playground's one-network worker never downloads it.
 */
import plainWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedSimdWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { backendForPopulation, tf, useBackend, type BackendName } from '../core/tf';

let wasmPaths: Promise<void> | null = null;
let wasmFailed = false;

/** Points tfjs at the served .wasm files (once), with threads off. */
export function locateWasmFiles(): Promise<void> {
  wasmPaths ??= import('@tensorflow/tfjs-backend-wasm').then(({ setWasmPaths }) => {
    setWasmPaths({
      'tfjs-backend-wasm.wasm': plainWasm,
      'tfjs-backend-wasm-simd.wasm': simdWasm,
      'tfjs-backend-wasm-threaded-simd.wasm': threadedSimdWasm,
    });
    // Threads off: tfjs' threaded build starts its pthreads from a blob that dies inside a Vite
    // module worker (seen in the bench page), and tfjs caps the pool at half the cores anyway: one
    // thread on a 2-core machine. Each lane or trial pool is already a worker of its own.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  });
  return wasmPaths;
}

/**
 * Selects the backend for a population of `size` networks; falls back to cpu (and stays there)
 * if wasm cannot start (an old browser, a blocked .wasm download), so training always goes on.
 */
export async function prepareBackend(size: number): Promise<BackendName> {
  const wanted = wasmFailed ? 'cpu' : backendForPopulation(size);
  try {
    if (wanted === 'wasm') await locateWasmFiles();
    await useBackend(wanted);
    return wanted;
  } catch {
    wasmFailed = true;
    await useBackend('cpu');
    return 'cpu';
  }
}
