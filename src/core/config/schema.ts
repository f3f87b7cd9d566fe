import * as z from 'zod/mini';
import { lazySchema } from '../schema-lazy';
import {
  CHOICE_PARAMETERS,
  DEFAULT_CONFIG,
  FEATURES,
  MAX_HIDDEN_LAYERS,
  MAX_UNITS,
  NUMERIC_PARAMETERS,
  type ExperimentConfig,
  type NumericParameter,
} from './parameters';

export type ConfigIssueCode =
  /** The experiment is not an object at all. */
  | 'not-object'
  /** params.name: a field the experiment does not have. */
  | 'unknown-field'
  /** params.min, max, integer; with `value` and `became` when restore clamped it. */
  | 'out-of-range'
  /** Not a finite number: params.min, max, integer, and `defaultValue` when restore reset it. */
  | 'not-a-number'
  /** params.choices (comma-separated), and `defaultValue` when restore reset it. */
  | 'not-a-choice'
  /** params.features (the allowed ones); restore used the default features. */
  | 'bad-features'
  /** params.maxLayers, maxUnits; `clamped` (1) when restore clamped the list, else it was reset. */
  | 'bad-layers';

/**
 * One problem with one field: data the page renders in each language (src/ui/shell/linkIssues.ts),
 * and `message`, the same in English, for the command line and files.
 */
export interface ConfigIssue {
  code: ConfigIssueCode;
  field: string;
  params: Record<string, string | number>;
  message: string;
}

export type ConfigResult = { ok: true; config: ExperimentConfig } | { ok: false; issues: ConfigIssue[] };

export function formatNumber(value: number): string {
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e6 || magnitude < 1e-3) return value.toExponential().replace(/\.?0+e/, 'e');
  return String(Number(value.toPrecision(6)));
}

export function describeRange(p: NumericParameter): string {
  const kind = p.integer ? 'an integer' : 'a number';
  return `${kind} from ${formatNumber(p.min)} to ${formatNumber(p.max)}`;
}

function numericSchema(p: NumericParameter) {
  const message = `${p.key} must be ${describeRange(p)}`;
  const schema = z.number({ error: message }).check(
    z.refine(Number.isFinite, { message }),
    z.refine((v: number) => v >= p.min && v <= p.max, { message }),
  );
  return p.integer ? schema.check(z.refine(Number.isInteger, { message })) : schema;
}

const LAYERS_MESSAGE = `hiddenLayers must be a list of 0 to ${MAX_HIDDEN_LAYERS} layer sizes, each an integer from 1 to ${MAX_UNITS}`;

/** Each field's schema, built on first use. */
const configShape = lazySchema(() => {
  const shape: Record<string, z.ZodMiniType> = {
    features: z
      .array(z.enum(FEATURES), { error: `features must be a list drawn from ${FEATURES.join(', ')}` })
      .check(
        z.minLength(1, { error: 'features must name at least one input feature' }),
        z.refine((list: string[]) => new Set(list).size === list.length, {
          message: 'features must not repeat',
        }),
      ),
    hiddenLayers: z.array(z.int().check(z.gte(1), z.lte(MAX_UNITS)), { error: LAYERS_MESSAGE }).check(
      z.maxLength(MAX_HIDDEN_LAYERS, {
        error: `hiddenLayers must have at most ${MAX_HIDDEN_LAYERS} layers`,
      }),
    ),
  };
  for (const p of NUMERIC_PARAMETERS) shape[p.key] = numericSchema(p);
  for (const p of CHOICE_PARAMETERS) {
    shape[p.key] = z.enum(p.choices as [string, ...string[]], {
      error: `${p.key} must be one of ${p.choices.join(', ')}`,
    });
  }
  return shape;
});

/** The strict schema of a complete experiment, built on first use. */
export const experimentSchema = lazySchema(
  () => z.strictObject(configShape()) as unknown as z.ZodMiniType<ExperimentConfig>,
);

/** The names of a config's fields, known without building their schemas. */
const FIELDS: Record<string, true> = Object.fromEntries(
  [
    'features',
    'hiddenLayers',
    ...NUMERIC_PARAMETERS.map((p) => p.key),
    ...CHOICE_PARAMETERS.map((p) => p.key),
  ].map((key) => [key, true]),
);

const rangeParams = (p: NumericParameter) => ({
  min: formatNumber(p.min),
  max: formatNumber(p.max),
  integer: p.integer ? 1 : 0,
});

/** The code and params of a problem with a known field (what restore adds goes on top). */
function fieldIssue(field: string, message: string): ConfigIssue {
  const numeric = NUMERIC_PARAMETERS.find((p) => p.key === field);
  if (numeric) return { code: 'out-of-range', field, params: rangeParams(numeric), message };
  const choice = CHOICE_PARAMETERS.find((p) => p.key === field);
  if (choice) return { code: 'not-a-choice', field, params: { choices: choice.choices.join(', ') }, message };
  if (field === 'features')
    return { code: 'bad-features', field, params: { features: FEATURES.join(', ') }, message };
  return {
    code: 'bad-layers',
    field: 'hiddenLayers',
    params: { maxLayers: MAX_HIDDEN_LAYERS, maxUnits: MAX_UNITS },
    message,
  };
}

function issuesOf(error: z.core.$ZodError): ConfigIssue[] {
  return error.issues.flatMap((issue): ConfigIssue[] => {
    const field = issue.path.length > 0 ? String(issue.path[0]) : '(config)';
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((name) => ({
        code: 'unknown-field',
        field: '(config)',
        params: { name: name.slice(0, 40) },
        message: `unknown field: ${name}`,
      }));
    return [
      fieldIssue(field, field === 'hiddenLayers' && issue.path.length > 1 ? LAYERS_MESSAGE : issue.message),
    ];
  });
}

/**
 * Strict validation: a complete, in-range config or the list of what is wrong, each naming its
 * field and the allowed range. Missing fields take their defaults.
 */
export function validateConfig(input: unknown): ConfigResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return {
      ok: false,
      issues: [
        { code: 'not-object', field: '(config)', params: {}, message: 'a config must be a JSON object' },
      ],
    };
  }
  const result = experimentSchema().safeParse({ ...DEFAULT_CONFIG, ...(input as object) });
  if (result.success) return { ok: true, config: result.data };
  return { ok: false, issues: issuesOf(result.error) };
}

/**
 * Lenient restore, for links, saved work and imported files: every field that is wrong is
 * clamped (a finite number out of range) or reset to its default, and the issues say what was
 * done. Always returns a usable experiment, the nearest valid one to what was given.
 */
export function restoreConfig(input: unknown): { config: ExperimentConfig; issues: ConfigIssue[] } {
  const source: Record<string, unknown> =
    typeof input === 'object' && input !== null && !Array.isArray(input)
      ? (input as Record<string, unknown>)
      : {};
  const issues: ConfigIssue[] = [];
  if (source !== input)
    issues.push({
      code: 'not-object',
      field: '(config)',
      params: {},
      message: 'not an object; the defaults were loaded',
    });
  const config: Record<string, unknown> = {
    ...DEFAULT_CONFIG,
    features: [...DEFAULT_CONFIG.features],
    hiddenLayers: [...DEFAULT_CONFIG.hiddenLayers],
  };

  for (const p of NUMERIC_PARAMETERS) {
    if (!(p.key in source)) continue;
    const value = source[p.key];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      issues.push({
        code: 'not-a-number',
        field: p.key,
        params: { ...rangeParams(p), defaultValue: formatNumber(p.defaultValue) },
        message: `${p.key} must be ${describeRange(p)}; the default ${formatNumber(p.defaultValue)} was used`,
      });
      continue;
    }
    let fixed = Math.min(p.max, Math.max(p.min, value));
    if (p.integer) fixed = Math.round(fixed);
    if (fixed !== value)
      issues.push({
        code: 'out-of-range',
        field: p.key,
        params: { ...rangeParams(p), value: formatNumber(value), became: formatNumber(fixed) },
        message: `${p.key} must be ${describeRange(p)}; ${formatNumber(value)} became ${formatNumber(fixed)}`,
      });
    config[p.key] = fixed;
  }
  for (const p of CHOICE_PARAMETERS) {
    if (!(p.key in source)) continue;
    const value = source[p.key];
    if (typeof value === 'string' && p.choices.includes(value)) config[p.key] = value;
    else
      issues.push({
        code: 'not-a-choice',
        field: p.key,
        params: { choices: p.choices.join(', '), defaultValue: p.defaultValue },
        message: `${p.key} must be one of ${p.choices.join(', ')}; the default ${p.defaultValue} was used`,
      });
  }
  if ('features' in source) {
    const parsed = configShape().features!.safeParse(source.features);
    if (parsed.success) config.features = parsed.data;
    else
      issues.push({
        code: 'bad-features',
        field: 'features',
        params: { features: FEATURES.join(', ') },
        message: `${parsed.error.issues[0]!.message}; the default features were used`,
      });
  }
  if ('hiddenLayers' in source) {
    const value = source.hiddenLayers;
    if (Array.isArray(value) && value.every((u) => typeof u === 'number' && Number.isFinite(u))) {
      const layers = (value as number[])
        .slice(0, MAX_HIDDEN_LAYERS)
        .map((u) => Math.min(MAX_UNITS, Math.max(1, Math.round(u))));
      if (layers.length !== value.length || layers.some((u, i) => u !== value[i])) {
        issues.push({
          code: 'bad-layers',
          field: 'hiddenLayers',
          params: { maxLayers: MAX_HIDDEN_LAYERS, maxUnits: MAX_UNITS, clamped: 1 },
          message: `hiddenLayers must have at most ${MAX_HIDDEN_LAYERS} layers of 1 to ${MAX_UNITS} units; it was clamped`,
        });
      }
      config.hiddenLayers = layers;
    } else {
      issues.push({
        code: 'bad-layers',
        field: 'hiddenLayers',
        params: { maxLayers: MAX_HIDDEN_LAYERS, maxUnits: MAX_UNITS },
        message: 'hiddenLayers must be a list of layer sizes; the default layers were used',
      });
    }
  }
  // Last: a link can carry thousands of unknown fields, and the alert lists the first few issues.
  for (const key of Object.keys(source)) {
    if (!(key in FIELDS))
      issues.push({
        code: 'unknown-field',
        field: key,
        params: { name: key.slice(0, 40) },
        message: `unknown field ${JSON.stringify(key.slice(0, 40))} was ignored`,
      });
  }
  return { config: config as unknown as ExperimentConfig, issues };
}
