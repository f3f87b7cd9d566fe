/**
 * Backend set-up inside a Web Worker. The wasm binaries are emitted by Vite as assets and tfjs is
 * told where they are; the choice per population size lives in the engine (backendForPopulation).
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import plainWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedSimdWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { backendForPopulation, tf, useBackend, type BackendName } from '../core';

setWasmPaths({
  'tfjs-backend-wasm.wasm': plainWasm,
  'tfjs-backend-wasm-simd.wasm': simdWasm,
  'tfjs-backend-wasm-threaded-simd.wasm': threadedSimdWasm,
});
// Threads off: tfjs' threaded build starts its pthreads from a blob that dies inside a Vite
// module worker (seen in the bench page), and tfjs caps the pool at half the cores anyway: one
// thread on a 2-core machine. Each lane or trial pool is already a worker of its own.
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);

let wasmFailed = false;

/**
 * Selects the backend for a population of `size` networks; falls back to cpu (and stays there)
 * if wasm cannot start, so training always goes on.
 */
export async function prepareBackend(size: number): Promise<BackendName> {
  const wanted = wasmFailed ? 'cpu' : backendForPopulation(size);
  try {
    await useBackend(wanted);
    return wanted;
  } catch {
    wasmFailed = true;
    await useBackend('cpu');
    return 'cpu';
  }
}
