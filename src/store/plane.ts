import { create } from 'zustand';
import type { DatasetView } from '../workers/protocol';

export interface BoundaryGrid {
  epoch: number;
  resolution: number;
  /** Classes for classification (probabilities per cell), 1 for regression (values). */
  outputs: number;
  values: Float32Array;
}

/**
 * What the decision-boundary canvas draws. The canvas subscribes to this store directly and
 * repaints without a React render, ten times a second during training.
 */
export interface PlaneState {
  dataset: DatasetView | null;
  boundary: BoundaryGrid | null;
}

/** One plane store per drawn network: the playground has one, comparison lanes make their own. */
export const createPlaneStore = () => create<PlaneState>()(() => ({ dataset: null, boundary: null }));

export type PlaneStore = ReturnType<typeof createPlaneStore>;

export const usePlane = createPlaneStore();
