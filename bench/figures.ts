/**
 * The throughput measurements, shared by Node (bench/node.ts) and the browser worker
 * (bench/browser/bench.worker.ts) so both environments measure exactly the same thing.
 */
import { useBackend, type BackendName } from '../src/core/tf';
import { trainExperiment, trainPopulation } from '../src/core/train/run';
import { ReferenceMlp } from './reference-mlp';
import { epochsFor, median, now, populationOf, randomStudyConfigs, timeIt, workload, WORKLOAD } from './workload';

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

export const FULL: BenchSettings = { quick: false, repeats: 3, warmUpEpochs: 3, maxEpochs: WORKLOAD.epochs, minEpochs: 5, targetMs: 4000 };
export const QUICK: BenchSettings = { quick: true, repeats: 1, warmUpEpochs: 1, maxEpochs: 2, minEpochs: 1, targetMs: 200 };

/** The floor: W on the plain TypeScript MLP. */
export async function measureFloor(settings: BenchSettings): Promise<Throughput> {
  const epochs = settings.maxEpochs;
  let accuracy = NaN;
  const run = (count: number) => () => {
    const mlp = new ReferenceMlp(workload(count));
    for (let e = 0; e < count; e++) accuracy = mlp.trainEpoch().validationAccuracy;
  };
  const timing = await timeIt(settings.repeats, run(epochs), run(settings.quick ? 1 : 10));
  return { engine: 'floor', population: 1, epochsPerSecond: (epochs * 1000) / timing.medianMs, epochs, repeats: settings.repeats, validationAccuracy: accuracy };
}

/** W, or a population of W with spread learning rates, through `trainPopulation` on a backend. */
export async function measureEngine(backend: BackendName, population: number, settings: BenchSettings): Promise<Throughput> {
  await useBackend(backend);
  if (population === 1) return measureSingle(backend, settings);
  let epochs = settings.minEpochs;
  // The quick mode only proves the bench runs: no warm-up, one short timed run.
  if (!settings.quick) {
    const warmStart = now();
    await trainPopulation(populationOf(population, settings.warmUpEpochs));
    const warmRate = (population * settings.warmUpEpochs * 1000) / (now() - warmStart);
    epochs = epochsFor(warmRate, population, settings.targetMs, settings.minEpochs, settings.maxEpochs);
  }
  const configs = population === 1 ? [workload(epochs)] : populationOf(population, epochs);
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
  };
}

/** One network: W itself (100 epochs in the full bench) through `trainExperiment`, as a page's run. */
async function measureSingle(backend: BackendName, settings: BenchSettings): Promise<Throughput> {
  const epochs = settings.quick ? settings.minEpochs : settings.maxEpochs;
  let accuracy = NaN;
  const timing = await timeIt(
    settings.repeats,
    async () => {
      accuracy = (await trainExperiment(workload(epochs))).summary.finalValidationAccuracy ?? NaN;
    },
    settings.quick ? () => undefined : () => trainExperiment(workload(settings.warmUpEpochs)),
  );
  return { engine: backend, population: 1, epochsPerSecond: (epochs * 1000) / timing.medianMs, epochs, repeats: settings.repeats, validationAccuracy: accuracy };
}

export interface StudyFigure {
  engine: BackendName;
  trials: number;
  epochsPerTrial: number;
  trialsPerMinute: number;
  /** How the study ran: the tuner engineer's random tuner, or W configs through trainPopulation. */
  method: string;
  bestValidationAccuracy: number;
}

/**
 * The fallback study: `trials` W configs with random learning rates trained as populations through
 * `trainPopulation`, which is what a random tuner's batch of suggestions becomes.
 */
export async function measureStudyFallback(backend: BackendName, trials: number, epochsPerTrial: number): Promise<StudyFigure> {
  await useBackend(backend);
  const start = now();
  const results = await trainPopulation(randomStudyConfigs(trials, epochsPerTrial));
  const elapsed = now() - start;
  return {
    engine: backend,
    trials,
    epochsPerTrial,
    trialsPerMinute: (trials * 60_000) / elapsed,
    method: `${trials} W configs with log-uniform random learning rates in [0.001, 0.1], one population through trainPopulation`,
    bestValidationAccuracy: Math.max(...results.map((r) => r.summary.finalValidationAccuracy ?? 0)),
  };
}
