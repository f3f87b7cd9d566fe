import { createRandom, deriveSeed, permutation } from '../random/random';

/**
 * The seeded train/validation split of n rows, drawn exactly as `generateDataset` draws it (same
 * stream name, same rounding, at least one row on each side), so a file dataset and a generated
 * one of the same size and seed are split the same way.
 */
export function splitIndices(
  n: number,
  validationSplit: number,
  seed: number,
): { trainIndices: Int32Array; validationIndices: Int32Array } {
  if (n < 2) throw new Error('a dataset needs at least 2 rows to hold out a validation set');
  const order = permutation(createRandom(deriveSeed(seed, 'split')), n);
  const validationCount = Math.min(n - 1, Math.max(1, Math.round(n * validationSplit)));
  return {
    trainIndices: order.slice(0, n - validationCount),
    validationIndices: order.slice(n - validationCount),
  };
}
