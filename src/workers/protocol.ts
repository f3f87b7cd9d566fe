/**
 * The typed conversation between the page and a trainer worker. The page calls `TrainerApi`
 * (through comlink); the worker answers through one listener with `TrainerEvent`s.
 */
import type { ExperimentConfig } from '../core/config/parameters';
import type { Dataset } from '../core/data/datasets';
import type { EpochMetrics, RunSummary } from '../core/train/metrics';
import type { Diagnosis } from '../core/train/diagnosis';
import type {
  Landscape,
  LandscapeOptions,
  LearningRateFinding,
  SharedLandscape,
} from '../core/landscape/landscape';
import type { NetworkSnapshot } from '../core/netview/view';

/** One hyperparameter changed during a run: from the epoch after `epoch` on. */
export type HotChange = {
  [K in keyof ExperimentConfig]: { key: K; from: ExperimentConfig[K]; to: ExperimentConfig[K] };
}[keyof ExperimentConfig];

export interface BoundaryOptions {
  /** Cells per side of the grid over the input plane. */
  resolution: number;
  /** Members whose boundary is drawn; others are not predicted (each costs a forward pass). */
  members: number[];
  /** At most this many boundary refreshes per second. */
  perSecond: number;
}

export interface NetworkViewOptions {
  /** Cells per side of each neuron's heatmap. */
  resolution: number;
  /** Members whose network is drawn; each costs one forward pass over the grid and the data. */
  members: number[];
  /** At most this many refreshes per second. */
  perSecond: number;
}

export interface LoadOptions {
  /** A ready dataset (file datasets: digits, the user's CSV); generated from the config otherwise. */
  dataset?: Dataset;
  boundary?: BoundaryOptions | null;
  /** The network view's refreshes; none when omitted or null. */
  network?: NetworkViewOptions | null;
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
  /**
   * Every neuron of a member's network over the grid, its parameters and how each unit behaves on
   * the data. The snapshot's buffers are transferred.
   */
  | { type: 'network'; run: number; member: number; snapshot: NetworkSnapshot }
  /** A member's run ended (completed, stopped early, diverged or cancelled). */
  | { type: 'ended'; run: number; member: number; summary: RunSummary }
  /** A member is held where it is (after `setPaused`); every epoch it trained was sent before this. */
  | { type: 'paused'; run: number; member: number; epoch: number }
  /** A member that had completed runs again (its epoch budget was raised). */
  | { type: 'revived'; run: number; member: number }
  /**
   * The run's first epoch is trained and held for Play (see trainAhead in trainer-endpoint.ts), with
   * its metrics, so the page shows them the moment Play is pressed instead of a round trip to the
   * worker later: the worker's Play then goes on from that very epoch. Sent again, with `epochs`
   * null, when a change before Play dropped it, and once more when a new one is trained. `changes`
   * counts the run's `update` and `editParameter` calls the epoch includes: the page takes it only
   * when that is every one it sent (an `ahead` sent before a change arrived can reach the page
   * after the page sent that change).
   */
  | {
      type: 'ahead';
      run: number;
      epochs: { member: number; metrics: EpochMetrics }[] | null;
      changes: number;
    }
  /** The loop started or stopped (paused, or every member ended). */
  | { type: 'activity'; run: number; training: boolean }
  /** Settings changed mid-run, applied after `epoch` epochs (the loss chart marks it). */
  | { type: 'changed'; run: number; member: number; epoch: number; changes: HotChange[] }
  /** What is going wrong with a member's run and what to try; null when it no longer applies. */
  | { type: 'diagnosis'; run: number; member: number; diagnosis: Diagnosis | null }
  | { type: 'error'; run: number; message: string };

/**
 * Takes the worker's events. The worker awaits what it returns for a run's first epoch before
 * training the second (at most a quarter of a second), so a page can hold it until that epoch is
 * painted.
 */
export type TrainerListener = (event: TrainerEvent) => void | Promise<void>;

export interface TrainerApi {
  /** Sets where events go. Call once, with `Comlink.proxy(listener)`. */
  listen(listener: TrainerListener): void;
  /**
   * Memory shared with the page where the worker also writes the run's first epoch trained ahead
   * (src/workers/first-epoch-slot.ts), for a Play pressed before the `ahead` event is taken.
   */
  shareFirstEpochSlot(slot: SharedArrayBuffer): void;
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
  /**
   * Holds a member where it is while the others train, or lets it go on; from its next epoch. A
   * paused member resumes exactly where it stopped. The loop stops by itself when every member
   * that can still train is paused.
   */
  setPaused(member: number, paused: boolean): Promise<void>;
  /** A member's current weights (biases left out), layer after layer, as they are now. */
  weights(member: number): Promise<Float32Array>;
  setBoundary(options: BoundaryOptions | null): void;
  /** The network view's refreshes from now on (null: none, it is hidden); sends one at once. */
  setNetworkView(options: NetworkViewOptions | null): Promise<void>;
  /**
   * Sets one parameter of a member (an index into its flat vector) to a value typed by hand, then
   * sends its boundary and network view. Pauses first. False when the index or value is unusable.
   */
  editParameter(member: number, index: number, value: number): Promise<boolean>;
  /** About this many epochs a second from now on; null trains as fast as possible. */
  setPace(epochsPerSecond: number | null): void;
  /**
   * A member's outputs (probabilities [n, C] or values [n]) for ready inputs [n, inputWidth], or,
   * with null, for every example of the run's dataset in its order (the grid of misclassified digits).
   */
  predict(member: number, inputs: Float32Array | null): Promise<Float32Array>;
  /**
   * The loss landscape around a member's current weights, with its path since the run began (null
   * before a run exists). Training waits while the grid is evaluated.
   */
  landscape(member: number, options: LandscapeOptions): Promise<Landscape | null>;
  /**
   * A member's path: its weights before each epoch it trained (at most 200, evenly spaced), its
   * current weights last. Empty before a run exists.
   */
  trajectory(member: number): Promise<Float32Array[]>;
  /**
   * The landscape around a finished path's last weights (see `trajectory`), on `config`'s data
   * and network, in this worker whatever run it holds (the run does not change).
   */
  laneLandscape(
    config: ExperimentConfig,
    trajectory: Float32Array[],
    options: LandscapeOptions,
  ): Promise<Landscape>;
  /** Several lanes' paths on one plane over `config`'s data and network (see `sharedPlane`). */
  sharedLandscape(
    config: ExperimentConfig,
    trajectories: Float32Array[][],
    options: Pick<LandscapeOptions, 'resolution' | 'seed'>,
  ): Promise<SharedLandscape>;
  /**
   * The learning-rate range test on `config` over the current run's data, from the run's initial
   * weights (a throwaway copy: the run itself does not change). Training waits while it runs.
   */
  findLearningRate(config: ExperimentConfig): Promise<LearningRateFinding | null>;
  dispose(): Promise<void>;
}
