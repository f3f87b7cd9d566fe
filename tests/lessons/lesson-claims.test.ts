import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LESSON_IDS, LESSONS } from '../../src/core/lessons/lessons';
import { checkLesson } from '../../src/core/lessons/run';
import { SEQUENCE_LESSON_IDS } from '../../src/core/sequence/lessons';
import { checkSequenceLesson } from '../../src/core/sequence/lesson-run';
import { tf, useBackend } from '../../src/core/tf';

// What each lesson's text promises, checked by its own claim on seed 1 and the wasm backend (what
// the page trains on). The full matrix, 5 seeds on wasm and cpu with at least 4 of 5 holding per
// backend, is `npm run check:lessons`: too slow for every commit.

let previous: string;
beforeAll(async () => {
  previous = tf.getBackend();
  await useBackend('wasm');
});
afterAll(async () => {
  if (previous === 'cpu' || previous === 'wasm') await useBackend(previous);
});

describe('every compare lesson keeps its promise (seed 1, wasm)', () => {
  it.each(LESSON_IDS)('%s', async (id) => {
    const { result, outcomes } = await checkLesson(id, 1);
    expect(outcomes).toHaveLength(LESSONS[id].lanes.length);
    expect(result, JSON.stringify(result.evidence)).toMatchObject({ holds: true });
    // Every part of the sentence names a lane of the lesson.
    for (const part of result.parts) expect(part.params.lane).toBeLessThan(outcomes.length);
  });
});

describe('every sequence lesson keeps its promise (seed 1, wasm)', () => {
  it.each(SEQUENCE_LESSON_IDS)(
    '%s',
    async (id) => {
      const { result } = await checkSequenceLesson(id, 1);
      expect(result, JSON.stringify(result.evidence)).toMatchObject({ holds: true });
    },
    240_000,
  );
});

describe('the clipping lesson', () => {
  it('shows an unclipped run that is ruined and a clipped one that trains, with the numbers to say so', async () => {
    const { result } = await checkLesson('smoothing-clipping', 1);
    expect(result.evidence.clippedValidationAccuracy).toBeGreaterThan(0.95);
    expect(
      result.evidence.unclippedStatus === 'diverged' ||
        (result.evidence.unclippedValidationAccuracy as number) <= 0.65,
    ).toBe(true);
    // The unclipped loss really exploded: far above the coin-toss loss ln 2 ≈ 0.69.
    expect(result.evidence.unclippedPeakTrainLoss).toBeGreaterThan(10);
  });
});
