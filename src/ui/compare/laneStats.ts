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
