import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import {
  discreteColor,
  probabilityColor,
  valueColor,
  writeBoundaryPixels,
  type Rgb,
} from '../../src/ui/charts/boundaryPaint';

/** The picture as the canvas painted it cell by cell from the colour functions. */
function reference(
  values: Float32Array,
  cells: number,
  outputs: number,
  low: number,
  high: number,
  discretize: boolean,
): Uint8ClampedArray {
  const data = new Uint8ClampedArray(4 * cells);
  for (let cell = 0; cell < cells; cell++) {
    const color: Rgb = discretize
      ? discreteColor(values, cell * outputs, outputs, low, high)
      : outputs > 1
        ? probabilityColor(values, cell * outputs, outputs)
        : valueColor(values[cell]!, low, high);
    data.set([color[0], color[1], color[2], 255], 4 * cell);
  }
  return data;
}

const fast = (
  values: Float32Array,
  cells: number,
  outputs: number,
  low: number,
  high: number,
  discretize: boolean,
) => {
  // Stale bytes from an earlier picture must not show through.
  const data = new Uint8ClampedArray(4 * cells).fill(7);
  writeBoundaryPixels(data, values, cells, outputs, low, high, discretize);
  return data;
};

/** A prediction grid: `outputs` numbers per cell, probabilities (rows summing to 1) or free values. */
const grid = fc
  .record({
    outputs: fc.integer({ min: 1, max: 12 }),
    cells: fc.integer({ min: 1, max: 40 }),
    probabilities: fc.boolean(),
    discretize: fc.boolean(),
    low: fc.double({ min: -50, max: 50, noNaN: true }),
    span: fc.oneof(fc.constant(0), fc.double({ min: -5, max: 100, noNaN: true })),
    seed: fc.integer(),
  })
  .map(({ outputs, cells, probabilities, discretize, low, span, seed }) => {
    let state = seed >>> 0 || 1;
    const random = () => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return (state >>> 0) / 2 ** 32;
    };
    const values = new Float32Array(cells * outputs);
    for (let cell = 0; cell < cells; cell++) {
      let total = 0;
      for (let c = 0; c < outputs; c++) {
        const v = probabilities ? random() : (random() - 0.5) * 4 * (Math.abs(span) + 1) + low;
        values[cell * outputs + c] = v;
        total += v;
      }
      if (probabilities)
        for (let c = 0; c < outputs; c++) values[cell * outputs + c] = values[cell * outputs + c]! / total;
    }
    return { values, cells, outputs, low, high: low + span, discretize };
  });

describe('the decision boundary written straight into pixels', () => {
  test('every cell gets exactly the colour the colour functions give it, in every mode', () => {
    fc.assert(
      fc.property(grid, ({ values, cells, outputs, low, high, discretize }) => {
        expect(fast(values, cells, outputs, low, high, discretize)).toEqual(
          reference(values, cells, outputs, low, high, discretize),
        );
      }),
      { numRuns: 500 },
    );
  });

  test('sure and unsure cells, ties and values outside the range keep their colours', () => {
    const cases: [number[], number, number, number, boolean][] = [
      [[0.5, 0.5, 1, 0, 0, 1], 2, 0, 1, false],
      [[0.5, 0.5, 0.2, 0.8], 2, 0, 1, true],
      [[1 / 3, 1 / 3, 1 / 3], 3, 0, 1, false],
      [[-10, 0, 0.5, 1, 10, Number.NaN], 1, 0, 1, false],
      [[-10, 0.49, 0.5, 10], 1, 0, 1, true],
      [[3, 3, 3], 1, 3, 3, false],
      [[3, 2, 4], 1, 3, 3, true],
    ];
    for (const [numbers, outputs, low, high, discretize] of cases) {
      const values = Float32Array.from(numbers);
      const cells = numbers.length / outputs;
      expect(fast(values, cells, outputs, low, high, discretize)).toEqual(
        reference(values, cells, outputs, low, high, discretize),
      );
    }
  });
});
