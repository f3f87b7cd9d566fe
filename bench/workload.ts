/**
 * Workload W (a 500-point spiral, 2-16-16-2 tanh, Adam, batch 16, 100 epochs) and the measurements every benchmark environment shares (Node and the
 * browser worker import this file). Pure: no DOM, no Node API.
 */
import { DEFAULT_CONFIG, type ExperimentConfig } from '../src/core/config/parameters';

/** W: a 500-point spiral, 2-16-16-2 tanh, Adam lr 0.01, batch 16, 100 epochs, seed 1. */
export const WORKLOAD: Readonly<ExperimentConfig> = Object.freeze({
  ...DEFAULT_CONFIG,
  dataset: 'spiral',
  points: 500,
  features: [...DEFAULT_CONFIG.features],
  hiddenLayers: [16, 16],
  activation: 'tanh',
  optimizer: 'adam',
  learningRate: 0.01,
  batchSize: 16,
  epochs: 100,
  schedule: 'constant',
  patience: 0,
  seed: 1,
});

export const POPULATION_SIZES = [8, 32, 128] as const;

export function workload(epochs: number, learningRate = WORKLOAD.learningRate): ExperimentConfig {
  return {
    ...WORKLOAD,
    features: [...WORKLOAD.features],
    hiddenLayers: [...WORKLOAD.hiddenLayers],
    epochs,
    learningRate,
  };
}

/**
 * K copies of W that differ in learning rate, spread log-evenly over [0.003, 0.03]: what a
 * learning-rate comparison or a tuner's batch looks like. They share data, architecture and seed,
 * so they form one population.
 */
export function populationOf(size: number, epochs: number): ExperimentConfig[] {
  return Array.from({ length: size }, (_, k) =>
    workload(epochs, 0.003 * Math.pow(10, size === 1 ? 0.5 : k / (size - 1))),
  );
}

export const now = (): number => performance.now();

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

let cpuClock: (() => number) | null = null;

/**
 * Gives the measurements a clock of this process's CPU time in ms (Node: process.cpuUsage). On a
 * machine shared with other work, wall time stretches with the load; CPU time much less, so
 * epochs per CPU-second compare across runs where epochs per second cannot. Browsers have no
 * such clock.
 */
export function setCpuClock(clock: (() => number) | null): void {
  cpuClock = clock;
}

export const cpuNow = (): number | null => cpuClock?.() ?? null;

export interface Timing {
  /** Median over the timed repeats, in milliseconds. */
  medianMs: number;
  repeats: number[];
  /** Median CPU time of this process per repeat (ms), where a CPU clock is set. */
  medianCpuMs: number | null;
}

/** Runs `work` once to warm the JIT and the backend up, then `repeats` timed times. */
export async function timeIt(
  repeats: number,
  work: () => unknown | Promise<unknown>,
  warmUp: () => unknown | Promise<unknown> = work,
): Promise<Timing> {
  await warmUp();
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const cpuStart = cpuNow();
    const start = now();
    await work();
    times.push(now() - start);
    const cpuEnd = cpuNow();
    if (cpuStart !== null && cpuEnd !== null) cpuTimes.push(cpuEnd - cpuStart);
  }
  return {
    medianMs: median(times),
    repeats: times,
    medianCpuMs: cpuTimes.length > 0 ? median(cpuTimes) : null,
  };
}

/**
 * Epochs to time so one repeat lasts about `targetMs` at the rate seen in the warm-up, within
 * [minimum, maximum]: a population of 128 on a slow backend would otherwise take minutes.
 */
export function epochsFor(
  warmUpEpochsPerSecond: number,
  population: number,
  targetMs: number,
  minimum: number,
  maximum: number,
): number {
  const epochs = Math.round(((warmUpEpochsPerSecond / population) * targetMs) / 1000);
  return Math.max(minimum, Math.min(maximum, epochs));
}
