/**
 * The throughput measurements, shared by Node (bench/node.ts) and the browser worker
 * (bench/browser/bench.worker.ts) so both environments measure exactly the same thing.
 */
import { useBackend, type BackendName } from '../src/core/tf';
import { trainExperiment, trainPopulation } from '../src/core/train/run';
import { float } from '../src/core/tune/space';
import { networkObjective } from '../src/core/tune/network';
import { runStudy, tunerFor } from '../src/core/tune/study';
import { ReferenceMlp } from './reference-mlp';
import {
  cpuNow,
  epochsFor,
  median,
  now,
  populationOf,
  timeIt,
  workload,
  WORKLOAD,
  type Timing,
} from './workload';

export type Engine = 'floor' | BackendName;

export interface Throughput {
  engine: Engine;
  /** Networks trained at once (1 for a single network). */
  population: number;
  /** Aggregate epochs per second: population × epochs / median time. */
  epochsPerSecond: number;
  /** Epochs each member trained in one timed repeat. */
  epochs: number;
  repeats: number;
  /** Median over members of the final validation accuracy: shows the timed work learned. */
  validationAccuracy: number;
  /**
   * The floor's epochs/s timed just before this figure (one run of W): on a machine shared with
   * other work the load moves within minutes, so the ratio is taken to this paired floor.
   */
  floorBeside: number;
  /** population × epochs per CPU-second of this process (Node only; null in the browser). */
  epochsPerCpuSecond: number | null;
}

export interface BenchSettings {
  quick: boolean;
  /** Timed repeats after the warm-up (median reported). */
  repeats: number;
  /** Epochs of the warm-up run (also the first estimate of the rate). */
  warmUpEpochs: number;
  /** Most epochs in a timed repeat (W's 100 in the full bench). */
  maxEpochs: number;
  minEpochs: number;
  /** A timed repeat of a population aims at about this long. */
  targetMs: number;
}

export const FULL: BenchSettings = {
  quick: false,
  repeats: 3,
  warmUpEpochs: 3,
  maxEpochs: WORKLOAD.epochs,
  minEpochs: 5,
  targetMs: 4000,
};
export const QUICK: BenchSettings = {
  quick: true,
  repeats: 1,
  warmUpEpochs: 1,
  maxEpochs: 2,
  minEpochs: 1,
  targetMs: 200,
};

const perCpuSecond = (epochs: number, timing: Timing): number | null =>
  timing.medianCpuMs ? (epochs * 1000) / timing.medianCpuMs : null;

/** `settings.repeats` timed runs of the floor on W right now, in epochs/s (the JIT already warm). */
export function floorRuns(settings: BenchSettings): number[] {
  const epochs = settings.maxEpochs;
  return Array.from({ length: settings.repeats }, () => {
    const mlp = new ReferenceMlp(workload(epochs));
    const start = now();
    for (let e = 0; e < epochs; e++) mlp.trainEpoch();
    return (epochs * 1000) / (now() - start);
  });
}

/**
 * Times `work` between two sets of floor runs and returns it with their median: the floor a figure
 * is divided by. One set alone let a passing spike of the neighbours' load move a ratio by half.
 */
export async function besideFloor<T>(
  settings: BenchSettings,
  work: () => Promise<T>,
): Promise<{ result: T; floorBeside: number }> {
  const before = floorRuns(settings);
  const result = await work();
  return { result, floorBeside: median([...before, ...floorRuns(settings)]) };
}

/** The floor: W on the plain TypeScript MLP. */
export async function measureFloor(settings: BenchSettings): Promise<Throughput> {
  const epochs = settings.maxEpochs;
  let accuracy = NaN;
  const run = (count: number) => () => {
    const mlp = new ReferenceMlp(workload(count));
    for (let e = 0; e < count; e++) accuracy = mlp.trainEpoch().validationAccuracy;
  };
  // A whole run of W as the warm-up: after a 10-epoch one, Chromium's first floor figure ran ~25%
  // below the floors timed later in the same run (JIT still warming).
  const timing = await timeIt(settings.repeats, run(epochs), run(settings.quick ? 1 : epochs));
  const epochsPerSecond = (epochs * 1000) / timing.medianMs;
  return {
    engine: 'floor',
    population: 1,
    epochsPerSecond,
    epochs,
    repeats: settings.repeats,
    validationAccuracy: accuracy,
    floorBeside: epochsPerSecond,
    epochsPerCpuSecond: perCpuSecond(epochs, timing),
  };
}

/** W, or a population of W with spread learning rates, through `trainPopulation` on a backend. */
export async function measureEngine(
  backend: BackendName,
  population: number,
  settings: BenchSettings,
): Promise<Throughput> {
  await useBackend(backend);
  const { result, floorBeside } = await besideFloor(settings, () =>
    population === 1 ? measureSingle(backend, settings) : measurePopulation(backend, population, settings),
  );
  return { ...result, floorBeside };
}

async function measurePopulation(
  backend: BackendName,
  population: number,
  settings: BenchSettings,
): Promise<Omit<Throughput, 'floorBeside'>> {
  let epochs = settings.minEpochs;
  // The quick mode only proves the bench runs: no warm-up, one short timed run.
  if (!settings.quick) {
    const warmStart = now();
    await trainPopulation(populationOf(population, settings.warmUpEpochs));
    const warmRate = (population * settings.warmUpEpochs * 1000) / (now() - warmStart);
    epochs = epochsFor(warmRate, population, settings.targetMs, settings.minEpochs, settings.maxEpochs);
  }
  const configs = populationOf(population, epochs);
  let accuracies: number[] = [];
  const timing = await timeIt(
    settings.repeats,
    async () => {
      const results = await trainPopulation(configs);
      accuracies = results.map((r) => r.summary.finalValidationAccuracy ?? NaN);
    },
    () => undefined,
  );
  return {
    engine: backend,
    population,
    epochsPerSecond: (population * epochs * 1000) / timing.medianMs,
    epochs,
    repeats: settings.repeats,
    validationAccuracy: median(accuracies),
    epochsPerCpuSecond: perCpuSecond(population * epochs, timing),
  };
}

/** One network: W itself (100 epochs in the full bench) through `trainExperiment`, as a page's run. */
async function measureSingle(
  backend: BackendName,
  settings: BenchSettings,
): Promise<Omit<Throughput, 'floorBeside'>> {
  const epochs = settings.quick ? settings.minEpochs : settings.maxEpochs;
  let accuracy = NaN;
  const timing = await timeIt(
    settings.repeats,
    async () => {
      accuracy = (await trainExperiment(workload(epochs))).summary.finalValidationAccuracy ?? NaN;
    },
    settings.quick ? () => undefined : () => trainExperiment(workload(settings.warmUpEpochs)),
  );
  return {
    engine: backend,
    population: 1,
    epochsPerSecond: (epochs * 1000) / timing.medianMs,
    epochs,
    repeats: settings.repeats,
    validationAccuracy: accuracy,
    epochsPerCpuSecond: perCpuSecond(epochs, timing),
  };
}

export interface StudyFigure {
  engine: BackendName;
  trials: number;
  epochsPerTrial: number;
  trialsPerMinute: number;
  trialsPerCpuMinute: number | null;
  completed: number;
  /** The study's best trial: its best validation loss (the objective). */
  bestValidationLoss: number | null;
}

/**
 * A random study on W through `runStudy`: the random tuner draws learning
 * rates (log-uniform over [0.001, 0.1]), and the network objective trains each batch of
 * suggestions as one population. Tuning only the learning rate keeps every trial in one
 * population, as a classroom "which learning rate?" race does.
 */
export const STUDY_METHOD =
  "src/core/tune's runStudy with the random tuner (seed 1) over W's learning rate, log-uniform in [0.001, 0.1], all 32 trials asked at once so the network objective trains them as one population";

export async function measureStudy(
  backend: BackendName,
  trials: number,
  epochsPerTrial: number,
): Promise<StudyFigure> {
  await useBackend(backend);
  const objective = networkObjective(workload(epochsPerTrial), {
    learningRate: float(1e-3, 1e-1, { log: true }),
  });
  const tuner = tunerFor('random', objective, { seed: 1, trials });
  const cpuStart = cpuNow();
  const start = now();
  const result = await runStudy(tuner, objective, { trials, parallel: trials });
  const elapsed = now() - start;
  const cpuEnd = cpuNow();
  return {
    engine: backend,
    trials: result.trials.length,
    epochsPerTrial,
    trialsPerMinute: (result.trials.length * 60_000) / elapsed,
    trialsPerCpuMinute:
      cpuStart !== null && cpuEnd !== null ? (result.trials.length * 60_000) / (cpuEnd - cpuStart) : null,
    completed: result.trials.filter((t) => t.state === 'complete').length,
    bestValidationLoss: result.best?.value ?? null,
  };
}
