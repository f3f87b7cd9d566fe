/** `lr-find`: the learning-rate range test on an experiment, and the rate it suggests. */
import { formatNumber, useBackend } from '../core';
import { findLearningRate } from '../core/landscape';
import {
  assertKnownFlags,
  CliError,
  EXPERIMENT_FLAGS,
  EXPERIMENT_OPTIONS_HELP,
  jsonLine,
  parseArgs,
  type CliIO,
} from './args';
import { exitCodeAfter, interruptSignal, pauseForEvents } from './interrupt';
import { backendFlag, experimentAndData } from './landscape';

const OWN_FLAGS = ['json', 'help', 'backend', 'start', 'end', 'steps', 'data'];

const HELP = [
  'Usage: npm run -s cli -- lr-find [options]',
  '',
  "The learning-rate range test (Smith 2017; fastai's lr_find): from the experiment's initial weights,",
  'one minibatch step at each rate, rising geometrically from --start to --end, reading the training',
  'loss after each. It stops once the smoothed loss passes 4x its best, and suggests the rate where the',
  'smoothed loss falls fastest (rule "steepest"), or the minimum\'s rate / 10 (rule "minimum") when no',
  'stretch falls clearly. The experiment itself is not changed.',
  '',
  'Options:',
  '  --json             JSON Lines: one {step, learningRate, loss, smoothed} per step, then',
  '                     {suggestion: {learningRate, rule}, ended}',
  '  --start X          first rate (default 1e-6)',
  '  --end X            last rate (default 10)',
  '  --steps N          rates to try, 10 to 2000 (default 200)',
  '  --backend cpu|wasm tfjs backend (default wasm)',
  '  --data file.csv    with --dataset custom: your CSV',
  ...EXPERIMENT_OPTIONS_HELP,
].join('\n');

function positive(flags: Map<string, string | true>, name: string, fallback: number): number {
  const text = flags.get(name);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (text === true || !Number.isFinite(value) || value <= 0)
    throw new CliError(`--${name} must be a positive number (got ${JSON.stringify(text)})`);
  return value;
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { flags, positionals } = parseArgs(argv);
  if (flags.has('help')) {
    io.out(HELP);
    return 0;
  }
  assertKnownFlags(flags, [...EXPERIMENT_FLAGS, ...OWN_FLAGS]);
  const start = positive(flags, 'start', 1e-6);
  const end = positive(flags, 'end', 10);
  if (!(end > start)) throw new CliError(`--end must be above --start (got ${start} and ${end})`);
  const steps = positive(flags, 'steps', 200);
  if (!Number.isInteger(steps) || steps < 10 || steps > 2000)
    throw new CliError(`--steps must be a whole number from 10 to 2000 (got ${steps})`);
  const backend = backendFlag(flags);
  const { config, dataset } = await experimentAndData(flags, positionals);
  await useBackend(backend);
  const json = flags.has('json');
  const finding = await findLearningRate(config, {
    start,
    end,
    steps,
    dataset,
    signal: interruptSignal,
    betweenSteps: pauseForEvents,
    onStep: (step, learningRate, loss, smoothed) => {
      if (json) io.out(jsonLine({ step, learningRate, loss, smoothed }));
    },
  });
  const suggestion = finding.suggestion;
  if (json) io.out(jsonLine({ suggestion, ended: finding.ended, steps: finding.losses.length }));
  else if (suggestion)
    io.out(
      `Suggested learning rate: ${formatNumber(suggestion.learningRate)} (${suggestion.rule === 'steepest' ? 'where the smoothed loss falls fastest' : "the lowest loss's rate / 10"}), after ${finding.losses.length} steps${finding.ended === 'exploded' ? ' (the loss blew up past that)' : ''}.`,
    );
  else io.out('No suggestion: the loss did not fall over the rates tried.');
  return exitCodeAfter(0);
}
