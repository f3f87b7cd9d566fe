/**
 * The plane a loss landscape is drawn on, and where the optimizer's path lies in it. Pure
 * arithmetic over flat parameter vectors (no tfjs), after Li et al. 2018, "Visualizing the Loss
 * Landscape of Neural Nets": either the top two principal directions of the weight trajectory, or
 * two random directions normalized filter by filter so that their scale matches the weights'.
 */
import { createRandom, deriveSeed } from '../random/random';
import type { NetworkLayout } from '../model/network';

export type PlaneKind = 'trajectory' | 'random';
export const PLANE_KINDS: readonly PlaneKind[] = ['trajectory', 'random'];

export interface Plane {
  kind: PlaneKind;
  /** Two directions in parameter space, each of length P. */
  directions: [Float64Array, Float64Array];
  /** For the trajectory plane: the share of the path's variance along each direction. */
  explainedVariance: [number, number] | null;
}

/** A point of the plane: the centre plus x·d₁ + y·d₂. */
export interface PlanePoint {
  x: number;
  y: number;
}

const dot = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
};

/**
 * The top two principal directions of the trajectory's weight vectors (the snapshots, centred on
 * their mean as PCA does), with the share of variance each explains. Null when the path has fewer
 * than three distinct points or no spread in a second direction.
 */
export function trajectoryPlane(snapshots: readonly Float32Array[]): Plane | null {
  const T = snapshots.length;
  if (T < 3) return null;
  const P = snapshots[0]!.length;
  const mean = new Float64Array(P);
  for (const s of snapshots) for (let i = 0; i < P; i++) mean[i]! += s[i]! / T;
  return principalPlane(snapshots.map((s) => Float64Array.from(s, (v, i) => v - mean[i]!)));
}

/**
 * The top two principal directions of rows already centred on the plane's origin, with the share
 * of the rows' squared length along each. Computed through the T × T Gram matrix, since a path has
 * far fewer snapshots than parameters. Each direction's sign is fixed (its largest component is
 * positive), so the picture does not flip between two computations of nearly the same plane.
 */
function principalPlane(centred: readonly Float64Array[]): Plane | null {
  if (centred.length < 3) return null;
  const P = centred[0]!.length;
  const gram = centred.map((a) => centred.map((b) => dot(a, b)));
  const total = gram.reduce((sum, row, i) => sum + row[i]!, 0);
  if (!(total > 0)) return null;
  const eigen = topEigenvectors(gram, 2);
  if (eigen.length < 2 || !(eigen[1]!.value > total * 1e-12)) return null;
  const directions = eigen.map(({ vector }) => {
    const d = new Float64Array(P);
    vector.forEach((weight, t) => {
      const row = centred[t]!;
      for (let i = 0; i < P; i++) d[i]! += weight * row[i]!;
    });
    const norm = Math.sqrt(dot(d, d));
    let largest = 0;
    for (let i = 1; i < P; i++) if (Math.abs(d[i]!) > Math.abs(d[largest]!)) largest = i;
    const sign = d[largest]! < 0 ? -1 : 1;
    return d.map((v) => (sign * v) / norm);
  }) as [Float64Array, Float64Array];
  return {
    kind: 'trajectory',
    directions,
    explainedVariance: [eigen[0]!.value / total, eigen[1]!.value / total],
  };
}

/** Snapshots per lane that go into the shared plane's PCA: every lane weighs the same. */
const SHARED_SNAPSHOTS = 80;

/**
 * One plane for several paths that start from the same weights (the lanes of a lesson share their
 * seed and network, so their initial weights): the plane goes through their common start (the mean
 * of the starts, which is that start when they are equal) and is spanned by the top two principal
 * directions of every lane's displacements from it, pooled, each lane thinned to the same number of
 * snapshots and scaled to the same mean length, so neither a long run nor a far one outweighs the
 * others.
 *
 * Why the start and not a lane's end, as Li et al. centre a single path: the start is the only
 * point every lane really passes through, so every path begins exactly at the origin and differs
 * only by where its optimizer took it; centred on one lane's end, the others' paths would be drawn
 * against a surface chosen for that lane. Uncentred PCA (about the start, not the pooled mean) keeps
 * the directions the lanes travelled along, so their ends stay in the picture. Null when the paths
 * span fewer than two directions.
 */
export function sharedPlane(trajectories: readonly (readonly Float32Array[])[]): {
  plane: Plane | null;
  origin: Float32Array;
} {
  const starts = trajectories.map((t) => t[0]!);
  const P = starts[0]!.length;
  const origin = new Float32Array(P);
  for (let i = 0; i < P; i++) {
    let sum = 0;
    for (const start of starts) sum += start[i]!;
    origin[i] = sum / starts.length;
  }
  const rows = trajectories.flatMap((t) => {
    const lane = evenlySpaced(t, SHARED_SNAPSHOTS).map((s) => Float64Array.from(s, (v, i) => v - origin[i]!));
    // Each lane's displacements scaled to the same mean square: a lane that flew off (a learning
    // rate of 5) would otherwise choose the plane alone, and the others' movement would be off it.
    const meanSquare = lane.reduce((sum, row) => sum + dot(row, row), 0) / lane.length;
    const scale = meanSquare > 0 ? 1 / Math.sqrt(meanSquare) : 0;
    return lane.map((row) => row.map((v) => v * scale));
  });
  return { plane: principalPlane(rows), origin };
}

/** At most `limit` items, evenly spaced, always the first and the last. */
export function evenlySpaced<T>(items: readonly T[], limit: number): T[] {
  if (items.length <= limit) return [...items];
  return Array.from({ length: limit }, (_, i) => items[Math.round((i * (items.length - 1)) / (limit - 1))]!);
}

/**
 * Eigenpairs of a symmetric positive semi-definite matrix, largest first, by power iteration with
 * deflation. Hand-rolled: two eigenvectors of a matrix of at most a few hundred rows need no
 * linear-algebra library, and power iteration converges fast on a trajectory's dominant directions.
 */
function topEigenvectors(matrix: number[][], count: number): { value: number; vector: Float64Array }[] {
  const n = matrix.length;
  const a = matrix.map((row) => Float64Array.from(row));
  const out: { value: number; vector: Float64Array }[] = [];
  for (let e = 0; e < count; e++) {
    // A fixed, non-degenerate start keeps the result deterministic.
    let v = Float64Array.from({ length: n }, (_, i) => 1 + ((i * 7919) % 13) / 13);
    let value = 0;
    for (let iteration = 0; iteration < 500; iteration++) {
      const w = new Float64Array(n);
      for (let i = 0; i < n; i++) w[i] = dot(a[i]!, v);
      const norm = Math.sqrt(dot(w, w));
      if (norm === 0) return out;
      const next = w.map((x) => x / norm);
      const change = next.reduce((sum, x, i) => sum + Math.abs(x - v[i]!), 0);
      v = next;
      value = norm;
      if (change < 1e-12 * n) break;
    }
    out.push({ value, vector: v });
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i]![j]! -= value * v[i]! * v[j]!;
  }
  return out;
}

/**
 * Two random Gaussian directions, each rescaled filter by filter (a dense layer's filter is one
 * unit's incoming weights) to the norm of the same filter in `center`, with zero on the biases, as
 * Li et al. do: without it, layers of different scale make the picture meaningless.
 */
export function randomPlane(layout: NetworkLayout, center: Float32Array, seed: number): Plane {
  const random = createRandom(deriveSeed(seed, 'landscape-plane'));
  const direction = () => {
    const d = new Float64Array(layout.parameterCount);
    for (const slot of layout.layers) {
      for (let unit = 0; unit < slot.outputs; unit++) {
        let weightNorm = 0;
        let randomNorm = 0;
        for (let i = 0; i < slot.inputs; i++) {
          const at = slot.weightOffset + i * slot.outputs + unit;
          d[at] = random.normal();
          weightNorm += center[at]! ** 2;
          randomNorm += d[at]! ** 2;
        }
        const scale = randomNorm > 0 ? Math.sqrt(weightNorm / randomNorm) : 0;
        for (let i = 0; i < slot.inputs; i++) d[slot.weightOffset + i * slot.outputs + unit]! *= scale;
      }
    }
    return d;
  };
  return { kind: 'random', directions: [direction(), direction()], explainedVariance: null };
}

/**
 * Where `point` lies in the plane through `center`: the least-squares coordinates of
 * point − center on the two directions (exact projections when they are orthonormal, as PCA's are).
 */
export function projectOnPlane(plane: Plane, center: Float32Array, point: Float32Array): PlanePoint {
  const [d1, d2] = plane.directions;
  const delta = Float64Array.from(point, (v, i) => v - center[i]!);
  const a = dot(d1, d1);
  const b = dot(d1, d2);
  const c = dot(d2, d2);
  const r1 = dot(d1, delta);
  const r2 = dot(d2, delta);
  const det = a * c - b * b;
  if (!(Math.abs(det) > 1e-300)) return { x: a > 0 ? r1 / a : 0, y: 0 };
  return { x: (c * r1 - b * r2) / det, y: (a * r2 - b * r1) / det };
}

/** Evenly spaced values from `low` to `high`, `count` of them (both ends included). */
export function linspace(low: number, high: number, count: number): number[] {
  if (count === 1) return [(low + high) / 2];
  return Array.from({ length: count }, (_, i) => low + ((high - low) * i) / (count - 1));
}

/**
 * The extent of the grid: the path's bounding box and the centre, widened by a quarter on each
 * side, so the walk fills the picture with some surface around it. A path that has not moved yet
 * gets ±`fallback` (Li et al.'s ±1 suits filter-normalized directions).
 */
export function gridExtent(
  path: readonly PlanePoint[],
  fallback: number,
): { x: [number, number]; y: [number, number] } {
  const axis = (values: number[]): [number, number] => {
    const low = Math.min(0, ...values);
    const high = Math.max(0, ...values);
    const width = high - low;
    if (!(width > 1e-9)) return [-fallback, fallback];
    const margin = Math.max(width * 0.25, 1e-6);
    return [low - margin, high + margin];
  };
  const x = axis(path.map((p) => p.x));
  const y = axis(path.map((p) => p.y));
  // Neither axis collapses to a sliver when the path runs almost along one direction.
  const widest = Math.max(x[1] - x[0], y[1] - y[0]);
  const widen = (range: [number, number]): [number, number] => {
    const width = range[1] - range[0];
    if (width >= widest / 4) return range;
    const middle = (range[0] + range[1]) / 2;
    return [middle - widest / 8, middle + widest / 8];
  };
  return { x: widen(x), y: widen(y) };
}

/** The weight vectors of a grid over the plane, row by row (y outer, x inner), as one [G², P] block. */
export function planeGridRows(
  plane: Plane,
  center: Float32Array,
  xs: readonly number[],
  ys: readonly number[],
): Float32Array {
  const P = center.length;
  const [d1, d2] = plane.directions;
  const rows = new Float32Array(xs.length * ys.length * P);
  let at = 0;
  for (const y of ys)
    for (const x of xs) {
      for (let i = 0; i < P; i++) rows[at + i] = center[i]! + x * d1[i]! + y * d2[i]!;
      at += P;
    }
  return rows;
}

/** Weight vectors along one direction: center + t·direction for each t. */
export function lineRows(
  center: Float32Array,
  direction: ArrayLike<number>,
  ts: readonly number[],
): Float32Array {
  const P = center.length;
  const rows = new Float32Array(ts.length * P);
  ts.forEach((t, row) => {
    for (let i = 0; i < P; i++) rows[row * P + i] = center[i]! + t * direction[i]!;
  });
  return rows;
}

/**
 * Local minima of a grid of losses (row-major, `width` columns), counting a cell that is no higher
 * than each of its up-to-eight neighbours. A convex problem has one basin, so one minimum (or a flat
 * run of equal ones at its floor, which this counts as separate cells only when not adjacent).
 */
export function gridMinima(losses: ArrayLike<number>, width: number): number[] {
  const height = losses.length / width;
  const minima: number[] = [];
  for (let row = 0; row < height; row++)
    for (let col = 0; col < width; col++) {
      const here = losses[row * width + col]!;
      let lowest = true;
      for (let dr = -1; dr <= 1 && lowest; dr++)
        for (let dc = -1; dc <= 1; dc++) {
          if (dr === 0 && dc === 0) continue;
          const r = row + dr;
          const c = col + dc;
          if (r < 0 || c < 0 || r >= height || c >= width) continue;
          if (losses[r * width + c]! < here) {
            lowest = false;
            break;
          }
        }
      if (lowest) minima.push(row * width + col);
    }
  return minima;
}
