import type { EpochMetrics } from '../../core/train/metrics';
import type { LaneState } from '../../store/compare';

/** A row of the results table, from a lane's curves (so it fills in while the lane trains). */
export interface LaneResult {
  bestValidationLoss: number | null;
  bestEpoch: number | null;
  finalValidationLoss: number | null;
  /** Final validation loss minus final training loss: how much worse the network does on unseen data. */
  gap: number | null;
  accuracy: number | null;
  wallTimeMs: number | null;
  epoch: number;
}

const finite = (v: number | null | undefined) =>
  v !== null && v !== undefined && Number.isFinite(v) ? v : null;

export function laneResult(history: readonly EpochMetrics[]): LaneResult {
  let best: EpochMetrics | null = null;
  for (const m of history)
    if (Number.isFinite(m.validationLoss) && (!best || m.validationLoss < best.validationLoss)) best = m;
  const last = history.at(-1);
  const train = finite(last?.trainLoss);
  const validation = finite(last?.validationLoss);
  return {
    bestValidationLoss: best?.validationLoss ?? null,
    bestEpoch: best?.epoch ?? null,
    finalValidationLoss: validation,
    gap: train !== null && validation !== null ? validation - train : null,
    accuracy: finite(last?.validationAccuracy),
    wallTimeMs: last?.wallTimeMs ?? null,
    epoch: last?.epoch ?? 0,
  };
}

/** One colour per lane position, readable on white and apart from each other for common colour blindness. */
export const LANE_COLORS = ['#1f77b4', '#d95f02', '#1b9e77', '#7570b3'];

export const laneColor = (index: number) => LANE_COLORS[index % LANE_COLORS.length]!;

export type XAxisKind = 'epoch' | 'examples';

/** Rows for the overlaid charts: one per x value, with `train<i>`, `validation<i>`, `accuracy<i>` per lane. */
export function overlayRows(
  lanes: readonly LaneState[],
  axis: XAxisKind,
  limit = 300,
): Record<string, number | null>[] {
  const rows = new Map<number, Record<string, number | null>>();
  lanes.forEach((lane, index) => {
    const history = lane.history;
    const stride = Math.max(1, Math.ceil(history.length / limit));
    history.forEach((m, i) => {
      if (i % stride !== 0 && i !== history.length - 1) return;
      const x = axis === 'epoch' ? m.epoch : m.examplesSeen;
      let row = rows.get(x);
      if (!row) {
        row = { x };
        rows.set(x, row);
      }
      row[`train${index}`] = finite(m.trainLoss);
      row[`validation${index}`] = finite(m.validationLoss);
      row[`accuracy${index}`] = finite(m.validationAccuracy);
    });
  });
  return [...rows.values()].sort((a, b) => a.x! - b.x!);
}

/**
 * A marker shape and a dash pattern per lane position, as well as its colour: lanes that share a
 * seed draw the same curve until they part, and colour alone fails some readers and printouts.
 */
export const LANE_MARKERS = ['circle', 'square', 'triangle', 'diamond'] as const;
export type LaneMarker = (typeof LANE_MARKERS)[number];
export const laneMarker = (index: number): LaneMarker => LANE_MARKERS[index % LANE_MARKERS.length]!;

/** Dash patterns for lines that are not already dashed for another reason (accuracy, legend). */
export const LANE_DASHES = ['', '8 3', '2 3', '10 3 2 3'] as const;
export const laneDash = (index: number): string => LANE_DASHES[index % LANE_DASHES.length]!;

/**
 * Whether point `point` of `count` carries lane `lane`'s marker: about eight markers per line,
 * staggered by lane so the markers of curves that coincide stay apart.
 */
export function hasMarker(point: number, count: number, lane: number): boolean {
  const every = Math.max(4, Math.round(count / 8));
  const offset = Math.round((lane * every) / LANE_MARKERS.length);
  return (point + every - offset) % every === 0;
}
