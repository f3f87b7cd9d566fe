import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { tf, useBackend } from '../../src/core';
import { batchedMatMul } from '../../src/core/model/products';

/**
 * On wasm, batchedMatMul rewrites K small products as one 2-D product or a depthwise convolution;
 * whatever the shapes and transpose flags, it must give tf.matMul's numbers.
 */
describe('batched products on wasm equal tf.matMul', () => {
  beforeAll(() => useBackend('wasm'));
  afterAll(() => useBackend('cpu'));

  const shapes = fc.record({
    K: fc.integer({ min: 1, max: 40 }),
    m: fc.integer({ min: 1, max: 24 }),
    n: fc.integer({ min: 1, max: 24 }),
    p: fc.integer({ min: 1, max: 24 }),
    transposeA: fc.boolean(),
    transposeB: fc.boolean(),
    sharedLeft: fc.boolean(),
    seed: fc.integer({ min: 0, max: 1000 }),
  });

  test('for any shapes, flags and a left side shared by every member', () => {
    fc.assert(
      fc.property(shapes, ({ K, m, n, p, transposeA, transposeB, sharedLeft, seed }) => {
        tf.tidy(() => {
          const leftBatch = sharedLeft ? 1 : K;
          const a = tf.randomUniform(
            transposeA ? [leftBatch, n, m] : [leftBatch, m, n],
            -1,
            1,
            'float32',
            seed,
          ) as tf.Tensor3D;
          const b = tf.randomUniform(
            transposeB ? [K, p, n] : [K, n, p],
            -1,
            1,
            'float32',
            seed + 1,
          ) as tf.Tensor3D;
          const expected = tf.matMul(a, b, transposeA, transposeB);
          const actual = batchedMatMul(a, b, transposeA, transposeB);
          expect(actual.shape).toEqual(expected.shape);
          const worst = tf.max(tf.abs(tf.sub(actual, expected))).dataSync()[0]!;
          expect(worst).toBeLessThan(1e-5 * Math.max(1, n));
        });
      }),
      { numRuns: 120 },
    );
  });

  test('the population’s 16×16 layers and its evaluation leave tfjs-wasm’s scalar batched loop', async () => {
    // 32 members of the spiral's 16×16 layer on a batch of 16 (forward, weight gradient, upstream
    // gradient) and the 500-point evaluation's first layer: the shapes docs/benchmarks.md times.
    const cases = [
      [[32, 16, 16], [32, 16, 16], false, false],
      [[32, 16, 16], [32, 16, 16], true, false],
      [[32, 16, 16], [32, 16, 16], false, true],
      [[1, 500, 2], [32, 2, 16], false, false],
    ] as const;
    for (const [a, b, ta, tb] of cases) {
      const left = tf.randomNormal([...a]) as tf.Tensor3D;
      const right = tf.randomNormal([...b]) as tf.Tensor3D;
      const profile = await tf.profile(() => batchedMatMul(left, right, ta, tb));
      const batched = profile.kernels.filter(
        (k) =>
          k.name === 'BatchMatMul' &&
          k.inputShapes.some((shape) => shape && shape.length === 3 && shape[0]! > 1),
      );
      expect(batched, `${JSON.stringify(a)} × ${JSON.stringify(b)}`).toEqual([]);
      const worst = tf.tidy(
        () =>
          tf
            .max(tf.abs(tf.sub(batchedMatMul(left, right, ta, tb), tf.matMul(left, right, ta, tb))))
            .dataSync()[0]!,
      );
      expect(worst).toBeLessThan(1e-4);
      tf.dispose([left, right, ...(profile.result instanceof tf.Tensor ? [profile.result] : [])]);
    }
  });
});
