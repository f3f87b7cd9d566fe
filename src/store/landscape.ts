import { create } from 'zustand';
import type { Landscape, LearningRateFinding } from '../core/landscape/landscape';

/** Which plane the landscape is drawn on: the path's own (PCA) once there is a path, or random directions. */
export type PlaneChoice = 'auto' | 'random';

/** The playground's "see why" views: the loss landscape and the learning-rate finder. Plain data. */
export interface LandscapeState {
  /** The view is open: only then does the worker evaluate landscapes. */
  open: boolean;
  plane: PlaneChoice;
  landscape: Landscape | null;
  /** The epoch the landscape was computed at. */
  epoch: number;
  computing: boolean;
  finder: { phase: 'idle' | 'running' | 'done' | 'failed'; finding: LearningRateFinding | null };
}

export const initialLandscape = (): LandscapeState => ({
  open: false,
  plane: 'auto',
  landscape: null,
  epoch: 0,
  computing: false,
  finder: { phase: 'idle', finding: null },
});

export const useLandscape = create<LandscapeState>()(initialLandscape);
