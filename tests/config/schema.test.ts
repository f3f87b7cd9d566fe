import { describe, expect, test } from 'vitest';
import { DEFAULT_CONFIG, needsRestart, restoreConfig, validateConfig } from '../../src/core';

describe('config schema', () => {
  test('the defaults are valid and complete', () => {
    expect(validateConfig({})).toEqual({ ok: true, config: DEFAULT_CONFIG });
  });

  test.each([
    [{ learningRate: 'abc' }, 'learningRate', /from 1e-5 to 100/],
    [{ learningRate: Number.NaN }, 'learningRate', /number/],
    [{ batchSize: -3 }, 'batchSize', /integer from 1 to 100000/],
    [{ epochs: 2.5 }, 'epochs', /integer/],
    [{ dropout: Infinity }, 'dropout', /from 0 to 0\.9/],
    [{ optimizer: 'lion' }, 'optimizer', /sgd, momentum, rmsprop, adam/],
    [{ hiddenLayers: [8, 0] }, 'hiddenLayers', /1 to 64/],
    [{ hiddenLayers: [1, 1, 1, 1, 1, 1, 1] }, 'hiddenLayers', /at most 6/],
    [{ features: [] }, 'features', /at least one/],
    [{ colour: 'blue' }, '(config)', /unknown field/],
  ])('%j names %s and its allowed range', (input, field, message) => {
    const result = validateConfig(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0]!.field).toBe(field);
    expect(result.issues[0]!.message).toMatch(message);
  });

  test('restore clamps what it can, resets the rest, and says so', () => {
    const { config, issues } = restoreConfig({
      learningRate: 1e308,
      batchSize: 0,
      activation: 7,
      points: 33.4,
    });
    expect(config.learningRate).toBe(100);
    expect(config.batchSize).toBe(1);
    expect(config.activation).toBe(DEFAULT_CONFIG.activation);
    expect(config.points).toBe(33);
    expect(issues.map((i) => i.field)).toEqual(['points', 'learningRate', 'batchSize', 'activation']);
  });

  test('learning rate is hot; layers and data restart', () => {
    expect(
      needsRestart(DEFAULT_CONFIG, { ...DEFAULT_CONFIG, learningRate: 0.5, l2: 0.01, optimizer: 'sgd' }),
    ).toBe(false);
    expect(needsRestart(DEFAULT_CONFIG, { ...DEFAULT_CONFIG, hiddenLayers: [4] })).toBe(true);
    expect(needsRestart(DEFAULT_CONFIG, { ...DEFAULT_CONFIG, noise: 0.3 })).toBe(true);
    expect(needsRestart(DEFAULT_CONFIG, { ...DEFAULT_CONFIG, seed: 2 })).toBe(true);
  });
});
