import { OPTIMIZERS } from '../../src/core/config/optimizers';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CONFIG,
  LESSON_IDS,
  LESSONS,
  MAX_LANES,
  MIN_LANES,
  laneDifferences,
  lessonLaneConfig,
  lessonLanes,
  logSpaced,
  scaleLearningRate,
  suggestSweepValues,
  sweepLanes,
  validateConfig,
  weightHistogram,
} from '../../src/core';

const HAS_CHINESE = /[\u4e00-\u9fff]/;

describe('lessons', () => {
  it('has every lesson the issue names', () => {
    expect([...LESSON_IDS].sort()).toEqual(
      [
        'adam',
        'batch-size',
        'capacity',
        'early-stopping',
        'l1-l2',
        'learning-rate',
        'optimizers',
        'overfitting',
        'smoothing-clipping',
      ].sort(),
    );
  });

  it.each(LESSON_IDS)(
    '%s: its lanes are valid experiments that share one seed and differ from each other',
    (id) => {
      const lanes = lessonLanes(id);
      expect(lanes.length).toBeGreaterThanOrEqual(MIN_LANES);
      expect(lanes.length).toBeLessThanOrEqual(MAX_LANES);
      for (const lane of lanes) {
        expect(validateConfig(lane.config)).toEqual({ ok: true, config: lane.config });
        expect(lane.config.seed).toBe(LESSONS[id].base.seed);
        expect(lane.label.en.length).toBeGreaterThan(0);
        expect(lane.label.zh.length).toBeGreaterThan(0);
      }
      const distinct = new Set(lanes.map((lane) => JSON.stringify(lane.config)));
      expect(distinct.size).toBe(lanes.length);
    },
  );

  it.each(LESSON_IDS)('%s: its text is written in English and in Chinese', (id) => {
    const { en, zh } = LESSONS[id].text;
    for (const field of ['title', 'summary', 'tryThis', 'lookFor'] as const) {
      expect(en[field]).not.toMatch(HAS_CHINESE);
      expect(en[field].length).toBeGreaterThan(5);
      expect(zh[field]).toMatch(HAS_CHINESE);
      expect(zh[field]).not.toBe(en[field]);
    }
  });

  it('puts the baseline first in the overfitting lesson, with no regularization', () => {
    const [baseline, ...cures] = lessonLanes('overfitting');
    expect(baseline!.label.en).toBe('baseline');
    expect(baseline!.config).toMatchObject({ dropout: 0, l1: 0, l2: 0, patience: 0 });
    expect(cures.map((lane) => laneDifferences(baseline!.config, lane.config).map((d) => d.key))).toEqual([
      ['dropout'],
      ['l2'],
      ['points'],
    ]);
  });

  it('gives one lane of a lesson, or a one-line error naming what is wrong', () => {
    expect(lessonLaneConfig('overfitting', 2)).toEqual(lessonLanes('overfitting')[2]!.config);
    expect(() => lessonLaneConfig('nope', 0)).toThrow(/unknown lesson "nope"; the lessons are overfitting, /);
    expect(() => lessonLaneConfig('optimizers', 4)).toThrow('lesson optimizers has lanes 0 to 3; got 4');
    expect(() => lessonLaneConfig('optimizers', -1)).toThrow(/lanes 0 to 3/);
    expect(() => lessonLaneConfig('optimizers', 1.5)).toThrow(/lanes 0 to 3/);
  });

  it('returns copies: changing a lane does not change the lesson', () => {
    const lane = lessonLanes('capacity')[0]!;
    lane.config.hiddenLayers.push(99);
    expect(lessonLanes('capacity')[0]!.config.hiddenLayers).toEqual([2]);
  });
});

describe('lane differences', () => {
  it('names each changed hyperparameter with the lane value first', () => {
    const base = { ...DEFAULT_CONFIG, learningRate: 0.01 };
    const lane = { ...base, learningRate: 0.1, hiddenLayers: [8], optimizer: 'sgd' as const };
    expect(laneDifferences(base, lane).map((d) => d.text)).toEqual([
      'hidden layers 8 vs 16, 16',
      'optimizer SGD vs Adam',
      'learning rate 0.1 vs 0.01',
    ]);
    expect(laneDifferences(base, lane, 'zh').map((d) => d.text)).toContain('学习率 0.1 对比 0.01');
    expect(laneDifferences(base, { ...base })).toEqual([]);
  });

  it('says "off" for a regularizer switched off', () => {
    const base = { ...DEFAULT_CONFIG, l2: 0.01 };
    expect(laneDifferences(base, { ...base, l2: 0 })[0]!.text).toBe('L2 off vs 0.01');
  });
});

describe('sweeps', () => {
  it('makes one lane per value, everything else as in the base', () => {
    const lanes = sweepLanes(DEFAULT_CONFIG, 'learningRate', [0.001, 0.01, 0.1]);
    expect(lanes.map((lane) => lane.label.en)).toEqual([
      'learning rate 0.001',
      'learning rate 0.01',
      'learning rate 0.1',
    ]);
    expect(lanes.map((lane) => lane.label.zh)).toEqual(['学习率 0.001', '学习率 0.01', '学习率 0.1']);
    for (const lane of lanes)
      expect(laneDifferences(DEFAULT_CONFIG, lane.config).every((d) => d.key === 'learningRate')).toBe(true);
    expect(
      sweepLanes(DEFAULT_CONFIG, 'optimizer', ['sgd', 'adam']).map((lane) => lane.config.optimizer),
    ).toEqual(['sgd', 'adam']);
  });

  it('refuses bad sweeps with a clear message', () => {
    expect(() => sweepLanes(DEFAULT_CONFIG, 'learningRate', [0.1])).toThrow(
      'a sweep takes 2 to 4 values; got 1',
    );
    expect(() => sweepLanes(DEFAULT_CONFIG, 'learningRate', [0.1, 1, 10, 50, 60])).toThrow(
      /2 to 4 values; got 5/,
    );
    expect(() => sweepLanes(DEFAULT_CONFIG, 'learningRate', [0.1, Number.NaN])).toThrow(
      'learning rate must be a number from 1e-5 to 100; got NaN',
    );
    expect(() => sweepLanes(DEFAULT_CONFIG, 'learningRate', [0.1, 1e9])).toThrow(/from 1e-5 to 100/);
    expect(() => sweepLanes(DEFAULT_CONFIG, 'batchSize', [16, 2.5])).toThrow(/batch size must be an integer/);
    expect(() => sweepLanes(DEFAULT_CONFIG, 'optimizer', ['sgd', 'lion'])).toThrow(
      `optimizer must be one of ${OPTIMIZERS.join(', ')}; got lion`,
    );
  });

  it('suggests log-spaced values for rates and penalties, inside the allowed range', () => {
    expect(logSpaced(0.001, 1, 4)).toEqual([0.001, 0.01, 0.1, 1]);
    expect(suggestSweepValues('learningRate', 3, { ...DEFAULT_CONFIG, learningRate: 0.01 })).toEqual([
      0.001, 0.01, 0.1,
    ]);
    expect(suggestSweepValues('learningRate', 4, { ...DEFAULT_CONFIG, learningRate: 50 })).toEqual([
      0.05, 0.5, 5, 50,
    ]);
    expect(suggestSweepValues('l2', 3, { ...DEFAULT_CONFIG, l2: 0 })).toEqual([1e-5, 1e-4, 1e-3]);
    expect(suggestSweepValues('batchSize', 3, { ...DEFAULT_CONFIG, batchSize: 16 })).toEqual([4, 16, 64]);
    expect(suggestSweepValues('dropout', 3, DEFAULT_CONFIG)).toEqual([0.25, 0.45, 0.7]);
    for (const key of [
      'learningRate',
      'epsilon',
      'l1',
      'clipNorm',
      'batchSize',
      'dropout',
      'momentum',
      'epochs',
    ] as const) {
      expect(() => sweepLanes(DEFAULT_CONFIG, key, suggestSweepValues(key, 4, DEFAULT_CONFIG))).not.toThrow();
    }
  });
});

describe('the batch-size calculator', () => {
  it('scales 0.0005 from batch 128 to 1024 to 0.004 (linear) and about 0.001414 (square root)', () => {
    const scaled = scaleLearningRate(0.0005, 128, 1024);
    expect(scaled.factor).toBe(8);
    expect(scaled.linear).toBeCloseTo(0.004, 12);
    expect(scaled.squareRoot).toBeCloseTo(0.0014142, 6);
  });

  it('refuses a batch size or rate that is not a positive number', () => {
    expect(() => scaleLearningRate(0.01, 0, 8)).toThrow('batch size must be a positive number; got 0');
    expect(() => scaleLearningRate(Number.NaN, 8, 16)).toThrow(/learning rate must be a positive number/);
  });
});

describe('the weight histogram', () => {
  it('centres a bin on zero and counts the exact zeros', () => {
    const histogram = weightHistogram(new Float32Array([0, 0, 0, 0.5, -0.5, 1, -1]), 5);
    expect(histogram.counts).toEqual([1, 1, 3, 1, 1]);
    expect(histogram.zeros).toBe(3);
    expect(histogram.counts.reduce((a, b) => a + b)).toBe(7);
  });
});
