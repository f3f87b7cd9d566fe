import {
  CHOICE_PARAMETER,
  NUMERIC_PARAMETER,
  type ChoiceKey,
  type ExperimentConfig,
  type NumericKey,
} from '../config/parameters';
import { formatNumber } from '../config/schema';
import { LESSON_IDS, LESSONS, type Lesson, type LessonId } from './lessons';
import { PARAMETER_NAMES, formatParameterValue, type LessonLanguage, type Localized } from './names';

/** A page never shows more lanes than this: each lane is a training run on a shared machine. */
export const MIN_LANES = 2;
export const MAX_LANES = 4;

/** One lane, ready to train: its full experiment and its name. */
export interface Lane {
  label: Localized;
  config: ExperimentConfig;
}

export function isLessonId(id: string): id is LessonId {
  return (LESSON_IDS as readonly string[]).includes(id);
}

export function getLesson(id: string): Lesson {
  if (!isLessonId(id))
    throw new Error(`unknown lesson "${id.slice(0, 40)}"; the lessons are ${LESSON_IDS.join(', ')}`);
  return LESSONS[id];
}

function copyConfig(config: ExperimentConfig): ExperimentConfig {
  return { ...config, features: [...config.features], hiddenLayers: [...config.hiddenLayers] };
}

/** A lane's experiment: the base with the lane's changes on top. Lanes keep the base's seed. */
export function applyOverrides(
  base: ExperimentConfig,
  overrides: Partial<ExperimentConfig>,
): ExperimentConfig {
  return copyConfig({ ...base, ...overrides, seed: base.seed });
}

/** Every lane of a lesson, in the order the page shows them. */
export function lessonLanes(id: string): Lane[] {
  const lesson = getLesson(id);
  return lesson.lanes.map((lane) => ({
    label: { ...lane.label },
    config: applyOverrides(lesson.base, lane.overrides),
  }));
}

/** The experiment of one lane of a lesson (`train --lesson NAME --lane N`). */
export function lessonLaneConfig(lessonId: string, lane: number): ExperimentConfig {
  const lanes = lessonLanes(lessonId);
  if (!Number.isInteger(lane) || lane < 0 || lane >= lanes.length) {
    throw new Error(
      `lesson ${lessonId} has lanes 0 to ${lanes.length - 1}; got ${String(lane).slice(0, 20)}`,
    );
  }
  return lanes[lane]!.config;
}

/** One difference between a lane and its base, for a chip. */
export interface LaneDifference {
  key: keyof ExperimentConfig;
  /** "learning rate 0.1 vs 0.01": the lane's value first, then the base's. */
  text: string;
  laneValue: string;
  baseValue: string;
}

/** Keys in the order chips list them: the typed table's order (data, network, optimizer, …). */
const DIFFERENCE_ORDER: readonly (keyof ExperimentConfig)[] = [
  'dataset',
  'points',
  'noise',
  'validationSplit',
  'features',
  'hiddenLayers',
  'activation',
  'optimizer',
  'learningRate',
  'momentum',
  'rmsDecay',
  'beta1',
  'beta2',
  'epsilon',
  'dropout',
  'l1',
  'l2',
  'labelSmoothing',
  'clipNorm',
  'batchSize',
  'epochs',
  'schedule',
  'warmupEpochs',
  'decayEvery',
  'decayFactor',
  'patience',
  'seed',
];

/** What a lane changed relative to the base, one chip per changed hyperparameter. */
export function laneDifferences(
  base: ExperimentConfig,
  lane: ExperimentConfig,
  language: LessonLanguage = 'en',
): LaneDifference[] {
  const differences: LaneDifference[] = [];
  for (const key of DIFFERENCE_ORDER) {
    if (JSON.stringify(base[key]) === JSON.stringify(lane[key])) continue;
    const laneValue = formatParameterValue(key, lane[key], language);
    const baseValue = formatParameterValue(key, base[key], language);
    const vs = language === 'zh' ? '对比' : 'vs';
    differences.push({
      key,
      laneValue,
      baseValue,
      text: `${PARAMETER_NAMES[key][language]} ${laneValue} ${vs} ${baseValue}`,
    });
  }
  return differences;
}

export type SweepKey = NumericKey | Exclude<ChoiceKey, 'dataset'>;

export function isSweepKey(key: string): key is SweepKey {
  return (key in NUMERIC_PARAMETER || key in CHOICE_PARAMETER) && key !== 'dataset';
}

/**
 * One lane per value of one hyperparameter, everything else as in the base: "sweep one
 * hyperparameter". Throws a one-line message for a bad value or count, naming the allowed range.
 */
export function sweepLanes(
  base: ExperimentConfig,
  key: SweepKey,
  values: readonly (number | string)[],
): Lane[] {
  if (values.length < MIN_LANES || values.length > MAX_LANES) {
    throw new Error(`a sweep takes ${MIN_LANES} to ${MAX_LANES} values; got ${values.length}`);
  }
  return values.map((value) => {
    const numeric = NUMERIC_PARAMETER[key as NumericKey];
    if (numeric) {
      if (
        typeof value !== 'number' ||
        !Number.isFinite(value) ||
        value < numeric.min ||
        value > numeric.max ||
        (numeric.integer && !Number.isInteger(value))
      ) {
        throw new Error(
          `${PARAMETER_NAMES[key].en} must be ${numeric.integer ? 'an integer' : 'a number'} from ${formatNumber(numeric.min)} to ${formatNumber(numeric.max)}; got ${String(value).slice(0, 20)}`,
        );
      }
    } else {
      const choice = CHOICE_PARAMETER[key as ChoiceKey];
      if (typeof value !== 'string' || !choice.choices.includes(value)) {
        throw new Error(
          `${PARAMETER_NAMES[key].en} must be one of ${choice.choices.join(', ')}; got ${String(value).slice(0, 20)}`,
        );
      }
    }
    const config = applyOverrides(base, { [key]: value } as Partial<ExperimentConfig>);
    const label = (language: LessonLanguage) =>
      `${PARAMETER_NAMES[key][language]} ${formatParameterValue(key, config[key], language)}`;
    return { label: { en: label('en'), zh: label('zh') }, config };
  });
}

/** `count` values from `low` to `high`, evenly spaced on a log scale, rounded to 3 significant digits. */
export function logSpaced(low: number, high: number, count: number): number[] {
  if (!(low > 0 && high > low) || count < 2)
    throw new Error('logSpaced needs 0 < low < high and at least 2 values');
  const step = Math.log10(high / low) / (count - 1);
  return Array.from({ length: count }, (_, i) => Number((low * Math.pow(10, step * i)).toPrecision(3)));
}

/**
 * Suggested values for a sweep of `key` around the base's value. Rates and penalties (log-scale
 * parameters) get decades — 0.001, 0.01, 0.1 — because their effect is multiplicative; batch
 * sizes get factors of 4; linear parameters are spread evenly over their range.
 */
export function suggestSweepValues(
  key: SweepKey,
  count: number,
  base: ExperimentConfig,
): (number | string)[] {
  const n = Math.min(MAX_LANES, Math.max(MIN_LANES, Math.round(count)));
  const numeric = NUMERIC_PARAMETER[key as NumericKey];
  if (!numeric) {
    const choices = CHOICE_PARAMETER[key as ChoiceKey].choices;
    return choices.slice(0, n);
  }
  if (numeric.scale === 'log') {
    const factor = key === 'batchSize' ? 4 : 10;
    const low = numeric.logMin ?? numeric.min;
    const current = base[key as NumericKey] > 0 ? base[key as NumericKey] : low * 100;
    // Centred on the current value, then slid back inside the range if it ran over an end.
    let first = current / Math.pow(factor, Math.floor((n - 1) / 2));
    const last = first * Math.pow(factor, n - 1);
    if (last > numeric.max)
      first /= Math.pow(factor, Math.ceil(Math.log(last / numeric.max) / Math.log(factor)));
    if (first < low) first *= Math.pow(factor, Math.ceil(Math.log(low / first) / Math.log(factor)));
    return Array.from({ length: n }, (_, i) => {
      const value = first * Math.pow(factor, i);
      return numeric.integer ? Math.round(value) : Number(value.toPrecision(3));
    });
  }
  const span = numeric.max - numeric.min;
  const step = numeric.step ?? span / 100;
  return Array.from({ length: n }, (_, i) => {
    const raw = numeric.min + (span * (i + 1)) / (n + 1);
    const value = Math.round(raw / step) * step;
    return numeric.integer ? Math.round(value) : Number(value.toPrecision(6));
  });
}

/** The two usual ways to change the learning rate when the batch grows k-fold. */
export interface LearningRateScaling {
  /** toBatch / fromBatch. */
  factor: number;
  /** lr × k (Goyal et al. 2017, for SGD). */
  linear: number;
  /** lr × √k (keeps the update's noise level; often preferred for Adam). */
  squareRoot: number;
}

export function scaleLearningRate(
  learningRate: number,
  fromBatch: number,
  toBatch: number,
): LearningRateScaling {
  for (const [name, value] of [
    ['learning rate', learningRate],
    ['batch size', fromBatch],
    ['new batch size', toBatch],
  ] as const) {
    if (!Number.isFinite(value) || value <= 0)
      throw new Error(`${name} must be a positive number; got ${String(value).slice(0, 20)}`);
  }
  const factor = toBatch / fromBatch;
  return { factor, linear: learningRate * factor, squareRoot: learningRate * Math.sqrt(factor) };
}
