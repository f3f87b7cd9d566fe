import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { tf } from '../../src/core/tf';
import {
  architectureOf,
  DEFAULT_SEQUENCE_CONFIG,
  HEAD_COUNTS,
  initialSequenceParameters,
  SEQUENCE_PAD,
  sequenceForward,
  sequenceLayout,
  SequenceTrainer,
  truncateAndPad,
  VOCABULARY_SIZE,
  type SequenceConfig,
  type SequenceOutputKind,
} from '../../src/core/sequence';

/** A tiny config that trains an epoch in well under a second. */
const SMALL: SequenceConfig = {
  ...DEFAULT_SEQUENCE_CONFIG,
  width: 16,
  ffWidth: 16,
  trainingSize: 50,
  minSequenceLength: 4,
  maxSequenceLength: 8,
  maxLength: 8,
  epochs: 2,
  batchSize: 25,
};

function model(heads: number, output: SequenceOutputKind, overrides: Partial<SequenceConfig> = {}) {
  const config = { ...SMALL, heads: heads as SequenceConfig['heads'], ...overrides };
  const layout = sequenceLayout(architectureOf(config, VOCABULARY_SIZE, 10, output));
  const parameters = tf.tensor2d(initialSequenceParameters(layout, config.seed), [1, layout.parameterCount]);
  return { layout, parameters };
}

const rows = [
  [3, 4, 5, 6, 7],
  [8, 2, 1],
];

let baseline = 0;
beforeEach(() => {
  baseline = tf.memory().numTensors;
});
afterEach(() => {
  // Every test here leaves the tensor count where it found it: nothing leaks.
  expect(tf.memory().numTensors).toBe(baseline);
});

describe('the transformer', () => {
  test.each(HEAD_COUNTS)(
    'with %i heads returns attention [B, H, T, T] per layer and outputs of the right shapes',
    (heads) => {
      const { layout, parameters } = model(heads, 'position', { layers: 2 });
      const { tokens, mask, length } = truncateAndPad(rows, 8);
      tf.tidy(() => {
        const attention: tf.Tensor[] = [];
        const logits = sequenceForward(
          layout,
          parameters,
          tf.tensor2d(tokens, [2, length], 'int32'),
          tf.tensor2d(mask, [2, length]),
          { attention },
        );
        expect(logits.shape).toEqual([2, 5, 10]);
        expect(attention.map((a) => a.shape)).toEqual([
          [2, heads, 5, 5],
          [2, heads, 5, 5],
        ]);
        // Every query's weights sum to one.
        const sums = tf.sum(attention[0]!, -1).arraySync() as number[][][];
        for (const value of sums.flat(2)) expect(value).toBeCloseTo(1, 5);
      });
      parameters.dispose();
      const pooled = model(heads, 'sequence');
      tf.tidy(() => {
        const logits = sequenceForward(
          pooled.layout,
          pooled.parameters,
          tf.tensor2d(tokens, [2, length], 'int32'),
          tf.tensor2d(mask, [2, length]),
        );
        expect(logits.shape).toEqual([2, 10]);
      });
      pooled.parameters.dispose();
    },
  );

  test.each(['transformer', 'lstm'] as const)(
    'the %s ignores padding: extra padding changes no output, and no query attends to it',
    (kind) => {
      for (const output of ['sequence', 'position'] as const) {
        const { layout, parameters } = model(4, output, { model: kind });
        tf.tidy(() => {
          const short = [2, 5, 9];
          const run = (padTo: number) => {
            const padded = [...short, ...Array<number>(padTo - short.length).fill(SEQUENCE_PAD)];
            const mask = padded.map((_, i) => (i < short.length ? 1 : 0));
            const attention: tf.Tensor[] = [];
            const logits = sequenceForward(
              layout,
              parameters,
              tf.tensor2d([padded], [1, padTo], 'int32'),
              tf.tensor2d([mask], [1, padTo]),
              { attention },
            );
            return { logits, attention };
          };
          const tight = run(3);
          const loose = run(8);
          const looseRelevant =
            output === 'position' ? tf.slice(loose.logits, [0, 0, 0], [1, 3, 10]) : loose.logits;
          const difference = tf.max(tf.abs(tf.sub(tight.logits, looseRelevant))).arraySync() as number;
          expect(difference).toBeLessThan(1e-5);
          if (kind === 'transformer') {
            // Weights on the padding keys (columns 3..7) are zero for every head and query.
            const onPadding = tf
              .sum(tf.slice(loose.attention[0]!, [0, 0, 0, 3], [1, 4, 8, 5]))
              .arraySync() as number;
            expect(onPadding).toBeLessThan(1e-6);
          }
        });
        parameters.dispose();
      }
    },
  );

  test('refuses inputs longer than its position table instead of reading past it', () => {
    const { layout, parameters } = model(2, 'sequence', { maxLength: 4 });
    expect(() =>
      tf.tidy(() =>
        sequenceForward(
          layout,
          parameters,
          tf.zeros([1, 5], 'int32') as tf.Tensor2D,
          tf.ones([1, 5]) as tf.Tensor2D,
        ),
      ),
    ).toThrow(/maximum length 4/);
    parameters.dispose();
  });
});

describe('truncation at the maximum length', () => {
  test('keeps the first maxLength tokens and pads the rest', () => {
    const { tokens, mask, length, kept } = truncateAndPad(
      [
        [1, 2, 3, 4, 5, 6],
        [7, 8],
      ],
      4,
    );
    expect(length).toBe(4);
    expect(kept).toEqual([4, 2]);
    expect(Array.from(tokens)).toEqual([1, 2, 3, 4, 7, 8, 0, 0]);
    expect(Array.from(mask)).toEqual([1, 1, 1, 1, 1, 1, 0, 0]);
  });

  test('a trained model cannot see past its maximum length: tokens there change nothing', async () => {
    const trainer = new SequenceTrainer({
      ...SMALL,
      task: 'last-digit',
      maxLength: 4,
      minSequenceLength: 6,
      maxSequenceLength: 8,
      epochs: 1,
    });
    await trainer.trainEpoch();
    const a = await trainer.attentionFor({ tokens: [13, 14, 15, 16, 17, 2], labels: [1] });
    const b = await trainer.attentionFor({ tokens: [13, 14, 15, 16, 17, 9, 9, 9], labels: [8] });
    expect(a.tokens).toEqual([13, 14, 15, 16]);
    expect(a.originalLength).toBe(6);
    expect(a.weights[0]![0]!.length).toBe(16); // a 4×4 map per head
    expect(a.prediction).toEqual(b.prediction);
    expect(Array.from(a.weights[0]![0]!)).toEqual(Array.from(b.weights[0]![0]!));
    trainer.dispose();
  });
});

describe('training', () => {
  test('the same seed gives the same numbers; another seed gives others', async () => {
    const { trainSequence } = await import('../../src/core/sequence');
    const config: SequenceConfig = { ...SMALL, dropout: 0.1, attentionDropout: 0.1, labelSmoothing: 0.1 };
    const first = await trainSequence(config);
    const second = await trainSequence(config);
    const other = await trainSequence({ ...config, seed: 2 });
    const numbers = (r: typeof first) =>
      r.history.map((m) => [m.trainLoss, m.validationLoss, m.validationAccuracy]);
    expect(numbers(second)).toEqual(numbers(first));
    expect(numbers(other)).not.toEqual(numbers(first));
    expect(first.summary.status).toBe('completed');
    expect(first.history).toHaveLength(2);
  });

  test.each(['transformer', 'lstm'] as const)(
    'the %s trains, reports accuracy by length bucket, and frees every tensor',
    async (kind) => {
      const trainer = new SequenceTrainer({
        ...SMALL,
        model: kind,
        task: 'count',
        heads: 2,
        layers: 2,
        dropout: 0.2,
        attentionDropout: 0.2,
      });
      const metrics = await trainer.trainEpoch();
      expect(metrics!.accuracyByLength.map((b) => [b.from, b.to])).toEqual([
        [5, 5],
        [6, 6],
        [7, 7],
        [8, 8],
      ]);
      expect(metrics!.accuracyByLength.reduce((sum, b) => sum + b.examples, 0)).toBe(
        trainer.dataset.validation.length,
      );
      const maps = await trainer.attentionFor(trainer.dataset.validation[0]!);
      expect(maps.weights).toHaveLength(kind === 'transformer' ? 2 : 0);
      trainer.dispose();
    },
  );

  test('a far too high learning rate ends the run as diverged, with a message saying so', async () => {
    const { trainSequence } = await import('../../src/core/sequence');
    const result = await trainSequence({
      ...SMALL,
      optimizer: 'sgd',
      learningRate: 100,
      clipNorm: 0,
      epochs: 5,
    });
    expect(result.summary.status).toBe('diverged');
    expect(result.summary.verdict).toMatchObject({
      status: 'diverged',
      params: { epoch: result.summary.divergedAtEpoch, learningRate: 100, optimizer: 'sgd' },
    });
  });
});
