/**
 * The one typed table of hyperparameters. The schema, the command line and its --help, the share
 * link, the sliders, sweeps and tuner search spaces are all read from here, so a new
 * hyperparameter is one row, not six edits (TensorFlow Playground's typed URL table, grown up).
 */

import { OPTIMIZER_SPECS, OPTIMIZERS, type OptimizerHyperparameter, type OptimizerKind } from './optimizers';

export const CLASSIFICATION_DATASETS = ['circle', 'xor', 'gaussian', 'spiral', 'moons', 'blobs'] as const;
export const REGRESSION_DATASETS = ['plane', 'wave'] as const;
/**
 * Datasets that come from a file rather than a generator: the 8×8 handwritten digits shipped in
 * public/data, and the user's own CSV. Their points reach the engine as a ready `Dataset`.
 */
export const FILE_DATASETS = ['digits', 'custom'] as const;
export const DATASETS = [...CLASSIFICATION_DATASETS, ...REGRESSION_DATASETS, ...FILE_DATASETS] as const;
export type DatasetId = (typeof DATASETS)[number];

export const FEATURES = ['x1', 'x2', 'x1sq', 'x2sq', 'x1x2', 'sinx1', 'sinx2'] as const;
export type FeatureId = (typeof FEATURES)[number];

export const ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'linear', 'elu', 'gelu'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

export { OPTIMIZERS, type OptimizerKind } from './optimizers';

/** The optimizers that read a hyperparameter, from their records. */
const optimizersReading = (key: OptimizerHyperparameter): OptimizerKind[] =>
  OPTIMIZERS.filter((kind) => (OPTIMIZER_SPECS[kind].reads as readonly string[]).includes(key));

/** Optimizer names as a user reads them, the same in English and Chinese. */
export const OPTIMIZER_NAMES = Object.fromEntries(
  OPTIMIZERS.map((kind) => [kind, OPTIMIZER_SPECS[kind].name]),
) as Record<OptimizerKind, string>;

export const SCHEDULES = ['constant', 'step', 'cosine', 'warmup'] as const;
export type ScheduleKind = (typeof SCHEDULES)[number];

export const MAX_HIDDEN_LAYERS = 6;
export const MAX_UNITS = 64;

/** A complete experiment: everything needed to reproduce a run, seed included. */
export interface ExperimentConfig {
  dataset: DatasetId;
  points: number;
  noise: number;
  validationSplit: number;
  features: FeatureId[];
  hiddenLayers: number[];
  activation: Activation;
  optimizer: OptimizerKind;
  learningRate: number;
  momentum: number;
  rmsDecay: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  dropout: number;
  l1: number;
  l2: number;
  labelSmoothing: number;
  clipNorm: number;
  batchSize: number;
  epochs: number;
  schedule: ScheduleKind;
  warmupEpochs: number;
  decayEvery: number;
  decayFactor: number;
  patience: number;
  seed: number;
}

export type NumericKey = {
  [K in keyof ExperimentConfig]: ExperimentConfig[K] extends number ? K : never;
}[keyof ExperimentConfig];

export type ParameterGroup = 'data' | 'network' | 'optimizer' | 'regularization' | 'training';

export interface NumericParameter {
  key: NumericKey;
  group: ParameterGroup;
  /** Short English description for --help; the page takes its words from src/i18n. */
  description: string;
  min: number;
  max: number;
  defaultValue: number;
  integer?: boolean;
  /**
   * Log-scale parameters move over log-spaced values. `logMin` is the smallest non-zero value when
   * 0 is allowed and means "off" (L1, L2, gradient clipping).
   */
  scale: 'linear' | 'log';
  logMin?: number;
  /** Slider step for linear parameters. */
  step?: number;
  /**
   * Hot parameters change a run in progress from its next step, keeping weights and the
   * optimizer's moments; any other change starts a new run.
   */
  hot: boolean;
  /** Only meaningful for these optimizers (the page greys the control out otherwise). */
  optimizers?: readonly OptimizerKind[];
  /** Only meaningful for these schedules. */
  schedules?: readonly ScheduleKind[];
}

export const NUMERIC_PARAMETERS: readonly NumericParameter[] = [
  {
    key: 'points',
    group: 'data',
    description: 'number of points generated',
    min: 20,
    max: 2000,
    defaultValue: 500,
    integer: true,
    scale: 'linear',
    step: 10,
    hot: false,
  },
  {
    key: 'noise',
    group: 'data',
    description: 'label/position noise, as a fraction of the data scale',
    min: 0,
    max: 1,
    defaultValue: 0.1,
    scale: 'linear',
    step: 0.01,
    hot: false,
  },
  {
    key: 'validationSplit',
    group: 'data',
    description: 'fraction of points held out for validation',
    min: 0.1,
    max: 0.9,
    defaultValue: 0.2,
    scale: 'linear',
    step: 0.05,
    hot: false,
  },
  {
    key: 'learningRate',
    group: 'optimizer',
    description: 'step size of each update',
    min: 1e-5,
    max: 100,
    defaultValue: 0.01,
    scale: 'log',
    hot: true,
  },
  {
    key: 'momentum',
    group: 'optimizer',
    description: 'momentum coefficient (Momentum optimizer)',
    min: 0,
    max: 0.999,
    defaultValue: 0.9,
    scale: 'linear',
    step: 0.01,
    hot: true,
    optimizers: optimizersReading('momentum'),
  },
  {
    key: 'rmsDecay',
    group: 'optimizer',
    description: 'decay rate rho of the squared-gradient average (RMSprop)',
    min: 0,
    max: 0.999,
    defaultValue: 0.9,
    scale: 'linear',
    step: 0.01,
    hot: true,
    optimizers: optimizersReading('rmsDecay'),
  },
  {
    key: 'beta1',
    group: 'optimizer',
    description: "Adam's first-moment decay",
    min: 0,
    max: 0.999,
    defaultValue: 0.9,
    scale: 'linear',
    step: 0.01,
    hot: true,
    optimizers: optimizersReading('beta1'),
  },
  {
    key: 'beta2',
    group: 'optimizer',
    description: "Adam's second-moment decay",
    min: 0,
    max: 0.9999,
    defaultValue: 0.999,
    scale: 'linear',
    step: 0.0001,
    hot: true,
    optimizers: optimizersReading('beta2'),
  },
  {
    key: 'epsilon',
    group: 'optimizer',
    description: 'added to the denominator for stability (adaptive optimizers: Adam, RMSprop, Adagrad)',
    min: 1e-10,
    max: 1,
    defaultValue: 1e-7,
    scale: 'log',
    hot: true,
    optimizers: optimizersReading('epsilon'),
  },
  {
    key: 'dropout',
    group: 'regularization',
    description: 'fraction of hidden units dropped in training',
    min: 0,
    max: 0.9,
    defaultValue: 0,
    scale: 'linear',
    step: 0.05,
    hot: true,
  },
  {
    key: 'l1',
    group: 'regularization',
    description: 'L1 penalty on weights (0 = off)',
    min: 0,
    max: 1,
    defaultValue: 0,
    scale: 'log',
    logMin: 1e-6,
    hot: true,
  },
  {
    key: 'l2',
    group: 'regularization',
    description: 'L2 penalty on weights (0 = off)',
    min: 0,
    max: 1,
    defaultValue: 0,
    scale: 'log',
    logMin: 1e-6,
    hot: true,
  },
  {
    key: 'labelSmoothing',
    group: 'regularization',
    description: 'mass moved from the true class to all classes',
    min: 0,
    max: 0.5,
    defaultValue: 0,
    scale: 'linear',
    step: 0.01,
    hot: true,
  },
  {
    key: 'clipNorm',
    group: 'regularization',
    description: 'clip gradients to this global norm (0 = off)',
    min: 0,
    max: 100,
    defaultValue: 0,
    scale: 'log',
    logMin: 0.01,
    hot: true,
  },
  {
    key: 'batchSize',
    group: 'training',
    description: 'examples per update (clamped to the training set)',
    min: 1,
    max: 100000,
    defaultValue: 16,
    integer: true,
    scale: 'log',
    hot: false,
  },
  {
    key: 'epochs',
    group: 'training',
    description: 'passes over the training set',
    min: 1,
    max: 5000,
    defaultValue: 300,
    integer: true,
    scale: 'linear',
    step: 10,
    hot: true,
  },
  {
    key: 'warmupEpochs',
    group: 'training',
    description: 'epochs of linear warm-up (warmup schedule)',
    min: 0,
    max: 1000,
    defaultValue: 10,
    integer: true,
    scale: 'linear',
    step: 1,
    hot: true,
    schedules: ['warmup'],
  },
  {
    key: 'decayEvery',
    group: 'training',
    description: 'epochs between learning-rate drops (step schedule)',
    min: 1,
    max: 1000,
    defaultValue: 100,
    integer: true,
    scale: 'linear',
    step: 1,
    hot: true,
    schedules: ['step'],
  },
  {
    key: 'decayFactor',
    group: 'training',
    description: 'learning-rate multiplier at each drop (step schedule)',
    min: 0.01,
    max: 1,
    defaultValue: 0.5,
    scale: 'linear',
    step: 0.01,
    hot: true,
    schedules: ['step'],
  },
  {
    key: 'patience',
    group: 'training',
    description: 'early stopping: epochs without a better validation loss (0 = off)',
    min: 0,
    max: 1000,
    defaultValue: 0,
    integer: true,
    scale: 'linear',
    step: 1,
    hot: true,
  },
  {
    key: 'seed',
    group: 'training',
    description: 'seed for data, split, initial weights, shuffling and dropout',
    min: 0,
    max: 2147483647,
    defaultValue: 1,
    integer: true,
    scale: 'linear',
    step: 1,
    hot: false,
  },
];

export const NUMERIC_PARAMETER: Readonly<Record<NumericKey, NumericParameter>> = Object.fromEntries(
  NUMERIC_PARAMETERS.map((p) => [p.key, p]),
) as Record<NumericKey, NumericParameter>;

export type ChoiceKey = 'dataset' | 'activation' | 'optimizer' | 'schedule';

export interface ChoiceParameter {
  key: ChoiceKey;
  group: ParameterGroup;
  description: string;
  choices: readonly string[];
  defaultValue: string;
  hot: boolean;
}

export const CHOICE_PARAMETERS: readonly ChoiceParameter[] = [
  {
    key: 'dataset',
    group: 'data',
    description: 'toy dataset',
    choices: DATASETS,
    defaultValue: 'spiral',
    hot: false,
  },
  {
    key: 'activation',
    group: 'network',
    description: 'activation of the hidden layers',
    choices: ACTIVATIONS,
    defaultValue: 'tanh',
    hot: false,
  },
  {
    key: 'optimizer',
    group: 'optimizer',
    description: 'update rule',
    choices: OPTIMIZERS,
    defaultValue: 'adam',
    hot: true,
  },
  {
    key: 'schedule',
    group: 'training',
    description: 'learning-rate schedule',
    choices: SCHEDULES,
    defaultValue: 'constant',
    hot: true,
  },
];

export const CHOICE_PARAMETER: Readonly<Record<ChoiceKey, ChoiceParameter>> = Object.fromEntries(
  CHOICE_PARAMETERS.map((p) => [p.key, p]),
) as Record<ChoiceKey, ChoiceParameter>;

export const DEFAULT_FEATURES: readonly FeatureId[] = ['x1', 'x2'];
export const DEFAULT_HIDDEN_LAYERS: readonly number[] = [16, 16];

function defaultConfig(): ExperimentConfig {
  const config: Record<string, unknown> = {
    features: [...DEFAULT_FEATURES],
    hiddenLayers: [...DEFAULT_HIDDEN_LAYERS],
  };
  for (const p of NUMERIC_PARAMETERS) config[p.key] = p.defaultValue;
  for (const p of CHOICE_PARAMETERS) config[p.key] = p.defaultValue;
  return config as unknown as ExperimentConfig;
}

/** The defaults: a 2-16-16-2 tanh network trained with Adam on the spiral. */
export const DEFAULT_CONFIG: Readonly<ExperimentConfig> = Object.freeze(defaultConfig());

/** Keys whose change restarts a run (data and architecture); everything else is hot. */
export const RESTART_KEYS: readonly (keyof ExperimentConfig)[] = [
  'features',
  'hiddenLayers',
  ...NUMERIC_PARAMETERS.filter((p) => !p.hot).map((p) => p.key),
  ...CHOICE_PARAMETERS.filter((p) => !p.hot).map((p) => p.key),
];

/** For generated datasets; a file dataset's task is in its `Dataset.task` (digits: classification). */
export function isClassification(dataset: DatasetId): boolean {
  return (CLASSIFICATION_DATASETS as readonly string[]).includes(dataset) || dataset === 'digits';
}

export function isFileDataset(dataset: DatasetId): boolean {
  return (FILE_DATASETS as readonly string[]).includes(dataset);
}

/** Does changing from `a` to `b` need a new run (data, split, architecture, batch or seed)? */
export function needsRestart(a: ExperimentConfig, b: ExperimentConfig): boolean {
  return RESTART_KEYS.some((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]));
}

/** Configs that may share one population: same data, split, architecture and batch size. */
export function populationKey(config: ExperimentConfig): string {
  return JSON.stringify(RESTART_KEYS.map((key) => config[key]));
}

/** Groups configs (keeping their indices) into populations that can train as one program. */
export function groupIntoPopulations(configs: readonly ExperimentConfig[]): number[][] {
  const groups = new Map<string, number[]>();
  configs.forEach((config, index) => {
    const key = populationKey(config);
    const group = groups.get(key);
    if (group) group.push(index);
    else groups.set(key, [index]);
  });
  return [...groups.values()];
}
