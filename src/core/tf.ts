/**
 * The one place the engine meets TensorFlow.js. Everything in src/core imports `tf` from here, so
 * the backend choice and the Node quirks live in one file.
 *
 * Only the parts a run needs, as the tfjs guide on custom bundles advises: tfjs-core's ops, and the
 * backend the run trains on, loaded on demand by `useBackend`. The umbrella package would add
 * layers, the converter and webgl, which nothing here calls, to every worker. Gradients (tf.grad)
 * are registered by the one module that takes them, the sequence trainer.
 */
import * as tf from '#tfjs-core';
// In Node (the command line, the unit tests) tfjs-core's own bundle sets the engine up, and the cpu
// backend registers at once: the tests' default, with nothing to await. In the browser this is
// tfjs-core's set-up alone; the workers pick their backend with `useBackend` (package.json "imports").
import '#tfjs-core-setup';

export { tf };

export type BackendName = 'cpu' | 'wasm';

// Silences the "install tfjs-node" banner in Node: it cannot install here (its install script
// downloads a binary) and the command line's JSON output must stay clean.
tf.env().set('PROD', true);

/**
 * The backend ops run on now. tfjs names its backend only once something has initialised it, so
 * asking `tf.getBackend()` before the first op returns nothing; the engine's choices that depend on
 * the backend (how a layer adds its bias, how per-member values broadcast) would then differ
 * between the first network built in a process and every later one. `tf.backend()` initialises
 * the best registered backend first, as the first op would.
 */
export function activeBackend(): string {
  tf.backend();
  return tf.getBackend();
}

const registered: Partial<Record<BackendName, Promise<unknown>>> = {};
const backendModules: Record<BackendName, () => Promise<unknown>> = {
  wasm: () => import('#tfjs-backend-wasm'),
  // The fallback where wasm cannot start; in Node it is registered already.
  cpu: () => import('@tensorflow/tfjs-backend-cpu'),
};

/**
 * Selects a backend, loading its module on first use; in the browser the caller first points
 * `setWasmPaths` at the served .wasm files (see src/workers).
 */
export async function useBackend(name: BackendName): Promise<void> {
  // A worker that imported the backend's module itself (src/workers/backend.ts) has it registered:
  // importing it again would cost the worker a round trip for the import's own small chunk.
  if (!tf.findBackendFactory(name)) await (registered[name] ??= backendModules[name]());
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
