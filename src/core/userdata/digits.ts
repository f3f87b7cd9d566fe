import * as z from 'zod/mini';
import { lazySchema } from '../schema-lazy';
import { createRandom, deriveSeed, permutation } from '../random/random';
import type { ExperimentConfig } from '../config/parameters';
import type { Dataset } from '../data/datasets';
import { splitIndices } from './split';

/**
 * The 8×8 handwritten digits (UCI, as scikit-learn ships them; public/data/digits-LICENSE.md).
 * public/data/make-digits.py writes them one character per pixel; this module turns that file
 * into a `Dataset` the trainer takes as it is.
 */

/** Where the page finds the file, relative to the site's base URL. */
export const DIGITS_PATH = 'data/digits.json';

/** The decoded images: pixels scaled to [0, 1], row-major [count, 64]. */
export interface DigitImages {
  count: number;
  width: number;
  height: number;
  pixels: Float32Array;
  labels: Uint8Array;
}

const digitsFileSchema = lazySchema(() =>
  z.object({
    format: z.literal('tunelab-digits'),
    version: z.literal(1),
    width: z.int().check(z.positive()),
    height: z.int().check(z.positive()),
    count: z.int().check(z.positive()),
    classes: z.literal(10),
    maxValue: z.number().check(z.positive()),
    alphabet: z.string().check(z.minLength(2)),
    labels: z.string(),
    pixels: z.string(),
  }),
);

/** Decodes the contents of digits.json (already JSON-parsed); throws a clear error if it is not that file. */
export function decodeDigitsFile(input: unknown): DigitImages {
  const parsed = digitsFileSchema().safeParse(input);
  if (!parsed.success)
    throw new Error(
      `the digits file is not a Tunelab digits file (${parsed.error.issues[0]?.path.join('.') || 'format'}: ${parsed.error.issues[0]?.message})`,
    );
  const file = parsed.data;
  const size = file.width * file.height;
  if (file.labels.length !== file.count || file.pixels.length !== file.count * size) {
    throw new Error(
      `the digits file is damaged: it announces ${file.count} images but holds ${file.labels.length} labels and ${file.pixels.length / size} images`,
    );
  }
  const pixels = new Float32Array(file.count * size);
  for (let i = 0; i < pixels.length; i++) {
    const value = file.alphabet.indexOf(file.pixels[i]!);
    if (value < 0) throw new Error(`the digits file is damaged: unexpected character at pixel ${i}`);
    // [0, 1] rather than standardized: a constant scale keeps pixels drawable as they are and
    // does not depend on which images were picked.
    pixels[i] = value / file.maxValue;
  }
  const labels = new Uint8Array(file.count);
  for (let i = 0; i < file.count; i++) {
    const label = file.labels.charCodeAt(i) - 48;
    if (label < 0 || label > 9) throw new Error(`the digits file is damaged: label ${i} is not a digit`);
    labels[i] = label;
  }
  return { count: file.count, width: file.width, height: file.height, pixels, labels };
}

export type DigitsSettings = Pick<ExperimentConfig, 'points' | 'validationSplit' | 'seed'>;

/**
 * The digits as a training set: `points` images (at most all 1,797) drawn by the seed, split by
 * `validationSplit`. Few images and a wide network overfit visibly: 300 images at a split of 0.5
 * leave 150 to train on, which a 64-64 network memorizes while validation accuracy stalls.
 * The images chosen for a seed do not depend on `validationSplit`, and the split is drawn as for
 * generated data.
 */
export function digitsDataset(images: DigitImages, settings: DigitsSettings): Dataset {
  const size = images.width * images.height;
  const n = Math.max(2, Math.min(images.count, Math.round(settings.points)));
  const chosen = permutation(
    createRandom(deriveSeed(settings.seed, 'data', 'digits')),
    images.count,
  ).subarray(0, n);
  const values = new Float32Array(n * size);
  const labels = new Float32Array(n);
  chosen.forEach((source, row) => {
    values.set(images.pixels.subarray(source * size, (source + 1) * size), row * size);
    labels[row] = images.labels[source]!;
  });
  const names = Array.from(
    { length: size },
    (_, i) => `pixel ${Math.floor(i / images.width) + 1},${(i % images.width) + 1}`,
  );
  return {
    id: 'digits',
    task: 'classification',
    classes: 10,
    points: new Float32Array(0),
    columns: { values, width: size, names },
    labels,
    ...splitIndices(n, settings.validationSplit, settings.seed),
  };
}

/** One example's pixels in [0, 1] (for the grid of misclassified digits). */
export function exampleImage(dataset: Dataset, index: number): Float32Array {
  const columns = dataset.columns;
  if (!columns) throw new Error('this dataset has no image columns');
  return columns.values.subarray(index * columns.width, (index + 1) * columns.width);
}

export interface Mistake {
  /** Row of the example in the dataset. */
  index: number;
  label: number;
  predicted: number;
  /** The probability the network gave its (wrong) answer. */
  confidence: number;
}

/**
 * The examples among `indices` (e.g. the validation rows) whose most probable class is not their
 * label, most confident mistakes first, from probabilities [n, classes] over the whole dataset.
 */
export function mistakes(
  dataset: Dataset,
  probabilities: Float32Array,
  indices: ArrayLike<number> = dataset.validationIndices,
): Mistake[] {
  const classes = dataset.classes;
  if (probabilities.length !== dataset.labels.length * classes)
    throw new Error('one row of probabilities per example is needed');
  const out: Mistake[] = [];
  for (let k = 0; k < indices.length; k++) {
    const index = indices[k]!;
    let predicted = 0;
    for (let c = 1; c < classes; c++)
      if (probabilities[index * classes + c]! > probabilities[index * classes + predicted]!) predicted = c;
    const label = dataset.labels[index]!;
    if (predicted !== label)
      out.push({ index, label, predicted, confidence: probabilities[index * classes + predicted]! });
  }
  return out.sort((a, b) => b.confidence - a.confidence || a.index - b.index);
}
