import { tf } from '../tf';
import { createRandom, deriveSeed } from '../random/random';
import type { SequenceConfig } from './config';
import type { SequenceOutputKind } from './tasks';

/**
 * A tiny transformer encoder and an LSTM baseline, written as explicit tensor ops over one flat
 * parameter vector [1, P], like src/core/model/network.ts: the engine's optimizer, clipping and
 * schedule then apply unchanged, and the initial weights come from the seed in plain JS, the same
 * whatever the backend.
 */

export type SequenceInitializer = 'glorot' | 'zeros' | 'ones' | 'forget-bias';

/** Where one named tensor sits in the flat vector. */
export interface ParameterSlot {
  name: string;
  shape: number[];
  offset: number;
  size: number;
  init: SequenceInitializer;
}

export interface SequenceArchitecture {
  model: SequenceConfig['model'];
  vocabulary: number;
  classes: number;
  output: SequenceOutputKind;
  width: number;
  heads: number;
  layers: number;
  ffWidth: number;
  maxLength: number;
}

export interface SequenceLayout {
  architecture: SequenceArchitecture;
  slots: Map<string, ParameterSlot>;
  parameterCount: number;
}

export function sequenceLayout(architecture: SequenceArchitecture): SequenceLayout {
  const { vocabulary, classes, width, ffWidth, maxLength } = architecture;
  const slots = new Map<string, ParameterSlot>();
  let offset = 0;
  const add = (name: string, shape: number[], init: SequenceInitializer) => {
    const size = shape.reduce((a, b) => a * b, 1);
    slots.set(name, { name, shape, offset, size, init });
    offset += size;
  };
  add('tokenEmbedding', [vocabulary, width], 'glorot');
  if (architecture.model === 'transformer') {
    add('positionEmbedding', [maxLength, width], 'glorot');
    for (let l = 0; l < architecture.layers; l++) {
      add(`block${l}.attentionNorm.scale`, [width], 'ones');
      add(`block${l}.attentionNorm.shift`, [width], 'zeros');
      // Query, key and value projections side by side: one matMul instead of three.
      add(`block${l}.queryKeyValue`, [width, 3 * width], 'glorot');
      add(`block${l}.queryKeyValue.bias`, [3 * width], 'zeros');
      add(`block${l}.attentionOutput`, [width, width], 'glorot');
      add(`block${l}.attentionOutput.bias`, [width], 'zeros');
      add(`block${l}.feedForwardNorm.scale`, [width], 'ones');
      add(`block${l}.feedForwardNorm.shift`, [width], 'zeros');
      add(`block${l}.feedForwardIn`, [width, ffWidth], 'glorot');
      add(`block${l}.feedForwardIn.bias`, [ffWidth], 'zeros');
      add(`block${l}.feedForwardOut`, [ffWidth, width], 'glorot');
      add(`block${l}.feedForwardOut.bias`, [width], 'zeros');
    }
    add('finalNorm.scale', [width], 'ones');
    add('finalNorm.shift', [width], 'zeros');
  } else {
    // Gates in Keras' order i, f, c, o; the recurrent kernel is Glorot too (Keras uses orthogonal,
    // which needs a QR decomposition we would hand-roll for no visible gain at this size).
    add('lstm.input', [width, 4 * width], 'glorot');
    add('lstm.recurrent', [width, 4 * width], 'glorot');
    add('lstm.bias', [4 * width], 'forget-bias');
  }
  add('classifier', [width, classes], 'glorot');
  add('classifier.bias', [classes], 'zeros');
  return { architecture, slots, parameterCount: offset };
}

export function architectureOf(
  config: SequenceConfig,
  vocabulary: number,
  classes: number,
  output: SequenceOutputKind,
): SequenceArchitecture {
  return {
    model: config.model,
    vocabulary,
    classes,
    output,
    width: config.width,
    heads: config.model === 'transformer' ? config.heads : 1,
    layers: config.model === 'transformer' ? config.layers : 1,
    ffWidth: config.ffWidth,
    maxLength: config.maxLength,
  };
}

/**
 * Glorot-uniform matrices, ones for norm scales, zeros for biases, and a forget-gate bias of 1
 * (Jozefowicz et al. 2015; Keras' unit_forget_bias), drawn in JS from the seed.
 */
export function initialSequenceParameters(layout: SequenceLayout, seed: number): Float32Array {
  const out = new Float32Array(layout.parameterCount);
  const random = createRandom(deriveSeed(seed, 'sequence-init'));
  for (const slot of layout.slots.values()) {
    switch (slot.init) {
      case 'glorot': {
        const [fanIn, fanOut] = slot.shape as [number, number];
        const limit = Math.sqrt(6 / (fanIn + fanOut));
        for (let i = 0; i < slot.size; i++) out[slot.offset + i] = random.uniform(-limit, limit);
        break;
      }
      case 'ones':
        out.fill(1, slot.offset, slot.offset + slot.size);
        break;
      case 'forget-bias': {
        const units = slot.size / 4;
        out.fill(1, slot.offset + units, slot.offset + 2 * units);
        break;
      }
      case 'zeros':
        break;
    }
  }
  return out;
}

/** Per-step randomness for training: inverted-dropout masks drawn in JS from the run's seed. */
export interface SequenceDropoutMasks {
  /** Per layer: [B·H, T, T], multiplies the attention weights. */
  attention: (tf.Tensor | null)[];
  /** Per layer: two [B·T, d] masks, after attention and after the feed-forward block. */
  residual: (tf.Tensor | null)[][];
  /** LSTM only: [B·T, d], on the states the classifier reads. */
  output: tf.Tensor | null;
}

export interface SequenceForwardOptions {
  masks?: SequenceDropoutMasks;
  /** Collects each layer's attention weights [B, H, T, T] here. */
  attention?: tf.Tensor[];
}

function slot(layout: SequenceLayout, parameters: tf.Tensor2D, name: string): tf.Tensor {
  const s = layout.slots.get(name);
  if (!s) throw new Error(`no parameter ${name}`);
  return tf.reshape(tf.slice(parameters, [0, s.offset], [1, s.size]), s.shape);
}

function layerNorm(x: tf.Tensor2D, scale: tf.Tensor, shift: tf.Tensor): tf.Tensor2D {
  const { mean, variance } = tf.moments(x, -1, true);
  return tf.add(
    tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5))), scale),
    shift,
  ) as tf.Tensor2D;
}

function dense(x: tf.Tensor2D, weights: tf.Tensor, bias: tf.Tensor): tf.Tensor2D {
  return tf.add(tf.matMul(x, weights as tf.Tensor2D), bias) as tf.Tensor2D;
}

/**
 * Logits for a batch of token rows already cut to at most `maxLength` and padded with 0.
 * `tokens` is int32 [B, T]; `mask` is [B, T] with 1 for real tokens. Returns [B, C] for
 * sequence tasks (mean over the real positions, then the classifier) or [B, T, C] per position.
 */
export function sequenceForward(
  layout: SequenceLayout,
  parameters: tf.Tensor2D,
  tokens: tf.Tensor2D,
  mask: tf.Tensor2D,
  options: SequenceForwardOptions = {},
): tf.Tensor {
  const a = layout.architecture;
  const [batch, length] = tokens.shape;
  if (length > a.maxLength)
    throw new Error(
      `inputs of ${length} tokens exceed the maximum length ${a.maxLength}: truncate them first`,
    );
  const d = a.width;
  // A one-hot matMul rather than tf.gather: gather's gradient (UnsortedSegmentSum) loops over the
  // vocabulary on the cpu backend and cost half of each training step (measured).
  const oneHot = tf.oneHot(tf.reshape(tokens, [-1]) as tf.Tensor1D, a.vocabulary) as tf.Tensor2D;
  const embedded = tf.reshape(
    tf.matMul(tf.cast(oneHot, 'float32'), slot(layout, parameters, 'tokenEmbedding') as tf.Tensor2D),
    [batch, length, d],
  );
  let hidden: tf.Tensor2D;
  if (a.model === 'transformer') {
    const positions = tf.slice(slot(layout, parameters, 'positionEmbedding'), [0, 0], [length, d]);
    hidden = tf.reshape(tf.add(embedded, positions), [batch * length, d]) as tf.Tensor2D;
    for (let l = 0; l < a.layers; l++)
      hidden = transformerBlock(layout, parameters, hidden, mask, l, options);
    hidden = layerNorm(
      hidden,
      slot(layout, parameters, 'finalNorm.scale'),
      slot(layout, parameters, 'finalNorm.shift'),
    );
  } else {
    hidden = lstm(layout, parameters, embedded as tf.Tensor3D, mask);
    if (options.masks?.output) hidden = tf.mul(hidden, options.masks.output) as tf.Tensor2D;
  }
  const classifier = slot(layout, parameters, 'classifier');
  const classifierBias = slot(layout, parameters, 'classifier.bias');
  if (a.output === 'position')
    return tf.reshape(dense(hidden, classifier, classifierBias), [batch, length, a.classes]);
  let pooled: tf.Tensor2D;
  if (a.model === 'transformer') {
    // Mean over the real tokens only: padding must not dilute the summary of a short sequence.
    const weights = tf.div(mask, tf.maximum(tf.sum(mask, 1, true), 1));
    pooled = tf.squeeze(
      tf.matMul(tf.reshape(weights, [batch, 1, length]), tf.reshape(hidden, [batch, length, d])),
      [1],
    ) as tf.Tensor2D;
  } else {
    // The LSTM's state after its last real token (padding steps leave the state unchanged).
    pooled = tf.reshape(tf.slice(tf.reshape(hidden, [batch, length, d]), [0, length - 1, 0], [batch, 1, d]), [
      batch,
      d,
    ]) as tf.Tensor2D;
  }
  return dense(pooled, classifier, classifierBias);
}

/** One pre-norm block (as in GPT-2 and most small transformers: it trains without warm-up). */
function transformerBlock(
  layout: SequenceLayout,
  parameters: tf.Tensor2D,
  x: tf.Tensor2D,
  mask: tf.Tensor2D,
  l: number,
  options: SequenceForwardOptions,
): tf.Tensor2D {
  const a = layout.architecture;
  const [batch, length] = mask.shape;
  const d = a.width;
  const heads = a.heads;
  const headSize = d / heads;
  const p = (name: string) => slot(layout, parameters, `block${l}.${name}`);

  const normed = layerNorm(x, p('attentionNorm.scale'), p('attentionNorm.shift'));
  // [B·T, 3d] → [3, B, H, T, headSize]
  const qkv = tf.transpose(
    tf.reshape(dense(normed, p('queryKeyValue'), p('queryKeyValue.bias')), [
      batch,
      length,
      3,
      heads,
      headSize,
    ]),
    [2, 0, 3, 1, 4],
  );
  const part = (i: number) =>
    tf.reshape(tf.slice(qkv, [i, 0, 0, 0, 0], [1, batch, heads, length, headSize]), [
      batch * heads,
      length,
      headSize,
    ]) as tf.Tensor3D;
  const scores = tf.reshape(tf.div(tf.matMul(part(0), part(1), false, true), Math.sqrt(headSize)), [
    batch,
    heads,
    length,
    length,
  ]);
  // Padding keys get −1e9 before the softmax, so no real token attends to padding.
  const keyMask = tf.reshape(tf.mul(tf.sub(1, mask), -1e9), [batch, 1, 1, length]);
  const weights = tf.softmax(tf.add(scores, keyMask));
  options.attention?.push(weights);
  let attended: tf.Tensor = tf.reshape(weights, [batch * heads, length, length]);
  const attentionMask = options.masks?.attention[l];
  if (attentionMask) attended = tf.mul(attended, attentionMask);
  const context = tf.matMul(attended as tf.Tensor3D, part(2));
  const merged = tf.reshape(
    tf.transpose(tf.reshape(context, [batch, heads, length, headSize]), [0, 2, 1, 3]),
    [batch * length, d],
  ) as tf.Tensor2D;
  let attentionOut: tf.Tensor = dense(merged, p('attentionOutput'), p('attentionOutput.bias'));
  const [afterAttention, afterFeedForward] = options.masks?.residual[l] ?? [null, null];
  if (afterAttention) attentionOut = tf.mul(attentionOut, afterAttention);
  const residual = tf.add(x, attentionOut) as tf.Tensor2D;

  const normed2 = layerNorm(residual, p('feedForwardNorm.scale'), p('feedForwardNorm.shift'));
  let feedForward: tf.Tensor = dense(
    tf.relu(dense(normed2, p('feedForwardIn'), p('feedForwardIn.bias'))),
    p('feedForwardOut'),
    p('feedForwardOut.bias'),
  );
  if (afterFeedForward) feedForward = tf.mul(feedForward, afterFeedForward);
  return tf.add(residual, feedForward) as tf.Tensor2D;
}

/** An LSTM over [B, T, d], returning every step's state as [B·T, d]; padding steps keep the state. */
function lstm(
  layout: SequenceLayout,
  parameters: tf.Tensor2D,
  embedded: tf.Tensor3D,
  mask: tf.Tensor2D,
): tf.Tensor2D {
  const [batch, length, d] = embedded.shape;
  const inputKernel = slot(layout, parameters, 'lstm.input') as tf.Tensor2D;
  const recurrentKernel = slot(layout, parameters, 'lstm.recurrent') as tf.Tensor2D;
  const bias = slot(layout, parameters, 'lstm.bias');
  // Input projections for every step at once: one matMul instead of T.
  const projected = tf.reshape(
    tf.add(tf.matMul(tf.reshape(embedded, [batch * length, d]), inputKernel), bias),
    [batch, length, 4 * d],
  );
  // Unstacked once: T slices would each back-propagate as a full-size padded gradient.
  const steps = tf.unstack(projected, 1) as tf.Tensor2D[];
  const keeps = tf.unstack(tf.reshape(mask, [batch, length, 1]), 1) as tf.Tensor2D[];
  let h: tf.Tensor2D = tf.zeros([batch, d]);
  let c: tf.Tensor2D = tf.zeros([batch, d]);
  const states: tf.Tensor2D[] = [];
  for (let t = 0; t < length; t++) {
    const gates = tf.add(steps[t]!, tf.matMul(h, recurrentKernel));
    const [i, f, g, o] = tf.split(gates, 4, 1) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
    const nextC = tf.add(tf.mul(tf.sigmoid(f), c), tf.mul(tf.sigmoid(i), tf.tanh(g)));
    const nextH = tf.mul(tf.sigmoid(o), tf.tanh(nextC));
    // Padding steps keep the state: s ← s + keep·(next − s).
    const keep = keeps[t]!;
    c = tf.add(c, tf.mul(keep, tf.sub(nextC, c))) as tf.Tensor2D;
    h = tf.add(h, tf.mul(keep, tf.sub(nextH, h))) as tf.Tensor2D;
    states.push(h);
  }
  return tf.reshape(tf.stack(states, 1), [batch * length, d]) as tf.Tensor2D;
}

/**
 * Cuts every row to its first `maxLength` tokens, exactly as a model with a fixed position table
 * must, and pads to the longest kept row. Returns the kept lengths too.
 */
export function truncateAndPad(
  rows: readonly (readonly number[])[],
  maxLength: number,
): { tokens: Int32Array; mask: Float32Array; length: number; kept: number[] } {
  const kept = rows.map((row) => Math.min(row.length, maxLength));
  const length = Math.max(1, ...kept);
  const tokens = new Int32Array(rows.length * length);
  const mask = new Float32Array(rows.length * length);
  rows.forEach((row, r) => {
    for (let t = 0; t < kept[r]!; t++) {
      tokens[r * length + t] = row[t]!;
      mask[r * length + t] = 1;
    }
  });
  return { tokens, mask, length, kept };
}
