import * as z from 'zod/mini';
import { lazySchema } from '../schema-lazy';
import {
  DEFAULT_CONFIG,
  NUMERIC_PARAMETER,
  OPTIMIZERS,
  SCHEDULES,
  type OptimizerKind,
  type ScheduleKind,
} from '../config/parameters';
import { formatNumber, type ConfigIssueCode } from '../config/schema';
import { SEQUENCE_TASKS, type SequenceTaskId } from './tasks';

export const SEQUENCE_MODELS = ['transformer', 'lstm'] as const;
export type SequenceModelKind = (typeof SEQUENCE_MODELS)[number];

export const HEAD_COUNTS = [1, 2, 4, 8] as const;
export type HeadCount = (typeof HEAD_COUNTS)[number];

/** Everything needed to reproduce one sequence run, seed included. */
export interface SequenceConfig {
  model: SequenceModelKind;
  task: SequenceTaskId;
  heads: HeadCount;
  /** Model width d (embedding and residual size); each head gets d / heads. The LSTM's state size. */
  width: number;
  layers: number;
  ffWidth: number;
  /** Rows of the position table: longer inputs are cut to their first `maxLength` tokens. */
  maxLength: number;
  attentionDropout: number;
  minSequenceLength: number;
  maxSequenceLength: number;
  trainingSize: number;
  optimizer: OptimizerKind;
  learningRate: number;
  momentum: number;
  rmsDecay: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  dropout: number;
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

export type SequenceNumericKey = {
  [K in keyof SequenceConfig]: SequenceConfig[K] extends number ? K : never;
}[keyof SequenceConfig];

export interface SequenceNumericParameter {
  key: SequenceNumericKey;
  /** The command-line option. */
  flag: string;
  description: string;
  min: number;
  max: number;
  integer?: boolean;
  scale: 'linear' | 'log';
  logMin?: number;
  step?: number;
  /** Only meaningful for this model. */
  model?: SequenceModelKind;
}

const shared = (
  key: SequenceNumericKey & keyof typeof NUMERIC_PARAMETER,
  flag: string,
): SequenceNumericParameter => {
  const p = NUMERIC_PARAMETER[key];
  const row: SequenceNumericParameter = {
    key,
    flag,
    description: p.description,
    min: p.min,
    max: p.max,
    scale: p.scale,
  };
  if (p.integer) row.integer = true;
  if (p.logMin !== undefined) row.logMin = p.logMin;
  if (p.step !== undefined) row.step = p.step;
  return row;
};

/**
 * The numeric settings of a sequence run. The trainer's own settings share the engine's ranges
 * (one table), except the budget and batch size, which are smaller here because each step of
 * a transformer costs far more than a step of a 2-16-16-2 network.
 */
export const SEQUENCE_NUMERIC_PARAMETERS: readonly SequenceNumericParameter[] = [
  {
    key: 'width',
    flag: '--width',
    description: 'model width (embedding size); each head gets width / heads',
    min: 8,
    max: 128,
    integer: true,
    scale: 'linear',
    step: 8,
  },
  {
    key: 'layers',
    flag: '--layers',
    description: 'transformer blocks (attention + feed-forward)',
    min: 1,
    max: 3,
    integer: true,
    scale: 'linear',
    step: 1,
    model: 'transformer',
  },
  {
    key: 'ffWidth',
    flag: '--ff-width',
    description: 'hidden units of each feed-forward block',
    min: 8,
    max: 256,
    integer: true,
    scale: 'linear',
    step: 8,
    model: 'transformer',
  },
  {
    key: 'maxLength',
    flag: '--max-length',
    description: 'maximum sequence length: rows of the position table; longer inputs are truncated',
    min: 2,
    max: 64,
    integer: true,
    scale: 'linear',
    step: 1,
  },
  {
    key: 'attentionDropout',
    flag: '--attention-dropout',
    description: 'fraction of attention weights dropped in training',
    min: 0,
    max: 0.9,
    scale: 'linear',
    step: 0.05,
    model: 'transformer',
  },
  {
    key: 'minSequenceLength',
    flag: '--min-sequence',
    description: 'shortest generated sequence',
    min: 2,
    max: 64,
    integer: true,
    scale: 'linear',
    step: 1,
  },
  {
    key: 'maxSequenceLength',
    flag: '--max-sequence',
    description: 'longest generated sequence',
    min: 2,
    max: 64,
    integer: true,
    scale: 'linear',
    step: 1,
  },
  {
    key: 'trainingSize',
    flag: '--training-size',
    description: 'training sequences generated (validation: a quarter as many more)',
    min: 50,
    max: 5000,
    integer: true,
    scale: 'linear',
    step: 50,
  },
  shared('learningRate', '--learning-rate'),
  shared('momentum', '--momentum'),
  shared('rmsDecay', '--rms-decay'),
  shared('beta1', '--beta1'),
  shared('beta2', '--beta2'),
  shared('epsilon', '--epsilon'),
  shared('dropout', '--dropout'),
  shared('labelSmoothing', '--label-smoothing'),
  shared('clipNorm', '--clip-norm'),
  { ...shared('batchSize', '--batch-size'), max: 1000 },
  { ...shared('epochs', '--epochs'), max: 500 },
  shared('warmupEpochs', '--warmup-epochs'),
  shared('decayEvery', '--decay-every'),
  shared('decayFactor', '--decay-factor'),
  shared('patience', '--patience'),
  shared('seed', '--seed'),
];

export const SEQUENCE_NUMERIC_PARAMETER: Readonly<Record<SequenceNumericKey, SequenceNumericParameter>> =
  Object.fromEntries(SEQUENCE_NUMERIC_PARAMETERS.map((p) => [p.key, p])) as Record<
    SequenceNumericKey,
    SequenceNumericParameter
  >;

/**
 * Defaults that train in seconds on the cpu backend and show something at once: "which marked
 * digit is larger" is learned within ~10 epochs by 4 heads, and its attention maps show heads
 * picking out the marked digits.
 */
export const DEFAULT_SEQUENCE_CONFIG: Readonly<SequenceConfig> = Object.freeze({
  model: 'transformer',
  task: 'larger',
  heads: 4,
  width: 16,
  layers: 1,
  ffWidth: 32,
  maxLength: 16,
  attentionDropout: 0,
  minSequenceLength: 4,
  maxSequenceLength: 10,
  trainingSize: 1000,
  optimizer: 'adam',
  learningRate: 0.01,
  momentum: DEFAULT_CONFIG.momentum,
  rmsDecay: DEFAULT_CONFIG.rmsDecay,
  beta1: DEFAULT_CONFIG.beta1,
  beta2: DEFAULT_CONFIG.beta2,
  epsilon: DEFAULT_CONFIG.epsilon,
  dropout: 0,
  labelSmoothing: 0,
  clipNorm: 1,
  batchSize: 32,
  epochs: 12,
  schedule: 'constant',
  warmupEpochs: 5,
  decayEvery: DEFAULT_CONFIG.decayEvery,
  decayFactor: DEFAULT_CONFIG.decayFactor,
  patience: 0,
  seed: 1,
} satisfies SequenceConfig);

function describe(p: SequenceNumericParameter): string {
  return `${p.key} must be ${p.integer ? 'an integer' : 'a number'} from ${p.min} to ${p.max}`;
}

/** Each setting's schema, built on first use. */
const sequenceShape = lazySchema(() => {
  const shape: Record<string, z.ZodMiniType> = {
    model: z.enum(SEQUENCE_MODELS, { error: `model must be one of ${SEQUENCE_MODELS.join(', ')}` }),
    task: z.enum(SEQUENCE_TASKS, { error: `task must be one of ${SEQUENCE_TASKS.join(', ')}` }),
    heads: z.union(
      HEAD_COUNTS.map((h) => z.literal(h)),
      { error: `heads must be one of ${HEAD_COUNTS.join(', ')}` },
    ),
    optimizer: z.enum(OPTIMIZERS, { error: `optimizer must be one of ${OPTIMIZERS.join(', ')}` }),
    schedule: z.enum(SCHEDULES, { error: `schedule must be one of ${SCHEDULES.join(', ')}` }),
  };
  for (const p of SEQUENCE_NUMERIC_PARAMETERS) {
    const message = describe(p);
    const schema = z.number({ error: message }).check(
      z.refine(Number.isFinite, { message }),
      z.refine((v: number) => v >= p.min && v <= p.max, { message }),
    );
    shape[p.key] = p.integer ? schema.check(z.refine(Number.isInteger, { message })) : schema;
  }
  return shape;
});

/** The strict schema of a sequence config, built on first use. */
export const sequenceConfigSchema = lazySchema(
  () =>
    z.strictObject(sequenceShape()).check(
      z.superRefine((value, context) => {
        const config = value as unknown as SequenceConfig;
        if (config.width % config.heads !== 0) {
          context.addIssue({
            code: 'custom',
            path: ['width'],
            message: `width must be a multiple of heads (${config.heads}) so each head gets width / heads`,
          });
        }
        if (config.minSequenceLength > config.maxSequenceLength) {
          context.addIssue({
            code: 'custom',
            path: ['minSequenceLength'],
            message: 'minSequenceLength must not exceed maxSequenceLength',
          });
        }
      }),
    ) as unknown as z.ZodMiniType<SequenceConfig>,
);

export type SequenceConfigIssueCode =
  | ConfigIssueCode
  /** params.heads, and `value`, `became` when restore rounded the width. */
  | 'width-not-multiple'
  /** params.value, became (when restore lowered it): the shortest sequence was longer than the longest. */
  | 'shortest-above-longest';

/**
 * One problem with one setting, as data the page renders in each language (the same shape as the
 * playground's ConfigIssue); `message` is the same in English, for the command line.
 */
export interface SequenceConfigIssue {
  code: SequenceConfigIssueCode;
  field: string;
  params: Record<string, string | number>;
  message: string;
}

export type SequenceConfigResult =
  { ok: true; config: SequenceConfig } | { ok: false; issues: SequenceConfigIssue[] };

const CHOICE_KEYS = ['model', 'task', 'heads', 'optimizer', 'schedule'] as const;
const CHOICES: Record<(typeof CHOICE_KEYS)[number], readonly (string | number)[]> = {
  model: SEQUENCE_MODELS,
  task: SEQUENCE_TASKS,
  heads: HEAD_COUNTS,
  optimizer: OPTIMIZERS,
  schedule: SCHEDULES,
};

/** The names of a config's settings, known without building their schemas. */
const SETTINGS: Record<string, true> = Object.fromEntries(
  [...CHOICE_KEYS, ...SEQUENCE_NUMERIC_PARAMETERS.map((p) => p.key)].map((key) => [key, true]),
);

const rangeParams = (p: SequenceNumericParameter) => ({
  min: formatNumber(p.min),
  max: formatNumber(p.max),
  integer: p.integer ? 1 : 0,
});

/** The code and params of a problem with a field, from strict validation. */
function fieldIssue(field: string, message: string, heads: number): SequenceConfigIssue {
  const numeric = SEQUENCE_NUMERIC_PARAMETERS.find((p) => p.key === field);
  if (field === 'width' && /multiple/.test(message))
    return { code: 'width-not-multiple', field, params: { heads }, message };
  if (field === 'minSequenceLength' && /exceed/.test(message))
    return { code: 'shortest-above-longest', field, params: {}, message };
  if (numeric) return { code: 'out-of-range', field, params: rangeParams(numeric), message };
  const choices = CHOICES[field as (typeof CHOICE_KEYS)[number]];
  return { code: 'not-a-choice', field, params: { choices: (choices ?? []).join(', ') }, message };
}

/** Strict validation; missing fields take their defaults. Issues name the field and its range. */
export function validateSequenceConfig(input: unknown): SequenceConfigResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return {
      ok: false,
      issues: [
        { code: 'not-object', field: '(config)', params: {}, message: 'a config must be a JSON object' },
      ],
    };
  }
  const merged = { ...DEFAULT_SEQUENCE_CONFIG, ...(input as object) } as SequenceConfig;
  const result = sequenceConfigSchema().safeParse(merged);
  if (result.success) return { ok: true, config: result.data };
  return {
    ok: false,
    issues: result.error.issues.flatMap((issue): SequenceConfigIssue[] => {
      const field = issue.path.length > 0 ? String(issue.path[0]) : '(config)';
      if (issue.code === 'unrecognized_keys')
        return issue.keys.map((name) => ({
          code: 'unknown-field',
          field: '(config)',
          params: { name: name.slice(0, 40) },
          message: `unknown field: ${name}`,
        }));
      return [fieldIssue(field, issue.message, merged.heads)];
    }),
  };
}

/** What restore fixed: the same shape as strict validation's issues. */
export type SequenceRestoreIssue = SequenceConfigIssue;

/**
 * Lenient restore for links and saved work: numbers out of range are clamped, anything else
 * wrong takes its default, width is rounded to a multiple of heads; the issues say what changed.
 * Never throws, whatever arrives.
 */
export function restoreSequenceConfig(input: unknown): {
  config: SequenceConfig;
  issues: SequenceRestoreIssue[];
} {
  const source: Record<string, unknown> =
    typeof input === 'object' && input !== null && !Array.isArray(input)
      ? (input as Record<string, unknown>)
      : {};
  const issues: SequenceRestoreIssue[] = [];
  if (source !== input)
    issues.push({
      code: 'not-object',
      field: '(config)',
      params: {},
      message: 'not an object; the defaults were loaded',
    });
  const config: Record<string, unknown> = { ...DEFAULT_SEQUENCE_CONFIG };
  for (const p of SEQUENCE_NUMERIC_PARAMETERS) {
    if (!Object.hasOwn(source, p.key)) continue;
    const value = source[p.key];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      const defaultValue = formatNumber(DEFAULT_SEQUENCE_CONFIG[p.key]);
      issues.push({
        code: 'not-a-number',
        field: p.key,
        params: { ...rangeParams(p), defaultValue },
        message: `${describe(p)}; the default ${defaultValue} was used`,
      });
      continue;
    }
    let fixed = Math.min(p.max, Math.max(p.min, value));
    if (p.integer) fixed = Math.round(fixed);
    // -0 is in range but JSON writes it as 0: one value, one link.
    if (fixed === 0) fixed = 0;
    if (fixed !== value)
      issues.push({
        code: 'out-of-range',
        field: p.key,
        params: { ...rangeParams(p), value: formatNumber(value), became: formatNumber(fixed) },
        message: `${describe(p)}; ${formatNumber(value)} became ${formatNumber(fixed)}`,
      });
    config[p.key] = fixed;
  }
  for (const key of CHOICE_KEYS) {
    if (!Object.hasOwn(source, key)) continue;
    if (sequenceShape()[key]!.safeParse(source[key]).success) config[key] = source[key];
    else {
      const fallback = String(DEFAULT_SEQUENCE_CONFIG[key]);
      issues.push({
        code: 'not-a-choice',
        field: key,
        params: { choices: CHOICES[key].join(', '), defaultValue: fallback },
        message: `${key} must be one of ${CHOICES[key].join(', ')}; the default ${fallback} was used`,
      });
    }
  }
  const heads = config.heads as number;
  const width = config.width as number;
  if (width % heads !== 0) {
    const fixed = Math.max(heads, Math.round(width / heads) * heads);
    issues.push({
      code: 'width-not-multiple',
      field: 'width',
      params: { heads, value: width, became: fixed },
      message: `width must be a multiple of heads (${heads}); ${width} became ${fixed}`,
    });
    config.width = fixed;
  }
  if ((config.minSequenceLength as number) > (config.maxSequenceLength as number)) {
    issues.push({
      code: 'shortest-above-longest',
      field: 'minSequenceLength',
      params: { value: config.minSequenceLength as number, became: config.maxSequenceLength as number },
      message: 'minSequenceLength must not exceed maxSequenceLength; it was lowered',
    });
    config.minSequenceLength = config.maxSequenceLength;
  }
  // Last: a link can carry thousands of unknown fields, and an alert lists the first few issues.
  for (const key of Object.keys(source)) {
    if (!Object.hasOwn(SETTINGS, key))
      issues.push({
        code: 'unknown-field',
        field: key,
        params: { name: key.slice(0, 40) },
        message: `unknown field ${JSON.stringify(key.slice(0, 40))} was ignored`,
      });
  }
  return { config: config as unknown as SequenceConfig, issues };
}
