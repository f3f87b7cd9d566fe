/**
 * `train --model transformer|lstm …` and `compare --lesson heads|max-length …`: the sequence
 * models on the command line, with the same JSON Lines as the other runs.
 */
import { summaryText } from '../ui/playground/statusText';
import { claimLine } from '../core/lessons/claims';
import {
  SEQUENCE_LESSONS,
  SEQUENCE_NUMERIC_PARAMETERS,
  SEQUENCE_TASK,
  SEQUENCE_TASKS,
  DEFAULT_SEQUENCE_CONFIG,
  HEAD_COUNTS,
  SequenceTrainer,
  sequenceLessonLanes,
  trainSequence,
  validateSequenceConfig,
  type SequenceConfig,
  type SequenceEpochMetrics,
} from '../core/sequence';
import { OPTIMIZERS, SCHEDULES, useBackend, type RunSummary } from '../core';
import {
  assertKnownFlags,
  CliError,
  epochLine,
  jsonKind,
  jsonLine,
  parseArgs,
  readJsonFile,
  summaryLine,
  type CliIO,
} from './args';
import { exitCodeAfter, interrupted, pauseForEvents, whenInterrupted } from './interrupt';

const CHOICE_FLAGS: Record<string, keyof SequenceConfig> = {
  model: 'model',
  task: 'task',
  heads: 'heads',
  optimizer: 'optimizer',
  schedule: 'schedule',
};

const NUMERIC_FLAGS: Record<string, keyof SequenceConfig> = Object.fromEntries(
  SEQUENCE_NUMERIC_PARAMETERS.map((p) => [p.flag.slice(2), p.key]),
);
const OWN_FLAGS = ['json', 'help', 'backend', 'config', 'lesson'];
const ALL_FLAGS = [...Object.keys(CHOICE_FLAGS), ...Object.keys(NUMERIC_FLAGS), ...OWN_FLAGS];

const defaultOf = (key: keyof SequenceConfig) => String(DEFAULT_SEQUENCE_CONFIG[key]);

export const SEQUENCE_TRAIN_HELP = [
  'Usage: npm run -s cli -- train --model transformer|lstm --task NAME [options]',
  '',
  'Trains a tiny transformer (or an LSTM baseline) on a generated sequence task. Same options and',
  'seed give the same numbers. With --json, stdout gets one JSON object per epoch (epoch, trainLoss,',
  'validationLoss, trainAccuracy, validationAccuracy, learningRate, examplesSeen, accuracyByLength)',
  'and a last one with the status (completed, stopped-early, diverged, cancelled) and a summary.',
  '',
  'Tasks:',
  ...SEQUENCE_TASKS.map((id) => `  ${id.padEnd(12)} ${SEQUENCE_TASK[id].description}`),
  '',
  'Options:',
  '  --json                                   print JSON Lines instead of a progress table',
  '  --backend cpu|wasm                       tfjs backend (default cpu)',
  `  ${'--model transformer|lstm'.padEnd(40)} the sequence model (default ${defaultOf('model')})`,
  `  ${'--task NAME'.padEnd(40)} the task, one of the tasks above (default ${defaultOf('task')})`,
  `  ${`--heads ${HEAD_COUNTS.join('|')}`.padEnd(40)} attention heads; width must be a multiple (default ${defaultOf('heads')})`,
  `  ${`--optimizer ${OPTIMIZERS.join('|')}`.padEnd(40)} update rule (default ${defaultOf('optimizer')})`,
  `  ${`--schedule ${SCHEDULES.join('|')}`.padEnd(40)} learning-rate schedule (default ${defaultOf('schedule')})`,
  ...SEQUENCE_NUMERIC_PARAMETERS.map(
    (p) =>
      `  ${`${p.flag} N`.padEnd(40)} ${p.description}: ${p.integer ? 'integer' : 'number'} from ${p.min} to ${p.max} (default ${defaultOf(p.key)})`,
  ),
  `  ${'--config file.json'.padEnd(40)} read the settings from a JSON file (options override it)`,
].join('\n');

/** Reads a sequence config from the flags over `base`; every error names its option and range. */
export function sequenceConfigFromFlags(
  flags: Map<string, string | true>,
  base: SequenceConfig = DEFAULT_SEQUENCE_CONFIG,
): SequenceConfig {
  let input: Record<string, unknown> = { ...base };
  const file = flags.get('config');
  if (file !== undefined) {
    if (file === true) throw new CliError('--config needs a file name');
    const parsed = readJsonFile('config', file);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new CliError(`--config ${file}: must hold a JSON object of settings (got ${jsonKind(parsed)})`);
    input = { ...input, ...(parsed as object) };
  }
  for (const [flag, key] of Object.entries(CHOICE_FLAGS)) {
    const value = flags.get(flag);
    if (value === undefined) continue;
    if (value === true) throw new CliError(`--${flag} needs a value`);
    input[key] = key === 'heads' ? Number(value) : value;
  }
  for (const [flag, key] of Object.entries(NUMERIC_FLAGS)) {
    const value = flags.get(flag);
    if (value === undefined) continue;
    const number = value === true || value.trim() === '' ? NaN : Number(value);
    input[key] = number;
  }
  const result = validateSequenceConfig(input);
  if (!result.ok) {
    const issue = result.issues[0]!;
    const option = Object.entries({ ...CHOICE_FLAGS, ...NUMERIC_FLAGS }).find(
      ([, key]) => key === issue.field,
    )?.[0];
    throw new CliError(option ? `--${option}: ${issue.message}` : issue.message);
  }
  return result.config;
}

async function backendFrom(flags: Map<string, string | true>) {
  const backend = flags.get('backend') ?? 'cpu';
  if (backend !== 'cpu' && backend !== 'wasm')
    throw new CliError(`--backend must be cpu or wasm (got ${JSON.stringify(backend)})`);
  await useBackend(backend);
}

/** The `train --json` epoch line plus accuracy by sequence-length bucket. */
function sequenceEpochLine(metrics: SequenceEpochMetrics): Record<string, unknown> {
  return { ...epochLine(metrics), accuracyByLength: metrics.accuracyByLength };
}

export async function runSequenceTrain(argv: string[], io: CliIO): Promise<number> {
  const { flags, positionals } = parseArgs(argv);
  if (flags.has('help')) {
    io.out(SEQUENCE_TRAIN_HELP);
    return 0;
  }
  if (positionals.length > 0)
    throw new CliError(`unexpected argument ${JSON.stringify(positionals[0])} (options start with --)`);
  assertKnownFlags(
    flags,
    ALL_FLAGS.filter((f) => f !== 'lesson'),
  );
  const config = sequenceConfigFromFlags(flags);
  await backendFrom(flags);
  const json = flags.has('json');
  const controller = new AbortController();
  const onInterrupt = () => controller.abort();
  const stopListening = whenInterrupted(onInterrupt);
  if (!json)
    io.err(
      `${'epoch'.padStart(6)} ${'train loss'.padStart(11)} ${'val loss'.padStart(11)} ${'val acc'.padStart(8)} ${'lr'.padStart(10)}`,
    );
  try {
    const result = await trainSequence(config, {
      signal: controller.signal,
      onEpoch: (m) => {
        if (json) io.out(jsonLine(sequenceEpochLine(m)));
        else
          io.err(
            `${String(m.epoch).padStart(6)} ${m.trainLoss.toPrecision(4).padStart(11)} ${m.validationLoss.toPrecision(4).padStart(11)} ${(m.validationAccuracy ?? 0).toFixed(3).padStart(8)} ${m.learningRate.toPrecision(3).padStart(10)}`,
          );
        return pauseForEvents();
      },
    });
    if (json) io.out(jsonLine(summaryLine(result.summary)));
    else printSummary(result.summary, result.history.at(-1), io);
    return exitCodeAfter(0);
  } finally {
    stopListening();
  }
}

function printSummary(s: RunSummary, last: SequenceEpochMetrics | undefined, io: CliIO) {
  io.out(summaryText(s, 'en'));
  if (s.finalValidationAccuracy !== null)
    io.out(`final validation accuracy ${s.finalValidationAccuracy.toFixed(3)}`);
  if (last)
    io.out(
      `by length: ${last.accuracyByLength.map((b) => `${b.from}–${b.to}: ${b.accuracy.toFixed(2)}`).join(', ')}`,
    );
}

export const SEQUENCE_COMPARE_HELP = [
  'Usage: npm run -s cli -- compare --lesson heads|max-length [--json] [--epochs N] [--seed N] [--backend cpu|wasm]',
  '',
  "Trains a sequence lesson's lanes side by side. With --json, one line per lane and epoch (lane,",
  "label, then the train --json fields), then one summary line per lane, then the lesson's claim",
  'checked on these lanes as on the Sequences page: {"claim":"<id>","holds":true|false,"evidence":{…}}.',
  '',
  'Lessons:',
  ...SEQUENCE_LESSONS.map((lesson) => `  ${lesson.id.padEnd(12)} ${lesson.text.en.summary}`),
].join('\n');

export async function runSequenceCompare(argv: string[], io: CliIO): Promise<number> {
  const { flags, positionals } = parseArgs(argv);
  if (flags.has('help')) {
    io.out(SEQUENCE_COMPARE_HELP);
    return 0;
  }
  if (positionals.length > 0)
    throw new CliError(`unexpected argument ${JSON.stringify(positionals[0])} (options start with --)`);
  assertKnownFlags(flags, ALL_FLAGS);
  const id = flags.get('lesson');
  const lesson = SEQUENCE_LESSONS.find((l) => l.id === id);
  if (!lesson) throw new CliError(`--lesson must be one of ${SEQUENCE_LESSONS.map((l) => l.id).join(', ')}`);
  // Options given on the command line apply to every lane, over the lesson's own settings.
  const lanes = sequenceLessonLanes(lesson.id).map((lane) => ({
    label: lane.label.en,
    config: sequenceConfigFromFlags(withoutLaneKeys(flags, lane.overrides), lane.config),
  }));
  await backendFrom(flags);
  const json = flags.has('json');
  const trainers = lanes.map((lane) => new SequenceTrainer(lane.config));
  const histories: SequenceEpochMetrics[][] = lanes.map(() => []);
  try {
    if (!json) io.err(`training ${lanes.length} lanes of ${lesson.id}…`);
    // Epoch by epoch across lanes, so lines arrive in the same order as the page shows them.
    while (trainers.some((t) => t.running)) {
      if (interrupted()) for (const trainer of trainers) trainer.cancel();
      for (const [lane, trainer] of trainers.entries()) {
        const metrics = await trainer.trainEpoch();
        if (!metrics) continue;
        histories[lane]!.push(metrics);
        if (json) io.out(jsonLine({ lane, label: lanes[lane]!.label, ...sequenceEpochLine(metrics) }));
      }
      await pauseForEvents();
    }
    const outcomes = trainers.map((trainer, lane) => {
      const summary = trainer.summary(histories[lane]!);
      if (json) io.out(jsonLine({ lane, label: lanes[lane]!.label, ...summaryLine(summary) }));
      else
        io.out(
          `${String(lane).padEnd(3)} ${lanes[lane]!.label.padEnd(28)} validation accuracy ${(summary.finalValidationAccuracy ?? 0).toFixed(3)}  ${summaryText(summary, 'en')}`,
        );
      return { history: histories[lane]!, summary };
    });
    // The same predicate as the Sequences page, on these lanes: the last line.
    const result = lesson.claim(outcomes);
    const line = claimLine(lesson.id, result);
    if (json) io.out(jsonLine(line));
    else
      io.out(
        `claim ${lesson.id}: ${result.holds ? 'holds' : 'does NOT hold'} ${JSON.stringify(line.evidence)}`,
      );
    return exitCodeAfter(0);
  } finally {
    for (const trainer of trainers) trainer.dispose();
  }
}

/** The flags minus those a lane sets itself: `--max-length` must not erase the lesson's point. */
function withoutLaneKeys(
  flags: Map<string, string | true>,
  overrides: Partial<SequenceConfig>,
): Map<string, string | true> {
  const kept = new Map(flags);
  for (const [flag, key] of Object.entries({ ...CHOICE_FLAGS, ...NUMERIC_FLAGS }))
    if (key in overrides) kept.delete(flag);
  kept.delete('lesson');
  return kept;
}
