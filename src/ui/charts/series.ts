import type { EpochMetrics } from '../../core/train/metrics';

export type XAxisKind = 'epoch' | 'examples';

export interface LossPoint {
  x: number;
  train: number | null;
  validation: number | null;
  /** [low, high] of the two curves, for the shaded generalization gap. */
  gap: [number, number] | null;
}

export interface AccuracyPoint {
  x: number;
  train: number | null;
  validation: number | null;
}

const finite = (v: number | null | undefined): number | null =>
  v !== null && v !== undefined && Number.isFinite(v) ? v : null;

/**
 * Every `stride`-th epoch and always the last, so a 5,000-epoch run draws at most `limit` points
 * and the chart's cost stays flat however long the run.
 */
export function thin<T>(items: readonly T[], limit: number): T[] {
  if (items.length <= limit) return [...items];
  const stride = Math.ceil(items.length / limit);
  const out: T[] = [];
  for (let i = 0; i < items.length; i += stride) out.push(items[i]!);
  if (out.at(-1) !== items.at(-1)) out.push(items.at(-1)!);
  return out;
}

const xOf = (m: EpochMetrics, axis: XAxisKind) => (axis === 'epoch' ? m.epoch : m.examplesSeen);

export function lossSeries(history: readonly EpochMetrics[], axis: XAxisKind, limit = 200): LossPoint[] {
  return thin(history, limit).map((m) => {
    const train = finite(m.trainLoss);
    const validation = finite(m.validationLoss);
    return {
      x: xOf(m, axis),
      train,
      validation,
      gap:
        train !== null && validation !== null
          ? [Math.min(train, validation), Math.max(train, validation)]
          : null,
    };
  });
}

export function accuracySeries(
  history: readonly EpochMetrics[],
  axis: XAxisKind,
  limit = 200,
): AccuracyPoint[] {
  return thin(history, limit).map((m) => ({
    x: xOf(m, axis),
    train: finite(m.trainAccuracy),
    validation: finite(m.validationAccuracy),
  }));
}

/** Bounds for a log axis over the finite, positive losses (recharts' "auto" breaks on log scales). */
export function logDomain(points: readonly LossPoint[]): [number, number] {
  let low = Infinity;
  let high = 0;
  for (const p of points) {
    for (const v of [p.train, p.validation]) {
      if (v !== null && v > 0) {
        low = Math.min(low, v);
        high = Math.max(high, v);
      }
    }
  }
  if (!Number.isFinite(low)) return [0.01, 1];
  return [10 ** Math.floor(Math.log10(low)), 10 ** Math.ceil(Math.log10(high))];
}

/** 12,345 → "12k": examples seen reach the millions. */
export function compactNumber(value: number): string {
  if (Math.abs(value) >= 1e6) return `${Number((value / 1e6).toPrecision(3))}M`;
  if (Math.abs(value) >= 1e3) return `${Number((value / 1e3).toPrecision(3))}k`;
  return String(Number(value.toPrecision(4)));
}
