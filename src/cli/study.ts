import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  analyticObjective,
  DEFAULT_NETWORK_SPACE,
  networkObjective,
  OBJECTIVE_IDS,
  parseSearchSpace,
  networkParallel,
  runStudy,
  SearchSpaceError,
  simpleRegret,
  toOptunaJournal,
  toOptunaScript,
  toTrialsCsv,
  toTrialsJson,
  toWandbSweep,
  TUNER_KINDS,
  tunerFor,
  useBackend,
  type Objective,
  type ObjectiveId,
  type SearchSpace,
  type StudyExport,
  type Trial,
  type TunerKind,
} from '../core';
import {
  assertKnownFlags,
  CliError,
  EXPERIMENT_FLAGS,
  EXPERIMENT_OPTIONS_HELP,
  experimentFromFlags,
  jsonKind,
  jsonLine,
  parseArgs,
  readJsonFile,
  type CliIO,
} from './args';
import { exitCodeAfter, pauseForEvents, whenInterrupted } from './interrupt';
import { JournalError, parseOptunaJournal, type ImportedStudy } from '../core/tune/journal';
import {
  continuingTuner,
  planContinuation,
  type ContinueIssue,
  type ContinueIssueCode,
  type ContinuePlan,
} from '../core/tune/continue';
import { KERNEL_KINDS } from '../core/tune/gp';

/** The tuners a script can run; "manual" needs a person. */
const CLI_TUNERS = TUNER_KINDS.filter((kind) => kind !== 'manual');
const OWN_FLAGS = [
  'tuner',
  'objective',
  'trials',
  'budget-epochs',
  'parallel',
  'acquisition',
  'kernel',
  'kappa',
  'import',
  'continue',
  'study',
  'space',
  'json',
  'export',
  'backend',
  'help',
];

export const STUDY_HELP = [
  'Usage: npm run -s cli -- study --tuner KIND --objective NAME [options]',
  '',
  'Runs a hyperparameter search. Same options and seed give the same trials. With --json, stdout',
  'gets one JSON object per finished trial (number, params, value, state, epochs, message) and a',
  'last one with the summary and the best trial; otherwise a table goes to stderr and the best to stdout.',
  '',
  'Options:',
  `  --tuner ${CLI_TUNERS.join('|')}`,
  '                                           the search strategy (default random)',
  `  --objective ${OBJECTIVE_IDS.join('|')}`,
  '                                           what to minimize (default branin)',
  '  --trials N                               trials to run (default 30)',
  '  --budget-epochs N                        stop when the trials have trained this many epochs in all',
  '  --parallel N                             trials evaluated together. Default, for the network: every',
  '                                           trial at once for random, grid and quasi-random (one',
  '                                           population, in chunks of 128), 4 for bayes and tpe (a',
  '                                           constant liar), a rung for hyperband, a generation for',
  '                                           pso; for analytic objectives, a generation, a rung, or 1',
  "  --acquisition ei|pi|lcb                  the Bayesian tuner's acquisition function (default ei)",
  "  --kappa K                                LCB's exploration weight κ in μ − κσ (default 2)",
  "  --kernel rbf|matern32|matern52           the Bayesian tuner's GP kernel (default matern52)",
  '  --import journal.log                     read an Optuna JournalStorage log instead of running a',
  '                                           study; prints its trials (with --json, as JSON Lines)',
  '  --continue                               with --import: go on with the imported study, when its',
  "                                           objective is one of Tunelab's (its tunelab_objective",
  '                                           attribute, or parameter names x1 x2 = branin, x y =',
  '                                           rosenbrock, x1..x6 = hartmann6, network hyperparameters =',
  '                                           network). --tuner is seeded with the imported trials',
  '                                           (bayes and tpe condition on them, grid skips done points)',
  '                                           and runs --trials more; --export writes the combined study.',
  '                                           e.g. study --import j.log --continue --tuner tpe --trials 20',
  '  --study NAME                             which study of the journal to continue (default the first)',
  "  --space file.json                        the network's search space, Optuna-style, e.g.",
  '                                           {"learningRate": {"type": "float", "low": 0.0001, "high": 1, "log": true}}',
  '                                           (default: learningRate 1e-4..1 and l2 1e-6..0.1, both log)',
  '  --export file.py|.log|.yaml|.json|.csv   also write the study as an Optuna script, an Optuna',
  '                                           JournalStorage log, a W&B sweep, or the trials as JSON/CSV',
  '  --backend cpu|wasm                       tfjs backend for the network (default wasm: fastest for populations)',
  '  --json                                   print JSON Lines',
  "  --seed N                                 seed of the tuner (and of the network's data and weights)",
  '',
  'Network options (the experiment every trial starts from), as for `train`:',
  ...EXPERIMENT_OPTIONS_HELP,
].join('\n');

function integerFlag(
  flags: Map<string, string | true>,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const text = flags.get(name);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (text === true || !/^\d+$/.test(text.trim()) || value < min || value > max) {
    throw new CliError(
      `--${name} must be an integer from ${min} to ${max} (got ${JSON.stringify(text === true ? '' : text)})`,
    );
  }
  return value;
}

function choiceFlag<T extends string>(
  flags: Map<string, string | true>,
  name: string,
  choices: readonly T[],
  fallback: T,
): T {
  const text = flags.get(name);
  if (text === undefined) return fallback;
  if (text === true || !(choices as readonly string[]).includes(text)) {
    throw new CliError(
      `--${name} must be one of ${choices.join(', ')} (got ${JSON.stringify(text === true ? '' : text)})`,
    );
  }
  return text as T;
}

function readSpace(path: string): SearchSpace {
  const parsed = readJsonFile('space', path);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new CliError(
      `--space ${path}: must hold a JSON object of parameter ranges, e.g. {"learningRate": {"type": "float", "low": 0.0001, "high": 1, "log": true}} (got ${jsonKind(parsed)})`,
    );
  try {
    return parseSearchSpace(parsed);
  } catch (error) {
    if (error instanceof SearchSpaceError) throw new CliError(`--space ${path}: ${error.message}`);
    throw error;
  }
}

function checkExportFolder(path: string): void {
  const folder = dirname(resolve(path));
  let isFolder = false;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch {
    isFolder = false;
  }
  if (!isFolder) throw new CliError(`--export ${path}: the folder ${folder} does not exist`);
}

function trialLine(trial: Trial): Record<string, unknown> {
  return {
    number: trial.number,
    params: trial.params,
    value: trial.value,
    state: trial.state,
    epochs: trial.epochs,
    ...(trial.message ? { message: trial.message } : {}),
  };
}

function formatValue(value: number | null): string {
  return value === null ? '–' : value.toPrecision(5);
}

const EXPORTERS: Record<string, (study: StudyExport) => string> = {
  py: toOptunaScript,
  log: (study) => toOptunaJournal(study, new Date()),
  journal: (study) => toOptunaJournal(study, new Date()),
  yaml: toWandbSweep,
  yml: toWandbSweep,
  json: toTrialsJson,
  csv: toTrialsCsv,
};

/** `--import`: every study in an Optuna journal, one JSON line per trial and a summary per study. */
function readJournal(path: string): ImportedStudy[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(`--import ${path}: ${(error as Error).message.split('\n')[0]}`);
  }
  try {
    return parseOptunaJournal(text);
  } catch (error) {
    if (error instanceof JournalError) throw new CliError(`--import ${path}: ${error.message}`);
    throw error;
  }
}

function printImport(path: string, json: boolean, io: CliIO): number {
  const studies = readJournal(path);
  for (const study of studies) {
    for (const trial of study.trials) {
      const line = { study: study.name, ...trialLine(trial), intermediate: trial.intermediate };
      if (json) io.out(jsonLine(line));
      else
        io.err(
          `${String(trial.number).padStart(6)} ${trial.state.padEnd(9)} ${formatValue(trial.value).padStart(12)}  ${JSON.stringify(trial.params)}`,
        );
    }
    const summary = {
      status: 'imported',
      study: study.name,
      direction: study.direction,
      space: study.space,
      trials: study.trials.length,
      ...Object.fromEntries(
        (['complete', 'pruned', 'failed', 'running'] as const).map((state) => [
          state,
          study.trials.filter((t) => t.state === state).length,
        ]),
      ),
    };
    if (json) io.out(jsonLine(summary));
    else io.out(`study ${study.name}: ${study.trials.length} trials (${study.direction})`);
  }
  return 0;
}

const CONTINUE_PROBLEMS: Record<ContinueIssueCode, (issue: ContinueIssue) => string> = {
  'continue-unknown-objective': (issue) =>
    `its parameters (${issue.params.names}) are not those of a Tunelab objective and it has no tunelab_objective attribute, so new trials could not measure the same thing`,
  'continue-maximized': () => "it is maximized, and Tunelab's objectives are minimized",
  'continue-outside-space': (issue) =>
    `no finished trial lies inside the ${issue.params.objective} objective's search space`,
};

/** The study to continue: its name and plan, or a CliError saying why it cannot go on. */
function continuationOf(path: string, name: string | undefined): { name: string; plan: ContinuePlan } {
  const studies = readJournal(path);
  const study = name === undefined ? studies[0]! : studies.find((s) => s.name === name);
  if (!study)
    throw new CliError(
      `--study ${name}: the journal has no such study (it has ${studies.map((s) => JSON.stringify(s.name)).join(', ')})`,
    );
  const check = planContinuation(study);
  if (!check.ok)
    throw new CliError(
      `--continue: study ${JSON.stringify(study.name)} can only be viewed: ${CONTINUE_PROBLEMS[check.issue.code](check.issue)}`,
    );
  return { name: study.name, plan: check.plan };
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { flags, positionals } = parseArgs(argv);
  if (flags.has('help')) {
    io.out(STUDY_HELP);
    return 0;
  }
  if (positionals.length > 0)
    throw new CliError(`unexpected argument ${JSON.stringify(positionals[0])} (options start with --)`);
  assertKnownFlags(flags, [...EXPERIMENT_FLAGS, ...OWN_FLAGS]);
  const kind = choiceFlag<TunerKind>(flags, 'tuner', CLI_TUNERS, 'random');
  const requestedObjective = choiceFlag<ObjectiveId>(flags, 'objective', OBJECTIVE_IDS, 'branin');
  const trials = integerFlag(flags, 'trials', 30, 1, 100_000);
  const budgetEpochs = flags.has('budget-epochs')
    ? integerFlag(flags, 'budget-epochs', 0, 1, 1e9)
    : undefined;
  const acquisition = choiceFlag(flags, 'acquisition', ['ei', 'pi', 'lcb'] as const, 'ei');
  const kernel = choiceFlag(flags, 'kernel', KERNEL_KINDS, 'matern52');
  const kappaText = flags.get('kappa');
  const kappa = kappaText === undefined ? 2 : Number(kappaText);
  if (kappaText === true || !Number.isFinite(kappa) || kappa < 0 || kappa > 100)
    throw new CliError(
      `--kappa must be a number from 0 to 100 (got ${JSON.stringify(kappaText === true ? '' : kappaText)})`,
    );
  const importPath = flags.get('import');
  if (importPath === true) throw new CliError('--import needs an Optuna journal file');
  const continuing = flags.has('continue');
  if (continuing && importPath === undefined)
    throw new CliError('--continue needs --import journal.log: the study to continue');
  if (importPath !== undefined && !continuing) return printImport(importPath, flags.has('json'), io);
  const studyName = flags.get('study');
  if (studyName === true) throw new CliError('--study needs the name of a study in the journal');
  if (studyName !== undefined && !continuing) throw new CliError('--study applies only with --continue');
  if (continuing && flags.has('objective'))
    throw new CliError("--objective does not apply with --continue: the imported study's objective is used");
  const plan = importPath === undefined ? null : continuationOf(importPath, studyName);
  const backend = choiceFlag(flags, 'backend', ['cpu', 'wasm'] as const, 'wasm');
  const exportPath = flags.get('export');
  if (exportPath === true)
    throw new CliError('--export needs a file name ending in .py, .log, .yaml, .json or .csv');
  const exporter =
    exportPath === undefined ? undefined : EXPORTERS[exportPath.split('.').pop()!.toLowerCase()];
  if (exportPath !== undefined && !exporter)
    throw new CliError(`--export ${exportPath}: the file name must end in .py, .log, .yaml, .json or .csv`);
  // Checked now, not after a study that may take minutes: the folder must exist to write into.
  if (exportPath !== undefined) checkExportFolder(exportPath);
  const json = flags.has('json');

  // The experiment options (seed included) are read even for analytic objectives, so --seed works the same everywhere.
  const experiment = experimentFromFlags(flags);
  // A continued study keeps the seed it ran with, unless --seed says otherwise.
  const seed = plan && !flags.has('seed') && plan.plan.seed !== null ? plan.plan.seed : experiment.seed;
  const objectiveId = plan ? plan.plan.objective : requestedObjective;
  const networkOnly = [...flags.keys()].filter(
    (name) => name === 'space' || (EXPERIMENT_FLAGS.includes(name) && name !== 'seed'),
  );
  let objective: Objective;
  if (objectiveId === 'network') {
    const spacePath = flags.get('space');
    if (spacePath === true) throw new CliError('--space needs a JSON file');
    if (plan && spacePath !== undefined)
      throw new CliError("--space does not apply with --continue: the imported study's space is used");
    const space = plan
      ? plan.plan.space
      : spacePath === undefined
        ? DEFAULT_NETWORK_SPACE
        : readSpace(spacePath);
    try {
      objective = networkObjective(experiment, space);
    } catch (error) {
      if (error instanceof SearchSpaceError) throw new CliError(`--space: ${error.message}`);
      throw error;
    }
    await useBackend(backend);
  } else {
    if (networkOnly.length > 0) throw new CliError(`--${networkOnly[0]} applies only to --objective network`);
    objective = analyticObjective(objectiveId, seed);
  }
  const parallelDefault = objectiveId === 'network' ? networkParallel(kind, trials) : undefined;
  const parallel = flags.has('parallel') ? integerFlag(flags, 'parallel', 1, 1, 1000) : parallelDefault;
  const tunerOptions = { seed, trials, acquisition, kernel, kappa };
  const { tuner, trials: budget } = plan
    ? continuingTuner(kind, objective, plan.plan.history, trials, tunerOptions)
    : { tuner: tunerFor(kind, objective, tunerOptions), trials };

  const controller = new AbortController();
  const onInterrupt = () => controller.abort();
  const stopListening = whenInterrupted(onInterrupt);
  if (!json)
    io.err(
      `${'trial'.padStart(6)} ${'state'.padEnd(9)} ${'value'.padStart(12)} ${'best'.padStart(12)}  params`,
    );
  let best: number | null = null;
  try {
    const result = await runStudy(tuner, objective, {
      trials: budget,
      epochs: budgetEpochs,
      parallel,
      signal: controller.signal,
      beforeBatch: pauseForEvents,
      betweenEpochs: pauseForEvents,
      onTrial: (trial) => {
        if (trial.state === 'complete' && trial.value !== null && (best === null || trial.value < best))
          best = trial.value;
        if (json) io.out(jsonLine(trialLine(trial)));
        else {
          const params = Object.entries(trial.params)
            .map(([k, v]) => `${k}=${typeof v === 'number' ? Number(v.toPrecision(4)) : v}`)
            .join(' ');
          io.err(
            `${String(trial.number).padStart(6)} ${trial.state.padEnd(9)} ${formatValue(trial.value).padStart(12)} ${formatValue(best).padStart(12)}  ${params}`,
          );
        }
      },
    });
    const count = (state: Trial['state']) => result.trials.filter((t) => t.state === state).length;
    const regret =
      objective.optimum === undefined
        ? null
        : simpleRegret(result.trials, objective.optimum, objective.trueValue);
    const summary = {
      status: result.reason === 'stopped' ? 'cancelled' : 'completed',
      tuner: kind,
      objective: objectiveId,
      seed,
      trials: result.trials.length,
      complete: count('complete'),
      pruned: count('pruned'),
      failed: count('failed'),
      epochsUsed: result.epochsUsed,
      ...(plan
        ? {
            continued: {
              study: plan.name,
              imported: plan.plan.history.length,
              skipped: plan.plan.skipped,
              identifiedBy: plan.plan.identifiedBy,
            },
          }
        : {}),
      best: result.best
        ? { number: result.best.number, params: result.best.params, value: result.best.value }
        : null,
      ...(regret !== null && Number.isFinite(regret) ? { simpleRegret: regret } : {}),
    };
    if (json) io.out(jsonLine(summary));
    else if (result.best) {
      io.out(
        `best trial ${result.best.number}: value ${formatValue(result.best.value)} with ${JSON.stringify(result.best.params)}`,
      );
      if (summary.simpleRegret !== undefined)
        io.out(`simple regret ${summary.simpleRegret.toPrecision(4)} (known optimum ${objective.optimum})`);
    } else io.out('no trial completed');
    if (exportPath !== undefined && exporter) {
      const text = exporter({
        name: plan ? plan.name : `${objectiveId}-${kind}-${seed}`,
        tuner: kind,
        space: objective.space,
        trials: result.trials,
        seed,
        objective: objectiveId,
        budget,
      });
      try {
        writeFileSync(exportPath, text);
      } catch (error) {
        throw new CliError(
          `--export ${exportPath}: ${(error as NodeJS.ErrnoException).code ?? 'could not be written'}`,
        );
      }
      io.err(`wrote ${exportPath}`);
    }
    return exitCodeAfter(0);
  } finally {
    stopListening();
  }
}
