import { describe, expect, it } from 'vitest';
import { MAX_POPULATION, networkParallel } from '../../src/core/tune/study';

describe('how many network trials a study trains at once by default', () => {
  it('trains every trial of a result-free tuner as one population, up to the memory cap', () => {
    for (const kind of ['random', 'grid', 'quasi-random'] as const) {
      expect(networkParallel(kind, 32)).toBe(32);
      expect(networkParallel(kind, 1000)).toBe(MAX_POPULATION);
    }
  });

  it('asks model-based tuners for small batches and leaves generations and rungs to their tuners', () => {
    expect(networkParallel('bayes', 32)).toBe(4);
    expect(networkParallel('tpe', 32)).toBe(4);
    expect(networkParallel('pso', 32)).toBeUndefined();
    expect(networkParallel('hyperband', 32)).toBeUndefined();
  });
});
