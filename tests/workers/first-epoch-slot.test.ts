import fc from 'fast-check';
import { expect, test } from 'vitest';
import type { EpochMetrics } from '../../src/core/train/metrics';
import { createFirstEpochSlot, readFirstEpoch, writeFirstEpoch } from '../../src/workers/first-epoch-slot';

const slot = () => createFirstEpochSlot(true)!;

const anyNumber = fc.double(); // NaN, ±Infinity and -0 included: a diverged epoch is still shown
const metrics: fc.Arbitrary<EpochMetrics> = fc.record({
  epoch: fc.nat(),
  trainLoss: anyNumber,
  validationLoss: anyNumber,
  trainAccuracy: fc.option(anyNumber),
  validationAccuracy: fc.option(anyNumber),
  learningRate: anyNumber,
  examplesSeen: fc.nat(),
  wallTimeMs: anyNumber,
});

/** Field by field as the page compares two reports of one epoch (sameMetrics in session.ts). */
function expectSame(actual: EpochMetrics, expected: EpochMetrics): void {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  for (const key of Object.keys(expected) as (keyof EpochMetrics)[])
    expect(Object.is(actual[key], expected[key]), `${key}: ${actual[key]} vs ${expected[key]}`).toBe(true);
}

test('the page reads back exactly the epoch the worker wrote, nulls, NaN and -0 included', () => {
  const shared = slot();
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.nat(1000), metrics, (run, changes, epoch) => {
      writeFirstEpoch(shared, { run, changes, metrics: epoch });
      const read = readFirstEpoch(shared)!;
      expect(read.run).toBe(run);
      expect(read.changes).toBe(changes);
      expectSame(read.metrics, epoch);
    }),
  );
});

test('an empty slot, or one the worker emptied, holds nothing', () => {
  const shared = slot();
  expect(readFirstEpoch(shared)).toBeNull();
  writeFirstEpoch(shared, {
    run: 3,
    changes: 0,
    metrics: {
      epoch: 1,
      trainLoss: 0.5,
      validationLoss: 0.6,
      trainAccuracy: 0.8,
      validationAccuracy: 0.7,
      learningRate: 0.03,
      examplesSeen: 160,
      wallTimeMs: 4,
    },
  });
  expect(readFirstEpoch(shared)?.run).toBe(3);
  writeFirstEpoch(shared, null);
  expect(readFirstEpoch(shared)).toBeNull();
});

test('a slot caught mid-write gives nothing rather than a mix of two epochs', () => {
  const shared = slot();
  writeFirstEpoch(shared, {
    run: 1,
    changes: 0,
    metrics: {
      epoch: 1,
      trainLoss: 1,
      validationLoss: 1,
      trainAccuracy: null,
      validationAccuracy: null,
      learningRate: 0.1,
      examplesSeen: 10,
      wallTimeMs: 1,
    },
  });
  // The worker's write begins by making the sequence number odd, and ends by making it even.
  const sequence = new Int32Array(shared, 0, 1);
  Atomics.add(sequence, 0, 1);
  expect(readFirstEpoch(shared)).toBeNull();
  Atomics.add(sequence, 0, 1);
  expect(readFirstEpoch(shared)?.run).toBe(1);
});

test('no slot where the page cannot share memory with its worker', () => {
  expect(createFirstEpochSlot(false)).toBeNull();
  // Node, like a page served without cross-origin isolation, is not isolated.
  expect(createFirstEpochSlot()).toBeNull();
});
