/**
 * The benchmark's floor: a plain TypeScript MLP over Float32Arrays doing the engine's math for
 * workload W (dense tanh layers, softmax cross-entropy, Adam) with no framework in between. Every
 * engine figure in `npm run bench` is reported as a ratio to this one's epochs per second,
 * measured in the same run. Never used by the app.
 *
 * Hand-written on purpose: the point is to measure what the arithmetic alone costs, so no library
 * may sit in it. To be an honest floor it does everything the engine does per epoch: the seeded
 * shuffle, one Adam step per batch, and the evaluation of train and validation loss and accuracy.
 * It starts from the engine's initial weights and visits batches in the engine's order (same seed
 * streams), so its losses track the engine's (tests/bench/reference-mlp.test.ts).
 *
 * Pure: no DOM, no Node API, no tfjs, so it runs in Node and in a browser worker alike.
 */
import type { ExperimentConfig } from '../src/core/config/parameters';
import { generateDataset, type Dataset } from '../src/core/data/datasets';
import { featurize } from '../src/core/data/features';
import { createRandom, deriveSeed, permutation, type Random } from '../src/core/random/random';

export interface ReferenceEpoch {
  epoch: number;
  trainLoss: number;
  validationLoss: number;
  trainAccuracy: number;
  validationAccuracy: number;
}

/** What the floor supports: workload W's family (classification, tanh, Adam, constant rate). */
export type ReferenceConfig = Pick<
  ExperimentConfig,
  | 'dataset'
  | 'points'
  | 'noise'
  | 'validationSplit'
  | 'features'
  | 'hiddenLayers'
  | 'learningRate'
  | 'beta1'
  | 'beta2'
  | 'epsilon'
  | 'batchSize'
  | 'seed'
>;

export class ReferenceMlp {
  readonly sizes: number[];
  readonly stepsPerEpoch: number;
  private readonly batchSize: number;
  private readonly classes: number;
  private readonly width: number;
  private readonly trainX: Float32Array;
  private readonly trainY: Int32Array;
  private readonly validationX: Float32Array;
  private readonly validationY: Int32Array;
  /** Per layer l: weights [in, out] row-major, as in the engine's flat layout. */
  private readonly weights: Float32Array[];
  private readonly biases: Float32Array[];
  private readonly weightGradients: Float32Array[];
  private readonly biasGradients: Float32Array[];
  private readonly moments: { m: Float32Array; v: Float32Array }[];
  /** Activations per layer for one batch (index 0 = inputs), and their gradients. */
  private readonly activations: Float32Array[];
  private readonly deltas: Float32Array[];
  private readonly shuffle: Random;
  private readonly order: Int32Array;
  private updates = 0;
  private epochsDone = 0;

  constructor(
    private readonly config: ReferenceConfig,
    dataset: Dataset = generateDataset(config),
  ) {
    if (dataset.task !== 'classification')
      throw new Error('the reference MLP covers classification only (workload W)');
    this.classes = dataset.classes;
    this.width = config.features.length;
    this.sizes = [this.width, ...config.hiddenLayers, this.classes];
    const inputs = featurize(dataset.points, config.features);
    const rows = (indices: Int32Array) => {
      const x = new Float32Array(indices.length * this.width);
      const y = new Int32Array(indices.length);
      indices.forEach((index, row) => {
        x.set(inputs.subarray(index * this.width, (index + 1) * this.width), row * this.width);
        y[row] = dataset.labels[index]!;
      });
      return { x, y };
    };
    ({ x: this.trainX, y: this.trainY } = rows(dataset.trainIndices));
    ({ x: this.validationX, y: this.validationY } = rows(dataset.validationIndices));
    this.batchSize = Math.min(config.batchSize, this.trainY.length);
    this.stepsPerEpoch = Math.ceil(this.trainY.length / this.batchSize);

    // Glorot-uniform weights and zero biases from the engine's 'init' stream, drawn layer by
    // layer in the same order as src/core/model/network.ts, so both start from the same network.
    const init = createRandom(deriveSeed(config.seed, 'init'));
    this.weights = [];
    this.biases = [];
    for (let l = 0; l + 1 < this.sizes.length; l++) {
      const fanIn = this.sizes[l]!;
      const fanOut = this.sizes[l + 1]!;
      const limit = Math.sqrt(6 / (fanIn + fanOut));
      const w = new Float32Array(fanIn * fanOut);
      for (let i = 0; i < w.length; i++) w[i] = init.uniform(-limit, limit);
      this.weights.push(w);
      this.biases.push(new Float32Array(fanOut));
    }
    this.weightGradients = this.weights.map((w) => new Float32Array(w.length));
    this.biasGradients = this.biases.map((b) => new Float32Array(b.length));
    this.moments = [...this.weights, ...this.biases].map((p) => ({
      m: new Float32Array(p.length),
      v: new Float32Array(p.length),
    }));
    const largest = Math.max(this.batchSize, this.validationY.length, this.trainY.length);
    this.activations = this.sizes.map((n) => new Float32Array(largest * n));
    this.deltas = this.sizes.map((n) => new Float32Array(this.batchSize * n));
    this.shuffle = createRandom(deriveSeed(config.seed, 'shuffle'));
    this.order = new Int32Array(this.trainY.length);
  }

  get epoch(): number {
    return this.epochsDone;
  }

  /** One epoch: a fresh seeded shuffle, one Adam step per batch, then the evaluation. */
  trainEpoch(): ReferenceEpoch {
    permutation(this.shuffle, this.trainY.length, this.order);
    for (let start = 0; start < this.trainY.length; start += this.batchSize) {
      this.step(start, Math.min(this.batchSize, this.trainY.length - start));
    }
    this.epochsDone += 1;
    const train = this.evaluate(this.trainX, this.trainY);
    const validation = this.evaluate(this.validationX, this.validationY);
    return {
      epoch: this.epochsDone,
      trainLoss: train.loss,
      validationLoss: validation.loss,
      trainAccuracy: train.accuracy,
      validationAccuracy: validation.accuracy,
    };
  }

  private step(start: number, batch: number) {
    const input = this.activations[0]!;
    for (let row = 0; row < batch; row++) {
      const source = this.order[start + row]! * this.width;
      for (let j = 0; j < this.width; j++) input[row * this.width + j] = this.trainX[source + j]!;
    }
    const logits = this.forward(batch);

    // Softmax cross-entropy, mean over the batch: d loss / d logit = (softmax − one-hot) / batch.
    const C = this.classes;
    const top = this.deltas[this.deltas.length - 1]!;
    for (let row = 0; row < batch; row++) {
      const label = this.trainY[this.order[start + row]!]!;
      softmaxRow(logits, row * C, C, top);
      for (let c = 0; c < C; c++) top[row * C + c] = (top[row * C + c]! - (c === label ? 1 : 0)) / batch;
    }

    for (let l = this.weights.length - 1; l >= 0; l--) {
      const fanIn = this.sizes[l]!;
      const fanOut = this.sizes[l + 1]!;
      const below = this.activations[l]!;
      const delta = this.deltas[l + 1]!;
      const w = this.weights[l]!;
      const wGrad = this.weightGradients[l]!;
      const bGrad = this.biasGradients[l]!;
      wGrad.fill(0);
      bGrad.fill(0);
      for (let row = 0; row < batch; row++) {
        for (let i = 0; i < fanIn; i++) {
          const a = below[row * fanIn + i]!;
          for (let j = 0; j < fanOut; j++) wGrad[i * fanOut + j]! += a * delta[row * fanOut + j]!;
        }
        for (let j = 0; j < fanOut; j++) bGrad[j]! += delta[row * fanOut + j]!;
      }
      if (l === 0) break;
      // Back through the weights and the tanh below: d/dz tanh(z) = 1 − tanh(z)².
      const deltaBelow = this.deltas[l]!;
      for (let row = 0; row < batch; row++) {
        for (let i = 0; i < fanIn; i++) {
          let sum = 0;
          for (let j = 0; j < fanOut; j++) sum += w[i * fanOut + j]! * delta[row * fanOut + j]!;
          const a = below[row * fanIn + i]!;
          deltaBelow[row * fanIn + i] = sum * (1 - a * a);
        }
      }
    }

    // Adam as Kingma & Ba (2015) and PyTorch's torch.optim.Adam write it, ε added to the
    // bias-corrected root (src/core/train/optimizer.ts): θ ← θ − (η / bc₁) · m / (√(v / bc₂) + ε).
    // Keras' Adam adds ε to the uncorrected √v instead, a different optimizer when ε is large.
    this.updates += 1;
    const { beta1, beta2, epsilon, learningRate } = this.config;
    const stepSize = learningRate / (1 - Math.pow(beta1, this.updates));
    const secondCorrection = 1 - Math.pow(beta2, this.updates);
    const parameters = [...this.weights, ...this.biases];
    const gradients = [...this.weightGradients, ...this.biasGradients];
    for (let p = 0; p < parameters.length; p++) {
      const theta = parameters[p]!;
      const g = gradients[p]!;
      const { m, v } = this.moments[p]!;
      for (let i = 0; i < theta.length; i++) {
        const gi = g[i]!;
        m[i] = beta1 * m[i]! + (1 - beta1) * gi;
        v[i] = beta2 * v[i]! + (1 - beta2) * gi * gi;
        theta[i]! -= (stepSize * m[i]!) / (Math.sqrt(v[i]! / secondCorrection) + epsilon);
      }
    }
  }

  /** Forward pass over the first `rows` rows of activations[0]; returns the logits buffer. */
  private forward(rows: number): Float32Array {
    for (let l = 0; l < this.weights.length; l++) {
      const fanIn = this.sizes[l]!;
      const fanOut = this.sizes[l + 1]!;
      const below = this.activations[l]!;
      const above = this.activations[l + 1]!;
      const w = this.weights[l]!;
      const b = this.biases[l]!;
      const hidden = l < this.weights.length - 1;
      for (let row = 0; row < rows; row++) {
        for (let j = 0; j < fanOut; j++) {
          let z = b[j]!;
          for (let i = 0; i < fanIn; i++) z += below[row * fanIn + i]! * w[i * fanOut + j]!;
          above[row * fanOut + j] = hidden ? Math.tanh(z) : z;
        }
      }
    }
    return this.activations[this.activations.length - 1]!;
  }

  private evaluate(x: Float32Array, y: Int32Array): { loss: number; accuracy: number } {
    const n = y.length;
    this.activations[0]!.set(x);
    const logits = this.forward(n);
    const C = this.classes;
    let loss = 0;
    let correct = 0;
    for (let row = 0; row < n; row++) {
      let max = -Infinity;
      let best = 0;
      for (let c = 0; c < C; c++) {
        const value = logits[row * C + c]!;
        if (value > max) {
          max = value;
          best = c;
        }
      }
      let sum = 0;
      for (let c = 0; c < C; c++) sum += Math.exp(logits[row * C + c]! - max);
      loss += Math.log(sum) + max - logits[row * C + y[row]!]!;
      if (best === y[row]) correct += 1;
    }
    return { loss: loss / n, accuracy: correct / n };
  }
}

function softmaxRow(logits: Float32Array, offset: number, classes: number, out: Float32Array) {
  let max = -Infinity;
  for (let c = 0; c < classes; c++) max = Math.max(max, logits[offset + c]!);
  let sum = 0;
  for (let c = 0; c < classes; c++) {
    const e = Math.exp(logits[offset + c]! - max);
    out[offset + c] = e;
    sum += e;
  }
  for (let c = 0; c < classes; c++) out[offset + c]! /= sum;
}

/** Trains the floor for `epochs` epochs and returns its history. */
export function trainReference(config: ReferenceConfig, epochs: number, dataset?: Dataset): ReferenceEpoch[] {
  const mlp = new ReferenceMlp(config, dataset);
  const history: ReferenceEpoch[] = [];
  for (let e = 0; e < epochs; e++) history.push(mlp.trainEpoch());
  return history;
}
