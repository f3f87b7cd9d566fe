/**
 * The main thread's handle on a trainer worker. One client is one worker running one population;
 * the playground uses one, comparison lanes and tuner pools may use several.
 */
import * as Comlink from 'comlink';
import { startEngineWorker } from './engine';
import { createFirstEpochSlot, readFirstEpoch, type FirstEpochAhead } from './first-epoch-slot';
import type { ExperimentConfig } from '../core/config/parameters';
import type {
  Landscape,
  LandscapeOptions,
  LearningRateFinding,
  SharedLandscape,
} from '../core/landscape/landscape';
import type {
  BoundaryOptions,
  LoadOptions,
  NetworkViewOptions,
  TrainerApi,
  TrainerListener,
} from './protocol';

export type {
  BoundaryOptions,
  DatasetView,
  HotChange,
  LoadOptions,
  NetworkViewOptions,
  TrainerEvent,
  TrainerListener,
} from './protocol';

export class TrainerClient {
  private readonly worker: Worker;
  private readonly api: Comlink.Remote<TrainerApi>;
  private terminated = false;
  private readonly firstEpochSlot = createFirstEpochSlot();

  constructor(listener: TrainerListener) {
    this.worker = startEngineWorker('trainer');
    this.api = Comlink.wrap<TrainerApi>(this.worker);
    this.worker.addEventListener('error', (event) => {
      listener({ type: 'error', run: -1, message: event.message || 'the training worker failed' });
    });
    void this.api.listen(Comlink.proxy(listener));
    if (this.firstEpochSlot) void this.api.shareFirstEpochSlot(this.firstEpochSlot);
  }

  /** Whether the worker writes its first epoch trained ahead where the page can read it at once. */
  get sharesFirstEpoch(): boolean {
    return this.firstEpochSlot !== null;
  }

  /**
   * The run's first epoch as the worker trained it ahead, read from shared memory now, before its
   * `ahead` event is taken; null where memory is not shared, or none is held.
   */
  firstEpochAhead(): FirstEpochAhead | null {
    return this.firstEpochSlot ? readFirstEpoch(this.firstEpochSlot) : null;
  }

  /** Builds a new run; resolves to its number (events of older runs carry older numbers). */
  load(configs: ExperimentConfig[], options: LoadOptions = {}): Promise<number> {
    return this.api.load(configs, options);
  }

  play(): Promise<void> {
    return this.api.play();
  }

  pause(): Promise<void> {
    return this.api.pause();
  }

  step(): Promise<void> {
    return this.api.step();
  }

  update(member: number, changes: Partial<ExperimentConfig>): Promise<boolean> {
    return this.api.update(member, changes);
  }

  cancel(member?: number): Promise<void> {
    return this.api.cancel(member);
  }

  setPaused(member: number, paused: boolean): Promise<void> {
    return this.api.setPaused(member, paused);
  }

  /** A member's current weights (no biases), read from the worker's own parameters. */
  weights(member: number): Promise<Float32Array> {
    return this.api.weights(member);
  }

  setBoundary(options: BoundaryOptions | null): Promise<void> {
    return this.api.setBoundary(options);
  }

  setNetworkView(options: NetworkViewOptions | null): Promise<void> {
    return this.api.setNetworkView(options);
  }

  /** Sets one parameter of a member in the worker (the page keeps no copy of the network). */
  editParameter(member: number, index: number, value: number): Promise<boolean> {
    return this.api.editParameter(member, index, value);
  }

  setPace(epochsPerSecond: number | null): Promise<void> {
    return this.api.setPace(epochsPerSecond);
  }

  /** Outputs for ready inputs, or for every example of the run's dataset when `inputs` is null. */
  predict(member: number, inputs: Float32Array | null = null): Promise<Float32Array> {
    return this.api.predict(member, inputs);
  }

  landscape(member: number, options: LandscapeOptions): Promise<Landscape | null> {
    return this.api.landscape(member, options);
  }

  /** A member's path, its current weights last (see `TrainerApi.trajectory`). */
  trajectory(member: number): Promise<Float32Array[]> {
    return this.api.trajectory(member);
  }

  laneLandscape(
    config: ExperimentConfig,
    trajectory: Float32Array[],
    options: LandscapeOptions,
  ): Promise<Landscape> {
    return this.api.laneLandscape(config, trajectory, options);
  }

  sharedLandscape(
    config: ExperimentConfig,
    trajectories: Float32Array[][],
    options: Pick<LandscapeOptions, 'resolution' | 'seed'>,
  ): Promise<SharedLandscape> {
    return this.api.sharedLandscape(config, trajectories, options);
  }

  findLearningRate(config: ExperimentConfig): Promise<LearningRateFinding | null> {
    return this.api.findLearningRate(config);
  }

  /** Frees the worker's tensors and ends the worker. */
  async terminate(): Promise<void> {
    if (this.terminated) return;
    this.terminated = true;
    try {
      await Promise.race([this.api.dispose(), new Promise((resolve) => setTimeout(resolve, 500))]);
    } finally {
      this.api[Comlink.releaseProxy]();
      this.worker.terminate();
    }
  }
}
