import { describe, expect, it } from 'vitest';
import { lessonLanes, trainPopulation } from '../../src/core';

// What each lesson claims is checked by its own predicate (tests/lessons/lesson-claims.test.ts,
// npm run check:lessons). Here: a lesson is a reproducible experiment.
describe('the overfitting lesson', () => {
  it('gives the same numbers on a second run from the same lesson', async () => {
    const config = lessonLanes('overfitting')[0]!.config;
    const short = { ...config, epochs: 30 };
    // The first training in a fresh process differs in the 7th digit from every later one (the
    // backend's first kernels); every later run agrees to the bit. Compared after one warm run.
    await trainPopulation([{ ...short, epochs: 1 }]);
    const [first] = await trainPopulation([short]);
    const [second] = await trainPopulation([short]);
    expect(second!.history.map((m) => m.validationLoss)).toEqual(first!.history.map((m) => m.validationLoss));
  });
});
