import type { LaneOutcome } from '../../core/lessons/claims';
import { LESSON_IDS, LESSONS, type Lesson } from '../../core/lessons/lessons';
import type { ExperimentConfig } from '../../core/config/parameters';
import { ENDED_STATUSES, type LaneState } from '../../store/compare';
import type { ClaimView } from '../lessons/WhatHappened';
import { weightHistogram } from '../../core/lessons/weights';
import { useLaneWeights } from './session';

const withoutSeed = (config: ExperimentConfig) => JSON.stringify({ ...config, seed: 0 });

/** Whether the lanes are still the lesson's own (any seed): only then is its claim about them. */
export function lanesAreLesson(lesson: Lesson, lanes: readonly LaneState[]): boolean {
  return (
    lanes.length === lesson.lanes.length &&
    lesson.lanes.every(
      (spec, i) => withoutSeed({ ...lesson.base, ...spec.overrides }) === withoutSeed(lanes[i]!.config),
    )
  );
}

const outcomeOf = (lane: LaneState): LaneOutcome | undefined =>
  lane.summary ? { history: lane.history, summary: lane.summary } : undefined;

/** The open lesson's claim on the finished lanes, once every lane has ended (weights read if it needs them). */
export function useLessonClaim(lessonId: string | null, lanes: readonly LaneState[]): ClaimView | null {
  const lesson =
    lessonId && (LESSON_IDS as readonly string[]).includes(lessonId)
      ? LESSONS[lessonId as Lesson['id']]
      : null;
  const isLesson = lesson !== null && lanesAreLesson(lesson, lanes);
  const allEnded = lanes.length > 0 && lanes.every((lane) => ENDED_STATUSES.includes(lane.status));
  const usable =
    allEnded &&
    lanes.every((lane) => lane.summary && lane.status !== 'cancelled' && lane.status !== 'failed');
  const needsWeights = isLesson && usable && lesson.needsWeights === true;
  // The weights the lanes' worker holds, read when each lane ended (see the compare session).
  const laneWeights = useLaneWeights();
  const weights = needsWeights ? lanes.map((lane) => laneWeights[lane.id]) : [];

  if (!lesson) return null;
  if (!isLesson) return { kind: 'changed' };
  if (!allEnded) return { kind: 'waiting' };
  if (!usable) return { kind: 'not-finished' };
  const outcomes = lanes.map(outcomeOf);
  if (lesson.needsWeights) {
    if (weights.some((values) => values === undefined)) return { kind: 'checking-weights' };
    outcomes.forEach((outcome, i) => {
      const histogram = weightHistogram(weights[i]!, 21);
      if (outcome)
        outcome.weights = { zeros: histogram.zeros, total: histogram.counts.reduce((a, b) => a + b, 0) };
    });
  }
  return { kind: 'checked', result: lesson.claim(outcomes) };
}
