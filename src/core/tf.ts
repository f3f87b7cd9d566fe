/**
 * The one place the engine meets TensorFlow.js. Everything in src/core imports `tf` from here, so
 * the backend choice and the Node quirks live in one file.
 *
 * Only the parts the engine uses: the ops and their gradients (tfjs-core), the cpu backend (its
 * import registers its kernels) and the wasm backend, loaded on demand. The umbrella package would add layers, the
 * converter and webgl, which nothing here calls, to every worker.
 */
import * as tf from '@tensorflow/tfjs-core';
// The sequence trainer takes its gradients from tf.grad, which needs each op's gradient registered.
// In the browser that is tfjs-core's own module; Node cannot load that file (an ES module with
// directory imports), so there the umbrella package's Node bundle registers them (package.json
// "imports"). Only the command line and the tests pay for it.
import '#tfjs-gradients';
import '@tensorflow/tfjs-backend-cpu';

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
 * The backend to train on, by measurement (docs/benchmarks.md, 2026-12-01): wasm, for one network
 * as for a population. Once tanh runs on XNNPACK's sigmoid and per-member products on its
 * convolutions (src/core/model), wasm trained one network of W 1.6× (Node) and 2.3× (Chromium
 * worker) faster than cpu, and populations of 8 to 128 5× to 22× faster. cpu stays the fallback where wasm
 * cannot start, and the unit tests' default.
 */
export const PREFERRED_BACKEND: BackendName = 'wasm';
