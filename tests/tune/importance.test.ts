import { describe, expect, it } from 'vitest';
import { fanovaImportance } from '../../src/core/tune/importance';
import { categorical, float, int } from '../../src/core/tune/space';
import { createTuner, type Trial } from '../../src/core/tune/tuners';

const space = {
  learningRate: float(1e-4, 1, { log: true }),
  units: int(4, 64),
  optimizer: categorical(['sgd', 'adam', 'rmsprop']),
};

function study(objective: (p: Record<string, number | string | boolean>) => number, count = 120): Trial[] {
  const tuner = createTuner('random', space, { seed: 7 });
  for (const s of tuner.ask(count)) tuner.tell(s.number, { value: objective(s.params), state: 'complete' });
  return [...tuner.trials];
}

describe('fANOVA hyperparameter importance', () => {
  it('gives the one parameter that matters at least 0.8 of the importance', () => {
    const trials = study((p) => (Math.log10(p.learningRate as number) + 2) ** 2);
    const importance = fanovaImportance(space, trials, { seed: 1 });
    expect(importance[0]!.name).toBe('learningRate');
    expect(importance[0]!.importance).toBeGreaterThanOrEqual(0.8);
    expect(importance.reduce((a, b) => a + b.importance, 0)).toBeCloseTo(1, 9);
  });

  it('finds a categorical parameter that matters, and splits the credit of two that matter equally', () => {
    const byChoice = fanovaImportance(
      space,
      study((p) => ({ sgd: 3, adam: 0, rmsprop: 1 })[p.optimizer as string]!),
      { seed: 1 },
    );
    expect(byChoice[0]).toMatchObject({ name: 'optimizer' });
    expect(byChoice[0]!.importance).toBeGreaterThanOrEqual(0.8);
    const both = fanovaImportance(
      space,
      study((p) => (Math.log10(p.learningRate as number) + 2) / 4 + ((p.units as number) - 34) / 60),
      { seed: 1 },
    );
    const share = Object.fromEntries(both.map((b) => [b.name, b.importance]));
    expect(share.learningRate!).toBeGreaterThan(0.3);
    expect(share.units!).toBeGreaterThan(0.3);
    expect(share.optimizer!).toBeLessThan(0.1);
  });

  it('is the same for the same seed, and copes with too few trials', () => {
    const trials = study((p) => p.units as number, 30);
    expect(fanovaImportance(space, trials, { seed: 3 })).toEqual(
      fanovaImportance(space, trials, { seed: 3 }),
    );
    const equal = fanovaImportance(space, trials.slice(0, 1));
    expect(equal.map((e) => e.importance)).toEqual([1 / 3, 1 / 3, 1 / 3]);
  });
});
