/**
 * The one place the engine meets TensorFlow.js. Everything in src/core imports `tf` from here, so
 * the backend choice and the Node quirks live in one file.
 */
import * as tf from '@tensorflow/tfjs';

export { tf };

export type BackendName = 'cpu' | 'wasm';

// Silences the "install tfjs-node" banner in Node: it cannot install here (its install script
// downloads a binary) and the command line's JSON output must stay clean.
tf.env().set('PROD', true);

let wasmRegistered: Promise<void> | null = null;

/**
 * Selects a backend. wasm is loaded on demand; in the browser the caller first points
 * `setWasmPaths` at the served .wasm files (see src/workers).
 */
export async function useBackend(name: BackendName): Promise<void> {
  if (name === 'wasm') {
    wasmRegistered ??= import('@tensorflow/tfjs-backend-wasm').then(() => undefined);
    await wasmRegistered;
  }
  if (tf.getBackend() !== name) {
    const ok = await tf.setBackend(name);
    if (!ok) throw new Error(`the ${name} backend could not start`);
  }
  await tf.ready();
}

/**
 * The backend for a population of `size` networks, by measurement (docs/benchmarks.md): for one
 * network cpu and wasm are within noise of each other and cpu needs no .wasm download, so cpu;
 * from two networks up wasm's native broadcasting and SIMD kernels win (≈3× at 4 members, ≈9×
 * at 32, aggregate epochs per CPU-second on the spiral workload).
 */
export function backendForPopulation(size: number): BackendName {
  return size >= 2 ? 'wasm' : 'cpu';
}
