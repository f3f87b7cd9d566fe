import { describe, expect, test } from 'vitest';
import {
  chanceLoss,
  DEFAULT_CONFIG,
  diagnose,
  lowerRateRange,
  PopulationTrainer,
  raiseRateRange,
  RunDiagnosis,
  type Diagnosis,
  type DiagnosisContext,
  type EpochMetrics,
  type ExperimentConfig,
} from '../../src/core';

const SPIRAL: DiagnosisContext = { guessLoss: Math.log(2), chanceAccuracy: 0.5 };
const ADAM_10 = { learningRate: 10, optimizer: 'adam' as const };
const ADAM_DEFAULT = { learningRate: 0.01, optimizer: 'adam' as const };

function epochs(
  losses: readonly number[],
  accuracy: (i: number) => number = () => 0.5,
  from = 1,
): EpochMetrics[] {
  return losses.map((trainLoss, i) => ({
    epoch: from + i,
    trainLoss,
    validationLoss: trainLoss * 1.1,
    trainAccuracy: accuracy(i),
    validationAccuracy: accuracy(i),
    learningRate: 0.01,
    examplesSeen: (from + i) * 400,
    wallTimeMs: 0,
  }));
}

/** Every diagnosis the live detector reports over a stream, with hot changes at given epochs. */
function stream(
  history: readonly EpochMetrics[],
  settings: { learningRate: number; optimizer: ExperimentConfig['optimizer'] },
  context = SPIRAL,
  changes: Record<number, { learningRate: number; optimizer: ExperimentConfig['optimizer'] }> = {},
): (Diagnosis | null)[] {
  const detector = new RunDiagnosis(settings, context);
  const out: (Diagnosis | null)[] = [];
  for (const m of history) {
    const change = changes[m.epoch - 1];
    if (change && detector.settingsChanged(change)) out.push(null);
    const found = detector.observe(m);
    if (found !== undefined) out.push(found);
  }
  return out;
}

describe('remedies', () => {
  test('a rate too high gets a decade a tenth of it or lower, inside the optimizer’s usual range', () => {
    expect(lowerRateRange(10, 'adam')).toEqual({ low: 0.01, high: 0.1 });
    expect(lowerRateRange(0.5, 'adam')).toEqual({ low: 0.001, high: 0.01 });
    expect(lowerRateRange(50, 'sgd')).toEqual({ low: 0.1, high: 1 });
  });
  test('a rate too low gets a decade a hundred times it or higher, inside the usual range', () => {
    expect(raiseRateRange(1e-5, 'adam')).toEqual({ low: 0.001, high: 0.01 });
    expect(raiseRateRange(1e-5, 'sgd')).toEqual({ low: 0.001, high: 0.01 });
    expect(raiseRateRange(1e-4, 'momentum')).toEqual({ low: 0.01, high: 0.1 });
  });
});

describe('the detector on synthetic metric streams', () => {
  test('a loss that jumps 30× within a few epochs is named, with the rate and a range to try', () => {
    const history = epochs([0.7, 0.68, 0.66, 0.65, 0.64, 0.65, 5, 19.5]);
    const found = diagnose(history, ADAM_10, SPIRAL);
    expect(found?.code).toBe('loss-jumped');
    expect(found?.params).toMatchObject({
      epoch: 8,
      factor: 30,
      epochs: 3,
      learningRate: 10,
      low: 0.01,
      high: 0.1,
    });
  });

  test('a loss far above a guess’s from the first epoch is named once five epochs show it', () => {
    const history = epochs([32, 10, 7.5, 9.9, 9.4]);
    expect(diagnose(history.slice(0, 4), ADAM_10, SPIRAL)).toBeNull();
    const found = diagnose(history, ADAM_10, SPIRAL);
    expect(found?.code).toBe('loss-above-guess');
    expect(found?.params.factor).toBeGreaterThan(10);
  });

  test('a rate below the usual range whose loss barely moves in 30 epochs', () => {
    const losses = Array.from({ length: 30 }, (_, i) => 0.97 - 0.003 * i);
    const found = diagnose(epochs(losses), { learningRate: 1e-5, optimizer: 'adam' }, SPIRAL);
    expect(found?.code).toBe('rate-too-low');
    expect(found?.params).toMatchObject({ remedy: 'raise-rate', low: 0.001, high: 0.01, epochs: 30 });
    // The same slow start at a usual rate is the spiral’s plateau, not a problem.
    expect(diagnose(epochs(losses), ADAM_DEFAULT, SPIRAL)).toBeNull();
  });

  test('accuracy at chance for 50 epochs with a loss that has not fallen', () => {
    const flat = epochs(
      Array.from({ length: 50 }, () => 0.69),
      () => 0.52,
    );
    expect(diagnose(flat.slice(0, 49), ADAM_DEFAULT, SPIRAL)).toBeNull();
    const found = diagnose(flat, ADAM_DEFAULT, SPIRAL);
    expect(found).toMatchObject({
      code: 'at-chance',
      params: { epochs: 50, remedy: 'more-capacity', chance: 0.5 },
    });
    // Accuracy at chance while the loss falls is a network about to learn (the spiral at epoch 45).
    const learning = epochs(
      Array.from({ length: 50 }, (_, i) => 0.69 - 0.005 * i),
      () => 0.55,
    );
    expect(diagnose(learning, ADAM_DEFAULT, SPIRAL)).toBeNull();
  });

  test('a bouncing loss keeps one message until the rate changes, which clears it and starts again', () => {
    const calm = [0.7, 0.66, 0.65, 0.64, 0.63];
    const bouncing = [45, 46, 38, 1.9, 37, 65, 25, 53, 1.5, 48];
    const history = epochs([...calm, ...bouncing, 0.62, 0.6, 0.58, 0.57, 0.55, 0.54]);
    const reports = stream(history, ADAM_DEFAULT, SPIRAL, { 5: ADAM_10, 15: ADAM_DEFAULT });
    expect(reports.map((r) => r?.code ?? null)).toEqual(['loss-jumped', null]);
    expect(reports[0]!.params).toMatchObject({ epoch: 6, epochs: 1, learningRate: 10 });
    expect(reports[0]!.params.factor).toBeGreaterThan(60);
  });

  test('a healthy curve with noise and a late small-loss wobble says nothing', () => {
    const losses = Array.from(
      { length: 300 },
      (_, i) => 0.7 * Math.exp(-i / 40) + 0.001 + (i % 7 === 0 ? 0.02 : 0),
    );
    const accuracy = (i: number) => Math.min(1, 0.5 + i / 100);
    expect(stream(epochs(losses, accuracy), ADAM_DEFAULT)).toEqual([]);
  });
});

/** Trains on the engine, feeding the live detector; `change` is applied after its epoch. */
async function engineRun(
  config: ExperimentConfig,
  epochCount: number,
  change?: { after: number; settings: Partial<ExperimentConfig> },
): Promise<Diagnosis[]> {
  const trainer = new PopulationTrainer([config]);
  try {
    const context: DiagnosisContext = {
      guessLoss: chanceLoss(trainer.dataset),
      chanceAccuracy: trainer.dataset.task === 'classification' ? 1 / trainer.dataset.classes : null,
    };
    const detector = new RunDiagnosis(config, context);
    const found: Diagnosis[] = [];
    for (let epoch = 1; epoch <= epochCount && trainer.running; epoch++) {
      if (change && epoch === change.after + 1) {
        trainer.update(0, change.settings);
        detector.settingsChanged(trainer.members[0]!.config);
      }
      const [metrics] = await trainer.trainEpoch();
      const next = detector.observe(metrics!);
      if (next) found.push(next);
    }
    return found;
  } finally {
    trainer.dispose();
  }
}

describe('the detector on real runs', () => {
  test('Adam at learning rate 10 on the spiral, set mid-run, is named within a few epochs, long before divergence', async () => {
    const found = await engineRun({ ...DEFAULT_CONFIG, seed: 1 }, 30, {
      after: 20,
      settings: { learningRate: 10 },
    });
    expect(found[0]?.code).toBe('loss-jumped');
    expect(found[0]!.params.epoch).toBeLessThanOrEqual(25);
    expect(found[0]!.params).toMatchObject({ learningRate: 10, optimizer: 'adam', low: 0.01, high: 0.1 });
  });

  test('Adam at learning rate 10 from the start is named too', async () => {
    const found = await engineRun({ ...DEFAULT_CONFIG, seed: 2, learningRate: 10 }, 20);
    expect(['loss-jumped', 'loss-above-guess']).toContain(found[0]?.code);
    expect(found[0]!.params.epoch).toBeLessThanOrEqual(10);
  });

  test('a learning rate of 0.00001 is named as too low', async () => {
    const found = await engineRun({ ...DEFAULT_CONFIG, seed: 1, learningRate: 1e-5 }, 35);
    expect(found.map((d) => d.code)).toEqual(['rate-too-low']);
  });

  test.each([1, 2, 3, 4])('the default experiment says nothing (seed %i)', async (seed) => {
    expect(await engineRun({ ...DEFAULT_CONFIG, seed }, 160)).toEqual([]);
  });
});
