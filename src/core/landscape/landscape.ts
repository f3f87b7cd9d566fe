/**
 * The loss landscape around a network's current weights and the learning-rate range test: the
 * parts that train or evaluate networks, on the population engine. The plane's arithmetic is in
 * ./plane, the range test's in ./lr-range.
 */
import type { ExperimentConfig } from '../config/parameters';
import type { Dataset } from '../data/datasets';
import { PopulationTrainer } from '../train/population';
import {
  evenlySpaced,
  gridExtent,
  lineRows,
  linspace,
  planeGridRows,
  projectOnPlane,
  randomPlane,
  sharedPlane,
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
  const center = await trainer.parametersOf(member);
  return landscapeAround(trainer, [...trajectory, center], {
    ...options,
    seed: options.seed ?? trainer.members[member]!.config.seed,
  });
}

/**
 * The landscape around the last snapshot of `trajectory` (its current weights), for any network of
 * the trainer's layout: a lane's finished path is evaluated on a throwaway trainer this way.
 */
export async function landscapeAround(
  trainer: PopulationTrainer,
  trajectory: readonly Float32Array[],
  options: LandscapeOptions = {},
): Promise<Landscape> {
  const resolution = clampResolution(options.resolution);
  const center = trajectory.at(-1);
  if (!center) throw new Error('a landscape needs at least the current weights');
  const path = evenlySpaced(trajectory, TRAJECTORY_LIMIT);
  const wanted = options.plane ?? 'auto';
  const plane =
    (wanted !== 'random' ? trajectoryPlane(path) : null) ??
    randomPlane(trainer.layout, center, options.seed ?? trainer.members[0]!.config.seed);
  const projected = path.map((point) => projectOnPlane(plane, center, point));
  // The origin is exactly the current weights, whatever rounding the projection did.
  projected[projected.length - 1] = { x: 0, y: 0 };
  const extent = gridExtent(projected, 1);
  const xs = linspace(extent.x[0], extent.x[1], resolution);
  const ys = linspace(extent.y[0], extent.y[1], resolution);
  const losses = await trainer.trainingLossOf(planeGridRows(plane, center, xs, ys));
  const centerLoss = (await trainer.trainingLossOf(center))[0]!;

  let cut: Landscape['cut'] = null;
  const previous = trajectory.at(-2);
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

const clampResolution = (resolution: number | undefined) =>
  Math.max(3, Math.min(101, Math.round(resolution ?? 41)));

/** Several lanes' paths over one surface: see `sharedPlane` for where the plane lies. */
export interface SharedLandscape {
  plane: PlaneKind;
  /** For the trajectory plane: the share of the lanes' pooled movement along each axis. */
  explainedVariance: [number, number] | null;
  xs: number[];
  ys: number[];
  /** Training loss at each grid point, row by row, as in `Landscape`. */
  losses: number[];
  /** Training loss at the origin: the lanes' common start. */
  originLoss: number;
  /** Each lane's path, in the order given; each ends at its own final weights' projection. */
  paths: PlanePoint[][];
  /** Lanes whose path leaves the grid: they went so far that a grid around them hid the others. */
  outside: number[];
}

/** How much further than every other lane a lane must reach before the grid stops following it. */
const OUTLIER_REACH = 5;

/**
 * The lane (at most one) that reached more than OUTLIER_REACH times as far from the start as any
 * other: a blown-up learning rate travels hundreds of units, and a grid that held it would draw the
 * other lanes as one dot.
 */
function farOutliers(paths: readonly PlanePoint[][]): number[] {
  if (paths.length < 2) return [];
  const reach = paths.map((path) => Math.max(...path.map((p) => Math.hypot(p.x, p.y))));
  const order = reach.map((_, k) => k).sort((a, b) => reach[b]! - reach[a]!);
  const [far, next] = [reach[order[0]!]!, reach[order[1]!]!];
  return next > 0 && far > OUTLIER_REACH * next ? [order[0]!] : [];
}

/**
 * The training loss over one plane shared by several lanes of the trainer's layout (their data and
 * network), with every lane's path on it. `trajectories[k]` is lane k's snapshots in order, its
 * final weights last. When the paths span no plane (they have not moved), two filter-normalized
 * random directions around the start.
 */
export async function computeSharedLandscape(
  trainer: PopulationTrainer,
  trajectories: readonly (readonly Float32Array[])[],
  options: Pick<LandscapeOptions, 'resolution' | 'seed'> = {},
): Promise<SharedLandscape> {
  if (trajectories.length === 0 || trajectories.some((t) => t.length === 0))
    throw new Error('every lane needs at least one snapshot');
  const resolution = clampResolution(options.resolution);
  const shared = sharedPlane(trajectories);
  const origin = shared.origin;
  const plane =
    shared.plane ?? randomPlane(trainer.layout, origin, options.seed ?? trainer.members[0]!.config.seed);
  const paths = trajectories.map((t) =>
    evenlySpaced(t, TRAJECTORY_LIMIT).map((point) => projectOnPlane(plane, origin, point)),
  );
  const outside = farOutliers(paths);
  const extent = gridExtent(paths.filter((_, k) => !outside.includes(k)).flat(), 1);
  const xs = linspace(extent.x[0], extent.x[1], resolution);
  const ys = linspace(extent.y[0], extent.y[1], resolution);
  const losses = await trainer.trainingLossOf(planeGridRows(plane, origin, xs, ys));
  const originLoss = (await trainer.trainingLossOf(origin))[0]!;
  return {
    plane: plane.kind,
    explainedVariance: plane.explainedVariance,
    xs,
    ys,
    losses: Array.from(losses),
    originLoss,
    paths,
    outside,
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
