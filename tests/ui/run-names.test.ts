import { expect, test } from 'vitest';
import { DEFAULT_CONFIG, type ExperimentConfig } from '../../src/core/config/parameters';
import { defaultRunName, type RunRecord } from '../../src/store/persistence/records';
import { generatedRunName, laneName, runDisplayName, savedLaneName } from '../../src/ui/history/runName';

const run = (
  name: string,
  config: ExperimentConfig = DEFAULT_CONFIG,
  extra: Partial<RunRecord> = {},
): RunRecord => ({
  id: 'r1',
  name,
  pinned: false,
  createdAt: 0,
  config,
  status: 'completed',
  summary: null,
  history: [],
  sparkline: [],
  data: null,
  comparison: null,
  ...extra,
});

test('a History run named by the page reads in the page’s language; one the user named stays as typed', () => {
  // Saved by any version so far: the English name made from the config.
  const saved = run(defaultRunName(DEFAULT_CONFIG));
  expect(saved.name).toBe('spiral · 16-16 tanh · adam 0.01');
  expect(runDisplayName(saved, 'en')).toBe('spiral · 16-16 tanh · adam 0.01');
  expect(runDisplayName(saved, 'zh')).toBe('螺旋 · 16-16 tanh · Adam 0.01');
  // Renamed while the page was in Chinese: the Chinese name is recognised too.
  expect(runDisplayName(run(generatedRunName(DEFAULT_CONFIG, 'zh')), 'en')).toBe(saved.name);
  expect(runDisplayName(run('my best spiral'), 'zh')).toBe('my best spiral');
  const linear = {
    ...DEFAULT_CONFIG,
    hiddenLayers: [],
    schedule: 'cosine' as const,
    optimizer: 'momentum' as const,
  };
  expect(generatedRunName(linear, 'zh')).toBe('螺旋 · 线性 tanh · 动量 0.01');
});

test('a saved comparison’s lane names are made from what each lane changed, in either language', () => {
  const lane = { ...DEFAULT_CONFIG, dropout: 0.5, schedule: 'step' as const };
  expect(laneName(DEFAULT_CONFIG, lane)).toEqual({
    en: 'dropout 0.5, schedule step',
    zh: 'Dropout 0.5, 学习率调度 阶梯衰减',
  });
  const lanes = [DEFAULT_CONFIG, lane].map((config, i) => ({
    name: i === 0 ? 'base' : 'dropout 0.5, schedule step',
    config,
    status: 'completed' as const,
    summary: null,
    history: [],
  }));
  const entry = run('base · dropout 0.5, schedule step', DEFAULT_CONFIG, {
    comparison: { lessonId: null, lanes },
  });
  expect(savedLaneName(entry, lanes[1]!, 'zh')).toBe('Dropout 0.5, 学习率调度 阶梯衰减');
  expect(runDisplayName(entry, 'zh')).toBe('基准 · Dropout 0.5, 学习率调度 阶梯衰减');
  const typed = { ...lanes[1]!, name: 'my lane' };
  expect(
    savedLaneName({ ...entry, comparison: { lessonId: null, lanes: [lanes[0]!, typed] } }, typed, 'zh'),
  ).toBe('my lane');
});
