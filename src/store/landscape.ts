import { create } from 'zustand';
import type { Landscape, LearningRateFinding, SharedLandscape } from '../core/landscape/landscape';

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

/** A picture drawn from lanes' paths, with the request it answers (a newer request replaces it). */
export interface LanePicture<T> {
  key: string;
  phase: 'computing' | 'done' | 'failed';
  picture: T | null;
}

/**
 * Compare's landscapes: each lane's path as its worker reported it when the lane paused or ended
 * (the worker goes away once its lanes end), and the pictures drawn from those paths.
 */
export interface LaneLandscapeState {
  /** By lane id: the lane's weights before each epoch, its last weights at the end. */
  trajectories: Record<number, Float32Array[]>;
  /** By lane id: bumped whenever the lane's path is replaced, so pictures know they are stale. */
  versions: Record<number, number>;
  /** Every lane's path on one plane (the lessons about optimizers). */
  shared: LanePicture<SharedLandscape> | null;
  /** One lane's own landscape, in the view under the lane cards. */
  view: { open: boolean; laneId: number | null; plane: PlaneChoice };
  lane: LanePicture<Landscape> | null;
}

export const useLaneLandscapes = create<LaneLandscapeState>()(() => ({
  trajectories: {},
  versions: {},
  shared: null,
  view: { open: false, laneId: null, plane: 'auto' },
  lane: null,
}));

/** Keeps (or, with null, forgets) a lane's path. */
export function setLaneTrajectory(laneId: number, trajectory: Float32Array[] | null): void {
  useLaneLandscapes.setState((state) => {
    const trajectories = { ...state.trajectories };
    if (trajectory) trajectories[laneId] = trajectory;
    else delete trajectories[laneId];
    return { trajectories, versions: { ...state.versions, [laneId]: (state.versions[laneId] ?? 0) + 1 } };
  });
}
