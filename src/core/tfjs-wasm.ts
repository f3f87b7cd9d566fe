/**
 * The wasm backend as the browser loads it (package.json "imports" maps `#tfjs-backend-wasm` here):
 * the backend without its kernels, then the kernels the engine runs. tfjs-backend-wasm's index
 * would register all ~160, and bring the cpu backend's shared code most of them lean on. In Node
 * the package's own bundle is used whole.
 */
import { registerKernel } from '#tfjs-core';
import { WASM_KERNELS } from './wasm-kernels';

export { setWasmPaths } from '@tensorflow/tfjs-backend-wasm/dist/base';

for (const kernel of WASM_KERNELS) registerKernel(kernel);
