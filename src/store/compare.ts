/**
 * The Compare page's state: the base experiment and its 2–4 lanes, each lane's history and
 * status. Plain serializable data; the training itself lives in workers (src/ui/compare/session.ts
 * drives them and writes here).
 */
import type { LinkIssue } from '../core/link/codec';
import { create } from 'zustand';
import type { ExperimentConfig } from '../core/config/parameters';
import type { Localized } from '../core/lessons/names';
import type { EpochMetrics, RunSummary } from '../core/train/metrics';

export type LaneStatus =
  | 'idle'
  /** Waiting for a free worker in the pool. */
  | 'queued'
  | 'loading'
  | 'training'
  | 'paused'
  | 'completed'
  | 'stopped-early'
  | 'diverged'
  | 'cancelled'
  | 'failed';

export const ENDED_STATUSES: readonly LaneStatus[] = [
  'completed',
  'stopped-early',
  'diverged',
  'cancelled',
  'failed',
];

export interface LaneState {
  /** Stable across edits and reorderings; the chart's colour follows the lane's position. */
  id: number;
  label: Localized;
  config: ExperimentConfig;
  status: LaneStatus;
  history: EpochMetrics[];
  summary: RunSummary | null;
  error: string | null;
}

export interface CompareState {
  /** What every lane starts from; the difference chips are relative to it. */
  base: ExperimentConfig;
  lessonId: string | null;
  lanes: LaneState[];
  /** Problems with the link that opened this comparison, for a role="alert". */
  issues: LinkIssue[];
}

let nextLaneId = 1;

export function newLane(label: Localized, config: ExperimentConfig): LaneState {
  return { id: nextLaneId++, label, config, status: 'idle', history: [], summary: null, error: null };
}

export const useCompare = create<CompareState>()(() => ({
  base: {} as ExperimentConfig,
  lessonId: null,
  lanes: [],
  issues: [],
}));

export function updateLane(
  id: number,
  change: Partial<LaneState> | ((lane: LaneState) => Partial<LaneState>),
): void {
  useCompare.setState((state) => ({
    lanes: state.lanes.map((lane) =>
      lane.id === id ? { ...lane, ...(typeof change === 'function' ? change(lane) : change) } : lane,
    ),
  }));
}

export function appendLaneMetrics(batches: ReadonlyMap<number, readonly EpochMetrics[]>): void {
  useCompare.setState((state) => ({
    lanes: state.lanes.map((lane) => {
      const batch = batches.get(lane.id);
      return batch && batch.length > 0 ? { ...lane, history: [...lane.history, ...batch] } : lane;
    }),
  }));
}

export function laneById(id: number): LaneState | undefined {
  return useCompare.getState().lanes.find((lane) => lane.id === id);
}

/** A lane coming back from History: its name and the curves it had. */
export interface RestoredLane {
  name: string;
  history: EpochMetrics[];
  summary: RunSummary | null;
  status: LaneStatus;
}

let restoring: { payload: string; lanes: (RestoredLane | null)[] } | null = null;

/**
 * History opens a comparison by its link (configs only); the names and curves of its lanes wait
 * here until the Compare page has opened that very link, then `applyRestoredLanes` puts them back.
 */
export function restoreLanesWhenOpened(payload: string, lanes: (RestoredLane | null)[]): void {
  restoring = { payload, lanes };
}

export function applyRestoredLanes(payload: string): void {
  const restore = restoring;
  if (!restore || restore.payload !== payload) return;
  restoring = null;
  useCompare.setState((state) => ({
    lanes: state.lanes.map((lane, i) => {
      const saved = restore.lanes[i];
      if (!saved) return lane;
      return {
        ...lane,
        // A name the page made (it matches the lane's own in either language) stays in both
        // languages; a name the user typed stays as typed.
        label:
          saved.name === lane.label.en || saved.name === lane.label.zh
            ? lane.label
            : { en: saved.name, zh: saved.name },
        history: saved.history,
        summary: saved.summary,
        status: saved.history.length > 0 ? saved.status : lane.status,
      };
    }),
  }));
}
