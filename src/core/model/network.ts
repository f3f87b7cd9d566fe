import { activeBackend, tf } from '../tf';
import { createRandom, deriveSeed } from '../random/random';
import type { Activation } from '../config/parameters';
import { batchedMatMul } from './products';

export { networkLayout, type LayerSlot, type NetworkLayout } from './layout';
import type { LayerSlot, NetworkLayout } from './layout';

/**
 * Glorot-uniform weights and zero biases (Keras' defaults, so an exported Keras script starts
 * from the same distribution). Drawn in plain JS from the seed: identical for a seed whatever
 * the backend or the population the network trains in.
 */
export function initialParameters(layout: NetworkLayout, seed: number): Float32Array {
  const out = new Float32Array(layout.parameterCount);
  const random = createRandom(deriveSeed(seed, 'init'));
  for (const slot of layout.layers) {
    const limit = Math.sqrt(6 / (slot.inputs + slot.outputs));
    for (let i = 0; i < slot.inputs * slot.outputs; i++)
      out[slot.weightOffset + i] = random.uniform(-limit, limit);
  }
  return out;
}

/** 1 where the flat vector holds a weight, 0 where it holds a bias: penalties apply to weights only. */
export function weightMask(layout: NetworkLayout): Float32Array {
  const mask = new Float32Array(layout.parameterCount);
  for (const slot of layout.layers) mask.fill(1, slot.weightOffset, slot.biasOffset);
  return mask;
}

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

/**
 * tanh, on the wasm backend as 2·σ(2x) − 1: tfjs-wasm's Tanh is a scalar loop (~30 ns an element
 * on this machine) while its Sigmoid is XNNPACK's SIMD kernel, so the four ops of the identity ran
 * 3–7× faster than the one (measured on the population's [K, B, 16] activations; docs/benchmarks.md).
 * Tanh was a quarter of a population's kernel time on wasm before this.
 */
export function tanh(x: tf.Tensor): tf.Tensor {
  if (activeBackend() !== 'wasm') return tf.tanh(x);
  return tf.sub(tf.mul(tf.sigmoid(tf.mul(x, 2)), 2), 1);
}

export function activate(x: tf.Tensor, activation: Activation): tf.Tensor {
  switch (activation) {
    case 'relu':
      return tf.relu(x);
    case 'tanh':
      return tanh(x);
    case 'sigmoid':
      return tf.sigmoid(x);
    case 'linear':
      return x;
    case 'elu':
      return tf.elu(x);
    case 'gelu':
      // The tanh approximation of GELU (Hendrycks & Gimpel 2016), as in BERT and Keras' approximate=True.
      return tf.mul(
        tf.mul(x, 0.5),
        tf.add(1, tanh(tf.mul(tf.add(x, tf.mul(tf.pow(x, 3), 0.044715)), SQRT_2_OVER_PI))),
      );
  }
}

/**
 * How a dense layer adds its bias. `fold` appends a column of ones to the layer's input so one
 * matrix product with the [W; b] block (contiguous in the flat layout) adds the bias too;
 * `broadcast` adds a [K, 1, out] bias to the product. tfjs' cpu backend broadcasts through a
 * generic per-element path that cost more than the product itself, so it folds; the wasm
 * backend broadcasts natively but its concat copies row by row, so it broadcasts (both measured,
 * docs/benchmarks.md).
 */
export type BiasMode = 'fold' | 'broadcast';

export function biasModeForBackend(): BiasMode {
  return activeBackend() === 'cpu' ? 'fold' : 'broadcast';
}

/** [K, B, F] → [K, B, F + 1] with a last column of ones. */
export function withOnes(h: tf.Tensor3D): tf.Tensor3D {
  const [population, rows] = h.shape;
  return tf.concat([h, tf.ones([population, rows, 1])], 2) as tf.Tensor3D;
}

/** Layer l's weights as [K, in, out], or with `withBiases` its [W; b] block as [K, in + 1, out]. */
export function layerWeights(parameters: tf.Tensor2D, slot: LayerSlot, withBiases = false): tf.Tensor3D {
  const population = parameters.shape[0];
  const rows = withBiases ? slot.inputs + 1 : slot.inputs;
  return tf.reshape(tf.slice(parameters, [0, slot.weightOffset], [population, rows * slot.outputs]), [
    population,
    rows,
    slot.outputs,
  ]) as tf.Tensor3D;
}

export function layerBiases(parameters: tf.Tensor2D, slot: LayerSlot): tf.Tensor3D {
  const population = parameters.shape[0];
  return tf.reshape(tf.slice(parameters, [0, slot.biasOffset], [population, slot.outputs]), [
    population,
    1,
    slot.outputs,
  ]) as tf.Tensor3D;
}

/**
 * One dense layer without its activation. Returns the pre-activation, the input the weight
 * gradient needs (the ones-augmented input when folding) and, when broadcasting, the layer's
 * weights, which backpropagation reuses rather than slicing them again.
 */
export function dense(
  h: tf.Tensor3D,
  parameters: tf.Tensor2D,
  slot: LayerSlot,
  mode: BiasMode,
): { z: tf.Tensor3D; input: tf.Tensor3D; weights: tf.Tensor3D | null } {
  if (mode === 'fold') {
    const input = withOnes(h);
    return { z: batchedMatMul(input, layerWeights(parameters, slot, true)), input, weights: null };
  }
  const weights = layerWeights(parameters, slot);
  return {
    z: tf.add(batchedMatMul(h, weights), layerBiases(parameters, slot)) as tf.Tensor3D,
    input: h,
    weights,
  };
}

/**
 * Forward pass of K stacked networks. `parameters` is [K, P]; `inputs` is [K, B, F] or, shared by
 * every member, [1, B, F]. `dropoutMasks[l]`, when given, multiplies hidden layer l's activations
 * (already scaled by 1 / (1 − rate): inverted dropout). Returns logits [K, B, outputs].
 */
export function forward(
  layout: NetworkLayout,
  activation: Activation,
  parameters: tf.Tensor2D,
  inputs: tf.Tensor3D,
  dropoutMasks?: readonly (tf.Tensor | null)[],
  mode: BiasMode = biasModeForBackend(),
): tf.Tensor3D {
  let h: tf.Tensor3D = inputs;
  layout.layers.forEach((slot, l) => {
    h = dense(h, parameters, slot, mode).z;
    if (l < layout.layers.length - 1) {
      h = activate(h, activation) as tf.Tensor3D;
      const mask = dropoutMasks?.[l];
      if (mask) h = tf.mul(h, mask) as tf.Tensor3D;
    }
  });
  return h;
}
