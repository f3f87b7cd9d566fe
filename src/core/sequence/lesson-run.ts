/** Trains a sequence lesson's lanes, one after another as the Sequences page does, and checks its claim. */
import type { LaneOutcome } from '../lessons/claims';
import { sequenceLesson, sequenceLessonLanes, type SequenceLessonId } from './lessons';
import { trainSequence } from './trainer';

export async function checkSequenceLesson(id: SequenceLessonId, seed?: number) {
  const outcomes: LaneOutcome[] = [];
  for (const lane of sequenceLessonLanes(id)) {
    const config = seed === undefined ? lane.config : { ...lane.config, seed };
    const { history, summary } = await trainSequence(config);
    outcomes.push({ history, summary });
  }
  return { outcomes, result: sequenceLesson(id).claim(outcomes) };
}
