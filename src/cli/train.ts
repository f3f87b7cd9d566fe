import { readFileSync, writeFileSync } from 'node:fs';
import { generateDataset } from '../core/data/datasets';
import { torchScript } from '../core/export/torch';
import { summaryText } from '../ui/playground/statusText';
import {
  DATASETS,
  PREFERRED_BACKEND,
  trainExperiment,
  useBackend,
  type BackendName,
  type Dataset,
  type ExperimentConfig,
} from '../core';
import {
  assertKnownFlags,
  CliError,
  EXPERIMENT_FLAGS,
  EXPERIMENT_OPTIONS_HELP,
  epochLine,
  experimentFromFlags,
  jsonLine,
  parseArgs,
  summaryLine,
  type CliIO,
} from './args';
import { exitCodeAfter, pauseForEvents, whenInterrupted } from './interrupt';

const OWN_FLAGS = ['json', 'help', 'backend', 'lesson', 'lane', 'model', 'data', 'export-torch'];

export const TRAIN_HELP = [
  'Usage: npm run -s cli -- train [options]',
  '',
  'Trains one network headlessly on the same engine as the page. Same options and seed give the',
  'same numbers. Progress goes to stderr; with --json, stdout gets one JSON object per epoch',
  '(epoch, trainLoss, validationLoss, trainAccuracy, validationAccuracy, learningRate, examplesSeen)',
  'and a last one with the status (completed, stopped-early, diverged, cancelled) and a summary.',
  '',
  'Options:',
  '  --json                                   print JSON Lines instead of a progress table',
  '  --backend cpu|wasm                       tfjs backend (default wasm, as the page trains: fastest here)',
  '  --lesson NAME --lane N                   train one lane of a lesson (see `compare --help`)',
  '  --model transformer|lstm                 train a sequence model instead (see `train --model transformer --help`)',
  '  --data file.csv                          with --dataset custom: your CSV (the last column is the label)',
  '  --export-torch FILE                      after training, write a PyTorch script that retraces the run',
  "                                           and prints this run's losses beside its own",
  ...EXPERIMENT_OPTIONS_HELP,
  '',
  `Datasets: ${DATASETS.join(', ')} (digits: the 8×8 handwritten digits; custom: your CSV via --data).`,
].join('\n');

async function lessonBase(flags: Map<string, string | true>): Promise<ExperimentConfig | undefined> {
  const lesson = flags.get('lesson');
  if (lesson === undefined) return undefined;
  if (lesson === true) throw new CliError('--lesson needs a lesson id (see `compare --help`)');
  const laneText = flags.get('lane') ?? '0';
  if (laneText === true || !/^\d+$/.test(laneText))
    throw new CliError(`--lane must be a lane number from 0 (got ${JSON.stringify(laneText)})`);
  // Loaded by path so that `train` works even where the lessons module is absent.
  const lessons = (await import(/* @vite-ignore */ `../core/lessons/${'index'}.ts`)) as {
    lessonLaneConfig(id: string, lane: number): ExperimentConfig;
  };
  try {
    return lessons.lessonLaneConfig(lesson, Number(laneText));
  } catch (error) {
    throw new CliError(`--lesson ${lesson} --lane ${laneText}: ${(error as Error).message}`);
  }
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { flags, positionals } = parseArgs(argv);
  const model = flags.get('model');
  if (model === 'transformer' || model === 'lstm') {
    const sequence = (await import(/* @vite-ignore */ `./${'sequence'}.ts`)) as {
      runSequenceTrain(argv: string[], io: CliIO): Promise<number>;
    };
    return sequence.runSequenceTrain(argv, io);
  }
  if (model !== undefined && model !== 'mlp')
    throw new CliError(`--model must be mlp, transformer or lstm (got ${JSON.stringify(model)})`);
  if (flags.has('help')) {
    io.out(TRAIN_HELP);
    return 0;
  }
  if (positionals.length > 0)
    throw new CliError(`unexpected argument ${JSON.stringify(positionals[0])} (options start with --)`);
  assertKnownFlags(flags, [...EXPERIMENT_FLAGS, ...OWN_FLAGS]);
  const backend = flags.get('backend') ?? PREFERRED_BACKEND;
  if (backend !== 'cpu' && backend !== 'wasm')
    throw new CliError(`--backend must be cpu or wasm (got ${JSON.stringify(backend)})`);
  const config = experimentFromFlags(flags, await lessonBase(flags));
  if (config.dataset === 'digits' || config.dataset === 'custom')
    return train(config, flags, io, backend, await fileDataset(config, flags));
  return train(config, flags, io, backend);
}

/** The digits from public/data, or the user's CSV (its last column the label), as a Dataset. */
export async function fileDataset(
  config: ExperimentConfig,
  flags: Map<string, string | true>,
): Promise<Dataset> {
  // Loaded here only: these modules read files from disk, which the rest of the engine never does.
  const { readDigitsFile } = await import('../core/userdata/node');
  const { digitsDataset } = await import('../core/userdata/digits');
  const { csvToDataset } = await import('../core/userdata/csv');
  if (config.dataset === 'digits') return digitsDataset(readDigitsFile(), config);
  const file = flags.get('data');
  if (file === undefined || file === true) throw new CliError('--dataset custom needs --data file.csv');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`--data ${file}: ${(error as Error).message.split('\n')[0]}`);
  }
  const result = csvToDataset(text, config);
  if (!result.ok)
    throw new CliError(`--data ${file}: ${result.problems[0]?.message ?? 'the file could not be read'}`);
  return result.value.dataset;
}

async function train(
  config: ExperimentConfig,
  flags: Map<string, string | true>,
  io: CliIO,
  backend: BackendName,
  dataset?: Dataset,
): Promise<number> {
  const torchFile = flags.get('export-torch');
  if (torchFile === true) throw new CliError('--export-torch needs a file name (tunelab_torch.py)');
  await useBackend(backend);
  const json = flags.has('json');
  const controller = new AbortController();
  const onInterrupt = () => controller.abort();
  const stopListening = whenInterrupted(onInterrupt);
  const progressEvery = Math.max(1, Math.round(config.epochs / 20));
  if (!json)
    io.err(
      `${'epoch'.padStart(6)} ${'train loss'.padStart(11)} ${'val loss'.padStart(11)} ${'val acc'.padStart(8)} ${'lr'.padStart(10)}`,
    );
  try {
    const result = await trainExperiment(config, {
      signal: controller.signal,
      betweenEpochs: pauseForEvents,
      dataset,
      onEpoch: (_member, m) => {
        if (json) {
          io.out(jsonLine(epochLine(m)));
        } else if (m.epoch % progressEvery === 0 || m.epoch === 1) {
          const acc = m.validationAccuracy === null ? '–' : m.validationAccuracy.toFixed(3);
          io.err(
            `${String(m.epoch).padStart(6)} ${m.trainLoss.toPrecision(4).padStart(11)} ${m.validationLoss.toPrecision(4).padStart(11)} ${acc.padStart(8)} ${m.learningRate.toPrecision(3).padStart(10)}`,
          );
        }
      },
    });
    if (torchFile !== undefined) {
      const { script } = torchScript(config, dataset ?? generateDataset(config), { history: result.history });
      writeFileSync(torchFile, script);
      io.err(`wrote ${torchFile}`);
    }
    if (json) {
      io.out(jsonLine(summaryLine(result.summary)));
    } else {
      const s = result.summary;
      io.out(summaryText(s, 'en'));
      if (s.bestValidationLoss !== null)
        io.out(`best validation loss ${s.bestValidationLoss.toPrecision(4)} at epoch ${s.bestEpoch}`);
      if (s.finalValidationAccuracy !== null)
        io.out(`final validation accuracy ${s.finalValidationAccuracy.toFixed(3)}`);
      if (s.effectiveBatchSize < config.batchSize)
        io.out(
          `batch size ${config.batchSize} is larger than the training set; ${s.effectiveBatchSize} was used`,
        );
    }
    return exitCodeAfter(0);
  } finally {
    stopListening();
  }
}
