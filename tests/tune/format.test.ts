import { describe, expect, it } from 'vitest';
import { formatTick, logTicks, niceTicks, paramLabel, quantile } from '../../src/ui/tune/format';

describe('chart ticks and labels', () => {
  it('puts round linear ticks across the range, not two bunched at one end', () => {
    expect(niceTicks(0, 80)).toEqual([0, 20, 40, 60, 80]);
    expect(niceTicks(-5, 10)).toEqual([-5, -2.5, 0, 2.5, 5, 7.5, 10]);
    expect(niceTicks(0.39, 2.5, 4)).toEqual([0.5, 1, 1.5, 2, 2.5]);
    expect(niceTicks(0, 15, 6)).toEqual([0, 2.5, 5, 7.5, 10, 12.5, 15]);
  });

  it('puts powers of ten on log axes', () => {
    expect(logTicks(1e-4, 1)).toEqual([1e-4, 1e-3, 1e-2, 0.1, 1]);
    expect(logTicks(0.1, 10)).toEqual([0.1, 0.2, 0.5, 1, 2, 5, 10]);
  });

  it('writes short labels that cannot be cut to ".000060"', () => {
    expect(formatTick(0.00006)).toBe('6e-5');
    expect(formatTick(0.25)).toBe('0.25');
    expect(formatTick(123456)).toBe('1.2e5');
    expect(formatTick(1e-4)).toBe('1e-4');
    expect(formatTick(0)).toBe('0');
  });

  it('names parameters in words, with their scale', () => {
    expect(paramLabel('learningRate', 'en', true)).toBe('learning rate (log scale)');
    expect(paramLabel('l2', 'zh')).toBe('L2 正则');
    expect(paramLabel('n_layers')).toBe('n layers');
    expect(paramLabel('hiddenUnitCount')).toBe('hidden unit count');
  });

  it('takes quartiles as numpy does', () => {
    expect(quantile([1, 2, 3, 4], 0.25)).toBeCloseTo(1.75, 12);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
  });
});
