import type { ExperimentConfig } from './parameters';

/** The hyperparameters an optimizer may read besides the learning rate. */
export type OptimizerHyperparameter = 'momentum' | 'rmsDecay' | 'beta1' | 'beta2' | 'epsilon';

/**
 * Every optimizer is one update rule with per-network coefficients, so networks with different
 * optimizers train side by side in one population (src/core/train/optimizer.ts applies it):
 *
 *   m ← a·m + c·g
 *   v ← ρ·v + s·g²
 *   θ ← θ − η · m / bc₁ / (u·(√(v / bc₂) + ε) + (1 − u))
 *
 * bc₁ and bc₂ are the bias corrections 1 − βᵗ of an optimizer that asks for them, 1 otherwise.
 */
export interface OptimizerCoefficients {
  /** a */
  decay1: number;
  /** c */
  gradientScale: number;
  /** ρ */
  decay2: number;
  /** s: 1 − ρ for a running average of g², 1 for a running sum. */
  squaredGradientScale: number;
  /** u: 1 when the step is divided by √v + ε. */
  usesSecondMoment: 0 | 1;
  epsilon: number;
}

type Settings = Pick<ExperimentConfig, OptimizerHyperparameter>;

/**
 * An optimizer, whole: its name, its coefficients in the shared update rule, the learning rates
 * it is usually run at, and how the exports write it. Adding an optimizer is one record here (and
 * its names in both languages); the engine, the link codec, the
 * diagnosis, the CLI and the exports read it from this table.
 */
export interface OptimizerSpec {
  /** As a user reads it in English (a proper name, also what the command line prints). */
  name: string;
  /** In Chinese: the proper name, unless the idea has a Chinese name (Momentum: 动量). */
  nameZh: string;
  coefficients(settings: Settings): OptimizerCoefficients;
  /** Adam's bias corrections 1 − β₁ᵗ and 1 − β₂ᵗ. */
  biasCorrected: boolean;
  /**
   * The learning rates it is usually run at on problems of this size (Keras' and PyTorch's
   * defaults sit inside). The diagnosis clamps its suggestions to it.
   */
  usualLearningRates: { low: number; high: number };
  /** The hyperparameters it reads, in the order the exports write them. */
  reads: readonly OptimizerHyperparameter[];
  /** The Keras export: lines of TunelabOptimizer.update_step that set `direction` and `preconditioner`. */
  keras: readonly string[];
  /** The PyTorch export: the torch.optim constructor, given `parameters`, `rate` and `config`. */
  torch: string;
  /**
   * The PyTorch export: the per-weight preconditioner √v̂ + ε as a Python expression of torch's
   * optimizer `state` and `config`, or null when the step is not divided by one (L1's threshold is).
   */
  torchPreconditioner: string | null;
}

const plain = { decay2: 0, squaredGradientScale: 0, usesSecondMoment: 0 } as const;

export const OPTIMIZER_SPECS = {
  sgd: {
    name: 'SGD',
    nameZh: 'SGD',
    coefficients: ({ epsilon }) => ({ decay1: 0, gradientScale: 1, ...plain, epsilon }),
    biasCorrected: false,
    usualLearningRates: { low: 1e-3, high: 1 },
    reads: [],
    keras: ['        direction = g', '        preconditioner = 1.0'],
    torch: 'torch.optim.SGD(parameters, lr=rate)',
    torchPreconditioner: null,
  },
  momentum: {
    name: 'Momentum',
    nameZh: '动量',
    // PyTorch's and tf.train.momentum's form: m ← μ m + g, the rate multiplies the velocity.
    coefficients: ({ momentum, epsilon }) => ({ decay1: momentum, gradientScale: 1, ...plain, epsilon }),
    biasCorrected: false,
    usualLearningRates: { low: 1e-3, high: 1 },
    reads: ['momentum'],
    keras: [
      "        # PyTorch's and tf.train.momentum's form: the rate multiplies the velocity, not the gradient.",
      '        self.assign(m, MOMENTUM * m + g)',
      '        direction = m',
      '        preconditioner = 1.0',
    ],
    torch: 'torch.optim.SGD(parameters, lr=rate, momentum=config["momentum"])',
    torchPreconditioner: null,
  },
  rmsprop: {
    name: 'RMSprop',
    nameZh: 'RMSprop',
    // PyTorch's RMSprop: θ ← θ − η g / (√v + ε), ε outside the root.
    coefficients: ({ rmsDecay, epsilon }) => ({
      decay1: 0,
      gradientScale: 1,
      decay2: rmsDecay,
      squaredGradientScale: 1 - rmsDecay,
      usesSecondMoment: 1,
      epsilon,
    }),
    biasCorrected: false,
    usualLearningRates: { low: 1e-4, high: 0.1 },
    reads: ['rmsDecay', 'epsilon'],
    keras: [
      '        self.assign(v, RMS_DECAY * v + (1 - RMS_DECAY) * g * g)',
      '        preconditioner = ops.sqrt(v) + EPSILON',
      '        direction = g / preconditioner',
    ],
    torch: 'torch.optim.RMSprop(parameters, lr=rate, alpha=config["rmsDecay"], eps=config["epsilon"])',
    torchPreconditioner: 'state["square_avg"].sqrt() + config["epsilon"]',
  },
  adam: {
    name: 'Adam',
    nameZh: 'Adam',
    // Kingma & Ba (2015) and PyTorch: ε is added to the bias-corrected root of v.
    coefficients: ({ beta1, beta2, epsilon }) => ({
      decay1: beta1,
      gradientScale: 1 - beta1,
      decay2: beta2,
      squaredGradientScale: 1 - beta2,
      usesSecondMoment: 1,
      epsilon,
    }),
    biasCorrected: true,
    usualLearningRates: { low: 1e-4, high: 0.1 },
    reads: ['beta1', 'beta2', 'epsilon'],
    keras: [
      '        # Kingma & Ba (2015) and PyTorch: ε is added to the bias-corrected root of v.',
      '        self.assign(m, BETA_1 * m + (1 - BETA_1) * g)',
      '        self.assign(v, BETA_2 * v + (1 - BETA_2) * g * g)',
      '        preconditioner = ops.sqrt(v / (1 - ops.power(BETA_2, step))) + EPSILON',
      '        direction = m / (1 - ops.power(BETA_1, step)) / preconditioner',
    ],
    torch:
      'torch.optim.Adam(parameters, lr=rate, betas=(config["beta1"], config["beta2"]), eps=config["epsilon"])',
    torchPreconditioner:
      '(state["exp_avg_sq"] / (1 - config["beta2"] ** float(state["step"]))).sqrt() + config["epsilon"]',
  },
  adagrad: {
    name: 'Adagrad',
    nameZh: 'Adagrad',
    // Duchi, Hazan & Singer (2011) and PyTorch's Adagrad: v sums every g², ε outside the root.
    coefficients: ({ epsilon }) => ({
      decay1: 0,
      gradientScale: 1,
      decay2: 1,
      squaredGradientScale: 1,
      usesSecondMoment: 1,
      epsilon,
    }),
    biasCorrected: false,
    usualLearningRates: { low: 1e-3, high: 1 },
    reads: ['epsilon'],
    keras: [
      '        self.assign(v, v + g * g)',
      '        preconditioner = ops.sqrt(v) + EPSILON',
      '        direction = g / preconditioner',
    ],
    torch: 'torch.optim.Adagrad(parameters, lr=rate, eps=config["epsilon"])',
    torchPreconditioner: 'state["sum"].sqrt() + config["epsilon"]',
  },
} satisfies Record<string, OptimizerSpec>;

export type OptimizerKind = keyof typeof OPTIMIZER_SPECS;

/** The kinds in the table's order, as the tuple zod's enum and the controls want. */
export const OPTIMIZERS = Object.keys(OPTIMIZER_SPECS) as [OptimizerKind, ...OptimizerKind[]];

export const optimizerSpec = (kind: OptimizerKind): OptimizerSpec => OPTIMIZER_SPECS[kind];
