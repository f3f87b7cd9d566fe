import { describe, expect, test } from 'vitest';
import { SEQUENCE_LESSONS, sequenceLessonLanes, validateSequenceConfig } from '../../src/core/sequence';

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

describe('max-length: the premise of its claim', () => {
  test("lane 0's maximum length is below the answer's position in every sequence; the others keep it", () => {
    const lanes = sequenceLessonLanes('max-length');
    const shortest = Math.min(...lanes.map((l) => l.config.minSequenceLength));
    expect(lanes[0]!.config.maxLength).toBeLessThan(shortest);
    expect(lanes.slice(1).every((l) => l.config.maxLength >= l.config.maxSequenceLength)).toBe(true);
  });
});

// The claims themselves (1 < 2 < 4 heads; truncation stays at chance) are the lessons' own
// predicates, trained in tests/lessons/lesson-claims.test.ts and npm run check:lessons.
