import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  categorical,
  checkNetworkSpace,
  contains,
  float,
  int,
  paramsFromUnit,
  parseSearchSpace,
  unitFromParams,
  valueFromUnit,
  type SearchSpace,
} from '../../src/core/tune/space';

const space: SearchSpace = {
  learningRate: float(1e-4, 1, { log: true }),
  dropout: float(0, 0.5, { step: 0.1 }),
  batchSize: int(8, 128, { log: true }),
  epochs: int(10, 50, { step: 10 }),
  optimizer: categorical(['sgd', 'adam']),
};

describe('search space', () => {
  it('maps every unit point to values inside the distributions, and back', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 5, maxLength: 5 }),
        (unit) => {
          const params = paramsFromUnit(space, unit);
          for (const [name, d] of Object.entries(space)) expect(contains(d, params[name]!)).toBe(true);
          expect(paramsFromUnit(space, unitFromParams(space, params))).toEqual(params);
        },
      ),
    );
  });

  it('puts log parameters in log space: the middle of [1e-4, 1] is 1e-2', () => {
    expect(valueFromUnit(space.learningRate!, 0.5)).toBeCloseTo(1e-2, 12);
  });

  it('gives every integer and every choice an equal share of the unit interval', () => {
    const counts = new Map<number, number>();
    for (let i = 0; i < 5000; i++) {
      const value = valueFromUnit(int(1, 5), (i + 0.5) / 5000) as number;
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    expect([...counts.values()]).toEqual([1000, 1000, 1000, 1000, 1000]);
    expect(valueFromUnit(space.optimizer!, 0.49)).toBe('sgd');
    expect(valueFromUnit(space.optimizer!, 0.51)).toBe('adam');
  });

  it('rejects bad spaces with messages that name the parameter', () => {
    expect(() => float(0, 1, { log: true })).toThrow(/log range needs low > 0/);
    expect(() => parseSearchSpace({ learningRate: { type: 'float', low: 1, high: 0 } })).toThrow(
      /learningRate/,
    );
    expect(() => parseSearchSpace({ x: { type: 'gaussian' } })).toThrow(/x/);
    expect(() => checkNetworkSpace({ learningRate: float(1e-4, 1000, { log: true }) })).toThrow(
      /learningRate.*100/,
    );
    expect(() => checkNetworkSpace({ colour: categorical(['red']) })).toThrow(/colour is not a tunable/);
    expect(() => checkNetworkSpace({ optimizer: categorical(['adam', 'lion']) })).toThrow(/optimizer/);
    expect(
      checkNetworkSpace({ optimizer: categorical(['adam', 'sgd']), l2: float(1e-6, 0.1, { log: true }) }),
    ).toBeTruthy();
  });
});
