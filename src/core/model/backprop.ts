import { tf } from '../tf';
import type { Activation } from '../config/parameters';
import {
  activate,
  biasModeForBackend,
  dense,
  layerWeights,
  tanh,
  type BiasMode,
  type NetworkLayout,
} from './network';
import { softmax } from './loss';
import { batchedMatMul } from './products';

const GELU_C = Math.sqrt(2 / Math.PI);

/** d activation / d z, from the pre-activation z and the activation a = f(z). */
function activationDerivative(activation: Activation, z: tf.Tensor, a: tf.Tensor): tf.Tensor | null {
  switch (activation) {
    case 'tanh':
      return tf.sub(1, tf.square(a));
    case 'sigmoid':
      return tf.mul(a, tf.sub(1, a));
    case 'relu':
      return tf.step(z);
    case 'linear':
      return null;
    case 'elu':
      return tf.where(tf.greater(z, 0), tf.onesLike(z), tf.add(a, 1));
    case 'gelu': {
      // d/dz of 0.5 z (1 + tanh u), u = c (z + 0.044715 z³)
      const t = tanh(tf.mul(tf.add(z, tf.mul(tf.pow(z, 3), 0.044715)), GELU_C));
      const du = tf.mul(tf.add(1, tf.mul(tf.square(z), 3 * 0.044715)), GELU_C);
      return tf.add(tf.mul(0.5, tf.add(1, t)), tf.mul(tf.mul(tf.mul(0.5, z), tf.sub(1, tf.square(t))), du));
    }
  }
}

export interface LossTargets {
  task: 'classification' | 'regression';
  /** [K, B, C] one-hot classes or regression targets. */
  targets: tf.Tensor3D;
  /** Label smoothing as [K, 1, 1] columns (1 − ε and ε / C), classification only. */
  keep?: tf.Tensor;
  perClass?: tf.Tensor;
}

/**
 * The gradient [K, P] of Σₖ (mean data loss of member k) with respect to the flat parameters,
 * by hand-written backpropagation. Written out rather than taken from tf.grad because the tape
 * costs here: tf.grad's version of a step ran ~138 kernels (slice gradients are pads into [K, P]
 * that are then summed, plus identities and tape bookkeeping); this one runs about half of that
 * (docs/benchmarks.md). tests/model/backprop.test.ts checks it against tf.grad for every
 * activation, dropout, smoothing and both tasks.
 */
export function backpropagate(
  layout: NetworkLayout,
  activation: Activation,
  parameters: tf.Tensor2D,
  inputs: tf.Tensor3D,
  loss: LossTargets,
  dropoutMasks?: readonly (tf.Tensor | null)[],
  mode: BiasMode = biasModeForBackend(),
): tf.Tensor2D {
  const population = parameters.shape[0];
  const batch = inputs.shape[1];
  const layers = layout.layers;
  const layerInputs: tf.Tensor3D[] = [];
  const weights: (tf.Tensor3D | null)[] = [];
  const preActivations: tf.Tensor[] = [];
  const activations: tf.Tensor[] = [];
  let h: tf.Tensor3D = inputs;
  layers.forEach((slot, l) => {
    const { z, input, weights: w } = dense(h, parameters, slot, mode);
    layerInputs.push(input);
    weights.push(w);
    if (l === layers.length - 1) {
      h = z as tf.Tensor3D;
      return;
    }
    const a = activate(z, activation);
    preActivations.push(z);
    activations.push(a);
    const mask = dropoutMasks?.[l];
    h = (mask ? tf.mul(a, mask) : a) as tf.Tensor3D;
  });

  // d loss / d output. Softmax cross-entropy: (softmax − smoothed target) / B, since smoothed
  // targets still sum to 1. Mean squared error: 2 (prediction − target) / (B · outputs).
  let delta: tf.Tensor;
  if (loss.task === 'classification') {
    const target =
      loss.keep && loss.perClass ? tf.add(tf.mul(loss.targets, loss.keep), loss.perClass) : loss.targets;
    delta = tf.div(tf.sub(softmax(h), target), batch);
  } else {
    delta = tf.mul(tf.sub(h, loss.targets), 2 / (batch * layers[layers.length - 1]!.outputs));
  }

  // Folded, one product gives a layer's weight and bias gradients in the flat layout's order
  // ([W; b] row-major); broadcast, the bias gradient is the delta summed over the batch.
  const pieces: tf.Tensor[] = [];
  for (let l = layers.length - 1; l >= 0; l--) {
    const slot = layers[l]!;
    const rows = mode === 'fold' ? slot.inputs + 1 : slot.inputs;
    const weightGradient = tf.reshape(batchedMatMul(layerInputs[l]!, delta as tf.Tensor3D, true, false), [
      population,
      rows * slot.outputs,
    ]);
    if (mode === 'fold') pieces.unshift(weightGradient);
    else pieces.unshift(weightGradient, tf.sum(delta, 1));
    if (l === 0) break;
    let upstream: tf.Tensor = batchedMatMul(
      delta as tf.Tensor3D,
      weights[l] ?? layerWeights(parameters, slot),
      false,
      true,
    );
    const mask = dropoutMasks?.[l - 1];
    if (mask) upstream = tf.mul(upstream, mask);
    const derivative = activationDerivative(activation, preActivations[l - 1]!, activations[l - 1]!);
    delta = derivative ? tf.mul(upstream, derivative) : upstream;
  }
  return (pieces.length === 1 ? pieces[0]! : tf.concat(pieces, 1)) as tf.Tensor2D;
}
