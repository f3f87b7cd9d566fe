import { describe, expect, test } from 'vitest';
import {
  DEFAULT_SEQUENCE_CONFIG,
  generateSequenceDataset,
  isBalancedBrackets,
  restoreSequenceConfig,
  SEQUENCE_TASK,
  SEQUENCE_TASKS,
  tokenLabel,
  validateSequenceConfig,
} from '../../src/core/sequence';

describe('sequence settings', () => {
  test('strict validation names the field and its range', () => {
    expect(validateSequenceConfig({ maxLength: 1000 })).toEqual({
      ok: false,
      issues: [
        {
          code: 'out-of-range',
          field: 'maxLength',
          params: { min: '2', max: '64', integer: 1 },
          message: 'maxLength must be an integer from 2 to 64',
        },
      ],
    });
    expect(validateSequenceConfig({ heads: 4, width: 18 })).toMatchObject({
      ok: false,
      issues: [{ code: 'width-not-multiple', field: 'width', params: { heads: 4 } }],
    });
    expect(validateSequenceConfig({ colour: 'red' })).toMatchObject({
      ok: false,
      issues: [{ code: 'unknown-field', field: '(config)', params: { name: 'colour' } }],
    });
    expect(validateSequenceConfig('{}')).toMatchObject({ ok: false });
  });

  test('lenient restore turns hostile input into the nearest valid settings and says what changed', () => {
    const { config, issues } = restoreSequenceConfig({
      maxLength: 1e9,
      learningRate: NaN,
      heads: 3,
      width: 30,
      task: '<script>',
      minSequenceLength: 40,
      maxSequenceLength: 10,
      extra: 1,
    });
    expect(config.maxLength).toBe(64);
    expect(config.learningRate).toBe(DEFAULT_SEQUENCE_CONFIG.learningRate);
    expect(config.heads).toBe(DEFAULT_SEQUENCE_CONFIG.heads);
    expect(config.width % config.heads).toBe(0);
    expect(config.task).toBe(DEFAULT_SEQUENCE_CONFIG.task);
    expect(config.minSequenceLength).toBeLessThanOrEqual(config.maxSequenceLength);
    expect(validateSequenceConfig(config)).toEqual({ ok: true, config });
    expect(issues.map((i) => i.field)).toEqual(
      expect.arrayContaining([
        'maxLength',
        'learningRate',
        'heads',
        'width',
        'task',
        'minSequenceLength',
        'extra',
      ]),
    );
    // Each issue is data the page renders in its language: a code, the field, the numbers.
    expect(issues).toContainEqual(
      expect.objectContaining({
        code: 'out-of-range',
        field: 'maxLength',
        params: expect.objectContaining({ value: '1e+9', became: '64', max: '64' }),
      }),
    );
    expect(issues).toContainEqual(
      expect.objectContaining({
        code: 'width-not-multiple',
        field: 'width',
        params: { heads: 4, value: 30, became: 32 },
      }),
    );
    expect(issues).toContainEqual(
      expect.objectContaining({ code: 'shortest-above-longest', field: 'minSequenceLength' }),
    );
    expect(issues).toContainEqual(
      expect.objectContaining({
        code: 'not-a-choice',
        field: 'task',
        params: expect.objectContaining({ defaultValue: 'larger' }),
      }),
    );
    expect(restoreSequenceConfig(null).config).toEqual(DEFAULT_SEQUENCE_CONFIG);
  });
});

describe('the tasks', () => {
  const settings = { minSequenceLength: 6, maxSequenceLength: 12, trainingSize: 200, seed: 3 };

  test.each(SEQUENCE_TASKS)(
    '%s makes the same data for a seed, within the asked lengths, with a label per answer',
    (task) => {
      const a = generateSequenceDataset({ task, ...settings });
      const b = generateSequenceDataset({ task, ...settings });
      expect(b).toEqual(a);
      expect(generateSequenceDataset({ task, ...settings, seed: 4 }).train).not.toEqual(a.train);
      const spec = SEQUENCE_TASK[task];
      for (const example of [...a.train, ...a.validation]) {
        expect(example.tokens.length).toBeGreaterThanOrEqual(task === 'brackets' ? 5 : 6);
        expect(example.tokens.length).toBeLessThanOrEqual(12);
        expect(example.labels).toHaveLength(spec.output === 'position' ? example.tokens.length : 1);
        for (const label of example.labels) expect(label).toBeLessThan(spec.classes);
        for (const token of example.tokens) expect(tokenLabel(token)).not.toBe('?');
      }
    },
  );

  test('the answers are what the descriptions say', () => {
    const digits = (tokens: number[]) => tokens.map((t) => Number(tokenLabel(t).replace(/[[\]]/g, '')));
    for (const e of generateSequenceDataset({ task: 'reverse', ...settings }).train.slice(0, 20))
      expect(e.labels).toEqual(digits(e.tokens).reverse());
    for (const e of generateSequenceDataset({ task: 'sort', ...settings }).train.slice(0, 20))
      expect(e.labels).toEqual(digits(e.tokens).sort((x, y) => x - y));
    for (const e of generateSequenceDataset({ task: 'count', ...settings }).train.slice(0, 20))
      expect(e.labels[0]).toBe(digits(e.tokens).filter((d) => d === 7).length);
    for (const e of generateSequenceDataset({ task: 'last-digit', ...settings }).train.slice(0, 20))
      expect(e.labels[0]).toBe(Number(tokenLabel(e.tokens.at(-1)!)));
    for (const e of generateSequenceDataset({ task: 'brackets', ...settings }).train.slice(0, 50))
      expect(e.labels[0]).toBe(isBalancedBrackets(e.tokens.map((t) => tokenLabel(t) === '(')) ? 1 : 0);
    for (const e of generateSequenceDataset({ task: 'larger', ...settings }).train.slice(0, 50)) {
      const marked = e.tokens
        .map(tokenLabel)
        .filter((l) => l.startsWith('['))
        .map((l) => Number(l.slice(1, -1)));
      expect(marked).toHaveLength(2);
      expect(e.labels[0]).toBe(marked[0]! > marked[1]! ? 1 : 0);
    }
  });

  test('answers are balanced enough that chance is what the page says', () => {
    for (const task of ['brackets', 'larger', 'count'] as const) {
      const labels = generateSequenceDataset({ task, ...settings, trainingSize: 1200 }).train.map(
        (e) => e.labels[0]!,
      );
      const classes = SEQUENCE_TASK[task].classes;
      for (let c = 0; c < classes; c++)
        expect(labels.filter((l) => l === c).length / labels.length).toBeGreaterThan(0.5 / classes);
    }
  });
});
