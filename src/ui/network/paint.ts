/**
 * The pictures of a network snapshot as pixels: each neuron's heatmap, a first layer's weight
 * images, a unit's mean. The diagram gathers them into one buffer and one canvas (diagram.ts);
 * the preview and the editor paint one each on a canvas of their own.
 */
import { DEAD_CODES, incomingWeights, nodeOffsets, type NetworkSnapshot } from '../../core/netview/view';
import type { NetworkLayout } from '../../core/model/layout';
import { CLASS_COLORS, probabilityColor, rgb, valueColor, type Rgb } from '../charts/boundaryPaint';

/** Blue for positive weights, orange for negative: the decision boundary's two class colours. */
export const POSITIVE = rgb(CLASS_COLORS[1]!);
export const NEGATIVE = rgb(CLASS_COLORS[0]!);

/** Writes one opaque pixel; true when it differs from what the buffer held. */
function write(data: Uint8ClampedArray, pixel: number, red: number, green: number, blue: number): boolean {
  const i = 4 * pixel;
  const before = data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24);
  data[i] = red;
  data[i + 1] = green;
  data[i + 2] = blue;
  data[i + 3] = 255;
  return before !== (data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24));
}

function put(data: Uint8ClampedArray, pixel: number, color: Rgb): boolean {
  return write(data, pixel, color[0], color[1], color[2]);
}

/** Steps of the diverging scale's lookup table: adjacent entries differ by under one colour level. */
const SCALE_STEPS = 1024;

/**
 * The diverging scale `valueColor(v, -1, 1)` at `SCALE_STEPS + 1` points, as RGBA bytes: a heatmap
 * looks each cell up instead of mixing three channels into a fresh array, which at a dozen
 * refreshes of 50 heatmaps a second was most of the page's painting and its garbage. Built on the
 * first heatmap, not when the module loads: the playground loads it before its first render,
 * and the table's thousand colours, computed before the JIT had warmed up, were 3-6 ms of that
 * (traced).
 */
let diverging: Uint8ClampedArray | null = null;

function divergingTable(): Uint8ClampedArray {
  if (diverging) return diverging;
  diverging = new Uint8ClampedArray(4 * (SCALE_STEPS + 1));
  for (let step = 0; step <= SCALE_STEPS; step++) {
    const color = valueColor((2 * step) / SCALE_STEPS - 1, -1, 1);
    diverging.set([color[0], color[1], color[2], 255], 4 * step);
  }
  return diverging;
}

/** Writes `value` on the diverging scale over [-largest, largest] into pixel `pixel`. */
function putDiverging(data: Uint8ClampedArray, pixel: number, value: number, largest: number): boolean {
  const t = Math.min(1, Math.max(0, (value / largest + 1) / 2));
  const entry = 4 * Math.round((Number.isNaN(t) ? 0.5 : t) * SCALE_STEPS);
  const table = divergingTable();
  return write(data, pixel, table[entry]!, table[entry + 1]!, table[entry + 2]!);
}

/**
 * Where a picture goes in a pixel buffer: its top-left pixel and the buffer's width, so one buffer
 * holds the pictures of every neuron (the diagram's atlas) as well as one (the preview's canvas).
 */
export interface Tile {
  data: Uint8ClampedArray;
  /** The picture's first pixel. */
  base: number;
  /** Pixels per row of the buffer. */
  stride: number;
}

/**
 * One node's heatmap over the plane, on the boundary's colour scales: the output as the boundary
 * itself (class probabilities, or values over the targets' range); inputs and hidden units on the
 * diverging orange–white–blue scale, symmetric about 0 so white means 0. True when a pixel changed.
 */
export function writeHeatmap(tile: Tile, snapshot: NetworkSnapshot, node: number): boolean {
  const { resolution, grid, sizes } = snapshot;
  const { offsets, total } = nodeOffsets(sizes);
  const output = offsets[sizes.length - 1]!;
  const cells = resolution * resolution;
  if (grid.length !== cells * total) return false;
  const { data, base, stride } = tile;
  const pixel = (cell: number) => base + Math.floor(cell / resolution) * stride + (cell % resolution);
  let changed = false;
  if (node >= output) {
    const classes = sizes.at(-1)!;
    const [low, high] = snapshot.outputRange ?? [0, 1];
    for (let cell = 0; cell < cells; cell++)
      changed =
        put(
          data,
          pixel(cell),
          snapshot.task === 'classification'
            ? probabilityColor(grid, cell * total + output, classes)
            : valueColor(grid[cell * total + output]!, low, high),
        ) || changed;
  } else {
    let largest = 1e-6;
    for (let cell = 0; cell < cells; cell++) {
      const v = Math.abs(grid[cell * total + node]!);
      if (v > largest) largest = v;
    }
    for (let cell = 0; cell < cells; cell++)
      changed = putDiverging(data, pixel(cell), grid[cell * total + node]!, largest) || changed;
  }
  return changed;
}

/** The side of a first-layer unit's weight picture (8 for the digits' 64 pixels). */
export const weightImageSide = (layout: NetworkLayout): number =>
  Math.round(Math.sqrt(layout.layers[0]!.inputs));

/** A first-layer unit's incoming weights as a square picture (the digits), on the same diverging scale. */
export function writeWeightImage(
  tile: Tile,
  snapshot: NetworkSnapshot,
  layout: NetworkLayout,
  unit: number,
): boolean {
  const weights = incomingWeights(snapshot.parameters, layout, unit);
  const side = weightImageSide(layout);
  if (side * side !== weights.length) return false;
  let largest = 1e-6;
  for (const w of weights) if (Math.abs(w) > largest) largest = Math.abs(w);
  let changed = false;
  weights.forEach((w, i) => {
    const pixel = tile.base + Math.floor(i / side) * tile.stride + (i % side);
    changed = putDiverging(tile.data, pixel, w, largest) || changed;
  });
  return changed;
}

/** Without a plane, a unit is one colour: its mean activation on the data. */
export function writeMean(tile: Tile, snapshot: NetworkSnapshot, node: number): boolean {
  return putDiverging(tile.data, tile.base, snapshot.mean[node] ?? 0, 1);
}

interface Surface {
  context: CanvasRenderingContext2D;
  image: ImageData;
}

/** Each canvas' context and pixel buffer, kept between refreshes instead of allocated for each. */
const surfaces = new WeakMap<HTMLCanvasElement, Surface>();

function surfaceFor(canvas: HTMLCanvasElement, width: number, height: number): Surface | null {
  const kept = surfaces.get(canvas);
  if (kept && kept.image.width === width && kept.image.height === height && canvas.width === width)
    return kept;
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) return null;
  const surface = { context, image: context.createImageData(width, height) };
  surfaces.set(canvas, surface);
  return surface;
}

/** One node's heatmap on a canvas of its own (the preview over the boundary). */
export function paintHeatmap(canvas: HTMLCanvasElement, snapshot: NetworkSnapshot, node: number): void {
  const surface = surfaceFor(canvas, snapshot.resolution, snapshot.resolution);
  if (!surface) return;
  const tile = { data: surface.image.data, base: 0, stride: snapshot.resolution };
  // A picture whose pixels all came out as before is not handed to the canvas again.
  if (writeHeatmap(tile, snapshot, node)) surface.context.putImageData(surface.image, 0, 0);
}

/** A first-layer unit's weight picture on a canvas of its own (the editor's). */
export function paintWeightImage(
  canvas: HTMLCanvasElement,
  snapshot: NetworkSnapshot,
  layout: NetworkLayout,
  unit: number,
): void {
  const side = weightImageSide(layout);
  const surface = surfaceFor(canvas, side, side);
  if (!surface) return;
  writeWeightImage({ data: surface.image.data, base: 0, stride: side }, snapshot, layout, unit);
  surface.context.putImageData(surface.image, 0, 0);
}

/** The dead mark, as an attribute the stylesheet draws. */
export function markDead(element: HTMLElement, snapshot: NetworkSnapshot, node: number): void {
  const dead = DEAD_CODES[snapshot.dead[node] ?? 0] ?? null;
  if (dead) element.dataset.dead = dead;
  else delete element.dataset.dead;
}

/** A value as the view prints it: three significant decimals, a real minus sign. */
export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const text = Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(3);
  return text.replace('-', '−');
}
