import { tf } from '../tf';
import { createRandom, deriveSeed, permutation, type Random } from '../random/random';
import { needsRestart, type ExperimentConfig } from '../config/parameters';
import { generateDataset, type Dataset } from '../data/datasets';
import { featurize } from '../data/features';
import {
  biasModeForBackend,
  forward,
  initialParameters,
  networkLayout,
  weightMask,
  type BiasMode,
  type NetworkLayout,
} from '../model/network';
import { logSoftmax, softmax, softThreshold } from '../model/loss';
import { backpropagate } from '../model/backprop';
import { allActivations } from '../model/activations';
import {
  applyUpdate,
  biasCorrections,
  perMember,
  clipByGlobalNorm,
  disposeOptimizerTensors,
  optimizerCoefficients,
  optimizerTensors,
  type OptimizerState,
  type OptimizerTensors,
} from './optimizer';
import { learningRateAt } from './schedule';
import type { EpochMetrics } from './metrics';
import { judgeEpoch, type RunProgress } from './verdict';

export interface MemberState extends RunProgress {
  config: ExperimentConfig;
  /**
   * Held where it is while the others train: its weights, moments, step count, schedule position
   * and random streams do not move, so resuming continues as if it had never stopped.
   */
  paused: boolean;
  /** Adam's step counter for its bias corrections. */
  updates: number;
  shuffle: Random;
  dropout: Random;
  order: Int32Array;
}

/** Per-member regularization, shaped by perMember. */
interface RegularizationTensors {
  /** 2·λ₂ on weights, 0 on biases, [K, P]: the L2 penalty's gradient is this times θ. */
  l2Gradient: tf.Tensor2D;
  clipNorm: tf.Tensor;
  anyL1: boolean;
  anyL2: boolean;
  anyClipping: boolean;
  anyDropout: boolean;
}

/**
 * Trains K networks of one architecture on one dataset as one tensor program. Each member keeps
 * its own hyperparameters, its own initial weights, shuffle order and dropout masks from its own
 * seed, and its own status; a member that diverges stops updating while the others go on. A member's
 * numbers are those of the same experiment trained alone (tests/train/population.test.ts).
 */
export class PopulationTrainer {
  readonly dataset: Dataset;
  readonly layout: NetworkLayout;
  readonly members: MemberState[];
  readonly trainCount: number;
  readonly validationCount: number;
  readonly batchSize: number;
  readonly stepsPerEpoch: number;
  /** Inputs per example: the chosen features, or a file dataset's columns. */
  readonly inputWidth: number;
  private readonly classification: boolean;
  private readonly outputs: number;
  /**
   * Training inputs and targets as plain arrays: each step's batch is assembled here and uploaded
   * as one tensor, which costs less than tf.gather's kernels (slow on wasm, measured).
   */
  private readonly trainInputs: Float32Array;
  private readonly trainTargets: Float32Array;
  private readonly biasMode: BiasMode;
  /** Train then validation points, [1, N, F]: evaluation runs every member on all of them at once. */
  private readonly allInputs: tf.Tensor3D;
  private readonly allTargets: tf.Tensor2D;
  private readonly allLabels: tf.Tensor1D;
  private readonly mask: tf.Tensor2D;
  /**
   * [N, 2]: column 0 selects the training points, column 1 the validation points. It sums (the
   * means are taken after the read-back): a sum of ones is exact, so a perfect accuracy reads 1,
   * where a sum of 1/N in float32 read 0.9999993 on wasm.
   */
  private readonly selecting: tf.Tensor2D;
  private state: OptimizerState;
  private optimizer: OptimizerTensors | null = null;
  private regularization: RegularizationTensors | null = null;
  private readonly startedAt: number;
  /**
   * A loss this far above a constant guess's (ln C for classification, the targets' variance for
   * regression) counts as diverged. SGD at learning rate 50 on the spiral bounces between losses
   * of 70 and 450 without ever reaching NaN (measured), so NaN alone would miss most blow-ups.
   */
  readonly divergenceThreshold: number;
  private disposed = false;

  constructor(configs: readonly ExperimentConfig[], dataset?: Dataset) {
    if (configs.length === 0) throw new Error('a population needs at least one member');
    const first = configs[0]!;
    for (const config of configs) {
      if (needsRestart(first, config))
        throw new Error(
          'members of one population must share data, split, architecture, batch size and seed',
        );
    }
    this.dataset = dataset ?? generateDataset(first);
    this.classification = this.dataset.task === 'classification';
    this.outputs = this.dataset.classes;
    this.trainCount = this.dataset.trainIndices.length;
    this.validationCount = this.dataset.validationIndices.length;
    this.batchSize = Math.min(first.batchSize, this.trainCount);
    this.stepsPerEpoch = Math.ceil(this.trainCount / this.batchSize);
    const columns = this.dataset.columns;
    const width = columns ? columns.width : first.features.length;
    this.inputWidth = width;
    this.layout = networkLayout(width, first.hiddenLayers, this.outputs);

    const inputs = columns ? columns.values : featurize(this.dataset.points, first.features);
    const rows = (indices: Int32Array) => {
      const x = new Float32Array(indices.length * width);
      const y = new Float32Array(indices.length * this.outputs);
      indices.forEach((index, row) => {
        x.set(inputs.subarray(index * width, (index + 1) * width), row * width);
        const label = this.dataset.labels[index]!;
        if (this.classification) y[row * this.outputs + label] = 1;
        else y[row] = label;
      });
      return { x, y };
    };
    const train = rows(this.dataset.trainIndices);
    const validation = rows(this.dataset.validationIndices);
    const total = this.trainCount + this.validationCount;
    this.trainInputs = train.x;
    this.trainTargets = train.y;
    this.biasMode = biasModeForBackend();
    const allX = new Float32Array(total * width);
    allX.set(train.x);
    allX.set(validation.x, train.x.length);
    const allY = new Float32Array(total * this.outputs);
    allY.set(train.y);
    allY.set(validation.y, train.y.length);
    this.allInputs = tf.tensor3d(allX, [1, total, width]);
    this.allTargets = tf.tensor2d(allY, [total, this.outputs]);
    const labels = Int32Array.from(
      [...this.dataset.trainIndices, ...this.dataset.validationIndices],
      (i) => this.dataset.labels[i]!,
    );
    this.allLabels = tf.tensor1d(labels, 'int32');
    this.mask = tf.tensor2d(weightMask(this.layout), [1, this.layout.parameterCount]);
    const selecting = new Float32Array(total * 2);
    for (let i = 0; i < total; i++) selecting[2 * i + (i < this.trainCount ? 0 : 1)] = 1;
    this.selecting = tf.tensor2d(selecting, [total, 2]);

    this.members = configs.map((config) => ({
      config: { ...config },
      status: 'running',
      paused: false,
      epoch: 0,
      updates: 0,
      bestValidationLoss: Infinity,
      bestEpoch: 0,
      epochsWithoutImprovement: 0,
      divergedAtEpoch: null,
      shuffle: createRandom(deriveSeed(config.seed, 'shuffle')),
      dropout: createRandom(deriveSeed(config.seed, 'dropout')),
      order: new Int32Array(this.trainCount),
    }));
    const parameters = new Float32Array(configs.length * this.layout.parameterCount);
    configs.forEach((config, k) =>
      parameters.set(initialParameters(this.layout, config.seed), k * this.layout.parameterCount),
    );
    const shape: [number, number] = [configs.length, this.layout.parameterCount];
    this.state = {
      parameters: tf.tensor2d(parameters, shape),
      firstMoment: tf.zeros(shape),
      secondMoment: tf.zeros(shape),
    };
    this.divergenceThreshold = 100 * chanceLoss(this.dataset);
    this.startedAt = now();
  }

  get size(): number {
    return this.members.length;
  }

  /** Does any member still have epochs to train (paused ones included)? */
  get running(): boolean {
    return this.members.some((m) => m.status === 'running');
  }

  /** Will the next `trainEpoch` train anyone: a running member that is not paused? */
  get training(): boolean {
    return this.members.some(isActive);
  }

  /**
   * Holds a member where it is (or lets it go on) while the others train. A paused member is not
   * trained or judged; its state does not move, so its numbers after resuming are those of a run
   * that never paused.
   */
  setPaused(member: number, paused: boolean): void {
    const state = this.members[member];
    if (!state) throw new Error(`no member ${member}`);
    state.paused = paused;
  }

  /**
   * Changes hot hyperparameters of a member (learning rate, optimizer settings, regularization,
   * schedule, epochs, patience) from its next step, keeping weights and moments. Returns false,
   * changing nothing, when the change needs a new run (data, architecture, batch size or seed).
   */
  update(member: number, changes: Partial<ExperimentConfig>): boolean {
    const state = this.members[member];
    if (!state) throw new Error(`no member ${member}`);
    const next = { ...state.config, ...changes };
    if (needsRestart(state.config, next)) return false;
    state.config = next;
    this.invalidateHyperparameters();
    // A longer budget revives a run that had completed; a shorter one ends it at the next epoch.
    if (state.status === 'completed' && next.epochs > state.epoch) state.status = 'running';
    return true;
  }

  /** Stops a member (or all); it keeps its numbers and reports `cancelled`. */
  cancel(member?: number): void {
    for (const [k, state] of this.members.entries()) {
      if ((member === undefined || member === k) && state.status === 'running') state.status = 'cancelled';
    }
  }

  /**
   * Trains every running member for one epoch, then evaluates all of them with one read-back.
   * Returns each member's metrics for the epoch, or null for members that were not running.
   */
  async trainEpoch(): Promise<(EpochMetrics | null)[]> {
    this.assertAlive();
    const active = this.members.map(isActive);
    if (!active.some(Boolean)) return this.members.map(() => null);
    for (const [k, state] of this.members.entries())
      if (active[k]) permutation(state.shuffle, this.trainCount, state.order);
    this.ensureHyperparameters();
    for (let step = 0; step < this.stepsPerEpoch; step++) this.step(step, active);

    const stats = tf.tidy(() => this.evaluate(this.state.parameters));
    const values = await stats.data();
    stats.dispose();

    const wallTimeMs = now() - this.startedAt;
    return this.members.map((state, k) => {
      if (!active[k]) return null;
      state.epoch += 1;
      const [trainLoss, validationLoss, trainAccuracy, validationAccuracy] = Array.from(
        values.subarray(4 * k, 4 * k + 4),
        (sum, i) => sum / (i % 2 === 0 ? this.trainCount : this.validationCount),
      );
      const metrics: EpochMetrics = {
        epoch: state.epoch,
        trainLoss: trainLoss!,
        validationLoss: validationLoss!,
        trainAccuracy: this.classification ? trainAccuracy! : null,
        validationAccuracy: this.classification ? validationAccuracy! : null,
        learningRate: learningRateAt(state.config, state.epoch),
        examplesSeen: state.epoch * this.trainCount,
        wallTimeMs,
      };
      judgeEpoch(state, metrics, state.config, this.divergenceThreshold);
      return metrics;
    });
  }

  /** Network outputs for featurized inputs ([n, F] row-major): probabilities [n, C] or values [n]. */
  async predict(member: number, inputs: Float32Array): Promise<Float32Array> {
    this.assertAlive();
    const width = this.inputWidth;
    const out = tf.tidy(() => {
      const parameters = tf.slice(this.state.parameters, [member, 0], [1, this.layout.parameterCount]);
      const logits = forward(
        this.layout,
        this.members[member]!.config.activation,
        parameters,
        tf.tensor3d(inputs, [1, inputs.length / width, width]),
      );
      return this.classification ? softmax(logits) : logits;
    });
    const values = (await out.data()) as Float32Array;
    out.dispose();
    return values;
  }

  /**
   * Every node of a member's network (inputs, hidden activations, outputs) for featurized inputs
   * [n, F]: [n, nodes] from one forward pass (see allActivations).
   */
  async activationsOf(member: number, inputs: Float32Array): Promise<Float32Array> {
    this.assertAlive();
    const width = this.inputWidth;
    const rows = inputs.length / width;
    const parts = tf.tidy(() =>
      allActivations(
        this.layout,
        this.members[member]!.config.activation,
        tf.slice(this.state.parameters, [member, 0], [1, this.layout.parameterCount]),
        tf.tensor3d(inputs, [1, rows, width]),
        this.classification,
      ),
    );
    const sizes = this.layout.sizes;
    const total = sizes.reduce((a, b) => a + b, 0);
    const out = new Float32Array(rows * total);
    let offset = 0;
    for (const [layer, part] of parts.entries()) {
      // The inputs are the caller's own numbers: no read-back for them.
      const values = layer === 0 ? inputs : ((await part.data()) as Float32Array);
      const units = sizes[layer]!;
      // A plain loop: a layer is a few units wide, and a subarray view per row cost more than the copy.
      for (let row = 0, from = 0, to = offset; row < rows; row++, to += total - units)
        for (let unit = 0; unit < units; unit++) out[to++] = values[from++]!;
      offset += units;
    }
    tf.dispose(parts);
    return out;
  }

  /**
   * Sets one of a member's parameters (a weight or bias edited by hand). Its optimizer moments stay
   * as they are, so training resumes from the edit as from any other point.
   */
  async setParameter(member: number, index: number, value: number): Promise<boolean> {
    this.assertAlive();
    const P = this.layout.parameterCount;
    if (!this.members[member] || !Number.isInteger(index) || index < 0 || index >= P) return false;
    if (!Number.isFinite(value)) return false;
    const all = (await this.state.parameters.data()) as Float32Array;
    const next = all.slice();
    next[member * P + index] = value;
    const previous = this.state.parameters;
    this.state = { ...this.state, parameters: tf.tensor2d(next, [this.members.length, P]) };
    previous.dispose();
    return true;
  }

  /** A member's flat parameter vector (layout in `this.layout`). */
  async parametersOf(member: number): Promise<Float32Array> {
    this.assertAlive();
    const row = tf.slice(this.state.parameters, [member, 0], [1, this.layout.parameterCount]);
    const values = (await row.data()) as Float32Array;
    row.dispose();
    return values;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    tf.dispose([this.allInputs, this.allTargets, this.allLabels, this.mask, this.selecting]);
    this.maskRowsTensor?.dispose();
    tf.dispose([this.state.parameters, this.state.firstMoment, this.state.secondMoment]);
    this.invalidateHyperparameters();
  }

  private assertAlive() {
    if (this.disposed) throw new Error('this population was disposed');
  }

  private invalidateHyperparameters() {
    if (this.optimizer) disposeOptimizerTensors(this.optimizer);
    if (this.regularization) {
      const r = this.regularization;
      tf.dispose([r.l2Gradient, r.clipNorm]);
    }
    this.optimizer = null;
    this.regularization = null;
  }

  private ensureHyperparameters() {
    const configs = this.members.map((m) => m.config);
    this.optimizer ??= optimizerTensors(configs.map(optimizerCoefficients), this.layout.parameterCount);
    if (!this.regularization) {
      const K = configs.length;
      this.regularization = {
        l2Gradient: tf.tidy(() =>
          tf.mul(
            tf.tensor2d(
              configs.map((c) => 2 * c.l2),
              [K, 1],
            ),
            tf.tile(this.mask, [K, 1]),
          ),
        ) as tf.Tensor2D,
        clipNorm: perMember(
          configs.map((c) => (c.clipNorm > 0 ? c.clipNorm : Infinity)),
          [K, 1],
        ),
        anyL1: configs.some((c) => c.l1 > 0),
        anyL2: configs.some((c) => c.l2 > 0),
        anyClipping: configs.some((c) => c.clipNorm > 0),
        anyDropout: this.layout.layers.length > 1 && configs.some((c) => c.dropout > 0),
      };
    }
  }

  private step(step: number, active: boolean[]) {
    const K = this.members.length;
    const start = step * this.batchSize;
    const batch = Math.min(this.batchSize, this.trainCount - start);
    const width = this.inputWidth;
    const outputs = this.outputs;
    const batchInputs = new Float32Array(K * batch * width);
    const batchTargets = new Float32Array(K * batch * outputs);
    const stepSize = new Float32Array(K);
    const secondCorrection = new Float32Array(K);
    const l1Threshold = new Float32Array(K);
    this.members.forEach((state, k) => {
      for (let i = 0; i < batch; i++) {
        const row = state.order[start + i]!;
        const at = k * batch + i;
        batchInputs.set(this.trainInputs.subarray(row * width, (row + 1) * width), at * width);
        batchTargets.set(this.trainTargets.subarray(row * outputs, (row + 1) * outputs), at * outputs);
      }
      // Label smoothing is applied here, to this member's rows: (1 − ε)·y + ε/C.
      const smoothing = this.classification ? state.config.labelSmoothing : 0;
      if (smoothing > 0) {
        const offset = k * batch * outputs;
        for (let i = offset; i < offset + batch * outputs; i++)
          batchTargets[i] = batchTargets[i]! * (1 - smoothing) + smoothing / outputs;
      }
      if (!active[k]) {
        secondCorrection[k] = 1;
        return;
      }
      state.updates += 1;
      const c = state.config;
      const [bc1, bc2] = biasCorrections(c.optimizer, c.beta1, c.beta2, state.updates);
      const learningRate =
        this.learningRateOverride?.(k) ?? learningRateAt(c, state.epoch + (step + 1) / this.stepsPerEpoch);
      stepSize[k] = learningRate / bc1;
      secondCorrection[k] = bc2;
      l1Threshold[k] = learningRate * c.l1;
    });
    const masks = this.regularization!.anyDropout ? this.dropoutMasks(batch, active) : [];

    const next = tf.tidy(() => {
      const inputs = tf.tensor3d(batchInputs, [K, batch, width]);
      const targets = tf.tensor3d(batchTargets, [K, batch, outputs]);
      const r = this.regularization!;
      let gradient = backpropagate(
        this.layout,
        this.members[0]!.config.activation,
        this.state.parameters,
        inputs,
        {
          task: this.classification ? 'classification' : 'regression',
          targets,
        },
        masks.length > 0 ? masks : undefined,
        this.biasMode,
      );
      if (r.anyL2) gradient = tf.add(gradient, tf.mul(r.l2Gradient, this.state.parameters));
      if (this.regularization!.anyClipping)
        gradient = clipByGlobalNorm(gradient, this.regularization!.clipNorm);
      const shape = this.state.parameters.shape;
      const updated = applyUpdate(
        this.state,
        gradient,
        this.optimizer!,
        perMember(stepSize, shape),
        perMember(secondCorrection, shape),
      );
      let parameters = updated.parameters;
      if (this.regularization!.anyL1) {
        // Proximal step in the optimizer's own metric: Adam and RMSprop scale each parameter's
        // step by 1/preconditioner, so L1's threshold is scaled the same way (proximal gradient
        // with a diagonal metric). Unscaled, Adam's ~η steps swamp a threshold of η·λ₁ and no
        // weight ever reaches zero (measured: 0 of 320).
        let threshold: tf.Tensor = tf.mul(
          perMember(l1Threshold, shape),
          K === 1 ? this.mask : this.maskRows(),
        );
        if (updated.preconditioner) threshold = tf.div(threshold, updated.preconditioner);
        parameters = softThreshold(parameters, threshold);
      }
      let firstMoment = updated.firstMoment;
      let secondMoment = updated.secondMoment;
      if (active.some((a) => !a)) {
        // A member that does not train keeps its rows exactly: its step size of 0 already holds
        // its weights, but its moments would decay toward the batch's gradient, and a paused
        // member must resume with the moments it paused with.
        const [, width] = shape;
        const rows = new Uint8Array(K * width);
        active.forEach((a, k) => a && rows.fill(1, k * width, (k + 1) * width));
        const keep = tf.tensor2d(rows, [K, width], 'bool');
        const previous = this.state;
        parameters = tf.where(keep, parameters, previous.parameters);
        firstMoment = tf.where(keep, firstMoment, previous.firstMoment);
        if (secondMoment !== previous.secondMoment)
          secondMoment = tf.where(keep, secondMoment, previous.secondMoment);
      }
      return [parameters, firstMoment, secondMoment] as const;
    });
    tf.dispose(masks);
    const previous = this.state;
    this.state = { parameters: next[0], firstMoment: next[1], secondMoment: next[2] };
    tf.dispose([previous.parameters, previous.firstMoment]);
    if (previous.secondMoment !== this.state.secondMoment) previous.secondMoment.dispose();
  }

  /**
   * Inverted-dropout masks, one [K, B, units] tensor per hidden layer, drawn in JS from each
   * member's own dropout stream so a member's masks do not depend on who else is in the population.
   */
  private dropoutMasks(batch: number, active: boolean[]): tf.Tensor3D[] {
    const K = this.members.length;
    return this.layout.layers.slice(0, -1).map((slot) => {
      const values = new Float32Array(K * batch * slot.outputs).fill(1);
      this.members.forEach((state, k) => {
        const rate = state.config.dropout;
        if (!active[k] || rate <= 0) return;
        const keepScale = 1 / (1 - rate);
        const offset = k * batch * slot.outputs;
        for (let i = 0; i < batch * slot.outputs; i++)
          values[offset + i] = state.dropout.next() < rate ? 0 : keepScale;
      });
      return tf.tensor3d(values, [K, batch, slot.outputs]);
    });
  }

  private maskRowsTensor: tf.Tensor2D | null = null;

  /** The weight mask tiled to [K, P], for the cpu backend's equal-shape fast path. */
  private maskRows(): tf.Tensor2D {
    this.maskRowsTensor ??= tf.keep(tf.tile(this.mask, [this.members.length, 1]));
    return this.maskRowsTensor;
  }

  /**
   * [K, 4] sums for K parameter rows (the members', or any others of this layout): train loss,
   * validation loss, train accuracy, validation accuracy.
   */
  private evaluate(parameters: tf.Tensor2D): tf.Tensor2D {
    const K = parameters.shape[0];
    const total = this.trainCount + this.validationCount;
    const logits = forward(
      this.layout,
      this.members[0]!.config.activation,
      parameters,
      this.allInputs,
      undefined,
      this.biasMode,
    );
    let pointLoss: tf.Tensor;
    let correct: tf.Tensor;
    if (this.classification) {
      pointLoss = tf.neg(tf.sum(tf.mul(this.allTargets, logSoftmax(logits)), -1));
      correct = tf.cast(tf.equal(tf.argMax(logits, -1), this.allLabels), 'float32');
    } else {
      pointLoss = tf.sum(tf.squaredDifference(logits, this.allTargets), -1);
      correct = tf.zeros([K, total]);
    }
    // Sums over the train and the validation points as one product with a selecting matrix.
    const perPoint = tf.reshape(tf.stack([pointLoss, correct], 1), [2 * K, total]) as tf.Tensor2D;
    return tf.reshape(tf.matMul(perPoint, this.selecting), [K, 4]) as tf.Tensor2D;
  }

  /**
   * The training loss (as `trainLoss` reports it: no dropout, no penalty) of any parameter vectors
   * of this layout, `count` rows of P in `rows`, or of the members' current weights when omitted.
   * The loss landscape evaluates its whole grid of weights this way: one population forward pass
   * per chunk, since the population engine runs K networks of one shape as one program.
   */
  async trainingLossOf(rows?: Float32Array): Promise<Float32Array> {
    this.assertAlive();
    const P = this.layout.parameterCount;
    if (!rows) {
      const stats = tf.tidy(() => tf.slice(this.evaluate(this.state.parameters), [0, 0], [-1, 1]));
      const sums = (await stats.data()) as Float32Array;
      stats.dispose();
      return sums.map((sum) => sum / this.trainCount);
    }
    const count = rows.length / P;
    const out = new Float32Array(count);
    // Chunks bound the activations' memory: 256 networks × 400 points × 16 units is 6.5 MB a layer.
    // 512 cost the same CPU time on wasm in Node, 1,024 a third more (measured).
    const chunk = 256;
    for (let start = 0; start < count; start += chunk) {
      const size = Math.min(chunk, count - start);
      const stats = tf.tidy(() => {
        const parameters = tf.tensor2d(rows.subarray(start * P, (start + size) * P), [size, P]);
        return this.trainingLossSums(parameters);
      });
      const sums = (await stats.data()) as Float32Array;
      stats.dispose();
      for (let i = 0; i < size; i++) out[start + i] = sums[i]! / this.trainCount;
    }
    return out;
  }

  /**
   * [K] sums of the training loss of K parameter rows over the training points only: what the
   * landscape needs of `evaluate`, without the validation points and the accuracies.
   */
  private trainingLossSums(parameters: tf.Tensor2D): tf.Tensor1D {
    const T = this.trainCount;
    const inputs = tf.slice(this.allInputs, [0, 0, 0], [1, T, this.inputWidth]);
    const targets = tf.slice(this.allTargets, [0, 0], [T, this.outputs]);
    const logits = forward(
      this.layout,
      this.members[0]!.config.activation,
      parameters,
      inputs,
      undefined,
      this.biasMode,
    );
    const pointLoss = this.classification
      ? tf.neg(tf.sum(tf.mul(targets, logSoftmax(logits)), -1))
      : tf.sum(tf.squaredDifference(logits, targets), -1);
    return tf.sum(pointLoss, -1) as tf.Tensor1D;
  }

  /**
   * Overrides every member's learning rate for the steps that follow, by member: the learning-rate
   * range test raises it step by step. Null returns to each member's schedule.
   */
  learningRateOverride: ((member: number) => number) | null = null;

  private looseStep = 0;

  /**
   * One minibatch step for every running member outside the epoch loop, walking each member's
   * shuffled order as an epoch would. Members keep their epoch count: the range test, its only
   * user, trains a throwaway population step by step and reads the loss after each.
   */
  trainStep(): void {
    this.assertAlive();
    const active = this.members.map((m) => m.status === 'running');
    if (this.looseStep === 0)
      for (const [k, state] of this.members.entries())
        if (active[k]) permutation(state.shuffle, this.trainCount, state.order);
    this.ensureHyperparameters();
    this.step(this.looseStep, active);
    this.looseStep = (this.looseStep + 1) % this.stepsPerEpoch;
  }
}

const isActive = (member: MemberState): boolean => member.status === 'running' && !member.paused;

/** The loss of the best constant prediction: ln C for balanced classes, the variance for regression. */
export function chanceLoss(dataset: Dataset): number {
  if (dataset.task === 'classification') return Math.log(dataset.classes);
  let mean = 0;
  for (const i of dataset.trainIndices) mean += dataset.labels[i]!;
  mean /= dataset.trainIndices.length;
  let variance = 0;
  for (const i of dataset.trainIndices) variance += (dataset.labels[i]! - mean) ** 2;
  return Math.max(variance / dataset.trainIndices.length, 1e-3);
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());
