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
