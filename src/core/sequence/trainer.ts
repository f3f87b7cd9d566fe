import { tf } from '../tf';
// tf.grad needs each op's gradient registered: this module alone takes gradients, so it alone pays
// for them. In Node the umbrella package's bundle registers them, as tfjs-core's own module is an
// ES module Node cannot load (package.json "imports").
import '#tfjs-gradients';
import { createRandom, deriveSeed, permutation, type Random } from '../random/random';
import {
  applyUpdate,
  biasCorrections,
  clipByGlobalNorm,
  disposeOptimizerTensors,
  optimizerCoefficients,
  optimizerTensors,
  type OptimizerState,
  type OptimizerTensors,
} from '../train/optimizer';
import { learningRateAt } from '../train/schedule';
import type { EpochMetrics, RunStatus, RunSummary } from '../train/metrics';
import { judgeEpoch, summarizeRun, type RunProgress } from '../train/verdict';
import type { SequenceConfig } from './config';
import {
  architectureOf,
  initialSequenceParameters,
  sequenceForward,
  sequenceLayout,
  truncateAndPad,
  type SequenceDropoutMasks,
  type SequenceLayout,
} from './model';
import {
  generateSequenceDataset,
  VOCABULARY_SIZE,
  type SequenceDataset,
  type SequenceExample,
} from './tasks';

/** Validation accuracy of the sequences whose length falls in [from, to]. */
export interface LengthBucket {
  from: number;
  to: number;
  examples: number;
  accuracy: number;
}

/** The engine's per-epoch metrics, plus accuracy by sequence length. */
export interface SequenceEpochMetrics extends EpochMetrics {
  accuracyByLength: LengthBucket[];
}

/** One example's attention: `weights[layer][head]` is a row-major T×T matrix (row = query). */
export interface AttentionMaps {
  /** The tokens the model saw (after truncation). */
  tokens: number[];
  /** How long the example was before truncation. */
  originalLength: number;
  weights: Float32Array[][];
  /** The model's answers: one class per sequence, or one per kept position. */
  prediction: number[];
  labels: number[];
}

/** Examples per evaluation chunk: bounds the attention tensors' memory for long sequences. */
const EVALUATION_CHUNK = 256;
const LENGTH_BUCKETS = 4;

/**
 * Trains one sequence model with the engine's update rule: parameters are one [1, P] tensor, so
 * `applyUpdate`, `clipByGlobalNorm`, the bias corrections and the schedule apply unchanged.
 */
export class SequenceTrainer implements RunProgress {
  readonly config: SequenceConfig;
  readonly dataset: SequenceDataset;
  readonly layout: SequenceLayout;
  readonly batchSize: number;
  readonly stepsPerEpoch: number;
  /** Padded length of the model's inputs: the longest sequence, cut to the maximum length. */
  readonly inputLength: number;
  readonly divergenceThreshold: number;
  status: RunStatus = 'running';
  epoch = 0;
  bestValidationLoss = Infinity;
  bestEpoch = 0;
  divergedAtEpoch: number | null = null;
  epochsWithoutImprovement = 0;
  private updates = 0;
  private readonly shuffle: Random;
  private readonly dropoutRandom: Random;
  private readonly order: Int32Array;
  private readonly trainTokens: tf.Tensor2D;
  private readonly trainMask: tf.Tensor2D;
  private readonly trainTargets: tf.Tensor;
  private readonly classes: number;
  private state: OptimizerState;
  private readonly optimizer: OptimizerTensors;
  private readonly clipNorm: tf.Tensor2D | null;
  private readonly startedAt = now();
  private disposed = false;

  constructor(config: SequenceConfig, dataset?: SequenceDataset) {
    this.config = { ...config };
    this.dataset = dataset ?? generateSequenceDataset(config);
    const task = this.dataset.task;
    this.classes = task.classes;
    this.layout = sequenceLayout(architectureOf(config, VOCABULARY_SIZE, task.classes, task.output));
    const train = this.dataset.train;
    this.batchSize = Math.min(config.batchSize, train.length);
    this.stepsPerEpoch = Math.ceil(train.length / this.batchSize);
    this.inputLength = Math.min(this.dataset.longest, config.maxLength);
    this.divergenceThreshold = 100 * Math.log(task.classes);

    const inputs = this.encode(train);
    this.trainTokens = inputs.tokens;
    this.trainMask = inputs.mask;
    this.trainTargets = inputs.targets;

    this.shuffle = createRandom(deriveSeed(config.seed, 'shuffle'));
    this.dropoutRandom = createRandom(deriveSeed(config.seed, 'dropout'));
    this.order = new Int32Array(train.length);
    const shape: [number, number] = [1, this.layout.parameterCount];
    this.state = {
      parameters: tf.tensor2d(initialSequenceParameters(this.layout, config.seed), shape),
      firstMoment: tf.zeros(shape),
      secondMoment: tf.zeros(shape),
    };
    this.optimizer = optimizerTensors([optimizerCoefficients(config)]);
    this.clipNorm = config.clipNorm > 0 ? tf.tensor2d([config.clipNorm], [1, 1]) : null;
  }

  get running(): boolean {
    return this.status === 'running';
  }

  cancel(): void {
    if (this.status === 'running') this.status = 'cancelled';
  }

  /** One pass over the training set, then evaluation of both sets with one read-back. */
  async trainEpoch(): Promise<SequenceEpochMetrics | null> {
    this.assertAlive();
    if (this.status !== 'running') return null;
    permutation(this.shuffle, this.dataset.train.length, this.order);
    for (let step = 0; step < this.stepsPerEpoch; step++) this.step(step);
    const train = await this.evaluate(this.dataset.train);
    const validation = await this.evaluate(this.dataset.validation);
    this.epoch += 1;
    const metrics: SequenceEpochMetrics = {
      epoch: this.epoch,
      trainLoss: train.loss,
      validationLoss: validation.loss,
      trainAccuracy: train.accuracy,
      validationAccuracy: validation.accuracy,
      learningRate: learningRateAt(this.config, this.epoch),
      examplesSeen: this.epoch * this.dataset.train.length,
      wallTimeMs: now() - this.startedAt,
      accuracyByLength: validation.buckets,
    };
    judgeEpoch(this, metrics, this.config, this.divergenceThreshold);
    return metrics;
  }

  /** The attention weights of every head of every layer for one token row, and the model's answer. */
  async attentionFor(example: SequenceExample): Promise<AttentionMaps> {
    this.assertAlive();
    const { tokens, mask, length, kept } = truncateAndPad([example.tokens], this.config.maxLength);
    const captured: tf.Tensor[] = [];
    const outputs = tf.tidy(() => {
      const attention: tf.Tensor[] = [];
      const logits = sequenceForward(
        this.layout,
        this.state.parameters,
        tf.tensor2d(tokens, [1, length], 'int32'),
        tf.tensor2d(mask, [1, length]),
        { attention },
      );
      captured.push(...attention.map((a) => tf.keep(a)));
      return tf.argMax(logits, -1);
    });
    try {
      const prediction = Array.from(await outputs.data());
      const weights: Float32Array[][] = [];
      for (const layer of captured) {
        const values = (await layer.data()) as Float32Array;
        const heads = layer.shape[1]!;
        weights.push(
          Array.from({ length: heads }, (_, h) =>
            values.slice(h * length * length, (h + 1) * length * length),
          ),
        );
      }
      return {
        tokens: example.tokens.slice(0, kept[0]),
        originalLength: example.tokens.length,
        weights,
        prediction,
        labels: example.labels,
      };
    } finally {
      tf.dispose([outputs, ...captured]);
    }
  }

  /** The flat parameter vector (layout in `this.layout`). */
  async parameters(): Promise<Float32Array> {
    this.assertAlive();
    return (await this.state.parameters.data()) as Float32Array;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    tf.dispose([
      this.trainTokens,
      this.trainMask,
      this.trainTargets,
      this.state.parameters,
      this.state.firstMoment,
      this.state.secondMoment,
    ]);
    if (this.clipNorm) this.clipNorm.dispose();
    disposeOptimizerTensors(this.optimizer);
  }

  private assertAlive() {
    if (this.disposed) throw new Error('this sequence trainer was disposed');
  }

  /** Token rows → int32 [N, T], mask [N, T] and one-hot targets ([N, C] or [N, T, C]). */
  private encode(examples: readonly SequenceExample[]) {
    const { tokens, mask, length } = truncateAndPad(
      examples.map((e) => e.tokens),
      this.config.maxLength,
    );
    const n = examples.length;
    const perPosition = this.dataset.task.output === 'position';
    const width = this.inputLength;
    // Every set is padded to the same length, so batches and evaluation share one shape.
    const paddedTokens = new Int32Array(n * width);
    const paddedMask = new Float32Array(n * width);
    for (let r = 0; r < n; r++) {
      paddedTokens.set(tokens.subarray(r * length, r * length + Math.min(length, width)), r * width);
      paddedMask.set(mask.subarray(r * length, r * length + Math.min(length, width)), r * width);
    }
    const targets = new Float32Array(n * (perPosition ? width : 1) * this.classes);
    examples.forEach((example, r) => {
      if (perPosition) {
        for (let t = 0; t < Math.min(example.labels.length, width); t++)
          targets[(r * width + t) * this.classes + example.labels[t]!] = 1;
      } else targets[r * this.classes + example.labels[0]!] = 1;
    });
    return {
      tokens: tf.tensor2d(paddedTokens, [n, width], 'int32'),
      mask: tf.tensor2d(paddedMask, [n, width]),
      targets: perPosition
        ? tf.tensor3d(targets, [n, width, this.classes])
        : tf.tensor2d(targets, [n, this.classes]),
    };
  }

  private step(step: number) {
    const start = step * this.batchSize;
    const batch = Math.min(this.batchSize, this.dataset.train.length - start);
    this.updates += 1;
    const c = this.config;
    const [bc1, bc2] = biasCorrections(c.optimizer, c.beta1, c.beta2, this.updates);
    const stepSize = learningRateAt(c, this.epoch + (step + 1) / this.stepsPerEpoch) / bc1;
    const masks = this.dropoutMasks(batch);
    const next = tf.tidy(() => {
      const indices = tf.tensor1d(this.order.subarray(start, start + batch), 'int32');
      const tokens = tf.gather(this.trainTokens, indices) as tf.Tensor2D;
      const mask = tf.gather(this.trainMask, indices) as tf.Tensor2D;
      const targets = tf.gather(this.trainTargets, indices);
      let gradient = tf.grad((parameters: tf.Tensor) =>
        this.trainingLoss(parameters as tf.Tensor2D, tokens, mask, targets, masks),
      )(this.state.parameters) as tf.Tensor2D;
      if (this.clipNorm) gradient = clipByGlobalNorm(gradient, this.clipNorm);
      const updated = applyUpdate(
        this.state,
        gradient,
        this.optimizer,
        tf.tensor2d([stepSize], [1, 1]),
        tf.tensor2d([bc2], [1, 1]),
      );
      return [updated.parameters, updated.firstMoment, updated.secondMoment] as const;
    });
    disposeMasks(masks);
    const previous = this.state;
    this.state = { parameters: next[0], firstMoment: next[1], secondMoment: next[2] };
    tf.dispose([previous.parameters, previous.firstMoment]);
    if (previous.secondMoment !== this.state.secondMoment) previous.secondMoment.dispose();
  }

  /** Mean cross-entropy against (smoothed) targets; per-position tasks average over real tokens. */
  private trainingLoss(
    parameters: tf.Tensor2D,
    tokens: tf.Tensor2D,
    mask: tf.Tensor2D,
    targets: tf.Tensor,
    masks: SequenceDropoutMasks | undefined,
  ): tf.Scalar {
    const logits = sequenceForward(this.layout, parameters, tokens, mask, masks ? { masks } : {});
    const smoothing = this.config.labelSmoothing;
    const smoothed =
      smoothing > 0 ? tf.add(tf.mul(targets, 1 - smoothing), smoothing / this.classes) : targets;
    const perToken = tf.neg(tf.sum(tf.mul(smoothed, tf.logSoftmax(logits)), -1));
    if (this.dataset.task.output === 'sequence') return tf.mean(perToken) as tf.Scalar;
    return tf.div(tf.sum(tf.mul(perToken, mask)), tf.maximum(tf.sum(mask), 1)) as tf.Scalar;
  }

  /** Inverted-dropout masks drawn in JS from the run's own stream (null where a rate is 0). */
  private dropoutMasks(batch: number): SequenceDropoutMasks | undefined {
    const { dropout, attentionDropout } = this.config;
    if (dropout <= 0 && (attentionDropout <= 0 || this.config.model !== 'transformer')) return undefined;
    const a = this.layout.architecture;
    const T = this.inputLength;
    const draw = (rate: number, shape: number[]) => {
      if (rate <= 0) return null;
      const size = shape.reduce((x, y) => x * y, 1);
      const values = new Float32Array(size);
      const keep = 1 / (1 - rate);
      for (let i = 0; i < size; i++) values[i] = this.dropoutRandom.next() < rate ? 0 : keep;
      return tf.tensor(values, shape);
    };
    if (a.model === 'lstm')
      return { attention: [], residual: [], output: draw(dropout, [batch * T, a.width]) };
    const masks: SequenceDropoutMasks = { attention: [], residual: [], output: null };
    for (let l = 0; l < a.layers; l++) {
      masks.attention.push(draw(attentionDropout, [batch * a.heads, T, T]));
      masks.residual.push([draw(dropout, [batch * T, a.width]), draw(dropout, [batch * T, a.width])]);
    }
    return masks;
  }

  /**
   * Loss and accuracy over a set in evaluation mode (no dropout, no smoothing). For per-position
   * tasks, positions cut off by the maximum length count as wrong: the model never saw them.
   */
  private async evaluate(
    examples: readonly SequenceExample[],
  ): Promise<{ loss: number; accuracy: number; buckets: LengthBucket[] }> {
    const perPosition = this.dataset.task.output === 'position';
    const chunks: tf.Tensor[] = [];
    for (let start = 0; start < examples.length; start += EVALUATION_CHUNK) {
      const chunk = examples.slice(start, start + EVALUATION_CHUNK);
      chunks.push(
        tf.tidy(() => {
          const { tokens, mask, targets } = this.encode(chunk);
          const logits = sequenceForward(this.layout, this.state.parameters, tokens, mask);
          const perToken = tf.neg(tf.sum(tf.mul(targets, tf.logSoftmax(logits)), -1));
          const correct = tf.cast(tf.equal(tf.argMax(logits, -1), tf.argMax(targets, -1)), 'float32');
          // Per example: summed loss and summed correct answers over its real positions.
          if (!perPosition) return tf.stack([perToken, correct], 1);
          return tf.stack([tf.sum(tf.mul(perToken, mask), 1), tf.sum(tf.mul(correct, mask), 1)], 1);
        }),
      );
    }
    const stacked = tf.concat(chunks, 0);
    tf.dispose(chunks);
    const values = await stacked.data();
    stacked.dispose();
    let lossSum = 0;
    let lossCount = 0;
    let correctSum = 0;
    let answerCount = 0;
    const lengths = examples.map((e) => e.tokens.length);
    const shortest = Math.min(...lengths);
    const longest = Math.max(...lengths);
    const bucketCount = Math.min(LENGTH_BUCKETS, longest - shortest + 1);
    const bucketSize = (longest - shortest + 1) / bucketCount;
    const bucketCorrect = new Float64Array(bucketCount);
    const bucketAnswers = new Float64Array(bucketCount);
    const bucketExamples = new Float64Array(bucketCount);
    examples.forEach((example, r) => {
      const kept = Math.min(example.tokens.length, this.config.maxLength);
      const answers = perPosition ? example.labels.length : 1;
      lossSum += values[2 * r]!;
      lossCount += perPosition ? kept : 1;
      correctSum += values[2 * r + 1]!;
      answerCount += answers;
      const bucket = Math.min(bucketCount - 1, Math.floor((example.tokens.length - shortest) / bucketSize));
      bucketCorrect[bucket] = bucketCorrect[bucket]! + values[2 * r + 1]!;
      bucketAnswers[bucket] = bucketAnswers[bucket]! + answers;
      bucketExamples[bucket] = bucketExamples[bucket]! + 1;
    });
    const buckets: LengthBucket[] = Array.from({ length: bucketCount }, (_, b) => ({
      from: Math.ceil(shortest + b * bucketSize),
      to: Math.ceil(shortest + (b + 1) * bucketSize) - 1,
      examples: bucketExamples[b]!,
      accuracy: bucketAnswers[b]! > 0 ? bucketCorrect[b]! / bucketAnswers[b]! : 0,
    }));
    return {
      loss: lossSum / Math.max(1, lossCount),
      accuracy: correctSum / Math.max(1, answerCount),
      buckets,
    };
  }

  /** The run's summary in the engine's shape (see src/core/train/verdict.ts). */
  summary(history: readonly EpochMetrics[]): RunSummary {
    return summarizeRun(this, this.config, history, this.batchSize);
  }
}

function disposeMasks(masks: SequenceDropoutMasks | undefined) {
  if (!masks) return;
  const all = [...masks.attention, ...masks.residual.flat(), masks.output].filter(
    (m): m is tf.Tensor => m !== null,
  );
  tf.dispose(all);
}

export interface SequenceRunResult {
  config: SequenceConfig;
  history: SequenceEpochMetrics[];
  summary: RunSummary;
}

export interface SequenceTrainOptions {
  onEpoch?: (metrics: SequenceEpochMetrics, trainer: SequenceTrainer) => void | Promise<void>;
  signal?: AbortSignal;
  dataset?: SequenceDataset;
}

/** Trains one sequence run to its end. Never throws for divergence: the run ends as `diverged`. */
export async function trainSequence(
  config: SequenceConfig,
  options: SequenceTrainOptions = {},
): Promise<SequenceRunResult> {
  const trainer = new SequenceTrainer(config, options.dataset);
  const history: SequenceEpochMetrics[] = [];
  try {
    while (trainer.running) {
      if (options.signal?.aborted) {
        trainer.cancel();
        break;
      }
      const metrics = await trainer.trainEpoch();
      if (!metrics) break;
      history.push(metrics);
      await options.onEpoch?.(metrics, trainer);
    }
    return { config: trainer.config, history, summary: trainer.summary(history) };
  } finally {
    trainer.dispose();
  }
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());
