import { tf } from '../tf';
import type { Activation } from '../config/parameters';
import { activate, biasModeForBackend, dense, type NetworkLayout } from './network';
import { softmax } from './loss';

/**
 * Every layer of one network for a batch of inputs, in one forward pass: the inputs, each hidden
 * layer's activations and the outputs (softmax probabilities when `classification`), each
 * [1, B, units]. The layers are `forward`'s own (dense then activate), so a neuron shows what
 * training computes. They stay separate: wasm's concat copies row by row, and joining them cost
 * three times the pass itself (measured on a 6×8 network over 1,076 rows); the caller interleaves.
 */
export function allActivations(
  layout: NetworkLayout,
  activation: Activation,
  parameters: tf.Tensor2D,
  inputs: tf.Tensor3D,
  classification: boolean,
): tf.Tensor3D[] {
  const parts: tf.Tensor3D[] = [inputs];
  let h: tf.Tensor3D = inputs;
  const mode = biasModeForBackend();
  layout.layers.forEach((slot, l) => {
    h = dense(h, parameters, slot, mode).z;
    if (l < layout.layers.length - 1) h = activate(h, activation) as tf.Tensor3D;
    else if (classification) h = softmax(h);
    parts.push(h);
  });
  return parts;
}
