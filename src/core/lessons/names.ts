import { FEATURE_LABELS } from '../data/features';
import { formatNumber } from '../config/schema';
import { OPTIMIZER_SPECS, OPTIMIZERS } from '../config/optimizers';
import {
  OPTIMIZER_NAMES,
  type Activation,
  type DatasetId,
  type ExperimentConfig,
  type OptimizerKind,
  type ScheduleKind,
} from '../config/parameters';

/** The two languages lessons are written in; the page's language switch picks one. */
export type LessonLanguage = 'en' | 'zh';

export type Localized = Record<LessonLanguage, string>;

/**
 * Every hyperparameter's name as a student reads it, for difference chips ("learning rate 0.1 vs
 * 0.01") and sweep labels. Kept in core (not in the page's message files) because the command
 * line prints the same labels as the page.
 */
export const PARAMETER_NAMES: Record<keyof ExperimentConfig, Localized> = {
  dataset: { en: 'dataset', zh: '数据集' },
  points: { en: 'points', zh: '数据点数' },
  noise: { en: 'noise', zh: '噪声' },
  validationSplit: { en: 'validation split', zh: '验证集比例' },
  features: { en: 'features', zh: '输入特征' },
  hiddenLayers: { en: 'hidden layers', zh: '隐藏层' },
  activation: { en: 'activation', zh: '激活函数' },
  optimizer: { en: 'optimizer', zh: '优化器' },
  learningRate: { en: 'learning rate', zh: '学习率' },
  momentum: { en: 'momentum', zh: '动量' },
  rmsDecay: { en: 'RMSprop decay', zh: 'RMSprop 衰减率' },
  beta1: { en: 'β1', zh: 'β1' },
  beta2: { en: 'β2', zh: 'β2' },
  epsilon: { en: 'ε', zh: 'ε' },
  dropout: { en: 'dropout', zh: 'Dropout' },
  l1: { en: 'L1', zh: 'L1' },
  l2: { en: 'L2', zh: 'L2' },
  labelSmoothing: { en: 'label smoothing', zh: '标签平滑' },
  clipNorm: { en: 'clip norm', zh: '梯度裁剪阈值' },
  batchSize: { en: 'batch size', zh: '批大小' },
  epochs: { en: 'epochs', zh: '训练轮数' },
  schedule: { en: 'schedule', zh: '学习率调度' },
  warmupEpochs: { en: 'warm-up epochs', zh: '预热轮数' },
  decayEvery: { en: 'decay every', zh: '衰减间隔' },
  decayFactor: { en: 'decay factor', zh: '衰减系数' },
  patience: { en: 'patience', zh: '早停耐心值' },
  seed: { en: 'seed', zh: '随机种子' },
};

const OFF: Localized = { en: 'off', zh: '关闭' };

/**
 * The Chinese for each choice value where a chip names it: English chips keep the value itself
 * ("spiral", "cosine"), as the command line prints it. Keyed by the typed values, so a new
 * dataset, activation, optimizer or schedule without its Chinese fails to compile.
 */
export const CHOICE_VALUE_NAMES_ZH: {
  dataset: Record<DatasetId, string>;
  activation: Record<Activation, string>;
  optimizer: Record<OptimizerKind, string>;
  schedule: Record<ScheduleKind, string>;
} = {
  dataset: {
    circle: '圆形',
    xor: '异或',
    gaussian: '高斯',
    spiral: '螺旋',
    moons: '双月',
    blobs: '多团',
    plane: '平面',
    wave: '波浪',
    digits: '手写数字',
    custom: '我的数据',
  },
  activation: { relu: 'ReLU', tanh: 'tanh', sigmoid: 'sigmoid', linear: '线性', elu: 'ELU', gelu: 'GELU' },
  optimizer: Object.fromEntries(OPTIMIZERS.map((kind) => [kind, OPTIMIZER_SPECS[kind].nameZh])) as Record<
    OptimizerKind,
    string
  >,
  schedule: { constant: '恒定', step: '阶梯衰减', cosine: '余弦', warmup: '预热' },
};

/** Keys where 0 means the feature is switched off, so the chip says "off" rather than "0". */
const ZERO_IS_OFF: ReadonlySet<keyof ExperimentConfig> = new Set([
  'dropout',
  'l1',
  'l2',
  'labelSmoothing',
  'clipNorm',
  'patience',
]);

/** One value as a chip shows it: "16, 16" for layers, "x₁, x₂" for features, "Adam", "0.003". */
export function formatParameterValue<K extends keyof ExperimentConfig>(
  key: K,
  value: ExperimentConfig[K],
  language: LessonLanguage = 'en',
): string {
  if (key === 'hiddenLayers') {
    const layers = value as number[];
    return layers.length === 0 ? (language === 'zh' ? '无' : 'none') : layers.join(', ');
  }
  if (key === 'features')
    return (value as ExperimentConfig['features']).map((f) => FEATURE_LABELS[f]).join(', ');
  if (language === 'zh' && key in CHOICE_VALUE_NAMES_ZH)
    return CHOICE_VALUE_NAMES_ZH[key as keyof typeof CHOICE_VALUE_NAMES_ZH][value as never] ?? String(value);
  if (key === 'optimizer') return OPTIMIZER_NAMES[value as ExperimentConfig['optimizer']];
  if (typeof value === 'number') {
    if (value === 0 && ZERO_IS_OFF.has(key)) return OFF[language];
    return formatNumber(value);
  }
  return String(value);
}
