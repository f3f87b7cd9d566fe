/**
 * Where the diagram's neurons and lines go, as plain numbers: columns of neurons left to right
 * (inputs, hidden layers, the output), each column centred, lines from each drawn neuron to each
 * drawn neuron of the next column. The output is one element drawing the network's answer; the
 * lines into it are one per class (per output unit).
 */
import { networkLayout, type NetworkLayout } from '../../core/model/layout';
import { nodeOffsets, weightIndex } from '../../core/netview/view';

export type NodeKind = 'input' | 'pixels' | 'hidden' | 'output';

export interface PlacedNode {
  /** Index over all nodes (inputs first); the output element carries its first output's index. */
  node: number;
  layer: number;
  unit: number;
  kind: NodeKind;
  column: number;
  row: number;
  x: number;
  y: number;
}

export interface PlacedLine {
  /** The weight's index in the flat parameter vector. */
  index: number;
  layer: number;
  from: number;
  to: number;
  /** The output unit it feeds, for lines into the output element; null otherwise. */
  outputUnit: number | null;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface MoreButton {
  layer: number;
  hidden: number;
  expanded: boolean;
  x: number;
  y: number;
}

export interface Geometry {
  layout: NetworkLayout;
  width: number;
  height: number;
  node: number;
  nodes: PlacedNode[];
  lines: PlacedLine[];
  more: MoreButton[];
}

export interface Sizing {
  node: number;
  columnGap: number;
  rowGap: number;
  /** Neurons a column shows before "+N more". */
  limit: number;
}

export const FULL: Sizing = { node: 40, columnGap: 84, rowGap: 10, limit: 8 };
export const COMPACT: Sizing = { node: 18, columnGap: 34, rowGap: 4, limit: 6 };

const PAD = 4;
const MORE_HEIGHT = 26;

/**
 * `shown[layer]` lists the units drawn of each hidden layer (and of the inputs); the output
 * column is always its one element. Without a plane and with more inputs than fit (the digits'
 * 64 pixels), the inputs are one element: the first layer's weight images stand for those lines.
 */
export function placeNetwork(
  sizes: readonly number[],
  shown: readonly (readonly number[])[],
  expanded: ReadonlySet<number>,
  plane: boolean,
  sizing: Sizing,
): Geometry {
  const layout = networkLayout(sizes[0]!, sizes.slice(1, -1), sizes.at(-1)!);
  const { offsets } = nodeOffsets(sizes);
  const last = sizes.length - 1;
  const pixels = !plane && sizes[0]! > sizing.limit;
  const columns: { layer: number; units: number[]; kind: NodeKind }[] = sizes.map((_, layer) => {
    if (layer === last) return { layer, units: [0], kind: 'output' };
    if (layer === 0 && pixels) return { layer, units: [0], kind: 'pixels' };
    return { layer, units: [...(shown[layer] ?? [])], kind: layer === 0 ? 'input' : 'hidden' };
  });
  const pitch = sizing.node + sizing.rowGap;
  const hasMore = columns.some(
    (c) => c.kind !== 'output' && c.kind !== 'pixels' && sizes[c.layer]! > sizing.limit,
  );
  const rows = Math.max(...columns.map((c) => c.units.length));
  const height = PAD * 2 + rows * pitch - sizing.rowGap + (hasMore ? MORE_HEIGHT : 0);
  const width = PAD * 2 + columns.length * sizing.node + (columns.length - 1) * sizing.columnGap;
  const nodes: PlacedNode[] = [];
  const more: MoreButton[] = [];
  const byColumn: PlacedNode[][] = columns.map((column, c) => {
    const top = PAD + ((rows - column.units.length) * pitch) / 2;
    const x = PAD + c * (sizing.node + sizing.columnGap);
    const placed = column.units.map((unit, row) => ({
      node: offsets[column.layer]! + unit,
      layer: column.layer,
      unit,
      kind: column.kind,
      column: c,
      row,
      x,
      y: top + row * pitch,
    }));
    nodes.push(...placed);
    const hidden = sizes[column.layer]! - column.units.length;
    if (column.kind !== 'output' && column.kind !== 'pixels' && (hidden > 0 || expanded.has(column.layer)))
      more.push({
        layer: column.layer,
        hidden,
        expanded: expanded.has(column.layer),
        x,
        y: height - MORE_HEIGHT,
      });
    return placed;
  });
  const lines: PlacedLine[] = [];
  const half = sizing.node / 2;
  for (let c = 0; c + 1 < columns.length; c++) {
    if (columns[c]!.kind === 'pixels') continue;
    const into = columns[c + 1]!;
    for (const source of byColumn[c]!) {
      for (const target of byColumn[c + 1]!) {
        const targets =
          into.kind === 'output' ? Array.from({ length: sizes[last]! }, (_, k) => k) : [target.unit];
        for (const to of targets) {
          const spread =
            into.kind === 'output' && targets.length > 1 ? (to / (targets.length - 1) - 0.5) * half : 0;
          lines.push({
            index: weightIndex(layout, source.layer, source.unit, to),
            layer: source.layer,
            from: source.unit,
            to,
            outputUnit: into.kind === 'output' ? to : null,
            x1: source.x + sizing.node,
            y1: source.y + half,
            x2: target.x,
            y2: target.y + half + spread,
          });
        }
      }
    }
  }
  return { layout, width, height, node: sizing.node, nodes, lines, more };
}
