/**
 * The Node half of `npm run bench`: the floor, the engine on the cpu and wasm backends for one
 * network and for populations, the study, the 300-epoch spiral run and the tuner bench. Returns rows;
 * bench/main.ts prints them and writes docs/benchmarks.md, tests/bench/quick.test.ts checks them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { BackendName } from '../src/core/tf';
import {
  besideFloor,
  FULL,
  measureEngine,
  measureFloor,
  measureStudy,
  STUDY_METHOD,
  QUICK,
  type BenchSettings,
  type StudyFigure,
  type Throughput,
} from './figures';
import { README_SPIRAL } from '../tests/cli/run-cli';
import type { Row } from './report';
import { POPULATION_SIZES, setCpuClock, WORKLOAD } from './workload';

export const BACKENDS: readonly BackendName[] = ['cpu', 'wasm'];

export interface TunerBench {
  /** What bench/tuners.ts's `benchTuners(quick)` returned, or why there is nothing. */
  result: unknown;
  note: string | null;
}

export interface NodeBench {
  rows: Row[];
  notes: string[];
  tuners: TunerBench;
  floor: Throughput;
}

export interface NodeBenchOptions {
  quick: boolean;
  /** Progress lines (the bench takes minutes); silent when absent. */
  log?: (line: string) => void;
  /** Skip the tuner bench (the quick test does: bench/tuners.ts has its own tests). */
  skipTuners?: boolean;
}

export function throughputRow(environment: Row['environment'], t: Throughput, floor: Throughput): Row {
  const single = t.population === 1;
  const isFloor = t.engine === 'floor';
  return {
    environment,
    figure:
      t.engine === 'floor'
        ? 'floor: plain TypeScript MLP, one network'
        : single
          ? 'one network'
          : `population of ${t.population}`,
    engine: t.engine === 'floor' ? 'plain TS' : t.engine,
    value: t.epochsPerSecond,
    unit: single ? 'epochs/s' : 'aggregate epochs/s',
    ratio: t.epochsPerSecond / t.floorBeside,
    detail: `${t.epochs} epochs × ${t.repeats === 1 ? '1 run' : `median of ${t.repeats}`}; val acc ${formatAccuracy(t.validationAccuracy)}${single ? '' : ' (median member)'}${isFloor ? '' : `; floor around it: ${Math.round(t.floorBeside)} epochs/s`}${t.epochsPerCpuSecond === null ? '' : `; ${Math.round(t.epochsPerCpuSecond)} per CPU-second`}`,
    cpuRatio:
      t.epochsPerCpuSecond !== null && floor.epochsPerCpuSecond !== null
        ? t.epochsPerCpuSecond / floor.epochsPerCpuSecond
        : null,
  };
}

export const formatAccuracy = (a: number): string => (Number.isFinite(a) ? a.toFixed(3) : 'n/a');

export function studyRow(
  environment: Row['environment'],
  s: StudyFigure,
  floorEpochsPerSecond: number,
  floor: Throughput,
): Row {
  // The floor trains trials one after another: its trials per minute are epochs/s × 60 / epochs.
  const floorTrialsPerMinute = (floorEpochsPerSecond * 60) / s.epochsPerTrial;
  return {
    environment,
    figure: `${s.trials}-trial random study`,
    engine: s.engine,
    value: s.trialsPerMinute,
    unit: 'trials/min',
    ratio: s.trialsPerMinute / floorTrialsPerMinute,
    detail: `${s.epochsPerTrial} epochs per trial, ${s.completed} of ${s.trials} complete, best validation loss ${s.bestValidationLoss?.toFixed(3) ?? 'none'}; ratio to the floor's ${Math.round(floorTrialsPerMinute)} trials/min run one by one${s.trialsPerCpuMinute === null ? '' : `; ${Math.round(s.trialsPerCpuMinute)} trials per CPU-minute`}`,
    cpuRatio:
      s.trialsPerCpuMinute !== null && floor.epochsPerCpuSecond !== null
        ? s.trialsPerCpuMinute / ((floor.epochsPerCpuSecond * 60) / s.epochsPerTrial)
        : null,
  };
}

/** The study: 32 trials of W (one or two epochs each in the quick mode). */
export function studySize(quick: boolean): { trials: number; epochsPerTrial: number } {
  return { trials: 32, epochsPerTrial: quick ? 1 : WORKLOAD.epochs };
}

export async function runNodeBench(options: NodeBenchOptions): Promise<NodeBench> {
  const settings: BenchSettings = options.quick ? QUICK : FULL;
  setCpuClock(() => {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1000;
  });
  const log = options.log ?? (() => undefined);
  const rows: Row[] = [];
  const notes: string[] = [];

  log('floor (plain TypeScript MLP)…');
  const floor = await measureFloor(settings);
  rows.push(throughputRow('Node', floor, floor));

  for (const backend of BACKENDS) {
    for (const population of [1, ...POPULATION_SIZES]) {
      log(`${backend}: ${population === 1 ? 'one network' : `population of ${population}`}…`);
      rows.push(throughputRow('Node', await measureEngine(backend, population, settings), floor));
    }
  }

  const { trials, epochsPerTrial } = studySize(options.quick);
  notes.push(`Study: ${STUDY_METHOD}.`);
  // One backend: the one that trained a population of 32 faster in this run (the other would add
  // minutes and say nothing new: the study is that population for 100 epochs).
  const ofThirtyTwo = rows
    .filter((r) => r.figure === 'population of 32')
    .sort((a, b) => b.value - a.value)[0];
  const studyBackend = (ofThirtyTwo?.engine ?? 'cpu') as BackendName;
  log(`${studyBackend}: ${trials}-trial study…`);
  const study = await besideFloor(settings, () => measureStudy(studyBackend, trials, epochsPerTrial));
  rows.push(studyRow('Node', study.result, study.floorBeside, floor));

  log(`${trials}-trial study through the command line, default flags…`);
  const cliStudy = await besideFloor(settings, async () => studyCommandLine(trials, epochsPerTrial));
  rows.push(studyCommandLineRow(cliStudy.result, cliStudy.floorBeside));

  if (options.quick) {
    notes.push('Quick mode: the 300-epoch spiral run from the README skipped.');
  } else {
    for (const backend of BACKENDS) {
      log(`${backend}: spiral, 300 epochs, seed 1 (the command line)…`);
      let measured: { result: CommandLineRun; floorBeside: number };
      try {
        measured = await besideFloor(settings, async () => spiralCommandLine(backend));
      } catch (error) {
        notes.push(
          `The README's spiral run on ${backend} failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
        );
        continue;
      }
      const { result: cli, floorBeside } = measured;
      rows.push({
        environment: 'Node',
        figure: "README's spiral run",
        engine: backend,
        value: cli.epochsPerSecond,
        unit: 'epochs/s',
        ratio: cli.epochsPerSecond / floorBeside,
        detail: `\`${cli.command}\`: ${cli.epochs} epochs in ${(cli.trainingMs / 1000).toFixed(1)} s of training (process ${(cli.processMs / 1000).toFixed(1)} s with start-up), ${cli.status}, final val acc ${formatAccuracy(cli.validationAccuracy)}; floor around it: ${Math.round(floorBeside)} epochs/s`,
      });
    }
  }

  if (!options.quick) {
    // The floor again: on a machine shared with other work, the drift between the two says how
    // far the load moved during the run (every ratio is to the first).
    const again = await measureFloor(settings);
    notes.push(
      `Node floor measured again at the end of the Node figures: ${Math.round(again.epochsPerSecond)} epochs/s (start: ${Math.round(floor.epochsPerSecond)}); load average then ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(', ')}.`,
    );
  }

  const tuners = options.skipTuners
    ? { result: null, note: 'skipped' }
    : await runTunerBench(options.quick, log);
  return { rows, notes, tuners, floor };
}

/** The tuner figures are optional: the bench runs without bench/tuners.ts. */
async function runTunerBench(quick: boolean, log: (line: string) => void): Promise<TunerBench> {
  const url = new URL('./tuners.ts', import.meta.url);
  if (!existsSync(fileURLToPath(url)))
    return { result: null, note: 'bench/tuners.ts does not exist yet: no tuner figures.' };
  try {
    log('tuners (bench/tuners.ts)…');
    const module = (await import(/* @vite-ignore */ url.href)) as {
      benchTuners?: (quick: boolean) => unknown;
    };
    if (typeof module.benchTuners !== 'function')
      return { result: null, note: 'bench/tuners.ts does not export benchTuners(quick).' };
    return { result: await module.benchTuners(quick), note: null };
  } catch (error) {
    return {
      result: null,
      note: `bench/tuners.ts failed: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

export interface Machine {
  cores: number;
  cpu: string;
  node: string;
  platform: string;
  loadAverage: number[];
  engineCommit: string;
}

export function describeMachine(): Machine {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  try {
    cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpu;
  } catch {
    // Not Linux: os.cpus() is the best we have.
  }
  return {
    cores: os.availableParallelism(),
    cpu,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverage: os.loadavg(),
    engineCommit: engineCommit(),
  };
}

/** The last commit that touched the training engine, and whether the working tree differs from it. */
export function engineCommit(): string {
  const root = fileURLToPath(new URL('..', import.meta.url));
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
    const engine = ['src/core/train', 'src/core/model', 'src/core/tf.ts'];
    const commit = git('log', '-1', '--format=%h (%s)', '--', ...engine);
    const dirty = git('status', '--porcelain', '--', ...engine);
    return dirty
      ? `${commit}, plus uncommitted changes in ${[...new Set(dirty.split('\n').map((l) => l.slice(3)))].join(', ')}`
      : commit;
  } catch {
    return 'unknown (no git)';
  }
}

export interface CommandLineRun {
  command: string;
  epochs: number;
  epochsPerSecond: number;
  /** The trainer's wall time at the last epoch (training only). */
  trainingMs: number;
  /** The whole process, tsx start-up included. */
  processMs: number;
  status: string;
  validationAccuracy: number;
}

/** `npm run -s cli -- …args` as a process, as a person runs it: its JSON lines and its whole time. */
function runCommandLine(args: readonly string[]): { lines: Record<string, unknown>[]; processMs: number } {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const tsx = fileURLToPath(new URL('../node_modules/tsx/dist/cli.mjs', import.meta.url));
  const start = performance.now();
  const output = execFileSync(process.execPath, [tsx, 'src/cli/main.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const processMs = performance.now() - start;
  const lines = output
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { lines, processMs };
}

/** The README's spiral command, run as a process exactly as a person would, on one backend. */
export function spiralCommandLine(backend: BackendName): CommandLineRun {
  const args = [...README_SPIRAL, '--backend', backend];
  const { lines, processMs } = runCommandLine(args);
  const epochLines = lines.filter((line) => typeof line.epoch === 'number');
  // Epoch lines carry no wall time (two runs must print identical lines); the summary does.
  const summary = lines.at(-1) ?? {};
  const trainingMs = Number(summary.wallTimeMs);
  return {
    command: `npm run -s cli -- ${args.join(' ')}`,
    epochs: epochLines.length,
    epochsPerSecond: (epochLines.length * 1000) / trainingMs,
    trainingMs,
    processMs,
    status: String(summary.status),
    validationAccuracy: Number(summary.finalValidationAccuracy),
  };
}

export interface StudyCommandLineRun {
  command: string;
  trials: number;
  epochsPerTrial: number;
  /** The whole process, tsx start-up included: what the person waits. */
  processMs: number;
}

/** A random study of W as a person types it: no --parallel, so the CLI picks its own. */
export function studyCommandLine(trials: number, epochsPerTrial: number): StudyCommandLineRun {
  const args = [
    'study',
    '--tuner',
    'random',
    '--objective',
    'network',
    '--trials',
    String(trials),
    '--epochs',
    String(epochsPerTrial),
    '--layers',
    '16,16',
    '--batch-size',
    '16',
    '--points',
    '500',
    '--seed',
    '1',
    '--json',
  ];
  const { lines, processMs } = runCommandLine(args);
  const finished = lines.filter((line) => typeof line.number === 'number').length;
  return { command: `npm run -s cli -- ${args.join(' ')}`, trials: finished, epochsPerTrial, processMs };
}

/**
 * The study as a person runs it, against the floor training the same trials one after another
 * (timed around it): a ratio above 1 means the command line, start-up included, beats them.
 */
export function studyCommandLineRow(run: StudyCommandLineRun, floorEpochsPerSecond: number): Row {
  const floorMs = (run.trials * run.epochsPerTrial * 1000) / floorEpochsPerSecond;
  return {
    environment: 'Node',
    figure: `${run.trials}-trial study, command line`,
    engine: 'wasm',
    value: run.processMs / 1000,
    unit: 's',
    ratio: floorMs / run.processMs,
    detail: `\`${run.command}\` with its default --parallel, start-up included; the floor trains the same ${run.trials} trials one after another in ${(floorMs / 1000).toFixed(1)} s (ratio = floor time ÷ command-line time)`,
  };
}
