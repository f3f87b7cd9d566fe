/**
 * Search spaces, modelled on Optuna's three distributions (FloatDistribution, IntDistribution,
 * CategoricalDistribution) so a study here maps one to one onto the tools people graduate to.
 *
 * Every tuner works in the unit cube: one coordinate in [0, 1] per parameter, log parameters in
 * log space, integers widened by half a step on each side so every integer gets an equal share,
 * categoricals by index (the Bayesian tuner one-hot encodes them for its Gaussian process).
 */
import * as z from 'zod/mini';
import { lazySchema } from '../schema-lazy';
import { CHOICE_PARAMETER, NUMERIC_PARAMETER, type ChoiceKey, type NumericKey } from '../config/parameters';
import { formatNumber } from '../config/schema';

export interface FloatDistribution {
  type: 'float';
  low: number;
  high: number;
  log?: boolean;
  step?: number;
}

export interface IntDistribution {
  type: 'int';
  low: number;
  high: number;
  log?: boolean;
  step?: number;
}

export type Choice = string | number | boolean;

export interface CategoricalDistribution {
  type: 'categorical';
  choices: readonly Choice[];
}

export type Distribution = FloatDistribution | IntDistribution | CategoricalDistribution;

/** Parameter name → distribution; the key order is the order of the unit cube's coordinates. */
export type SearchSpace = Readonly<Record<string, Distribution>>;

export type ParamValue = number | string | boolean;
export type Params = Record<string, ParamValue>;

/** Optuna's `suggest_float(name, low, high, log=..., step=...)`, as a value. */
export function float(
  low: number,
  high: number,
  options: { log?: boolean; step?: number } = {},
): FloatDistribution {
  return checkDistribution({ type: 'float', low, high, ...options }) as FloatDistribution;
}

export function int(
  low: number,
  high: number,
  options: { log?: boolean; step?: number } = {},
): IntDistribution {
  return checkDistribution({ type: 'int', low, high, ...options }) as IntDistribution;
}

export function categorical(choices: readonly Choice[]): CategoricalDistribution {
  return checkDistribution({ type: 'categorical', choices: [...choices] }) as CategoricalDistribution;
}

export class SearchSpaceError extends Error {
  override name = 'SearchSpaceError';
}

/** Throws a SearchSpaceError saying what is wrong, with Optuna's own rules (log and step exclude each other). */
export function checkDistribution(distribution: Distribution, name = 'parameter'): Distribution {
  if (distribution.type === 'categorical') {
    if (distribution.choices.length === 0) throw new SearchSpaceError(`${name} needs at least one choice`);
    return distribution;
  }
  const { low, high, log, step } = distribution;
  if (!Number.isFinite(low) || !Number.isFinite(high))
    throw new SearchSpaceError(`${name} needs finite low and high`);
  if (low > high)
    throw new SearchSpaceError(
      `${name}: low (${formatNumber(low)}) must not exceed high (${formatNumber(high)})`,
    );
  if (log && low <= 0)
    throw new SearchSpaceError(`${name}: a log range needs low > 0 (got ${formatNumber(low)})`);
  if (log && step !== undefined)
    throw new SearchSpaceError(`${name}: log and step cannot be used together (as in Optuna)`);
  if (step !== undefined && !(step > 0)) throw new SearchSpaceError(`${name}: step must be positive`);
  if (
    distribution.type === 'int' &&
    (!Number.isInteger(low) || !Number.isInteger(high) || (step !== undefined && !Number.isInteger(step)))
  ) {
    throw new SearchSpaceError(`${name}: an int range needs integer low, high and step`);
  }
  return distribution;
}

export function parameterNames(space: SearchSpace): string[] {
  return Object.keys(space);
}

/** The [lower, upper] interval of the coordinate before it is scaled to [0, 1]. */
function internalBounds(d: FloatDistribution | IntDistribution): [number, number] {
  if (d.type === 'int') {
    const half = (d.step ?? 1) / 2;
    return d.log ? [Math.log(d.low - 0.5), Math.log(d.high + 0.5)] : [d.low - half, d.high + half];
  }
  return d.log ? [Math.log(d.low), Math.log(d.high)] : [d.low, d.high];
}

function clamp01(u: number): number {
  return u < 0 ? 0 : u > 1 ? 1 : u;
}

/** One unit coordinate to a parameter value. */
export function valueFromUnit(d: Distribution, unit: number): ParamValue {
  const u = clamp01(unit);
  if (d.type === 'categorical')
    return d.choices[Math.min(d.choices.length - 1, Math.floor(u * d.choices.length))]!;
  const [lower, upper] = internalBounds(d);
  const internal = lower + (upper - lower) * u;
  let value = d.log ? Math.exp(internal) : internal;
  if (d.type === 'int') {
    const step = d.step ?? 1;
    value = d.low + Math.round((value - d.low) / step) * step;
  } else if (d.step !== undefined) {
    value = d.low + Math.round((value - d.low) / d.step) * d.step;
    // Steps accumulate binary rounding error: 0.1 * 3 = 0.30000000000000004.
    value = Number(value.toPrecision(12));
  }
  return Math.min(d.high, Math.max(d.low, value));
}

/** A parameter value to its unit coordinate (the centre of its cell for integers and categoricals). */
export function unitFromValue(d: Distribution, value: ParamValue): number {
  if (d.type === 'categorical') {
    const index = d.choices.indexOf(value);
    if (index < 0) throw new SearchSpaceError(`${String(value)} is not one of ${d.choices.join(', ')}`);
    return (index + 0.5) / d.choices.length;
  }
  const [lower, upper] = internalBounds(d);
  if (upper === lower) return 0.5;
  const internal = d.log ? Math.log(Number(value)) : Number(value);
  return clamp01((internal - lower) / (upper - lower));
}

export function paramsFromUnit(space: SearchSpace, unit: readonly number[]): Params {
  const params: Params = {};
  parameterNames(space).forEach((name, i) => {
    params[name] = valueFromUnit(space[name]!, unit[i] ?? 0.5);
  });
  return params;
}

export function unitFromParams(space: SearchSpace, params: Params): number[] {
  return parameterNames(space).map((name) => {
    const value = params[name];
    if (value === undefined) throw new SearchSpaceError(`missing parameter ${name}`);
    return unitFromValue(space[name]!, value);
  });
}

/** Does the value lie in the distribution (within its range, on its step, among its choices)? */
export function contains(d: Distribution, value: ParamValue): boolean {
  if (d.type === 'categorical') return d.choices.includes(value);
  if (typeof value !== 'number' || !Number.isFinite(value) || value < d.low || value > d.high) return false;
  if (d.type === 'int' && !Number.isInteger(value)) return false;
  const step = d.step ?? (d.type === 'int' ? 1 : undefined);
  if (step !== undefined && !d.log) {
    const k = (value - d.low) / step;
    return Math.abs(k - Math.round(k)) < 1e-9;
  }
  return true;
}

/** A short human description: "float in [0.0001, 1], log". */
export function describeDistribution(d: Distribution): string {
  if (d.type === 'categorical') return `one of ${d.choices.map(String).join(', ')}`;
  const extras = [d.log ? 'log' : null, d.step !== undefined ? `step ${formatNumber(d.step)}` : null].filter(
    Boolean,
  );
  return `${d.type} in [${formatNumber(d.low)}, ${formatNumber(d.high)}]${extras.length ? ', ' + extras.join(', ') : ''}`;
}

/** A search space: names to distributions, built on first use. */
const spaceSchema = lazySchema(() => {
  const choiceSchema = z.union([z.string(), z.number(), z.boolean()]);
  return z.record(
    z.string(),
    z.discriminatedUnion('type', [
      z.strictObject({
        type: z.literal('float'),
        low: z.number(),
        high: z.number(),
        log: z.optional(z.boolean()),
        step: z.optional(z.number()),
      }),
      z.strictObject({
        type: z.literal('int'),
        low: z.number(),
        high: z.number(),
        log: z.optional(z.boolean()),
        step: z.optional(z.number()),
      }),
      z.strictObject({
        type: z.literal('categorical'),
        choices: z.array(choiceSchema).check(z.minLength(1)),
      }),
    ]),
  );
});

/** Parses a search space from JSON-like input: `{ "learningRate": { "type": "float", "low": 1e-4, "high": 1, "log": true } }`. */
export function parseSearchSpace(input: unknown): SearchSpace {
  const parsed = spaceSchema().safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? issue.path.join('.') : 'search space';
    throw new SearchSpaceError(`${where}: ${issue.message}`);
  }
  const space: Record<string, Distribution> = {};
  for (const [name, d] of Object.entries(parsed.data)) {
    const distribution = d as Distribution;
    checkDistribution(distribution, name);
    space[name] = distribution;
  }
  if (Object.keys(space).length === 0)
    throw new SearchSpaceError('the search space needs at least one parameter');
  return space;
}

/**
 * Checks that a search space tunes hyperparameters of an experiment: every key is an
 * ExperimentConfig number or choice, inside the range the engine accepts.
 */
export function checkNetworkSpace(space: SearchSpace): SearchSpace {
  for (const [name, d] of Object.entries(space)) {
    const numeric = NUMERIC_PARAMETER[name as NumericKey];
    const choice = CHOICE_PARAMETER[name as ChoiceKey];
    if (numeric) {
      if (d.type === 'categorical') {
        if (!d.choices.every((c) => typeof c === 'number' && c >= numeric.min && c <= numeric.max)) {
          throw new SearchSpaceError(
            `${name}: choices must be numbers from ${formatNumber(numeric.min)} to ${formatNumber(numeric.max)}`,
          );
        }
        continue;
      }
      if (d.low < numeric.min || d.high > numeric.max) {
        throw new SearchSpaceError(
          `${name}: the range must lie within ${formatNumber(numeric.min)} to ${formatNumber(numeric.max)}`,
        );
      }
      if (numeric.integer && d.type !== 'int')
        throw new SearchSpaceError(`${name} is an integer: use an int distribution`);
    } else if (choice) {
      if (d.type !== 'categorical' || !d.choices.every((c) => choice.choices.includes(String(c)))) {
        throw new SearchSpaceError(
          `${name} must be categorical with choices from ${choice.choices.join(', ')}`,
        );
      }
    } else {
      throw new SearchSpaceError(`${name} is not a tunable hyperparameter`);
    }
  }
  return space;
}

/** The space of the network objective's default study: log learning rate and L2, as in the tuner benchmark. */
export const DEFAULT_NETWORK_SPACE: SearchSpace = {
  learningRate: { type: 'float', low: 1e-4, high: 1, log: true },
  l2: { type: 'float', low: 1e-6, high: 0.1, log: true },
};
