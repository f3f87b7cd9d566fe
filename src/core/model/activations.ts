import { tf } from '../tf';
import type { Activation } from '../config/parameters';
import { activate, biasModeForBackend, dense, type NetworkLayout } from './network';
import { softmax } from './loss';

/**
 * Every node of one network for a batch of inputs, in one forward pass: [B, nodes] with the
 * inputs, each hidden layer's activations and the outputs (softmax probabilities when
 * `classification`) side by side, so the network view reads every neuron's heatmap back at once.
 * The layers are `forward`'s own (dense then activate), so a neuron shows what training computes.
 */
export function allActivations(
  layout: NetworkLayout,
  activation: Activation,
  parameters: tf.Tensor2D,
  inputs: tf.Tensor3D,
  classification: boolean,
): tf.Tensor2D {
  const parts: tf.Tensor3D[] = [inputs];
  let h: tf.Tensor3D = inputs;
  const mode = biasModeForBackend();
  layout.layers.forEach((slot, l) => {
    h = dense(h, parameters, slot, mode).z;
    if (l < layout.layers.length - 1) h = activate(h, activation) as tf.Tensor3D;
    else if (classification) h = softmax(h);
    parts.push(h);
  });
  const rows = inputs.shape[1];
  const total = layout.sizes.reduce((a, b) => a + b, 0);
  return tf.reshape(tf.concat(parts, 2), [rows, total]) as tf.Tensor2D;
}
