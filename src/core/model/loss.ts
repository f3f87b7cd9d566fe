import { tf } from '../tf';

/**
 * Softmax cross-entropy per network, with label smoothing (Szegedy et al. 2016): the target
 * becomes (1 − ε)·y + ε/C, so the loss is (1 − ε)·CE(y) + ε·mean over classes of −log p.
 * `logits` and `targets` are [K, B, C]; `keep` = 1 − ε and `perClass` = ε/C are [K, 1, 1] or
 * omitted. Returns the mean over the batch, [K].
 */
export function crossEntropy(
  logits: tf.Tensor3D,
  targets: tf.Tensor3D,
  keep?: tf.Tensor,
  perClass?: tf.Tensor,
): tf.Tensor1D {
  const smoothed = keep && perClass ? tf.add(tf.mul(targets, keep), perClass) : targets;
  return tf.neg(tf.mean(tf.sum(tf.mul(smoothed, logSoftmax(logits)), -1), -1)) as tf.Tensor1D;
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

/**
 * Softmax and log-softmax over the last axis without broadcasting: row sums come from a product
 * with a ones matrix, so every op is elementwise on equal shapes or a matrix product. tfjs' own
 * softmax subtracts a [K, B, 1] max, which the cpu backend broadcasts through its generic
 * per-element path (~1 ms for a 16×2 batch, more than the rest of the step). Logits are centred
 * on their mean and clipped to ±80 before exp, so nothing overflows; a clip only changes a
 * probability that is already within e⁻⁸⁰ of 0 or 1.
 */
function centredExp(logits: tf.Tensor3D): { shifted: tf.Tensor3D; exp: tf.Tensor3D; sums: tf.Tensor3D } {
  const classes = logits.shape[2];
  const rowsOf = (t: tf.Tensor) => tf.reshape(t, [-1, classes]) as tf.Tensor2D;
  const mean = tf.matMul(rowsOf(logits), tf.fill([classes, classes], 1 / classes));
  const shifted = tf.reshape(
    tf.clipByValue(tf.sub(rowsOf(logits), mean), -80, 80),
    logits.shape,
  ) as tf.Tensor3D;
  const exp = tf.exp(shifted);
  const sums = tf.reshape(tf.matMul(rowsOf(exp), tf.ones([classes, classes])), logits.shape) as tf.Tensor3D;
  return { shifted, exp, sums };
}

export function softmax(logits: tf.Tensor3D): tf.Tensor3D {
  const { exp, sums } = centredExp(logits);
  return tf.div(exp, sums);
}

export function logSoftmax(logits: tf.Tensor3D): tf.Tensor3D {
  const { shifted, sums } = centredExp(logits);
  return tf.sub(shifted, tf.log(sums));
}
