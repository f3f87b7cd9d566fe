/**
 * The typed conversation between the page and a trainer worker. The page calls `TrainerApi`
 * (through comlink); the worker answers through one listener with `TrainerEvent`s.
 */
import type { ExperimentConfig } from '../core/config/parameters';
import type { Dataset } from '../core/data/datasets';
import type { EpochMetrics, RunSummary } from '../core/train/metrics';

export interface BoundaryOptions {
  /** Cells per side of the grid over the input plane. */
  resolution: number;
  /** Members whose boundary is drawn; others are not predicted (each costs a forward pass). */
  members: number[];
  /** At most this many boundary refreshes per second. */
  perSecond: number;
}

export interface LoadOptions {
  /** A ready dataset (file datasets: digits, the user's CSV); generated from the config otherwise. */
  dataset?: Dataset;
  boundary?: BoundaryOptions | null;
  /** Start training at once instead of waiting for `play()`. */
  play?: boolean;
}

/** The plane the page draws: the points with their split, once per load. */
export interface DatasetView {
  task: Dataset['task'];
  classes: number;
  /** Interleaved x1, x2; empty for file datasets that have no plane. */
  points: Float32Array;
  labels: Float32Array;
  trainIndices: Int32Array;
  validationIndices: Int32Array;
}

export type TrainerEvent =
  /** A new run is ready (after `load`): its data and how many steps an epoch takes. */
  | { type: 'loaded'; run: number; dataset: DatasetView; stepsPerEpoch: number; batchSize: number }
  /** Metrics of the epochs since the last batch, per member, in order. */
  | { type: 'metrics'; run: number; epochs: { member: number; metrics: EpochMetrics }[] }
  /**
   * The network's output over the grid, row 0 at the top: probabilities [cell, class] for
   * classification, values [cell] for regression. `values.buffer` is transferred.
   */
  | {
      type: 'boundary';
      run: number;
      member: number;
      epoch: number;
      resolution: number;
      outputs: number;
      values: Float32Array;
    }
  /** A member's run ended (completed, stopped early, diverged or cancelled). */
  | { type: 'ended'; run: number; member: number; summary: RunSummary }
  /** A member that had completed runs again (its epoch budget was raised). */
  | { type: 'revived'; run: number; member: number }
  /** The loop started or stopped (paused, or every member ended). */
  | { type: 'activity'; run: number; training: boolean }
  | { type: 'error'; run: number; message: string };

export type TrainerListener = (event: TrainerEvent) => void;

export interface TrainerApi {
  /** Sets where events go. Call once, with `Comlink.proxy(listener)`. */
  listen(listener: TrainerListener): void;
  /** Builds a new run (disposing the previous one). Returns the run's number, echoed in its events. */
  load(configs: ExperimentConfig[], options?: LoadOptions): Promise<number>;
  play(): void;
  pause(): Promise<void>;
  /** Trains one epoch (pausing first if needed). */
  step(): Promise<void>;
  /**
   * Changes hot hyperparameters of a member from its next epoch, keeping weights and moments.
   * Returns false, changing nothing, when the change needs a new run.
   */
  update(member: number, changes: Partial<ExperimentConfig>): Promise<boolean>;
  /** Ends a member (or all) as cancelled. */
  cancel(member?: number): Promise<void>;
  setBoundary(options: BoundaryOptions | null): void;
  /**
   * A member's outputs (probabilities [n, C] or values [n]) for ready inputs [n, inputWidth], or,
   * with null, for every example of the run's dataset in its order (the grid of misclassified digits).
   */
  predict(member: number, inputs: Float32Array | null): Promise<Float32Array>;
  dispose(): Promise<void>;
}
