import type {
  Activation,
  DatasetId,
  ExperimentConfig,
  OptimizerKind,
  ScheduleKind,
} from '../../core/config/parameters';
import { OPTIMIZER_SPECS, OPTIMIZERS } from '../../core/config/optimizers';
import { useLanguage, type Language } from '../../i18n';
import type { LazyHelpText } from '../controls/HelpButton';
import type { PARAMETER_HELP } from './parameterHelp';

/** A hyperparameter's name in people's words (its "?" text is in parameterHelp.ts). */
export interface ParameterText {
  label: string;
}

type Texts = Record<keyof ExperimentConfig, ParameterText>;

const en: Texts = {
  dataset: { label: 'Dataset' },
  points: { label: 'Points' },
  noise: { label: 'Noise' },
  validationSplit: { label: 'Validation split' },
  features: { label: 'Input features' },
  hiddenLayers: { label: 'Hidden layers' },
  activation: { label: 'Activation' },
  optimizer: { label: 'Optimizer' },
  learningRate: { label: 'Learning rate' },
  momentum: { label: 'Momentum' },
  rmsDecay: { label: 'RMSprop decay (ρ)' },
  beta1: { label: 'Adam β₁' },
  beta2: { label: 'Adam β₂' },
  epsilon: { label: 'Epsilon (ε)' },
  dropout: { label: 'Dropout' },
  l1: { label: 'L1 regularization' },
  l2: { label: 'L2 regularization' },
  labelSmoothing: { label: 'Label smoothing' },
  clipNorm: { label: 'Gradient clipping' },
  batchSize: { label: 'Batch size' },
  epochs: { label: 'Epochs' },
  schedule: { label: 'Learning-rate schedule' },
  warmupEpochs: { label: 'Warm-up epochs' },
  decayEvery: { label: 'Decay every' },
  decayFactor: { label: 'Decay factor' },
  patience: { label: 'Early-stopping patience' },
  seed: { label: 'Seed' },
};

const zh: Texts = {
  dataset: { label: '数据集' },
  points: { label: '样本点数' },
  noise: { label: '噪声' },
  validationSplit: { label: '验证集比例' },
  features: { label: '输入特征' },
  hiddenLayers: { label: '隐藏层' },
  activation: { label: '激活函数' },
  optimizer: { label: '优化器' },
  learningRate: { label: '学习率' },
  momentum: { label: '动量' },
  rmsDecay: { label: 'RMSprop 衰减率 (ρ)' },
  beta1: { label: 'Adam β₁' },
  beta2: { label: 'Adam β₂' },
  epsilon: { label: 'ε（epsilon）' },
  dropout: { label: 'Dropout' },
  l1: { label: 'L1 正则化' },
  l2: { label: 'L2 正则化' },
  labelSmoothing: { label: '标签平滑' },
  clipNorm: { label: '梯度裁剪' },
  batchSize: { label: '批大小' },
  epochs: { label: '训练轮数' },
  schedule: { label: '学习率调度' },
  warmupEpochs: { label: '预热轮数' },
  decayEvery: { label: '衰减间隔' },
  decayFactor: { label: '衰减系数' },
  patience: { label: '早停耐心' },
  seed: { label: '随机种子' },
};

/** `key.value` for every choice value, so a new dataset, activation, optimizer or schedule needs its names. */
type ChoiceTextKey =
  | `dataset.${DatasetId}`
  | `activation.${Activation}`
  | `optimizer.${OptimizerKind}`
  | `schedule.${ScheduleKind}`;

/** Optimizers are named in their records (src/core/config/optimizers.ts), in both languages. */
const optimizerChoices = (name: 'name' | 'nameZh') =>
  Object.fromEntries(OPTIMIZERS.map((kind) => [`optimizer.${kind}`, OPTIMIZER_SPECS[kind][name]])) as Record<
    `optimizer.${OptimizerKind}`,
    string
  >;

/** Names of choice values (datasets, activations, optimizers, schedules), by `key.value`. */
const choicesEn: Record<ChoiceTextKey, string> = {
  'dataset.circle': 'Circle',
  'dataset.xor': 'XOR',
  'dataset.gaussian': 'Gaussian',
  'dataset.spiral': 'Spiral',
  'dataset.moons': 'Two moons',
  'dataset.blobs': 'Blobs',
  'dataset.plane': 'Plane (regression)',
  'dataset.wave': 'Wave (regression)',
  'dataset.digits': 'Handwritten digits',
  'dataset.custom': 'My CSV data',
  'activation.relu': 'ReLU',
  'activation.tanh': 'tanh',
  'activation.sigmoid': 'Sigmoid',
  'activation.linear': 'Linear',
  'activation.elu': 'ELU',
  'activation.gelu': 'GELU',
  ...optimizerChoices('name'),
  'schedule.constant': 'Constant',
  'schedule.step': 'Step decay',
  'schedule.cosine': 'Cosine',
  'schedule.warmup': 'Warm-up',
};

const choicesZh: Record<ChoiceTextKey, string> = {
  'dataset.circle': '圆形',
  'dataset.xor': '异或',
  'dataset.gaussian': '高斯',
  'dataset.spiral': '螺旋',
  'dataset.moons': '双月',
  'dataset.blobs': '多团',
  'dataset.plane': '平面（回归）',
  'dataset.wave': '波浪（回归）',
  'dataset.digits': '手写数字',
  'dataset.custom': '我的 CSV 数据',
  'activation.relu': 'ReLU',
  'activation.tanh': 'tanh',
  'activation.sigmoid': 'Sigmoid',
  'activation.linear': '线性',
  'activation.elu': 'ELU',
  'activation.gelu': 'GELU',
  ...optimizerChoices('nameZh'),
  'schedule.constant': '恒定',
  'schedule.step': '阶梯衰减',
  'schedule.cosine': '余弦',
  'schedule.warmup': '预热',
};

const CHOICE_TEXT: Record<Language, Record<string, string>> = { en: choicesEn, zh: choicesZh };

/** The name of a choice value in a language (falls back to the value itself). */
export function choiceText(language: Language, key: string, value: string): string {
  return CHOICE_TEXT[language][`${key}.${value}`] ?? value;
}

/** The name of a choice value in the current language (falls back to the value itself). */
export function useChoiceText(): (key: string, value: string) => string {
  const language = useLanguage((s) => s.language);
  return (key, value) => choiceText(language, key, value);
}

export const PARAMETER_TEXT: Record<Language, Texts> = { en, zh };

export function useParameterText(): Texts {
  return PARAMETER_TEXT[useLanguage((s) => s.language)];
}

let help: typeof PARAMETER_HELP | undefined;
let loading: Promise<unknown> | undefined;

/** Loads every parameter's "?" text (once; again after a failure). */
export function loadParameterHelp(): Promise<unknown> {
  loading ??= import('./parameterHelpChunk').then(
    (module) => (help = module.PARAMETER_HELP),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** A parameter's "?" text as the playground's popovers take it: loaded when first needed. */
export function lazyParameterHelp(language: Language, key: keyof ExperimentConfig): LazyHelpText {
  return { get: () => help?.[language][key], load: loadParameterHelp };
}
