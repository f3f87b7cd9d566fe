/**
 * What the network view shows, as pure functions over numbers: which unit is which in the flat
 * parameter vector, how each neuron behaves on the data (mean activation, dead or saturated),
 * which neurons of a wide layer to show, and how a weight's line is drawn. The worker computes the
 * activations with the population engine's forward pass; everything here runs anywhere.
 */
import type { Activation } from '../config/parameters';
import type { NetworkLayout } from '../model/layout';

/** Why a unit does nothing useful: a ReLU that is 0 on all the data, a tanh/sigmoid stuck at its limits. */
export type DeadKind = 'zero' | 'saturated';

/** Codes of `DeadKind` in a transferable array: 0 alive. */
export const DEAD_CODES: readonly (DeadKind | null)[] = [null, 'zero', 'saturated'];

/**
 * One refresh of a member's network view, as the worker sends it. Columns of `grid` and entries of
 * `mean`/`dead` run over the nodes in order: inputs, each hidden layer, then the outputs
 * (probabilities for classification, the value for regression).
 */
export interface NetworkSnapshot {
  epoch: number;
  /** Layer sizes: inputs, hidden layers, outputs (as in `NetworkLayout.sizes`). */
  sizes: number[];
  activation: Activation;
  task: 'classification' | 'regression';
  /** What each input is: the features' symbols (x₁, sin(x₁)…) or the file's column names. */
  inputNames: string[];
  /** The regression targets' range, which the boundary's colour scale spans; null for classification. */
  outputRange: [number, number] | null;
  /** Cells per side of the heatmaps, 0 when the data has no plane (digits). */
  resolution: number;
  /** [cells, nodes] values over the plane, row 0 at the top; empty without a plane. */
  grid: Float32Array;
  /** The member's flat parameter vector, as the worker holds it now. */
  parameters: Float32Array;
  /** Mean activation of each node over the dataset's examples. */
  mean: Float32Array;
  /** Each node's `DEAD_CODES` index (inputs and outputs are never dead). */
  dead: Uint8Array;
}

/** Where each layer's nodes start among all nodes (inputs first), and the total. */
export function nodeOffsets(sizes: readonly number[]): { offsets: number[]; total: number } {
  const offsets: number[] = [];
  let total = 0;
  for (const size of sizes) {
    offsets.push(total);
    total += size;
  }
  return { offsets, total };
}

/** Index in the flat parameter vector of the weight from unit `from` of layer `layer` to unit `to` of the next. */
export function weightIndex(layout: NetworkLayout, layer: number, from: number, to: number): number {
  const slot = layout.layers[layer];
  if (!slot || from < 0 || from >= slot.inputs || to < 0 || to >= slot.outputs)
    throw new RangeError(`no weight ${layer}:${from}→${to}`);
  // [W; b] rows are inputs, columns outputs: row-major [in, out] (network.ts layerWeights).
  return slot.weightOffset + from * slot.outputs + to;
}

/** Index of the bias of unit `unit` in layer `layer + 1` (the slot that computes it). */
export function biasIndex(layout: NetworkLayout, layer: number, unit: number): number {
  const slot = layout.layers[layer];
  if (!slot || unit < 0 || unit >= slot.outputs) throw new RangeError(`no bias ${layer}:${unit}`);
  return slot.biasOffset + unit;
}

/** What a flat-vector index holds: the weight `layer`:`from`→`to`, or the bias of unit `unit` of slot `layer`. */
export type ParameterPlace =
  { kind: 'weight'; layer: number; from: number; to: number } | { kind: 'bias'; layer: number; unit: number };

export function parameterAt(layout: NetworkLayout, index: number): ParameterPlace | null {
  for (const [layer, slot] of layout.layers.entries()) {
    if (index >= slot.weightOffset && index < slot.biasOffset) {
      const offset = index - slot.weightOffset;
      return { kind: 'weight', layer, from: Math.floor(offset / slot.outputs), to: offset % slot.outputs };
    }
    if (index >= slot.biasOffset && index < slot.biasOffset + slot.outputs)
      return { kind: 'bias', layer, unit: index - slot.biasOffset };
  }
  return null;
}

const SATURATION: Partial<Record<Activation, (a: number) => boolean>> = {
  tanh: (a) => Math.abs(a) > 0.99,
  sigmoid: (a) => a < 0.01 || a > 0.99,
};

/** A unit counts as saturated when its activation sits at a limit on at least this share of the examples. */
export const SATURATED_SHARE = 0.95;

/**
 * How a unit behaves over `rows` examples of a row-major [rows, width] array, column `column`:
 * its mean, and whether it is dead. A ReLU that never exceeds 0 passes no gradient and never
 * recovers; a tanh or sigmoid pinned at ±1 (0/1) has a near-zero gradient on nearly all the data.
 */
export function unitBehaviour(
  values: Float32Array,
  rows: number,
  width: number,
  column: number,
  activation: Activation,
): { mean: number; dead: DeadKind | null } {
  if (rows === 0) return { mean: 0, dead: null };
  let sum = 0;
  let largest = -Infinity;
  let saturated = 0;
  const atLimit = SATURATION[activation];
  for (let row = 0; row < rows; row++) {
    const a = values[row * width + column]!;
    sum += a;
    if (a > largest) largest = a;
    if (atLimit?.(a)) saturated += 1;
  }
  let dead: DeadKind | null = null;
  if (activation === 'relu' && largest <= 0) dead = 'zero';
  else if (atLimit && saturated >= SATURATED_SHARE * rows) dead = 'saturated';
  return { mean: sum / rows, dead };
}

/**
 * Mean activation and dead code of every node over `rows` examples of [rows, nodes] activations
 * (inputs, hidden layers, outputs). Only hidden units can be dead.
 */
export function nodeBehaviour(
  values: Float32Array,
  rows: number,
  sizes: readonly number[],
  activation: Activation,
): { mean: Float32Array; dead: Uint8Array } {
  const { offsets, total } = nodeOffsets(sizes);
  const mean = new Float32Array(total);
  const dead = new Uint8Array(total);
  for (let layer = 0; layer < sizes.length; layer++) {
    const hidden = layer > 0 && layer < sizes.length - 1;
    for (let unit = 0; unit < sizes[layer]!; unit++) {
      const node = offsets[layer]! + unit;
      const behaviour = unitBehaviour(values, rows, total, node, hidden ? activation : 'linear');
      mean[node] = behaviour.mean;
      dead[node] = hidden ? DEAD_CODES.indexOf(behaviour.dead) : 0;
    }
  }
  return { mean, dead };
}

/**
 * The units of a layer to draw when only `limit` fit: the most active (largest |mean activation|),
 * listed in their own order so the picture does not shuffle; all of them when they fit.
 */
export function visibleUnits(means: ArrayLike<number>, limit: number): number[] {
  const units = Array.from({ length: means.length }, (_, i) => i);
  if (units.length <= limit) return units;
  const ranked = [...units].sort((a, b) => Math.abs(means[b]!) - Math.abs(means[a]!) || a - b);
  return ranked.slice(0, Math.max(0, limit)).sort((a, b) => a - b);
}

export interface LineStyle {
  positive: boolean;
  /** Stroke width in pixels. */
  width: number;
  opacity: number;
}

/**
 * Steps of |w| relative to the largest weight that a line can show: 1/40 of the width range is
 * about a tenth of a pixel, below what the eye tells apart, and a line whose weight moves within
 * one step keeps its look, so a refresh rewrites only the lines that visibly changed.
 */
export const LINE_STEPS = 40;

/**
 * A weight's line: blue for positive, orange for negative (TensorFlow Playground's colours), wider
 * and more opaque as |w| grows relative to the largest weight drawn, so the few strong paths stand out.
 */
export function lineStyle(weight: number, largest: number, maxWidth = 5): LineStyle {
  const exact = largest > 0 && Number.isFinite(weight) ? Math.min(1, Math.abs(weight) / largest) : 0;
  const share = Math.round(exact * LINE_STEPS) / LINE_STEPS;
  return {
    positive: weight >= 0,
    width: 0.5 + (maxWidth - 0.5) * share,
    opacity: 0.2 + 0.8 * share,
  };
}

/** The largest |w| over every weight of the layout (biases left out); 0 for none. */
export function largestWeight(parameters: Float32Array, layout: NetworkLayout): number {
  let largest = 0;
  for (const slot of layout.layers)
    for (let i = slot.weightOffset; i < slot.biasOffset; i++) {
      const w = Math.abs(parameters[i]!);
      if (Number.isFinite(w) && w > largest) largest = w;
    }
  return largest;
}

/** The incoming weights of first-layer unit `unit`, one per input (8×8 of them for the digits). */
export function incomingWeights(parameters: Float32Array, layout: NetworkLayout, unit: number): Float32Array {
  const slot = layout.layers[0]!;
  const out = new Float32Array(slot.inputs);
  for (let input = 0; input < slot.inputs; input++)
    out[input] = parameters[weightIndex(layout, 0, input, unit)]!;
  return out;
}

const ACTIVATIONS: Record<Activation, (x: number) => number> = {
  relu: (x) => Math.max(0, x),
  tanh: Math.tanh,
  sigmoid: (x) => 1 / (1 + Math.exp(-x)),
  linear: (x) => x,
  elu: (x) => (x > 0 ? x : Math.expm1(x)),
  gelu: (x) => 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3))),
};

/**
 * Every node's value for `rows` inputs [rows, inputs] by a plain loop over the flat parameters:
 * [rows, nodes] with inputs, hidden activations and outputs (softmax probabilities when
 * `classification`). The reference the worker's batched pass is checked against.
 */
export function directActivations(
  layout: NetworkLayout,
  activation: Activation,
  parameters: Float32Array,
  inputs: Float32Array,
  classification: boolean,
): Float32Array {
  const { offsets, total } = nodeOffsets(layout.sizes);
  const rows = inputs.length / layout.sizes[0]!;
  const out = new Float32Array(rows * total);
  const last = layout.layers.length - 1;
  for (let row = 0; row < rows; row++) {
    let h = Array.from(inputs.subarray(row * layout.sizes[0]!, (row + 1) * layout.sizes[0]!));
    out.set(h, row * total);
    layout.layers.forEach((slot, l) => {
      const z = new Array<number>(slot.outputs).fill(0);
      for (let j = 0; j < slot.outputs; j++) {
        let sum = parameters[slot.biasOffset + j]!;
        for (let i = 0; i < slot.inputs; i++)
          sum += h[i]! * parameters[slot.weightOffset + i * slot.outputs + j]!;
        z[j] = sum;
      }
      if (l < last) h = z.map(ACTIVATIONS[activation]);
      else if (classification) {
        const top = Math.max(...z);
        const e = z.map((v) => Math.exp(v - top));
        const s = e.reduce((a, b) => a + b, 0);
        h = e.map((v) => v / s);
      } else h = z;
      out.set(h, row * total + offsets[l + 1]!);
    });
  }
  return out;
}
