import { describe, expect, test } from 'vitest';
import {
  SEQUENCE_LESSONS,
  sequenceLessonLanes,
  trainSequence,
  validateSequenceConfig,
  type SequenceRunResult,
} from '../../src/core/sequence';

// The lessons' texts make claims; these tests hold the tuned settings to them, as numbers. They
// train every lane at the lesson's own settings, so they are the slowest tests here (seconds per
// lane on a quiet laptop).

const finalAccuracy = (result: SequenceRunResult) => result.summary.finalValidationAccuracy!;

describe('every lesson', () => {
  test('has valid lanes and texts in both languages', () => {
    for (const lesson of SEQUENCE_LESSONS) {
      for (const lane of sequenceLessonLanes(lesson.id)) {
        expect(validateSequenceConfig(lane.config)).toEqual({ ok: true, config: lane.config });
        expect(lane.label.en).not.toBe('');
        expect(lane.label.zh).not.toBe(lane.label.en);
      }
      for (const language of ['en', 'zh'] as const) {
        const text = lesson.text[language];
        for (const field of [text.title, text.summary, text.tryThis, text.lookFor])
          expect(field.length).toBeGreaterThan(5);
      }
    }
  });
});

describe('max-length: truncation', () => {
  test('lane 0 cuts the answer off and stays near chance; the lanes that keep 32 tokens learn', async () => {
    const lanes = sequenceLessonLanes('max-length');
    const longest = Math.min(...lanes.map((l) => l.config.minSequenceLength));
    // The premise: lane 0's maximum length is below the answer's position in every sequence.
    expect(lanes[0]!.config.maxLength).toBeLessThan(longest);
    expect(lanes.slice(1).every((l) => l.config.maxLength >= l.config.maxSequenceLength)).toBe(true);
    const results = [];
    for (const lane of lanes) results.push(await trainSequence(lane.config));
    const [tooShort, longEnough, lstm] = results.map(finalAccuracy) as [number, number, number];
    // Ten digits: chance is 10%. Near chance, for a validation set of 100 sequences.
    expect(tooShort).toBeLessThan(0.2);
    for (const bucket of results[0]!.history.at(-1)!.accuracyByLength)
      expect(bucket.accuracy).toBeLessThan(0.3);
    expect(longEnough).toBeGreaterThan(0.95);
    expect(lstm).toBeGreaterThan(0.95);
  }, 240_000);
});

describe('heads: more heads help when two things must be looked up at once', () => {
  test('1 head < 2 heads < 4 heads in validation accuracy; 4 heads nearly solve the task', async () => {
    const results = [];
    for (const lane of sequenceLessonLanes('heads')) results.push(await trainSequence(lane.config));
    const [one, two, four] = results.map(finalAccuracy) as [number, number, number];
    expect(one).toBeLessThan(two);
    expect(two).toBeLessThan(four);
    expect(one).toBeLessThan(0.85);
    expect(four).toBeGreaterThan(0.95);
  }, 300_000);
});
