import { describe, expect, test } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/core/config/parameters';
import type { EpochMetrics, RunSummary } from '../../src/core/train/metrics';
import { restoreSummary, summarizeRun, type Verdict } from '../../src/core/train/verdict';
import { verdictSchema } from '../../src/core/train/verdict-schema';
import { loadRun } from '../../src/store/persistence/records';
import { importExperiment } from '../../src/core/export/experiment';
import { verdictText } from '../../src/ui/playground/statusText';

const settings = { epochs: 10, patience: 3, learningRate: 50, optimizer: 'sgd' as const };

function epoch(n: number, trainLoss: number): EpochMetrics {
  return {
    epoch: n,
    trainLoss,
    validationLoss: trainLoss,
    trainAccuracy: null,
    validationAccuracy: null,
    learningRate: 0.1,
    examplesSeen: 10 * n,
    wallTimeMs: n,
  };
}

const progress = (status: 'diverged' | 'running', epochs: number) => ({
  status,
  epoch: epochs,
  bestValidationLoss: 0.5,
  bestEpoch: 1,
  epochsWithoutImprovement: 0,
  divergedAtEpoch: status === 'diverged' ? epochs : null,
});

describe('how a run ends', () => {
  test('a blow-up is named by how the loss ended: a number, NaN or infinite (which JSON cannot hold)', () => {
    const codes = [812.5, NaN, Infinity].map(
      (loss) => summarizeRun(progress('diverged', 2), settings, [epoch(1, 1), epoch(2, loss)], 16).verdict,
    );
    expect(codes).toEqual([
      {
        status: 'diverged',
        code: 'diverged-exploded',
        params: { epoch: 2, loss: 812.5, learningRate: 50, optimizer: 'sgd' },
      },
      { status: 'diverged', code: 'diverged-nan', params: { epoch: 2, learningRate: 50, optimizer: 'sgd' } },
      {
        status: 'diverged',
        code: 'diverged-infinite',
        params: { epoch: 2, learningRate: 50, optimizer: 'sgd' },
      },
    ]);
    for (const verdict of codes) expect(JSON.parse(JSON.stringify(verdict))).toEqual(verdict);
  });

  test('a run summarized while it still runs was stopped from outside: cancelled', () => {
    const summary = summarizeRun(progress('running', 4), settings, [epoch(4, 1)], 16);
    expect(summary.status).toBe('cancelled');
    expect(summary.verdict).toEqual({ status: 'cancelled', code: 'cancelled', params: { epochs: 4 } });
  });

  test('every verdict reads in English and in Chinese', () => {
    const verdicts: Verdict[] = [
      { status: 'completed', code: 'completed', params: { epochs: 3 } },
      { status: 'stopped-early', code: 'stopped-early', params: { epoch: 9, patience: 5, bestEpoch: 4 } },
      {
        status: 'diverged',
        code: 'diverged-exploded',
        params: { epoch: 2, loss: 812.5, learningRate: 50, optimizer: 'sgd' },
      },
      { status: 'diverged', code: 'diverged-nan', params: { epoch: 2, learningRate: 50, optimizer: 'adam' } },
      {
        status: 'diverged',
        code: 'diverged-infinite',
        params: { epoch: 2, learningRate: 5, optimizer: 'rmsprop' },
      },
      { status: 'cancelled', code: 'cancelled', params: { epochs: 7 } },
    ];
    for (const verdict of verdicts) {
      expect(verdictSchema().safeParse(verdict).success).toBe(true);
      const en = verdictText(verdict, 'en');
      const zh = verdictText(verdict, 'zh');
      expect(en).toMatch(/^[A-Z]/);
      expect(zh).toMatch(/[\u4e00-\u9fff]/);
      expect(zh).not.toBe(en);
    }
    expect(verdictText(verdicts[2]!, 'en')).toBe(
      'Loss exploded to 812.5 at epoch 2: the learning rate 50 is too high for SGD.',
    );
    expect(verdictText(verdicts[1]!, 'zh')).toBe(
      '在第 9 轮提前停止：验证损失连续 5 轮没有改善（最佳在第 4 轮）。',
    );
  });
});

describe('summaries saved before verdicts', () => {
  const old = {
    status: 'diverged' as const,
    epochs: 3,
    bestEpoch: 1,
    bestValidationLoss: 0.6,
    finalTrainLoss: 420,
    finalValidationLoss: 500,
    finalTrainAccuracy: 0.5,
    finalValidationAccuracy: 0.5,
    divergedAtEpoch: 3,
    effectiveBatchSize: 16,
    wallTimeMs: 30,
    message: 'Loss exploded to 420 at epoch 3: the learning rate 50 is too high for SGD.',
  };
  const config = { ...DEFAULT_CONFIG, optimizer: 'sgd' as const, learningRate: 50 };

  test('get their verdict back from their own numbers and the run settings, and read in Chinese', () => {
    const restored: RunSummary = restoreSummary(old, config);
    expect(restored).not.toHaveProperty('message');
    expect(verdictText(restored.verdict, 'en')).toBe(old.message);
    expect(verdictText(restored.verdict, 'zh')).toMatch(/损失爆炸到 420（第 3 轮）/);
  });

  test('a saved run in the history keeps loading', () => {
    const loaded = loadRun({
      v: 2,
      id: 'r1',
      name: 'old run',
      pinned: false,
      createdAt: 0,
      config,
      status: 'diverged',
      summary: old,
      history: [],
      sparkline: [],
      data: null,
    });
    expect(loaded.ok).toBe(true);
    if (loaded.ok) expect(loaded.value.summary?.verdict.code).toBe('diverged-exploded');
  });

  test('an exported file from before keeps importing', async () => {
    const { encodeLink, emptyLinkState } = await import('../../src/core/link');
    const file = {
      format: 'tunelab-experiment',
      version: 1,
      name: 'old',
      link: encodeLink({ ...emptyLinkState(), config }),
      results: { summary: old, history: [] },
    };
    const imported = importExperiment(JSON.stringify(file));
    expect(imported.ok && imported.results?.summary?.verdict.code).toBe('diverged-exploded');
  });
});
