import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { initialParameters, networkLayout } from '../../src/core/model/network';
import { gridMinima, projectOnPlane, randomPlane, trajectoryPlane } from '../../src/core/landscape/plane';
import { rangeTestRates, smoothLosses, suggestLearningRate } from '../../src/core/landscape/lr-range';

const norm = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((s, x) => s + x * x, 0));

describe('the trajectory plane', () => {
  test('recovers the plane a path lies in, and the shares of variance add up to 1', () => {
    // A path in the plane spanned by e₀ and e₁ of a 6-dimensional space, longer along e₀.
    const path = Array.from({ length: 12 }, (_, t) => Float32Array.from([3 * t, Math.sin(t), 0, 0, 0, 0]));
    const plane = trajectoryPlane(path)!;
    expect(plane.kind).toBe('trajectory');
    const [d1, d2] = plane.directions;
    expect(Math.abs(d1[0]!)).toBeGreaterThan(0.99);
    expect(Math.abs(d2[1]!)).toBeGreaterThan(0.99);
    expect(plane.explainedVariance![0] + plane.explainedVariance![1]).toBeCloseTo(1, 9);
    expect(plane.explainedVariance![0]).toBeGreaterThan(plane.explainedVariance![1]);
    // Every point of the path is reproduced by its projection, since the path is in the plane.
    const center = path.at(-1)!;
    for (const point of path) {
      const { x, y } = projectOnPlane(plane, center, point);
      for (let i = 0; i < 6; i++) expect(center[i]! + x * d1[i]! + y * d2[i]!).toBeCloseTo(point[i]!, 4);
    }
  });

  test('is absent for a path too short or without a second direction', () => {
    expect(trajectoryPlane([new Float32Array(3), new Float32Array(3)])).toBeNull();
    const line = Array.from({ length: 5 }, (_, t) => Float32Array.from([t, 2 * t, 0]));
    expect(trajectoryPlane(line)).toBeNull();
  });
});

describe('random filter-normalized directions', () => {
  const layout = networkLayout(2, [4, 3], 2);
  const center = initialParameters(layout, 7);

  test("each filter has the norm of the same filter in the weights, and biases don't move", () => {
    const plane = randomPlane(layout, center, 1);
    for (const d of plane.directions) {
      for (const slot of layout.layers) {
        for (let unit = 0; unit < slot.outputs; unit++) {
          const column = (v: ArrayLike<number>) =>
            Array.from({ length: slot.inputs }, (_, i) => v[slot.weightOffset + i * slot.outputs + unit]!);
          expect(norm(column(d))).toBeCloseTo(norm(column(center)), 5);
        }
        for (let b = 0; b < slot.outputs; b++) expect(d[slot.biasOffset + b]).toBe(0);
      }
    }
  });

  test('are the same for a seed and differ between seeds', () => {
    expect(randomPlane(layout, center, 1).directions[0]).toEqual(
      randomPlane(layout, center, 1).directions[0],
    );
    expect(randomPlane(layout, center, 1).directions[0]).not.toEqual(
      randomPlane(layout, center, 2).directions[0],
    );
  });

  test('projection inverts any point of the plane', () => {
    const plane = randomPlane(layout, center, 3);
    fc.assert(
      fc.property(
        fc.double({ min: -2, max: 2, noNaN: true }),
        fc.double({ min: -2, max: 2, noNaN: true }),
        (x, y) => {
          const point = Float32Array.from(
            center,
            (v, i) => v + x * plane.directions[0][i]! + y * plane.directions[1][i]!,
          );
          const p = projectOnPlane(plane, center, point);
          expect(p.x).toBeCloseTo(x, 3);
          expect(p.y).toBeCloseTo(y, 3);
        },
      ),
    );
  });
});

describe('grid minima', () => {
  test('one bowl has one minimum; two bowls have two', () => {
    const grid = (f: (x: number, y: number) => number) =>
      Array.from({ length: 21 * 21 }, (_, k) => f((k % 21) / 10 - 1, Math.floor(k / 21) / 10 - 1));
    expect(
      gridMinima(
        grid((x, y) => x * x + 2 * y * y),
        21,
      ),
    ).toHaveLength(1);
    expect(
      gridMinima(
        grid((x, y) => (x * x - 0.5) ** 2 + y * y),
        21,
      ),
    ).toHaveLength(2);
  });
});

describe('the range test arithmetic', () => {
  test('rates rise geometrically from start to end', () => {
    const rates = rangeTestRates(1e-6, 10, 8);
    expect(rates[0]).toBeCloseTo(1e-6, 12);
    expect(rates.at(-1)).toBeCloseTo(10, 9);
    const ratio = rates[1]! / rates[0]!;
    rates.slice(1).forEach((r, i) => expect(r / rates[i]!).toBeCloseTo(ratio, 9));
  });

  test('smoothing is debiased: a constant curve stays constant', () => {
    for (const s of smoothLosses([2, 2, 2, 2, 2])) expect(s).toBeCloseTo(2, 12);
  });

  test('suggests the steepest fall, before the minimum', () => {
    const rates = rangeTestRates(1e-5, 1, 100);
    // Flat, a sigmoid fall centred at 1e-3, a floor, then a blow-up after 1e-1.
    const losses = rates.map(
      (r) => 1 - 0.9 / (1 + Math.exp(-3 * Math.log(r / 1e-3))) + (r > 0.1 ? 50 * (r - 0.1) : 0),
    );
    const s = suggestLearningRate(rates, losses)!;
    expect(s.rule).toBe('steepest');
    expect(s.learningRate).toBeGreaterThan(5e-4);
    expect(s.learningRate).toBeLessThan(2e-3);
  });

  test('falls back to the minimum ÷ 10 when nothing falls clearly', () => {
    const rates = rangeTestRates(1e-5, 1, 50);
    const losses = rates.map((_, i) => 1 + (i === 30 ? -0.001 : 0));
    const s = suggestLearningRate(rates, losses)!;
    expect(s.rule).toBe('minimum');
    expect(s.learningRate).toBeCloseTo(rates[30]! / 10, 12);
  });
});
