/**
 * Paints a network snapshot into the diagram's own canvases and lines, straight into the DOM: the
 * worker refreshes a dozen times a second and React never re-renders for it.
 */
import {
  DEAD_CODES,
  incomingWeights,
  largestWeight,
  lineStyle,
  nodeOffsets,
  type NetworkSnapshot,
} from '../../core/netview/view';
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

function put(image: ImageData, pixel: number, color: Rgb): boolean {
  return write(image.data, pixel, color[0], color[1], color[2]);
}

/** Steps of the diverging scale's lookup table: adjacent entries differ by under one colour level. */
const SCALE_STEPS = 1024;

/**
 * The diverging scale `valueColor(v, -1, 1)` at `SCALE_STEPS + 1` points, as RGBA bytes: a heatmap
 * looks each cell up instead of mixing three channels into a fresh array, which at a dozen
 * refreshes of 50 heatmaps a second was most of the page's painting and its garbage.
 */
const DIVERGING = (() => {
  const table = new Uint8ClampedArray(4 * (SCALE_STEPS + 1));
  for (let step = 0; step <= SCALE_STEPS; step++) {
    const color = valueColor((2 * step) / SCALE_STEPS - 1, -1, 1);
    table.set([color[0], color[1], color[2], 255], 4 * step);
  }
  return table;
})();

/** Writes `value` on the diverging scale over [-largest, largest] into pixel `pixel`. */
function putDiverging(data: Uint8ClampedArray, pixel: number, value: number, largest: number): boolean {
  const t = Math.min(1, Math.max(0, (value / largest + 1) / 2));
  const entry = 4 * Math.round((Number.isNaN(t) ? 0.5 : t) * SCALE_STEPS);
  return write(data, pixel, DIVERGING[entry]!, DIVERGING[entry + 1]!, DIVERGING[entry + 2]!);
}

interface Surface {
  context: CanvasRenderingContext2D;
  image: ImageData;
}

/** Each canvas' context and pixel buffer, kept between refreshes instead of allocated for each. */
const surfaces = new WeakMap<HTMLCanvasElement, Surface>();

function imageFor(canvas: HTMLCanvasElement, size: number): ImageData | null {
  const kept = surfaces.get(canvas);
  if (kept && kept.image.width === size && canvas.width === size && canvas.height === size) return kept.image;
  canvas.width = size;
  canvas.height = size;
  const context = canvas.getContext('2d');
  if (!context) return null;
  const image = context.createImageData(size, size);
  surfaces.set(canvas, { context, image });
  return image;
}

function commit(canvas: HTMLCanvasElement, image: ImageData): void {
  surfaces.get(canvas)?.context.putImageData(image, 0, 0);
}

/**
 * One node's heatmap over the plane, on the boundary's colour scales: the output as the boundary
 * itself (class probabilities, or values over the targets' range); inputs and hidden units on the
 * diverging orange–white–blue scale, symmetric about 0 so white means 0.
 */
export function paintHeatmap(canvas: HTMLCanvasElement, snapshot: NetworkSnapshot, node: number): void {
  const { resolution, grid, sizes } = snapshot;
  const { offsets, total } = nodeOffsets(sizes);
  const output = offsets[sizes.length - 1]!;
  const cells = resolution * resolution;
  const image = imageFor(canvas, resolution);
  if (!image || grid.length !== cells * total) return;
  // A heatmap whose pixels all came out as before (a settled or dead unit, the inputs) is not
  // handed to the canvas again: each one handed over is rasterized again.
  let changed = false;
  if (node >= output) {
    const classes = sizes.at(-1)!;
    const [low, high] = snapshot.outputRange ?? [0, 1];
    for (let cell = 0; cell < cells; cell++)
      changed =
        put(
          image,
          cell,
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
      changed = putDiverging(image.data, cell, grid[cell * total + node]!, largest) || changed;
  }
  if (changed) commit(canvas, image);
}

/** A first-layer unit's incoming weights as an 8×8 picture (the digits), on the same diverging scale. */
export function paintWeightImage(
  canvas: HTMLCanvasElement,
  snapshot: NetworkSnapshot,
  layout: NetworkLayout,
  unit: number,
): void {
  const weights = incomingWeights(snapshot.parameters, layout, unit);
  const side = Math.round(Math.sqrt(weights.length));
  const image = imageFor(canvas, side);
  if (!image || side * side !== weights.length) return;
  let largest = 1e-6;
  for (const w of weights) if (Math.abs(w) > largest) largest = Math.abs(w);
  weights.forEach((w, pixel) => putDiverging(image.data, pixel, w, largest));
  commit(canvas, image);
}

/** Without a plane, a unit is one colour: its mean activation on the data. */
export function paintMean(canvas: HTMLCanvasElement, snapshot: NetworkSnapshot, node: number): void {
  const image = imageFor(canvas, 1);
  if (!image) return;
  putDiverging(image.data, 0, snapshot.mean[node] ?? 0, 1);
  commit(canvas, image);
}

export interface LineElement {
  element: SVGLineElement;
  index: number;
  /** What was last written to it: unchanged attributes are not written again. */
  positive?: boolean;
  /** Its width as written; width and opacity follow the same step of |w|. */
  width?: string;
}

/** Colour by sign, width and opacity by |w| relative to the largest weight drawn anywhere. */
export function paintLines(
  lines: LineElement[],
  snapshot: NetworkSnapshot,
  layout: NetworkLayout,
  maxWidth: number,
): void {
  const largest = largestWeight(snapshot.parameters, layout);
  for (const line of lines) {
    const { element, index } = line;
    const weight = snapshot.parameters[index] ?? 0;
    const style = lineStyle(weight, largest, maxWidth);
    const width = style.width.toFixed(2);
    if (line.positive !== style.positive) {
      line.positive = style.positive;
      element.setAttribute('stroke', style.positive ? POSITIVE : NEGATIVE);
      element.dataset.sign = style.positive ? 'positive' : 'negative';
    }
    if (line.width === width) continue;
    line.width = width;
    element.setAttribute('stroke-width', width);
    element.setAttribute('stroke-opacity', style.opacity.toFixed(3));
  }
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
