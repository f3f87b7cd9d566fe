import { create } from 'zustand';
import type { EpochMetrics } from '../core/train/metrics';

/**
 * The playground run's per-epoch history. Kept apart from the run status so the charts, the only
 * readers, re-render when it grows and nothing else does.
 */
export interface MetricsState {
  history: EpochMetrics[];
}

export const useMetrics = create<MetricsState>()(() => ({ history: [] }));

export function appendMetrics(batch: readonly EpochMetrics[]): void {
  if (batch.length === 0) return;
  useMetrics.setState((state) => ({ history: [...state.history, ...batch] }));
}

export function clearMetrics(): void {
  useMetrics.setState({ history: [] });
}
