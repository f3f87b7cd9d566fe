/**
 * The loss landscape around a network's current weights and the learning-rate range test: the
 * parts that train or evaluate networks, on the population engine. The plane's arithmetic is in
 * ./plane, the range test's in ./lr-range.
 */
import type { ExperimentConfig } from '../config/parameters';
import type { Dataset } from '../data/datasets';
import { PopulationTrainer } from '../train/population';
import {
  gridExtent,
  lineRows,
  linspace,
  planeGridRows,
  projectOnPlane,
  randomPlane,
  trajectoryPlane,
  type PlaneKind,
  type PlanePoint,
} from './plane';
import { rangeTestRates, smoothLosses, suggestLearningRate, type LearningRateSuggestion } from './lr-range';

export interface LandscapeOptions {
  /** `auto`: the trajectory's principal plane once there is a path, else random directions. */
  plane?: PlaneKind | 'auto';
  /** Grid points per axis. */
  resolution?: number;
  /** Seeds the random directions. */
  seed?: number;
  /** Points on the 1-D cut along the last step. */
  cutPoints?: number;
}

export interface Landscape {
  plane: PlaneKind;
  /** For the trajectory plane: the share of the path's variance along each axis. */
  explainedVariance: [number, number] | null;
  xs: number[];
  ys: number[];
  /** Training loss at each grid point, row by row: losses[j · xs.length + i] is at (xs[i], ys[j]). */
  losses: number[];
  /** Training loss at the current weights: the plane's origin. */
  centerLoss: number;
  /** The trajectory projected on the plane; it ends at the origin, the current weights. */
  path: PlanePoint[];
  /**
   * The loss along the last step's direction, t in multiples of that step: t = 0 is now, t = −1
   * where the step started. A minimum at negative t means the step overshot the valley's floor.
   */
  cut: { ts: number[]; losses: number[] } | null;
}

/** Keeps at most `limit` snapshots, evenly spaced, always the first and the last. */
export function thinTrajectory<T>(snapshots: readonly T[], limit: number): T[] {
  if (snapshots.length <= limit) return [...snapshots];
  return Array.from(
    { length: limit },
    (_, i) => snapshots[Math.round((i * (snapshots.length - 1)) / (limit - 1))]!,
  );
}

const TRAJECTORY_LIMIT = 200;

/**
 * The landscape of `member`'s training loss around its current weights, with its path. The
 * trajectory is the member's weights after each epoch so far (any earlier snapshots, in order);
 * the current weights are added as its end.
 */
export async function computeLandscape(
  trainer: PopulationTrainer,
  member: number,
  trajectory: readonly Float32Array[],
  options: LandscapeOptions = {},
): Promise<Landscape> {
  const resolution = Math.max(3, Math.min(101, Math.round(options.resolution ?? 41)));
  const center = await trainer.parametersOf(member);
  const path = thinTrajectory([...trajectory, center], TRAJECTORY_LIMIT);
  const wanted = options.plane ?? 'auto';
  const plane =
    (wanted !== 'random' ? trajectoryPlane(path) : null) ??
    randomPlane(trainer.layout, center, options.seed ?? trainer.members[member]!.config.seed);
  const projected = path.map((point) => projectOnPlane(plane, center, point));
  // The origin is exactly the current weights, whatever rounding the projection did.
  projected[projected.length - 1] = { x: 0, y: 0 };
  const extent = gridExtent(projected, 1);
  const xs = linspace(extent.x[0], extent.x[1], resolution);
  const ys = linspace(extent.y[0], extent.y[1], resolution);
  const losses = await trainer.trainingLossOf(planeGridRows(plane, center, xs, ys));
  const centerLoss = (await trainer.trainingLossOf(center))[0]!;

  let cut: Landscape['cut'] = null;
  const previous = trajectory.at(-1);
  if (previous) {
    const step = Float64Array.from(center, (v, i) => v - previous[i]!);
    if (step.some((v) => v !== 0)) {
      const ts = linspace(-3, 2, options.cutPoints ?? 51);
      cut = { ts, losses: Array.from(await trainer.trainingLossOf(lineRows(center, step, ts))) };
    }
  }
  return {
    plane: plane.kind,
    explainedVariance: plane.explainedVariance,
    xs,
    ys,
    losses: Array.from(losses),
    centerLoss,
    path: projected,
    cut,
  };
}

export interface LearningRateFinding {
  learningRates: number[];
  losses: number[];
  smoothed: number[];
  suggestion: LearningRateSuggestion | null;
  /** Why the test ended: it tried every rate, or the loss blew up (4× its best, or not finite). */
  ended: 'all-rates' | 'exploded';
}

export interface LearningRateFinderOptions {
  start?: number;
  end?: number;
  steps?: number;
  dataset?: Dataset;
  /** Called after every step with the rate, the raw and the smoothed loss. */
  onStep?: (index: number, learningRate: number, loss: number, smoothed: number) => void;
  signal?: AbortSignal;
  /** Awaited after every step: the command line yields to its signal handlers here. */
  betweenSteps?: () => Promise<void>;
}

/**
 * The learning-rate range test: from the experiment's initial weights (a throwaway copy: the
 * experiment itself is not changed), one minibatch step at each rate, rising geometrically, reading
 * the whole training set's loss after each step. It stops early once the smoothed loss passes four
 * times its best, as fastai's does: beyond that the rates only diverge.
 */
export async function findLearningRate(
  config: ExperimentConfig,
  options: LearningRateFinderOptions = {},
): Promise<LearningRateFinding> {
  const rates = rangeTestRates(options.start ?? 1e-6, options.end ?? 10, options.steps ?? 200);
  const trainer = new PopulationTrainer([{ ...config, schedule: 'constant' }], options.dataset);
  const learningRates: number[] = [];
  const losses: number[] = [];
  let ended: LearningRateFinding['ended'] = 'all-rates';
  let best = Infinity;
  try {
    for (const [i, rate] of rates.entries()) {
      if (options.signal?.aborted) break;
      trainer.learningRateOverride = () => rate;
      trainer.trainStep();
      const loss = (await trainer.trainingLossOf())[0]!;
      learningRates.push(rate);
      losses.push(loss);
      const smoothed = smoothLosses(losses).at(-1)!;
      options.onStep?.(i, rate, loss, smoothed);
      if (!Number.isFinite(loss) || smoothed > 4 * best) {
        ended = 'exploded';
        break;
      }
      best = Math.min(best, smoothed);
      await options.betweenSteps?.();
    }
  } finally {
    trainer.dispose();
  }
  // A non-finite loss ends the curve; it is kept in `losses` but never suggested.
  const finite = losses.findIndex((loss) => !Number.isFinite(loss));
  const usable = finite < 0 ? losses.length : finite;
  const smoothed = smoothLosses(losses.slice(0, usable));
  return {
    learningRates,
    losses,
    smoothed,
    suggestion: suggestLearningRate(learningRates.slice(0, usable), smoothed),
    ended,
  };
}
