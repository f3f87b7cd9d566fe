import { createRandom, deriveSeed, type Random } from '../random/random';

/**
 * Seeded toy sequence tasks, small enough to train in seconds yet shaped so that the number of
 * attention heads and the maximum sequence length visibly matter.
 *
 * One shared vocabulary for every task keeps the model's embedding table the same whatever the
 * task, so switching tasks never changes the parameter layout's meaning.
 */
export const SEQUENCE_PAD = 0;
const DIGIT = 1; // tokens 1..10 are the digits 0..9
const OPEN = 11;
const CLOSE = 12;
const LETTER = 13; // tokens 13..18 are the filler letters a..f
const LETTERS = 6;
const MARKED = 19; // tokens 19..28 are the marked digits 0..9
export const VOCABULARY_SIZE = 29;

/** How a token reads on screen: digits as digits, marked digits in brackets, padding as a dot. */
export function tokenLabel(token: number): string {
  if (token === SEQUENCE_PAD) return '·';
  if (token >= DIGIT && token < DIGIT + 10) return String(token - DIGIT);
  if (token === OPEN) return '(';
  if (token === CLOSE) return ')';
  if (token >= LETTER && token < LETTER + LETTERS) return String.fromCharCode(97 + token - LETTER);
  if (token >= MARKED && token < MARKED + 10) return `[${token - MARKED}]`;
  return '?';
}

export const SEQUENCE_TASKS = ['reverse', 'sort', 'count', 'brackets', 'last-digit', 'larger'] as const;
export type SequenceTaskId = (typeof SEQUENCE_TASKS)[number];

/**
 * `sequence`: one answer per sequence (a pooled classifier); `position`: one answer per input
 * position (a per-position head).
 */
export type SequenceOutputKind = 'sequence' | 'position';

export interface SequenceTask {
  id: SequenceTaskId;
  output: SequenceOutputKind;
  classes: number;
  /** One line, for --help and the page's English text. */
  description: string;
  /** Class names for display (answers). */
  classLabels: readonly string[];
  /** Sequence lengths this task can make (the brackets task needs even lengths, etc.). */
  minimumLength: number;
}

const DIGIT_LABELS = Array.from({ length: 10 }, (_, d) => String(d));

export const SEQUENCE_TASK: Readonly<Record<SequenceTaskId, SequenceTask>> = {
  reverse: {
    id: 'reverse',
    output: 'position',
    classes: 10,
    minimumLength: 2,
    classLabels: DIGIT_LABELS,
    description: 'write the digits in reverse order (one answer per position)',
  },
  sort: {
    id: 'sort',
    output: 'position',
    classes: 10,
    minimumLength: 2,
    classLabels: DIGIT_LABELS,
    description: 'write the digits in ascending order (one answer per position)',
  },
  count: {
    id: 'count',
    output: 'sequence',
    classes: 6,
    minimumLength: 5,
    classLabels: ['0', '1', '2', '3', '4', '5'],
    description: 'how many times does the digit 7 appear? (0 to 5)',
  },
  brackets: {
    id: 'brackets',
    output: 'sequence',
    classes: 2,
    minimumLength: 2,
    classLabels: ['unbalanced', 'balanced'],
    description: 'are the brackets balanced?',
  },
  'last-digit': {
    id: 'last-digit',
    output: 'sequence',
    classes: 10,
    minimumLength: 2,
    classLabels: DIGIT_LABELS,
    description:
      'filler letters, then one digit at the very end: which digit is it? (fails when the end is truncated)',
  },
  larger: {
    id: 'larger',
    output: 'sequence',
    classes: 2,
    minimumLength: 3,
    classLabels: ['no', 'yes'],
    description:
      'two digits are marked [d]: is the first marked digit larger than the second? (two lookups at once)',
  },
};

/** A set of examples: token rows of their own lengths and their answers. */
export interface SequenceExample {
  tokens: number[];
  /** One label for `sequence` tasks; one per token for `position` tasks. */
  labels: number[];
}

export interface SequenceDataset {
  task: SequenceTask;
  train: SequenceExample[];
  validation: SequenceExample[];
  /** The longest sequence in the data (before any truncation). */
  longest: number;
}

export interface SequenceDatasetSettings {
  task: SequenceTaskId;
  minSequenceLength: number;
  maxSequenceLength: number;
  trainingSize: number;
  seed: number;
}

/** Validation examples per training example: enough to measure accuracy by length bucket. */
export const SEQUENCE_VALIDATION_FRACTION = 0.25;

export function generateSequenceDataset(settings: SequenceDatasetSettings): SequenceDataset {
  const task = SEQUENCE_TASK[settings.task];
  const random = createRandom(deriveSeed(settings.seed, 'sequence-data', settings.task));
  const low = Math.max(task.minimumLength, Math.min(settings.minSequenceLength, settings.maxSequenceLength));
  const high = Math.max(low, settings.maxSequenceLength);
  const make = (count: number) =>
    Array.from({ length: count }, () =>
      generateSequenceExample(task.id, low + random.int(high - low + 1), random),
    );
  const train = make(settings.trainingSize);
  const validation = make(Math.max(20, Math.round(settings.trainingSize * SEQUENCE_VALIDATION_FRACTION)));
  const longest = Math.max(...train.map((e) => e.tokens.length), ...validation.map((e) => e.tokens.length));
  return { task, train, validation, longest };
}

const digit = (random: Random) => random.int(10);

export function generateSequenceExample(
  task: SequenceTaskId,
  length: number,
  random: Random,
): SequenceExample {
  switch (task) {
    case 'reverse': {
      const digits = Array.from({ length }, () => digit(random));
      return { tokens: digits.map((d) => DIGIT + d), labels: [...digits].reverse() };
    }
    case 'sort': {
      const digits = Array.from({ length }, () => digit(random));
      return { tokens: digits.map((d) => DIGIT + d), labels: [...digits].sort((a, b) => a - b) };
    }
    case 'count': {
      // The count is drawn first, uniformly, so every answer is equally common (chance is 1/6).
      const sevens = random.int(Math.min(5, length) + 1);
      const digits = Array.from({ length }, () => {
        const d = random.int(9);
        return d >= 7 ? d + 1 : d;
      });
      const positions = shuffled(length, random).slice(0, sevens);
      for (const p of positions) digits[p] = 7;
      return { tokens: digits.map((d) => DIGIT + d), labels: [sevens] };
    }
    case 'brackets': {
      const even = length - (length % 2);
      const balanced = random.next() < 0.5;
      const brackets = balanced ? balancedBrackets(even, random) : unbalancedBrackets(length, random);
      return { tokens: brackets.map((open) => (open ? OPEN : CLOSE)), labels: [balanced ? 1 : 0] };
    }
    case 'last-digit': {
      const tokens = Array.from({ length: length - 1 }, () => LETTER + random.int(LETTERS));
      const answer = digit(random);
      tokens.push(DIGIT + answer);
      return { tokens, labels: [answer] };
    }
    case 'larger': {
      const digits = Array.from({ length }, () => digit(random));
      const [first, second] = shuffled(length, random)
        .slice(0, 2)
        .sort((a, b) => a - b) as [number, number];
      const a = digit(random);
      let b = random.int(9);
      if (b >= a) b += 1; // distinct, so "larger" always has an answer
      const tokens = digits.map((d) => DIGIT + d);
      tokens[first] = MARKED + a;
      tokens[second] = MARKED + b;
      return { tokens, labels: [a > b ? 1 : 0] };
    }
  }
}

function shuffled(n: number, random: Random): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/** A random balanced word: open while allowed and a coin says so, else close. */
function balancedBrackets(length: number, random: Random): boolean[] {
  const out: boolean[] = [];
  let opensLeft = length / 2;
  let depth = 0;
  while (out.length < length) {
    const open = opensLeft > 0 && (depth === 0 || random.next() < 0.5);
    out.push(open);
    if (open) {
      opensLeft -= 1;
      depth += 1;
    } else depth -= 1;
  }
  return out;
}

/**
 * Unbalanced words that are hard to tell by counting alone: half have as many openings as
 * closings but close too early somewhere.
 */
function unbalancedBrackets(length: number, random: Random): boolean[] {
  for (;;) {
    let out: boolean[];
    if (length % 2 === 0 && random.next() < 0.5) {
      out = shuffled(length, random).map((i) => i < length / 2);
    } else {
      out = Array.from({ length }, () => random.next() < 0.5);
    }
    if (!isBalancedBrackets(out)) return out;
  }
}

export function isBalancedBrackets(brackets: readonly boolean[]): boolean {
  let depth = 0;
  for (const open of brackets) {
    depth += open ? 1 : -1;
    if (depth < 0) return false;
  }
  return depth === 0;
}
