import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { NUMERIC_PARAMETER, NUMERIC_PARAMETERS } from '../../src/core';
import { parseParameterInput, positionOf, sliderValues } from '../../src/ui/controls/scale';

describe('slider ladders', () => {
  test('the learning rate moves over 1-2-3-5 steps per decade across its whole range', () => {
    const values = sliderValues(NUMERIC_PARAMETER.learningRate);
    expect(values[0]).toBe(1e-5);
    expect(values.at(-1)).toBe(100);
    expect(values).toContain(0.003);
    const at = values.indexOf(0.01);
    expect(values.slice(at, at + 4)).toEqual([0.01, 0.02, 0.03, 0.05]);
  });

  test('L1, L2 and clipping start at "off" (0), then their smallest non-zero value', () => {
    for (const key of ['l1', 'l2', 'clipNorm'] as const) {
      const p = NUMERIC_PARAMETER[key];
      const values = sliderValues(p);
      expect(values[0]).toBe(0);
      expect(values[1]).toBe(p.logMin);
      expect(values.at(-1)).toBe(p.max);
    }
  });

  test('batch sizes are powers of two', () => {
    const values = sliderValues(NUMERIC_PARAMETER.batchSize);
    expect(values.slice(0, 6)).toEqual([1, 2, 4, 8, 16, 32]);
    expect(values.every((v) => Number.isInteger(Math.log2(v)))).toBe(true);
  });

  test('every ladder is increasing, inside its range, and holds the default exactly', () => {
    for (const p of NUMERIC_PARAMETERS) {
      if (p.key === 'seed') continue;
      const values = sliderValues(p);
      for (let i = 1; i < values.length; i++) expect(values[i]!).toBeGreaterThan(values[i - 1]!);
      expect(values[0]!).toBeGreaterThanOrEqual(p.min);
      expect(values.at(-1)!).toBeLessThanOrEqual(p.max);
      expect(values[positionOf(values, p.defaultValue, p.scale)]).toBe(p.defaultValue);
    }
  });

  test('epochs step by tens from its minimum of 1', () => {
    expect(sliderValues(NUMERIC_PARAMETER.epochs).slice(0, 3)).toEqual([1, 10, 20]);
  });

  test('a value between steps lands on the nearest step; a tiny positive one stays right of "off"', () => {
    const lr = NUMERIC_PARAMETER.learningRate;
    const values = sliderValues(lr);
    expect(values[positionOf(values, 0.011, 'log')]).toBe(0.01);
    const l2 = sliderValues(NUMERIC_PARAMETER.l2);
    expect(positionOf(l2, 1e-9, 'log')).toBe(1);
    expect(positionOf(l2, 0, 'log')).toBe(0);
  });

  // The ladders and the search as they were first written, slow and plain: the fast ones must
  // agree with them on every parameter, so a link's value lands on the same position as before.
  const tidy = (value: number) => Number(value.toPrecision(6));
  const plainLinear = (p: (typeof NUMERIC_PARAMETERS)[number]) => {
    const step = p.step ?? (p.integer ? 1 : (p.max - p.min) / 100);
    const values = [p.min];
    for (let i = Math.floor(p.min / step) + 1; tidy(i * step) < p.max; i++)
      if (tidy(i * step) > p.min) values.push(tidy(i * step));
    return [...values, p.max];
  };
  const plainPosition = (values: readonly number[], value: number, scale: 'log' | 'linear') => {
    let best = 0;
    let bestDistance = Infinity;
    values.forEach((candidate, index) => {
      const distance =
        scale === 'linear'
          ? Math.abs(candidate - value)
          : candidate === 0 || value <= 0
            ? candidate === 0 && value <= 0
              ? 0
              : Infinity
            : Math.abs(Math.log(candidate) - Math.log(value));
      if (distance < bestDistance) [best, bestDistance] = [index, distance];
    });
    return scale === 'log' && value > 0 && values[best] === 0 ? Math.min(1, values.length - 1) : best;
  };

  test('linear ladders hold exactly the tidy decimals (β₂ walks 0, 0.0001 … 0.9999)', () => {
    for (const p of NUMERIC_PARAMETERS.filter((q) => q.key !== 'seed' && q.scale === 'linear'))
      expect(sliderValues(p), p.key).toEqual(plainLinear(p));
    const beta2 = sliderValues(NUMERIC_PARAMETER.beta2);
    expect(beta2).toHaveLength(10_000);
    expect(beta2[9990]).toBe(0.999);
  });

  test('the nearest position is the one a scan of the whole ladder finds', () => {
    for (const p of NUMERIC_PARAMETERS.filter((q) => q.key !== 'seed')) {
      const values = sliderValues(p);
      fc.assert(
        fc.property(
          fc.oneof(fc.double({ min: p.min, max: p.max, noNaN: true }), fc.constantFrom(...values)),
          (value) => positionOf(values, value, p.scale) === plainPosition(values, value, p.scale),
        ),
        { numRuns: 200 },
      );
    }
  });

  test('any in-range value maps to a valid position', () => {
    for (const p of NUMERIC_PARAMETERS.filter((q) => q.key !== 'seed')) {
      const values = sliderValues(p);
      fc.assert(
        fc.property(fc.double({ min: p.min, max: p.max, noNaN: true }), (value) => {
          const position = positionOf(values, value, p.scale);
          return Number.isInteger(position) && position >= 0 && position < values.length;
        }),
        { numRuns: 50 },
      );
    }
  });
});

describe('typed values', () => {
  const lr = NUMERIC_PARAMETER.learningRate;
  test('accepts numbers in range, including a decimal comma', () => {
    expect(parseParameterInput('0.05', lr)).toEqual({ ok: true, value: 0.05 });
    expect(parseParameterInput(' 3e-4 ', lr)).toEqual({ ok: true, value: 3e-4 });
    expect(parseParameterInput('0,5', lr)).toEqual({ ok: true, value: 0.5 });
  });

  test('refuses bad input with a reason instead of guessing', () => {
    expect(parseParameterInput('', lr)).toEqual({ ok: false, reason: 'empty' });
    expect(parseParameterInput('NaN', lr)).toEqual({ ok: false, reason: 'not-a-number' });
    expect(parseParameterInput('0.01abc', lr)).toEqual({ ok: false, reason: 'not-a-number' });
    expect(parseParameterInput('1e308', lr)).toEqual({ ok: false, reason: 'out-of-range' });
    expect(parseParameterInput('Infinity', lr)).toEqual({ ok: false, reason: 'not-a-number' });
    expect(parseParameterInput('-1', lr)).toEqual({ ok: false, reason: 'out-of-range' });
    expect(parseParameterInput('16.5', NUMERIC_PARAMETER.batchSize)).toEqual({
      ok: false,
      reason: 'not-integer',
    });
  });
});
