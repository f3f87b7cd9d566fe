import { activeBackend, tf } from '../tf';
import type { ExperimentConfig } from '../config/parameters';
import {
  OPTIMIZER_SPECS,
  type OptimizerCoefficients,
  type OptimizerHyperparameter,
  type OptimizerKind,
} from '../config/optimizers';

export type { OptimizerCoefficients };

/**
 * The shared update rule of every optimizer (src/core/config/optimizers.ts has the coefficients
 * per optimizer), as one set of tensor ops for a whole population instead of a branch per member.
 *
 * ε sits where the paper and PyTorch put it: added to the bias-corrected root for Adam, outside
 * the root for RMSprop. Keras places it differently (Adam: added to the uncorrected √v; RMSprop:
 * √(v + ε)), which at ε = 1 is another optimizer; the Keras export therefore carries this update
 * as its own optimizer (src/core/export/keras.ts), and torch.optim matches it as it is.
 *
 * The step's η/bc₁ and bc₂ change every step and are uploaded then; the rest changes only when a
 * hyperparameter does.
 */
export function optimizerCoefficients(
  config: Pick<ExperimentConfig, 'optimizer' | OptimizerHyperparameter>,
): OptimizerCoefficients {
  return OPTIMIZER_SPECS[config.optimizer].coefficients(config);
}

/** The bias corrections after `step` updates (1-based); 1 for optimizers without them. */
export function biasCorrections(
  kind: OptimizerKind,
  beta1: number,
  beta2: number,
  step: number,
): [number, number] {
  if (!OPTIMIZER_SPECS[kind].biasCorrected) return [1, 1];
  return [1 - Math.pow(beta1, step), 1 - Math.pow(beta2, step)];
}

/**
 * Per-member values as a tensor that combines with a [K, …] tensor of `shape` on the backend's
 * fast path. tfjs' cpu backend combines equal shapes and scalars in a tight loop but broadcasts a
 * [K, 1] column through a generic per-element path that cost ~100× the arithmetic (measured on
 * the 354-parameter spiral net), so there the values are tiled to the full shape; wasm broadcasts
 * natively, so it gets the [K, 1, …] column. A population of one always gets a scalar.
 */
export function perMember(values: ArrayLike<number>, shape: readonly number[]): tf.Tensor {
  if (values.length === 1) return tf.scalar(values[0]!);
  if (activeBackend() !== 'cpu')
    return tf.tensor(Float32Array.from(values as ArrayLike<number>), [
      values.length,
      ...shape.slice(1).map(() => 1),
    ]);
  const block = shape.slice(1).reduce((a, b) => a * b, 1);
  const tiled = new Float32Array(values.length * block);
  for (let k = 0; k < values.length; k++) tiled.fill(values[k]!, k * block, (k + 1) * block);
  return tf.tensor(tiled, shape as number[]);
}

/** g · scale per member, for a [K, P] g and a [K, 1] scale, without the cpu backend's slow broadcast. */
export function scaleRows(values: tf.Tensor2D, scale: tf.Tensor): tf.Tensor2D {
  const [population, width] = values.shape;
  if (population === 1 || scale.rank === 0 || activeBackend() !== 'cpu')
    return tf.mul(values, scale) as tf.Tensor2D;
  // A batched 1×1 by 1×P product is a row scaling on the matrix-product fast path.
  return tf.reshape(
    tf.matMul(tf.reshape(scale, [population, 1, 1]), tf.reshape(values, [population, 1, width])),
    [population, width],
  ) as tf.Tensor2D;
}

/** Per-member coefficients (see perMember), rebuilt only when a hyperparameter changes. */
export interface OptimizerTensors {
  decay1: tf.Tensor;
  gradientScale: tf.Tensor;
  decay2: tf.Tensor;
  squaredGradientScale: tf.Tensor;
  usesSecondMoment: tf.Tensor;
  epsilon: tf.Tensor;
  /** Does any member need the second moment? If not, its ops are skipped. */
  anySecondMoment: boolean;
  /** Do all of them (Adam and RMSprop only)? Then the blend with SGD's preconditioner of 1 is skipped. */
  allSecondMoment: boolean;
}

export function optimizerTensors(
  coefficients: readonly OptimizerCoefficients[],
  parameterCount = 1,
): OptimizerTensors {
  const column = (pick: (c: OptimizerCoefficients) => number) =>
    perMember(coefficients.map(pick), [coefficients.length, parameterCount]);
  return {
    decay1: column((c) => c.decay1),
    gradientScale: column((c) => c.gradientScale),
    decay2: column((c) => c.decay2),
    squaredGradientScale: column((c) => c.squaredGradientScale),
    usesSecondMoment: column((c) => c.usesSecondMoment),
    epsilon: column((c) => c.epsilon),
    anySecondMoment: coefficients.some((c) => c.usesSecondMoment === 1),
    allSecondMoment: coefficients.every((c) => c.usesSecondMoment === 1),
  };
}

export function disposeOptimizerTensors(t: OptimizerTensors): void {
  tf.dispose([t.decay1, t.gradientScale, t.decay2, t.squaredGradientScale, t.usesSecondMoment, t.epsilon]);
}

export interface OptimizerState {
  parameters: tf.Tensor2D;
  firstMoment: tf.Tensor2D;
  secondMoment: tf.Tensor2D;
}

export interface UpdateResult extends OptimizerState {
  /**
   * The per-parameter preconditioner √(v/bc₂) + ε of RMSprop and Adam ([K, P]; 1 for SGD and
   * Momentum), or null when no member has one. L1's proximal step divides its threshold by it.
   */
  preconditioner: tf.Tensor2D | null;
}

/**
 * One update of every member. `stepSize` holds η/bc₁ per member (0 for members that no longer
 * train), `secondCorrection` holds bc₂ (both shaped by perMember). Call inside tf.tidy.
 */
export function applyUpdate(
  state: OptimizerState,
  gradient: tf.Tensor2D,
  t: OptimizerTensors,
  stepSize: tf.Tensor,
  secondCorrection: tf.Tensor,
): UpdateResult {
  const firstMoment = tf.add(
    tf.mul(t.decay1, state.firstMoment),
    tf.mul(t.gradientScale, gradient),
  ) as tf.Tensor2D;
  let secondMoment = state.secondMoment;
  let direction: tf.Tensor = firstMoment;
  let preconditioner: tf.Tensor2D | null = null;
  if (t.anySecondMoment) {
    secondMoment = tf.add(
      tf.mul(t.decay2, state.secondMoment),
      tf.mul(t.squaredGradientScale, tf.square(gradient)),
    ) as tf.Tensor2D;
    const adaptive = tf.add(tf.sqrt(tf.div(secondMoment, secondCorrection)), t.epsilon) as tf.Tensor2D;
    // Every op counts at these sizes (a fixed cost each): a population of Adam and RMSprop
    // members, the usual case, needs no blend with the others' preconditioner of 1.
    preconditioner = t.allSecondMoment
      ? adaptive
      : (tf.add(tf.mul(t.usesSecondMoment, adaptive), tf.sub(1, t.usesSecondMoment)) as tf.Tensor2D);
    direction = tf.div(firstMoment, preconditioner);
  }
  const parameters = tf.sub(state.parameters, tf.mul(stepSize, direction)) as tf.Tensor2D;
  return { parameters, firstMoment, secondMoment, preconditioner };
}

/**
 * Clipping by global norm (Pascanu et al. 2013), per member: g ← g · min(1, c / ‖g‖). `clipNorm`
 * holds +∞ for members that do not clip (shaped by perMember).
 */
export function clipByGlobalNorm(gradient: tf.Tensor2D, clipNorm: tf.Tensor): tf.Tensor2D {
  const squares = tf.square(gradient);
  const norm = tf.sqrt(gradient.shape[0] === 1 ? tf.sum(squares) : tf.sum(squares, 1, true));
  const scale = tf.minimum(1, tf.div(clipNorm, tf.maximum(norm, 1e-12)));
  return scaleRows(gradient, scale);
}
