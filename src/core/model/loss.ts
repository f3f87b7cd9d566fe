import { tf } from '../tf';

/**
 * Softmax cross-entropy per network, with label smoothing (Szegedy et al. 2016): the target
 * becomes (1 − ε)·y + ε/C, so the loss is (1 − ε)·CE(y) + ε·mean over classes of −log p.
 * `logits` and `targets` are [K, B, C]; `keep` = 1 − ε and `perClass` = ε/C are [K, 1, 1] or
 * omitted. Returns the mean over the batch, [K].
 */
export function crossEntropy(logits: tf.Tensor3D, targets: tf.Tensor3D, keep?: tf.Tensor, perClass?: tf.Tensor): tf.Tensor1D {
  const smoothed = keep && perClass ? tf.add(tf.mul(targets, keep), perClass) : targets;
  return tf.neg(tf.mean(tf.sum(tf.mul(smoothed, tf.logSoftmax(logits)), -1), -1)) as tf.Tensor1D;
}

/** Mean squared error per network over batch and outputs, [K]. */
export function meanSquaredError(predictions: tf.Tensor3D, targets: tf.Tensor3D): tf.Tensor1D {
  return tf.mean(tf.squaredDifference(predictions, targets), [1, 2]) as tf.Tensor1D;
}

/**
 * L1's proximal step (soft-thresholding, as in ISTA): w ← sign(w)·max(|w| − τ, 0) with τ = η·λ₁.
 * A plain subgradient step never lands on zero (it jitters around it by ±η·λ₁), so the lesson
 * "L1 makes weights exactly zero" would not show; the proximal step makes them exactly zero.
 * `threshold` is [K, P] or broadcastable to it (zero for biases).
 */
export function softThreshold(parameters: tf.Tensor2D, threshold: tf.Tensor): tf.Tensor2D {
  return tf.mul(tf.sign(parameters), tf.relu(tf.sub(tf.abs(parameters), threshold))) as tf.Tensor2D;
}
