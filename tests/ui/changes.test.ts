import { afterEach, expect, test } from 'vitest';
import { clearMetrics, recordChange, useMetrics } from '../../src/store/metrics';
import { changeText, diagnosisText } from '../../src/ui/playground/diagnosisText';

afterEach(() => clearMetrics());

test('changes between the same two epochs are one marker from the first value to the last', () => {
  recordChange({ epoch: 5, changes: [{ key: 'learningRate', from: 0.01, to: 0.1 }] });
  recordChange({ epoch: 5, changes: [{ key: 'learningRate', from: 0.1, to: 10 }] });
  recordChange({ epoch: 9, changes: [{ key: 'optimizer', from: 'adam', to: 'sgd' }] });
  expect(useMetrics.getState().changes).toEqual([
    { epoch: 5, changes: [{ key: 'learningRate', from: 0.01, to: 10 }] },
    { epoch: 9, changes: [{ key: 'optimizer', from: 'adam', to: 'sgd' }] },
  ]);
  // A slider moved and moved back between two epochs changed nothing.
  recordChange({ epoch: 9, changes: [{ key: 'optimizer', from: 'sgd', to: 'adam' }] });
  expect(useMetrics.getState().changes).toHaveLength(1);
});

test('a change and a diagnosis read in English and Chinese, with their numbers', () => {
  const change = { key: 'learningRate', from: 0.01, to: 10 } as const;
  expect(changeText(change, 'en')).toBe('learning rate 0.01 → 10');
  expect(changeText(change, 'zh')).toBe('学习率 0.01 → 10');
  const diagnosis = {
    code: 'loss-jumped' as const,
    params: {
      epoch: 21,
      loss: 44.7,
      factor: 30,
      epochs: 5,
      fall: 0,
      accuracy: null,
      chance: null,
      learningRate: 10,
      optimizer: 'adam' as const,
      remedy: 'lower-rate' as const,
      low: 0.01,
      high: 0.1,
    },
  };
  expect(diagnosisText(diagnosis, 'en')).toBe(
    'The loss jumped 30× in 5 epochs: the learning rate 10 is too high for Adam; try 0.01–0.1.',
  );
  expect(diagnosisText(diagnosis, 'zh')).toBe(
    '损失在 5 轮内跳升了 30 倍：对 Adam 来说，学习率 10 太大了；试试 0.01–0.1。',
  );
});
