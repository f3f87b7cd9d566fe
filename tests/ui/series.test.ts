import { expect, test } from 'vitest';
import type { EpochMetrics } from '../../src/core';
import { accuracySeries, compactNumber, logDomain, lossSeries, thin } from '../../src/ui/charts/series';
import { probabilityColor, valueColor } from '../../src/ui/charts/boundaryPaint';

const epoch = (n: number, trainLoss: number, validationLoss: number): EpochMetrics => ({
  epoch: n,
  trainLoss,
  validationLoss,
  trainAccuracy: 0.5,
  validationAccuracy: 0.6,
  learningRate: 0.01,
  examplesSeen: n * 400,
  wallTimeMs: n * 10,
});

test('a long run is thinned to the limit and keeps its last epoch', () => {
  const history = Array.from({ length: 5000 }, (_, i) => i + 1);
  const kept = thin(history, 400);
  expect(kept.length).toBeLessThanOrEqual(401);
  expect(kept[0]).toBe(1);
  expect(kept.at(-1)).toBe(5000);
});

test('loss points carry the gap band and switch to examples seen on request', () => {
  const [point] = lossSeries([epoch(3, 0.2, 0.5)], 'examples');
  expect(point).toEqual({ x: 1200, train: 0.2, validation: 0.5, gap: [0.2, 0.5] });
  expect(lossSeries([epoch(3, 0.2, 0.5)], 'epoch')[0]!.x).toBe(3);
  expect(accuracySeries([epoch(2, 1, 1)], 'epoch')).toEqual([{ x: 2, train: 0.5, validation: 0.6 }]);
});

test('a diverged epoch (NaN, infinite loss) becomes a gap in the line, not a broken chart', () => {
  const [point] = lossSeries([epoch(1, Number.NaN, Number.POSITIVE_INFINITY)], 'epoch');
  expect(point).toEqual({ x: 1, train: null, validation: null, gap: null });
});

test('the log axis spans whole decades around the finite losses', () => {
  expect(logDomain(lossSeries([epoch(1, 0.03, 0.7), epoch(2, 0.02, 0.9)], 'epoch'))).toEqual([0.01, 1]);
  expect(logDomain([])).toEqual([0.01, 1]);
});

test('examples seen read compactly', () => {
  expect(compactNumber(950)).toBe('950');
  expect(compactNumber(12_000)).toBe('12k');
  expect(compactNumber(2_500_000)).toBe('2.5M');
});

test('an unsure cell is near white; a sure one takes its class colour', () => {
  const unsure = probabilityColor([0.5, 0.5], 0, 2);
  const sure = probabilityColor([0, 1], 0, 2);
  expect(Math.min(...unsure)).toBeGreaterThan(200);
  expect(sure[2]).toBeGreaterThan(sure[0]);
  expect(valueColor(0, -1, 1).every((c) => c === 255)).toBe(true);
});
