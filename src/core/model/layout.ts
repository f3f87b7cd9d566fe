/** The flat parameter layout of a dense network: pure numbers, no TensorFlow.js, so the page can read it. */
/** Where one dense layer's weights and biases sit in the flat parameter vector. */
export interface LayerSlot {
  inputs: number;
  outputs: number;
  weightOffset: number;
  biasOffset: number;
}

/**
 * The parameters of a dense network, laid out as one flat vector per network: [W₀, b₀, W₁, b₁, …].
 * One flat vector (stacked to [K, P] for a population of K) makes the optimizer update, gradient
 * clipping and the penalties a handful of tensor operations whatever the depth; per-operation
 * overhead, not arithmetic, is what these small networks cost (see docs/benchmarks.md).
 */
export interface NetworkLayout {
  sizes: number[];
  layers: LayerSlot[];
  parameterCount: number;
}

export function networkLayout(
  inputs: number,
  hiddenLayers: readonly number[],
  outputs: number,
): NetworkLayout {
  const sizes = [inputs, ...hiddenLayers, outputs];
  const layers: LayerSlot[] = [];
  let offset = 0;
  for (let l = 0; l + 1 < sizes.length; l++) {
    const slot = {
      inputs: sizes[l]!,
      outputs: sizes[l + 1]!,
      weightOffset: offset,
      biasOffset: offset + sizes[l]! * sizes[l + 1]!,
    };
    offset = slot.biasOffset + slot.outputs;
    layers.push(slot);
  }
  return { sizes, layers, parameterCount: offset };
}
