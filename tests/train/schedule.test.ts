import { expect, test } from 'vitest';
import { DEFAULT_CONFIG, learningRateAt } from '../../src/core';

const base = { ...DEFAULT_CONFIG, learningRate: 0.1, epochs: 100 };

test('constant keeps the rate', () => {
  expect([0, 10, 99].map((e) => learningRateAt({ ...base, schedule: 'constant' }, e))).toEqual([
    0.1, 0.1, 0.1,
  ]);
});

test('step decay multiplies by the factor every N epochs', () => {
  const s = { ...base, schedule: 'step' as const, decayEvery: 30, decayFactor: 0.5 };
  expect([0, 29.9, 30, 60, 95].map((e) => learningRateAt(s, e))).toEqual([0.1, 0.1, 0.05, 0.025, 0.0125]);
});

test('cosine falls from the rate to zero over the run', () => {
  const s = { ...base, schedule: 'cosine' as const };
  expect(learningRateAt(s, 0)).toBeCloseTo(0.1, 10);
  expect(learningRateAt(s, 50)).toBeCloseTo(0.05, 10);
  expect(learningRateAt(s, 100)).toBeCloseTo(0, 10);
  expect(learningRateAt(s, 75)).toBeCloseTo(0.1 * 0.5 * (1 + Math.cos(0.75 * Math.PI)), 10);
});

test('linear warm-up climbs to the rate, then holds it', () => {
  const s = { ...base, schedule: 'warmup' as const, warmupEpochs: 10 };
  [
    [1, 0.01],
    [5, 0.05],
    [10, 0.1],
    [50, 0.1],
  ].forEach(([e, rate]) => expect(learningRateAt(s, e!)).toBeCloseTo(rate!, 12));
});
