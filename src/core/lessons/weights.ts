import type { NetworkLayout } from '../model/network';

/** The weights of a flat parameter vector, biases left out: what L1 and L2 act on. */
export function weightValues(parameters: Float32Array, layout: NetworkLayout): Float32Array {
  const count = layout.layers.reduce((sum, slot) => sum + slot.inputs * slot.outputs, 0);
  const out = new Float32Array(count);
  let offset = 0;
  for (const slot of layout.layers) {
    out.set(parameters.subarray(slot.weightOffset, slot.biasOffset), offset);
    offset += slot.biasOffset - slot.weightOffset;
  }
  return out;
}

/** How many weights are (practically) zero: |w| < threshold. */
export function countSmallWeights(weights: Float32Array, threshold = 1e-3): number {
  let count = 0;
  for (const w of weights) if (Math.abs(w) < threshold) count += 1;
  return count;
}

export interface WeightHistogram {
  /** Left edges of the bins, symmetric around zero; the middle bin is centred on 0. */
  binStarts: number[];
  binWidth: number;
  counts: number[];
  /** Weights with |w| < 1e-3, the pile-up that L1 makes. */
  zeros: number;
}

/**
 * A histogram of weights with an odd number of equal bins over [-limit, limit], so zero sits in
 * the middle of a bin; weights beyond the limit count in the outermost bins.
 */
export function weightHistogram(weights: Float32Array, bins = 21, limit?: number): WeightHistogram {
  const oddBins = bins % 2 === 1 ? bins : bins + 1;
  let largest = 0;
  for (const w of weights) if (Number.isFinite(w)) largest = Math.max(largest, Math.abs(w));
  const range = limit ?? Math.max(largest, 1e-3);
  const binWidth = (2 * range) / oddBins;
  const counts = new Array<number>(oddBins).fill(0);
  for (const w of weights) {
    if (!Number.isFinite(w)) continue;
    const bin = Math.min(oddBins - 1, Math.max(0, Math.floor((w + range) / binWidth)));
    counts[bin]! += 1;
  }
  return {
    binStarts: counts.map((_, i) => -range + i * binWidth),
    binWidth,
    counts,
    zeros: countSmallWeights(weights),
  };
}
