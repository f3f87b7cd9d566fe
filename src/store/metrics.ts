import { create } from 'zustand';
import type { EpochMetrics } from '../core/train/metrics';
import type { HotChange } from '../workers/protocol';

/** Settings changed mid-run: from the epoch after `epoch` on (the loss chart draws a line there). */
export interface ChangeMarker {
  epoch: number;
  changes: HotChange[];
}

/**
 * The playground run's per-epoch history. Kept apart from the run status so the charts, the only
 * readers, re-render when it grows and nothing else does.
 */
export interface MetricsState {
  history: EpochMetrics[];
  changes: ChangeMarker[];
}

export const useMetrics = create<MetricsState>()(() => ({ history: [], changes: [] }));

export function appendMetrics(batch: readonly EpochMetrics[]): void {
  if (batch.length === 0) return;
  useMetrics.setState((state) => ({ history: [...state.history, ...batch] }));
}

export function clearMetrics(): void {
  useMetrics.setState({ history: [], changes: [] });
}

export function recordChange(marker: ChangeMarker): void {
  useMetrics.setState((state) => {
    // Two changes between the same epochs (a slider dragged) are one line from the first value to the last.
    const last = state.changes.at(-1);
    if (last?.epoch !== marker.epoch) return { changes: [...state.changes, marker] };
    const merged = [...last.changes];
    for (const change of marker.changes) {
      const index = merged.findIndex((c) => c.key === change.key);
      if (index < 0) merged.push(change);
      else merged[index] = { ...change, from: merged[index]!.from } as typeof change;
    }
    const kept = merged.filter((c) => JSON.stringify(c.from) !== JSON.stringify(c.to));
    const rest = state.changes.slice(0, -1);
    return { changes: kept.length > 0 ? [...rest, { epoch: marker.epoch, changes: kept }] : rest };
  });
}
