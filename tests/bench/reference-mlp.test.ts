import { describe, expect, it } from 'vitest';
import { ReferenceMlp, trainReference } from '../../bench/reference-mlp';
import { workload } from '../../bench/workload';
import { useBackend } from '../../src/core/tf';
import { trainExperiment } from '../../src/core/train/run';

describe('the benchmark floor (plain TypeScript MLP)', () => {
  it('learns workload W: validation accuracy above 0.9 after its 100 epochs', () => {
    const history = trainReference(workload(100), 100);
    expect(history).toHaveLength(100);
    expect(history.at(-1)!.validationAccuracy).toBeGreaterThan(0.9);
    expect(history.at(-1)!.trainLoss).toBeLessThan(history[0]!.trainLoss / 2);
  });

  it('does the engine’s math: its per-epoch losses match the engine’s on the same seed', async () => {
    await useBackend('cpu');
    const engine = await trainExperiment(workload(3));
    const floor = new ReferenceMlp(workload(3));
    for (const metrics of engine.history) {
      const mine = floor.trainEpoch();
      expect(mine.trainLoss).toBeCloseTo(metrics.trainLoss, 4);
      expect(mine.validationLoss).toBeCloseTo(metrics.validationLoss, 4);
      expect(mine.validationAccuracy).toBeCloseTo(metrics.validationAccuracy!, 6);
    }
  });

  it('refuses what it does not implement rather than measuring something else', () => {
    expect(() => new ReferenceMlp({ ...workload(1), dataset: 'plane' })).toThrow(/classification/);
  });
});
