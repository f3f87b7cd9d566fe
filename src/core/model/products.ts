import { activeBackend, tf } from '../tf';

/**
 * K independent matrix products, one per member of a population: `a` is [K, m, n] (or [1, m, n],
 * shared by every member), `b` is [K, n, p], with tf.matMul's transpose flags.
 *
 * Why not always tf.matMul: tfjs-wasm sends a batched product with more than one matrix to a
 * scalar loop (~2–2.5 ns a multiply-add on this machine), while a batch of one and depthwise
 * convolutions run on XNNPACK's SIMD kernels. So on wasm, where the products are large enough to
 * pay for a few transposes, this rewrites them (measured in docs/benchmarks.md):
 * - a product whose left side every member shares becomes one 2-D product with the members'
 *   right sides side by side, [m, n] × [n, K·p] (the evaluation's first layer: ~6× faster);
 * - any other becomes a depthwise convolution with the members as channels: the contracted axis is
 *   the image's width and the filter is as wide as the image, so each output pixel is one dot
 *   product, out[i, k·p + j] = Σₜ x[i, t, k] · f[t, k, j] (the 16×16 layers: 2–3× faster).
 * Numbers agree with tf.matMul to float32 rounding (tests/model/products.test.ts).
 */
export function batchedMatMul(
  a: tf.Tensor3D,
  b: tf.Tensor3D,
  transposeA = false,
  transposeB = false,
): tf.Tensor3D {
  if (activeBackend() !== 'wasm') return tf.matMul(a, b, transposeA, transposeB);
  const K = b.shape[0];
  const m = transposeA ? a.shape[2] : a.shape[1];
  const n = transposeA ? a.shape[1] : a.shape[2];
  const p = transposeB ? b.shape[1] : b.shape[2];
  if (a.shape[0] === 1 && K > 1 && !transposeA) return sharedLeft(a, b, transposeB, m, n, p);
  if (K < 2 || a.shape[0] !== K || !worthConvolving(K, m, p)) return tf.matMul(a, b, transposeA, transposeB);
  // x: [m, 1, n, K] (rows as the convolution's batch, the contracted axis as width, members as
  // channels); f: [1, n, K, p].
  const x = tf.reshape(tf.transpose(a, transposeA ? [2, 1, 0] : [1, 2, 0]), [m, 1, n, K]) as tf.Tensor4D;
  const f = tf.reshape(tf.transpose(b, transposeB ? [2, 0, 1] : [1, 0, 2]), [1, n, K, p]) as tf.Tensor4D;
  const out = tf.reshape(tf.depthwiseConv2d(x, f, 1, 'valid'), [m, K, p]);
  return tf.transpose(out, [1, 0, 2]) as tf.Tensor3D;
}

/**
 * Where the convolution wins (Node and Chromium, wasm): XNNPACK's depthwise kernel is fast when each
 * channel has several outputs (p ≥ 8) and there are enough of them to pay for three transposes
 * (K·m·p ≥ 4096; 8 members of 16×16 on a batch of 16 fall below). The spiral's output layer
 * (p = 2) stays a matMul: convolving it was twice as slow.
 */
function worthConvolving(K: number, m: number, p: number): boolean {
  return p >= 8 && K * m * p >= 4096;
}

/** [1, m, n] × [K, n, p] as one 2-D product [m, n] × [n, K·p], then back to [K, m, p]. */
function sharedLeft(
  a: tf.Tensor3D,
  b: tf.Tensor3D,
  transposeB: boolean,
  m: number,
  n: number,
  p: number,
): tf.Tensor3D {
  const K = b.shape[0];
  const right = tf.reshape(tf.transpose(b, transposeB ? [2, 0, 1] : [1, 0, 2]), [n, K * p]) as tf.Tensor2D;
  const out = tf.matMul(tf.reshape(a, [m, n]) as tf.Tensor2D, right);
  return tf.transpose(tf.reshape(out, [m, K, p]), [1, 0, 2]) as tf.Tensor3D;
}
