import { readFileSync } from 'node:fs';
import { summaryText } from '../ui/playground/statusText';
import {
  CHOICE_PARAMETER,
  CHOICE_PARAMETERS,
  DEFAULT_CONFIG,
  FEATURES,
  MAX_HIDDEN_LAYERS,
  MAX_UNITS,
  NUMERIC_PARAMETERS,
  describeRange,
  formatNumber,
  validateConfig,
  type EpochMetrics,
  type ExperimentConfig,
  type RunSummary,
} from '../core';

/** Where a command writes: stdout for results, stderr for progress and errors. */
export interface CliIO {
  out(line: string): void;
  err(line: string): void;
}

// Its own module so that main can load it without loading the engine.
import { CliError } from './errors';
export { CliError };

export interface ParsedArgs {
  flags: Map<string, string | true>;
  positionals: string[];
}

/** `--name value`, `--name=value` and bare `--flag`; a value never starts with `--`. */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const flags = new Map<string, string | true>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    if (eq > 0) {
      flags.set(arg.slice(2, eq), arg.slice(eq + 1));
    } else {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('--')) {
        flags.set(arg.slice(2), next);
        i++;
      } else {
        flags.set(arg.slice(2), true);
      }
    }
  }
  return { flags, positionals };
}

const SPECIAL_FLAGS: Partial<Record<keyof ExperimentConfig, string>> = {
  validationSplit: 'split',
  hiddenLayers: 'layers',
};

/** The command-line name of an experiment key: learningRate → learning-rate. */
export function flagName(key: keyof ExperimentConfig): string {
  return SPECIAL_FLAGS[key] ?? key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

export const EXPERIMENT_FLAGS: readonly string[] = [
  ...Object.keys(DEFAULT_CONFIG).map((k) => flagName(k as keyof ExperimentConfig)),
  'config',
];

/**
 * A JSON file named by an option. Never echoes the file: a wrong file (`--space /etc/passwd`)
 * must not print its bytes, so a syntax error is reported by line and column only. A UTF-8 byte
 * order mark, which Windows editors write, is not part of the JSON and is skipped.
 */
export function readJsonFile(option: string, path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a folder, not a file'
          : code === 'EACCES'
            ? 'permission denied'
            : 'could not be read';
    throw new CliError(`--${option} ${path}: ${reason}`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message);
    let where = '';
    if (position) {
      const before = text.slice(0, Number(position[1]));
      const line = before.split('\n').length;
      where = ` (line ${line}, column ${before.length - before.lastIndexOf('\n')})`;
    } else if (text.trim() === '') where = ' (the file is empty)';
    throw new CliError(`--${option} ${path}: not valid JSON${where}`);
  }
}

/** What a parsed JSON value is, in a word, for a message that must not echo the value. */
export function jsonKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function valueOf(flags: Map<string, string | true>, name: string): string | undefined {
  const value = flags.get(name);
  if (value === true) throw new CliError(`--${name} needs a value`);
  return value;
}

/**
 * Reads every experiment option over `base` (and over `--config file.json` when given). Throws
 * CliError naming the option and its allowed range.
 */
export function experimentFromFlags(
  flags: Map<string, string | true>,
  base: ExperimentConfig = DEFAULT_CONFIG,
): ExperimentConfig {
  let config: ExperimentConfig = {
    ...base,
    features: [...base.features],
    hiddenLayers: [...base.hiddenLayers],
  };
  const file = valueOf(flags, 'config');
  if (file !== undefined) {
    const parsed = readJsonFile('config', file);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new CliError(
        `--config ${file}: must hold a JSON object of experiment settings, e.g. {"learningRate": 0.01} (got ${jsonKind(parsed)})`,
      );
    const result = validateConfig({ ...config, ...parsed });
    if (!result.ok) throw new CliError(`--config ${file}: ${result.issues.map((i) => i.message).join('; ')}`);
    config = result.config;
  }
  for (const p of NUMERIC_PARAMETERS) {
    const text = valueOf(flags, flagName(p.key));
    if (text === undefined) continue;
    const value = Number(text);
    const ok =
      NUMBER.test(text.trim()) && value >= p.min && value <= p.max && (!p.integer || Number.isInteger(value));
    if (!ok)
      throw new CliError(`--${flagName(p.key)} must be ${describeRange(p)} (got ${JSON.stringify(text)})`);
    (config as unknown as Record<string, number>)[p.key] = value;
  }
  for (const p of CHOICE_PARAMETERS) {
    const text = valueOf(flags, flagName(p.key));
    if (text === undefined) continue;
    if (!p.choices.includes(text))
      throw new CliError(
        `--${flagName(p.key)} must be one of ${p.choices.join(', ')} (got ${JSON.stringify(text)})`,
      );
    (config as unknown as Record<string, string>)[p.key] = text;
  }
  const features = valueOf(flags, 'features');
  if (features !== undefined) {
    const list = features
      .split(',')
      .map((f) => f.trim())
      .filter(Boolean);
    const bad = list.find((f) => !(FEATURES as readonly string[]).includes(f));
    if (bad !== undefined || list.length === 0 || new Set(list).size !== list.length) {
      throw new CliError(
        `--features must be a comma-separated list of distinct features from ${FEATURES.join(', ')} (got ${JSON.stringify(features)})`,
      );
    }
    config.features = list as ExperimentConfig['features'];
  }
  const layers = valueOf(flags, 'layers');
  if (layers !== undefined) {
    const parts =
      layers.trim() === '' || layers.trim() === 'none' ? [] : layers.split(',').map((u) => u.trim());
    const units = parts.map(Number);
    if (
      units.length > MAX_HIDDEN_LAYERS ||
      parts.some((u, i) => !/^\d+$/.test(u) || units[i]! < 1 || units[i]! > MAX_UNITS)
    ) {
      throw new CliError(
        `--layers must be 0 to ${MAX_HIDDEN_LAYERS} comma-separated layer sizes from 1 to ${MAX_UNITS}, e.g. 16,16, or "none" (got ${JSON.stringify(layers)})`,
      );
    }
    config.hiddenLayers = units;
  }
  return config;
}

export function assertKnownFlags(flags: Map<string, string | true>, allowed: readonly string[]): void {
  for (const name of flags.keys()) {
    if (!allowed.includes(name)) throw new CliError(`unknown option --${name} (see --help)`);
  }
}

function defaultText(key: keyof ExperimentConfig): string {
  const value = DEFAULT_CONFIG[key];
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.join(',');
  return typeof value === 'number' ? formatNumber(value) : String(value);
}

/** One help line per experiment option: name, range and default, from the parameter table. */
export const EXPERIMENT_OPTIONS_HELP: readonly string[] = [
  ...CHOICE_PARAMETERS.map((p) => [
    `--${flagName(p.key)} ${p.choices.join('|')}`,
    `${p.description} (default ${defaultText(p.key)})`,
  ]),
  [
    `--features ${FEATURES.join(',')}`,
    `input features, comma-separated (default ${defaultText('features')})`,
  ],
  [
    `--layers 16,16`,
    `hidden layer sizes: 0 to ${MAX_HIDDEN_LAYERS} layers of 1 to ${MAX_UNITS} units, or "none" (default ${defaultText('hiddenLayers')})`,
  ],
  ...NUMERIC_PARAMETERS.map((p) => [
    `--${flagName(p.key)} N`,
    `${p.description}: ${describeRange(p).replace(/^an? /, '')} (default ${defaultText(p.key)})`,
  ]),
  ['--config file.json', 'read the experiment from a JSON file (options given after it override it)'],
].map(([name, text]) => `  ${name!.padEnd(40)} ${text}`);

/**
 * The `train --json` line for one epoch. No wall time here: the same command must print
 * identical epoch lines on every run (the summary line carries the time).
 */
export function epochLine(metrics: EpochMetrics): Record<string, unknown> {
  return {
    epoch: metrics.epoch,
    trainLoss: metrics.trainLoss,
    validationLoss: metrics.validationLoss,
    trainAccuracy: metrics.trainAccuracy,
    validationAccuracy: metrics.validationAccuracy,
    learningRate: metrics.learningRate,
    examplesSeen: metrics.examplesSeen,
  };
}

/**
 * The last `train --json` line: the status first, then the summary, with its verdict as data and
 * as an English sentence (`message`) for people reading the log.
 */
export function summaryLine(summary: RunSummary): Record<string, unknown> {
  return { ...summary, message: summaryText(summary, 'en'), wallTimeMs: Math.round(summary.wallTimeMs) };
}

/** JSON with non-finite numbers kept readable: NaN and Infinity become strings, never a crash. */
export function jsonLine(value: Record<string, unknown>): string {
  return JSON.stringify(value, (_key, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
}

export { CHOICE_PARAMETER };
