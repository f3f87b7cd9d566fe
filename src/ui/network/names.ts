import { DEAD_CODES, nodeOffsets, type NetworkSnapshot } from '../../core/netview/view';
import type { NetworkMessages } from './messages';
import { formatValue } from './paint';

/** Where a node sits: its layer (0 the inputs) and its unit in that layer. */
export function locate(sizes: readonly number[], node: number): { layer: number; unit: number } {
  const { offsets } = nodeOffsets(sizes);
  let layer = 0;
  while (layer + 1 < sizes.length && offsets[layer + 1]! <= node) layer += 1;
  return { layer, unit: node - offsets[layer]! };
}

/** Inputs drawn as one element: no plane, and more of them than a column shows (the digits' pixels). */
export const asPixels = (snapshot: Pick<NetworkSnapshot, 'resolution' | 'sizes'>, limit: number): boolean =>
  snapshot.resolution === 0 && snapshot.sizes[0]! > limit;

/** A node's accessible name: "Layer 1, neuron 3, tanh". */
export function nodeName(
  t: NetworkMessages,
  snapshot: Pick<NetworkSnapshot, 'sizes' | 'task' | 'inputNames' | 'activation' | 'resolution'>,
  node: number,
  activationName: string,
  limit: number,
): string {
  const { sizes } = snapshot;
  const { layer, unit } = locate(sizes, node);
  if (layer === 0)
    return asPixels(snapshot, limit)
      ? t.pixels(sizes[0]!)
      : t.input(unit + 1, snapshot.inputNames[unit] ?? '');
  if (layer === sizes.length - 1)
    return snapshot.task === 'classification' ? t.outputClassification(sizes[layer]!) : t.outputRegression;
  return t.hidden(layer, unit + 1, activationName);
}

/** What a hovered or focused node says: its name, mean activation on the data, and a dead mark. */
export function nodeDescription(
  t: NetworkMessages,
  snapshot: NetworkSnapshot,
  node: number,
  activationName: string,
  limit: number,
): string {
  const parts = [nodeName(t, snapshot, node, activationName, limit)];
  const { layer } = locate(snapshot.sizes, node);
  if (!(layer === 0 && asPixels(snapshot, limit))) parts.push(t.mean(formatValue(snapshot.mean[node] ?? 0)));
  const dead = DEAD_CODES[snapshot.dead[node] ?? 0];
  if (dead === 'zero') parts.push(t.deadZero);
  if (dead === 'saturated') parts.push(t.deadSaturated);
  return parts.join(' · ');
}
