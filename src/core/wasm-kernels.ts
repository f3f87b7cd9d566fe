/**
 * The wasm kernels the engine runs, and only those: the engine worker registers these rather than
 * tfjs-backend-wasm's ~160 (tests/workers/kernels.test.ts runs every path the trainer and tuner
 * endpoints reach and fails on a kernel missing here).
 */
import type { KernelConfig } from '#tfjs-core';
import { absConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Abs';
import { addConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Add';
import { argMaxConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/ArgMax';
import { batchMatMulConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/BatchMatMul';
import { castConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Cast';
import { clipByValueConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/ClipByValue';
import { concatConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Concat';
import { depthwiseConv2dNativeConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/DepthwiseConv2dNative';
import { eluConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Elu';
import { equalConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Equal';
import { expConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Exp';
import { fillConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Fill';
import { greaterConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Greater';
import { identityConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Identity';
import { logConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Log';
import { maximumConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Maximum';
import { minimumConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Minimum';
import { multiplyConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Multiply';
import { negConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Neg';
import { onesLikeConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/OnesLike';
import { packConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Pack';
import { powConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Pow';
import { realDivConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/RealDiv';
import { reluConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Relu';
import { reshapeConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Reshape';
import { selectConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Select';
import { sigmoidConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Sigmoid';
import { signConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Sign';
import { sliceConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Slice';
import { sqrtConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Sqrt';
import { squareConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Square';
import { squaredDifferenceConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/SquaredDifference';
import { stepConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Step';
import { subConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Sub';
import { sumConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Sum';
import { tileConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Tile';
import { transposeConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Transpose';

export const WASM_KERNELS: readonly KernelConfig[] = [
  absConfig,
  addConfig,
  argMaxConfig,
  batchMatMulConfig,
  castConfig,
  clipByValueConfig,
  concatConfig,
  depthwiseConv2dNativeConfig,
  eluConfig,
  equalConfig,
  expConfig,
  fillConfig,
  greaterConfig,
  identityConfig,
  logConfig,
  maximumConfig,
  minimumConfig,
  multiplyConfig,
  negConfig,
  onesLikeConfig,
  packConfig,
  powConfig,
  realDivConfig,
  reluConfig,
  reshapeConfig,
  selectConfig,
  sigmoidConfig,
  signConfig,
  sliceConfig,
  sqrtConfig,
  squareConfig,
  squaredDifferenceConfig,
  stepConfig,
  subConfig,
  sumConfig,
  tileConfig,
  transposeConfig,
];
