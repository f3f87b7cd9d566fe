import { createRequire } from 'node:module';
import { expect, test } from 'vitest';
import { formatNumber } from '../../src/core/config/schema';
import { axisWidth, linearTickLabels, logTickLabels } from '../../src/ui/charts/axisWidth';

// recharts' own tick rule, to check the labels the axis width is worked out from against it.
const { getNiceTickValues } = createRequire(import.meta.url)(
  'recharts/lib/util/scale/getNiceTickValues.js',
) as {
  getNiceTickValues: (domain: [number, number], tickCount?: number) => { toNumber?: () => number }[];
};
const rechartsLabels = (max: number) =>
  getNiceTickValues([0, max], 5).map((tick) => formatNumber(Number(tick)));
const longest = (labels: readonly string[]) => Math.max(...labels.map((label) => label.length));

test('the loss axis is given room for the longest label recharts draws, and hardly more', () => {
  const maxima = [
    0.0007, 0.0123, 0.05, 0.083, 0.1, 0.2345, 0.3, 0.48, 0.693, 0.7, 1, 1.1, 2.3, 9.9, 12, 57, 120,
  ];
  for (let i = 0; i < 200; i += 1) maxima.push(0.001 * 1.05 ** i);
  for (const max of maxima) {
    const drawn = longest(rechartsLabels(max));
    const planned = longest(linearTickLabels(max));
    expect(
      planned,
      `max ${max}: ${rechartsLabels(max).join(' ')} vs ${linearTickLabels(max).join(' ')}`,
    ).toBeGreaterThanOrEqual(drawn);
    expect(planned, `max ${max}`).toBeLessThanOrEqual(drawn + 1);
  }
});

test('a log axis is given room for every 1-9 multiple of its powers of ten', () => {
  expect(logTickLabels(0.01, 1)).toContain('0.05');
  expect(logTickLabels(0.0001, 1)).toContain('5e-4');
  expect(longest(logTickLabels(0.0001, 1))).toBe(5);
});

test('a wider label needs a wider axis, and bigger type more room', () => {
  expect(axisWidth(['0', '0.25'], 12)).toBeGreaterThan(axisWidth(['0', '1'], 12));
  expect(axisWidth(['100%'], 16)).toBeGreaterThan(axisWidth(['100%'], 12));
});
