/**
 * Colours of the decision-boundary picture, as pure functions over numbers (the canvas only
 * copies them into pixels). Two classes read as TensorFlow Playground's orange/blue; more classes
 * get their own hues; the colour fades to white where the network is unsure.
 */
export type Rgb = [number, number, number];

export const CLASS_COLORS: Rgb[] = [
  [245, 147, 34],
  [8, 119, 189],
  [44, 160, 44],
  [148, 103, 189],
  [214, 39, 40],
  [140, 86, 75],
  [227, 119, 194],
  [127, 127, 127],
  [188, 189, 34],
  [23, 190, 207],
];

const WHITE: Rgb = [255, 255, 255];

export function classColor(index: number): Rgb {
  return CLASS_COLORS[index % CLASS_COLORS.length]!;
}

const mix = (a: Rgb, b: Rgb, t: number): Rgb => [
  a[0] + (b[0] - a[0]) * t,
  a[1] + (b[1] - a[1]) * t,
  a[2] + (b[2] - a[2]) * t,
];

/** A cell's colour from its class probabilities (offset into a [cells, classes] array). */
export function probabilityColor(probabilities: ArrayLike<number>, offset: number, classes: number): Rgb {
  let blended: Rgb = [0, 0, 0];
  let top = 0;
  for (let c = 0; c < classes; c++) {
    const p = probabilities[offset + c]!;
    const color = classColor(c);
    blended = [blended[0] + p * color[0], blended[1] + p * color[1], blended[2] + p * color[2]];
    top = Math.max(top, p);
  }
  const chance = 1 / classes;
  const confidence = classes > 1 ? Math.max(0, (top - chance) / (1 - chance)) : 0;
  return mix(WHITE, blended, 0.15 + 0.65 * confidence);
}

/**
 * "Discretize output": each cell in the colour of its most likely class (or, for regression, of
 * the half of the targets' range it falls in), so the boundary reads as a sharp edge.
 */
export function discreteColor(
  values: ArrayLike<number>,
  offset: number,
  outputs: number,
  low: number,
  high: number,
): Rgb {
  if (outputs > 1) {
    let best = 0;
    for (let c = 1; c < outputs; c++) if (values[offset + c]! > values[offset + best]!) best = c;
    return mix(WHITE, classColor(best), 0.8);
  }
  const middle = high > low ? (low + high) / 2 : 0;
  return mix(WHITE, CLASS_COLORS[values[offset]! >= middle ? 1 : 0]!, 0.8);
}

/** A regression value on a diverging scale: orange (low) through white to blue (high). */
export function valueColor(value: number, low: number, high: number): Rgb {
  const t = high > low ? Math.min(1, Math.max(0, (value - low) / (high - low))) : 0.5;
  return t < 0.5 ? mix(CLASS_COLORS[0]!, WHITE, t * 2) : mix(WHITE, CLASS_COLORS[1]!, (t - 0.5) * 2);
}

export const rgb = (c: Rgb, alpha = 1) =>
  `rgba(${Math.round(c[0])}, ${Math.round(c[1])}, ${Math.round(c[2])}, ${alpha})`;

/**
 * The boundary's cells straight into RGBA bytes (an ImageData's), in the colours probabilityColor,
 * discreteColor and valueColor give, with the same arithmetic in the same order: a first paint
 * that made three small arrays for each of 2,304 cells took tens of milliseconds before the JIT
 * and the young heap had warmed up, and each later repaint left them as garbage. `values` holds
 * `outputs` numbers per cell.
 */
export function writeBoundaryPixels(
  data: Uint8ClampedArray,
  values: ArrayLike<number>,
  cells: number,
  outputs: number,
  low: number,
  high: number,
  discretize: boolean,
): void {
  if (discretize) {
    const middle = high > low ? (low + high) / 2 : 0;
    for (let cell = 0; cell < cells; cell++) {
      const offset = cell * outputs;
      let best = 0;
      if (outputs > 1) {
        for (let c = 1; c < outputs; c++) if (values[offset + c]! > values[offset + best]!) best = c;
      } else best = values[offset]! >= middle ? 1 : 0;
      const color = CLASS_COLORS[outputs > 1 ? best % CLASS_COLORS.length : best]!;
      putMix(data, 4 * cell, color[0], color[1], color[2], 0.8);
    }
  } else if (outputs > 1) {
    const chance = 1 / outputs;
    for (let cell = 0; cell < cells; cell++) {
      const offset = cell * outputs;
      let red = 0;
      let green = 0;
      let blue = 0;
      let top = 0;
      for (let c = 0; c < outputs; c++) {
        const p = values[offset + c]!;
        const color = CLASS_COLORS[c % CLASS_COLORS.length]!;
        red = red + p * color[0];
        green = green + p * color[1];
        blue = blue + p * color[2];
        top = Math.max(top, p);
      }
      const confidence = Math.max(0, (top - chance) / (1 - chance));
      putMix(data, 4 * cell, red, green, blue, 0.15 + 0.65 * confidence);
    }
  } else {
    const [first, second] = [CLASS_COLORS[0]!, CLASS_COLORS[1]!];
    for (let cell = 0; cell < cells; cell++) {
      const value = values[cell * outputs]!;
      const t = high > low ? Math.min(1, Math.max(0, (value - low) / (high - low))) : 0.5;
      const at = 4 * cell;
      if (t < 0.5) {
        // mix(first, WHITE, 2t): from the low colour towards white.
        const s = t * 2;
        data[at] = first[0] + (255 - first[0]) * s;
        data[at + 1] = first[1] + (255 - first[1]) * s;
        data[at + 2] = first[2] + (255 - first[2]) * s;
        data[at + 3] = 255;
      } else putMix(data, at, second[0], second[1], second[2], (t - 0.5) * 2);
    }
  }
}

/** mix(WHITE, [red, green, blue], t) as an opaque pixel at byte `at`. */
function putMix(data: Uint8ClampedArray, at: number, red: number, green: number, blue: number, t: number) {
  data[at] = 255 + (red - 255) * t;
  data[at + 1] = 255 + (green - 255) * t;
  data[at + 2] = 255 + (blue - 255) * t;
  data[at + 3] = 255;
}
