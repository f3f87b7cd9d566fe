import { describe, expect, it } from 'vitest';
import {
  countSmallWeights,
  groupIntoPopulations,
  lessonLanes,
  PopulationTrainer,
  trainPopulation,
  weightValues,
  type EpochMetrics,
  type ExperimentConfig,
} from '../../src/core';

/** Trains the lanes of a lesson as the page does (one population per architecture), keeping only `wanted`. */
async function trainLanes(
  configs: ExperimentConfig[],
  wanted: number[],
): Promise<Map<number, EpochMetrics[]>> {
  const histories = new Map<number, EpochMetrics[]>();
  for (const group of groupIntoPopulations(configs)) {
    const members = group.filter((lane) => wanted.includes(lane));
    if (members.length === 0) continue;
    const results = await trainPopulation(members.map((lane) => configs[lane]!));
    results.forEach((result, j) => histories.set(members[j]!, result.history));
  }
  return histories;
}

function laneIndex(lesson: string, label: string): number {
  const index = lessonLanes(lesson).findIndex((lane) => lane.label.en === label);
  if (index < 0) throw new Error(`no lane "${label}" in ${lesson}`);
  return index;
}

describe('the overfitting lesson', () => {
  it('overfits in the baseline, and dropout and L2 each end with a lower validation loss', async () => {
    const lanes = lessonLanes('overfitting');
    const dropout = laneIndex('overfitting', 'dropout 0.5');
    const l2 = laneIndex('overfitting', 'L2 0.01');
    const histories = await trainLanes(
      lanes.map((lane) => lane.config),
      [0, dropout, l2],
    );

    const baseline = histories.get(0)!;
    expect(baseline).toHaveLength(lanes[0]!.config.epochs);
    const validation = baseline.map((m) => m.validationLoss);
    const minimum = Math.min(...validation);
    const minimumEpoch = baseline[validation.indexOf(minimum)]!.epoch;
    const finalValidationLoss = validation.at(-1)!;

    expect(finalValidationLoss).toBeGreaterThanOrEqual(1.25 * minimum);
    expect(minimumEpoch).toBeLessThan((2 / 3) * baseline.length);
    expect(histories.get(dropout)!.at(-1)!.validationLoss).toBeLessThan(finalValidationLoss);
    expect(histories.get(l2)!.at(-1)!.validationLoss).toBeLessThan(finalValidationLoss);
  });

  it('gives the same numbers on a second run from the same lesson', async () => {
    const config = lessonLanes('overfitting')[0]!.config;
    const short = { ...config, epochs: 30 };
    const [first] = await trainPopulation([short]);
    const [second] = await trainPopulation([short]);
    expect(second!.history.map((m) => m.validationLoss)).toEqual(first!.history.map((m) => m.validationLoss));
  });
});

describe('the optimizers lesson', () => {
  it('ends with Adam and Momentum below plain SGD in training loss, at the same learning rate and steps', async () => {
    const lanes = lessonLanes('optimizers');
    const [sgd, momentum, adam] = [
      laneIndex('optimizers', 'SGD'),
      laneIndex('optimizers', 'Momentum'),
      laneIndex('optimizers', 'Adam'),
    ];
    for (const lane of lanes) expect(lane.config.learningRate).toBe(lanes[sgd]!.config.learningRate);
    const histories = await trainLanes(
      lanes.map((lane) => lane.config),
      [sgd, momentum, adam],
    );
    const finalTrainLoss = (lane: number) => histories.get(lane)!.at(-1)!.trainLoss;
    expect(histories.get(sgd)).toHaveLength(lanes[sgd]!.config.epochs);
    expect(finalTrainLoss(adam)).toBeLessThan(finalTrainLoss(sgd));
    expect(finalTrainLoss(momentum)).toBeLessThan(finalTrainLoss(sgd));
  });
});

describe('the L1 versus L2 lesson', () => {
  it('leaves more weights at zero (|w| < 1e-3) with L1 than with L2', async () => {
    const lanes = lessonLanes('l1-l2');
    const l1 = laneIndex('l1-l2', 'L1 0.01');
    const l2 = laneIndex('l1-l2', 'L2 0.01');
    const trainer = new PopulationTrainer([lanes[l1]!.config, lanes[l2]!.config]);
    try {
      while (trainer.running) await trainer.trainEpoch();
      expect(trainer.members.map((m) => m.status)).toEqual(['completed', 'completed']);
      const zeros = await Promise.all(
        [0, 1].map(async (member) =>
          countSmallWeights(weightValues(await trainer.parametersOf(member), trainer.layout)),
        ),
      );
      expect(zeros[0]).toBeGreaterThan(zeros[1]!);
      // "Many": at least a quarter of the weights are switched off by L1.
      const weightCount = weightValues(await trainer.parametersOf(0), trainer.layout).length;
      expect(zeros[0]).toBeGreaterThan(weightCount / 4);
    } finally {
      trainer.dispose();
    }
  });
});
