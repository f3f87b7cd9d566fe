import { accuracyPart, below, finalAccuracy, round, type Claim } from '../lessons/claims';
import type { LessonLanguage, Localized } from '../lessons/names';
import type { LessonText } from '../lessons/lessons';
import { DEFAULT_SEQUENCE_CONFIG, type SequenceConfig } from './config';

export const SEQUENCE_LESSON_IDS = ['heads', 'max-length'] as const;
export type SequenceLessonId = (typeof SEQUENCE_LESSON_IDS)[number];

export interface SequenceLessonLaneSpec {
  label: Localized;
  overrides: Partial<SequenceConfig>;
}

/** A lesson of the sequence page: a base run, its lanes, and what to look for, in both languages. */
export interface SequenceLesson {
  id: SequenceLessonId;
  /** Every lane starts from this, seed included: lanes share data, order and initial draws. */
  base: SequenceConfig;
  lanes: readonly SequenceLessonLaneSpec[];
  text: Record<LessonLanguage, LessonText>;
  /** What the text promises, checked on the finished lanes; see `Lesson.claim`. */
  claim: Claim;
}

// Settings tuned by running them; tests/sequence/lessons.test.ts checks each claim the texts make.
// Small on purpose: every lane must show its effect in seconds on a laptop's cpu backend.

/**
 * Letters, then the answer digit at the very end, 20 to 30 tokens long: a position table of 16
 * rows never sees the answer, one of 32 always does.
 */
const MAX_LENGTH_BASE: SequenceConfig = {
  ...DEFAULT_SEQUENCE_CONFIG,
  task: 'last-digit',
  minSequenceLength: 20,
  maxSequenceLength: 30,
  trainingSize: 400,
  width: 16,
  ffWidth: 32,
  heads: 2,
  layers: 1,
  learningRate: 0.01,
  epochs: 6,
  seed: 1,
};

/**
 * "Is the first marked digit larger than the second?" over 4 to 8 digits. Answering needs both
 * marked digits *and* which came first; one head has to blend the two into one average, while
 * separate heads can each fetch one (1 head: 75% validation accuracy after 8 epochs; 4 heads:
 * 99%, measured with these settings).
 */
const HEADS_BASE: SequenceConfig = {
  ...DEFAULT_SEQUENCE_CONFIG,
  task: 'larger',
  minSequenceLength: 4,
  maxSequenceLength: 8,
  maxLength: 8,
  trainingSize: 1000,
  width: 16,
  ffWidth: 32,
  layers: 1,
  learningRate: 0.01,
  batchSize: 32,
  epochs: 8,
  seed: 1,
};

export const SEQUENCE_LESSONS: readonly SequenceLesson[] = [
  {
    id: 'heads',
    base: HEADS_BASE,
    lanes: [
      { label: { en: '1 head', zh: '1 个头' }, overrides: { heads: 1 } },
      { label: { en: '2 heads', zh: '2 个头' }, overrides: { heads: 2 } },
      { label: { en: '4 heads', zh: '4 个头' }, overrides: { heads: 4 } },
    ],
    text: {
      en: {
        title: 'How many heads?',
        summary:
          'Two marked digits must be read at once and compared: several heads can each look up one of them.',
        tryThis:
          'Train the lanes: same width, same data, same seed; only the number of heads differs. Then open the attention maps of one example.',
        lookFor:
          'With the same width and epochs, several heads beat one: 2 heads and 4 heads both end above 1 head, the better of them by 10 points or more (over five seeds: 1 head 70–86%, 2 heads 84–97%, 4 heads 90–99%). In the attention maps, look at the columns of the marked digits [d]: with several heads, each head can look at them in its own way; a single head has to share one pattern.',
      },
      zh: {
        title: '注意力头要几个？',
        summary: '两个被标记的数字要同时读出并比较：多个头可以各自查找其中一个。',
        tryThis: '训练这几条通道：宽度、数据、随机种子都相同，只有头的数量不同。然后打开某个样例的注意力图。',
        lookFor:
          '宽度和轮数相同时，多个头胜过一个头：2 个头和 4 个头最后都高于 1 个头，其中较好的一条高出 10 个百分点以上（五个随机种子上：1 个头 70–86%，2 个头 84–97%，4 个头 90–99%）。在注意力图里，看看被标记数字 [d] 所在的列：有多个头时，每个头可以用自己的方式关注它们；只有一个头时，只能共用一种注意力模式。',
      },
    },
    claim: ([one, two, four]) => {
      const [a, b, c] = [one, two, four].map(finalAccuracy);
      return {
        holds: below(a, b) && below(a, c) && a != null && below(a + 0.1, Math.max(b ?? 0, c ?? 0)),
        evidence: {
          oneHeadValidationAccuracy: round(a),
          twoHeadsValidationAccuracy: round(b),
          fourHeadsValidationAccuracy: round(c),
        },
        parts: [one, two, four].map((lane, i) => accuracyPart(i, lane)),
      };
    },
  },
  {
    id: 'max-length',
    base: MAX_LENGTH_BASE,
    lanes: [
      { label: { en: 'max length 16 (too short)', zh: '最大长度 16（太短）' }, overrides: { maxLength: 16 } },
      { label: { en: 'max length 32', zh: '最大长度 32' }, overrides: { maxLength: 32 } },
      {
        label: { en: 'LSTM, max length 32', zh: 'LSTM，最大长度 32' },
        overrides: { model: 'lstm', maxLength: 32 },
      },
    ],
    text: {
      en: {
        title: 'Maximum sequence length and truncation',
        summary:
          'The answer is the digit at the very end of a 20–30 token sequence; a model with a maximum length of 16 cuts it off.',
        tryThis:
          'Train the lanes: they differ only in the maximum length (and the last lane is an LSTM). Look at the accuracy by sequence length.',
        lookFor:
          'The lane with maximum length 16 never sees the answer and stays near chance (10%) for every length; the lanes that keep 32 tokens learn the task.',
      },
      zh: {
        title: '最大序列长度与截断',
        summary: '答案是 20–30 个词元长的序列末尾的那个数字；最大长度为 16 的模型会把它截掉。',
        tryThis: '训练这几条通道：它们只有最大长度不同（最后一条是 LSTM）。看看按序列长度划分的准确率。',
        lookFor:
          '最大长度为 16 的通道永远看不到答案，在所有长度上都停在随机水平（10%）附近；保留 32 个词元的通道学会了这个任务。',
      },
    },
    claim: ([tooShort, longEnough, lstm]) => {
      const [a, b, c] = [tooShort, longEnough, lstm].map(finalAccuracy);
      return {
        // Ten digits: chance is 10%; near chance, for a validation set of 100 sequences.
        holds: below(a, 0.2) && below(0.95, b) && below(0.95, c),
        evidence: {
          maxLength16ValidationAccuracy: round(a),
          maxLength32ValidationAccuracy: round(b),
          lstmValidationAccuracy: round(c),
        },
        parts: [tooShort, longEnough, lstm].map((lane, i) => accuracyPart(i, lane)),
      };
    },
  },
];

export function sequenceLesson(id: string): SequenceLesson {
  const lesson = SEQUENCE_LESSONS.find((l) => l.id === id);
  if (!lesson)
    throw new Error(`no sequence lesson ${JSON.stringify(id)} (lessons: ${SEQUENCE_LESSON_IDS.join(', ')})`);
  return lesson;
}

/** Each lane's complete config: the base with its overrides. */
export function sequenceLessonLanes(
  id: string,
): { label: Localized; overrides: Partial<SequenceConfig>; config: SequenceConfig }[] {
  const lesson = sequenceLesson(id);
  return lesson.lanes.map((lane) => ({
    label: lane.label,
    overrides: lane.overrides,
    config: { ...lesson.base, ...lane.overrides },
  }));
}
