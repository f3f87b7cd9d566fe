import { describe, expect, it } from 'vitest';
import { groupIntoPopulations, lessonLanes, trainPopulation, type RunResult } from '../../src/core';

/** Every lane of a lesson, trained as the page trains them (one population per shared architecture), by label. */
async function runLesson(id: string): Promise<Record<string, RunResult>> {
  const lanes = lessonLanes(id);
  const configs = lanes.map((lane) => lane.config);
  const results: Record<string, RunResult> = {};
  for (const group of groupIntoPopulations(configs)) {
    const trained = await trainPopulation(group.map((lane) => configs[lane]!));
    trained.forEach((result, j) => (results[lanes[group[j]!]!.label.en] = result));
  }
  return results;
}

const finalTrainLoss = (result: RunResult | undefined) => result!.summary.finalTrainLoss!;

// What each lesson's text tells the student to look for, checked as numbers.
describe('what the lessons tell students holds', () => {
  it('learning rate: the smallest crawls, the middle one converges, the largest ends far worse', async () => {
    const lanes = await runLesson('learning-rate');
    const [low, good, high] = ['learning rate 0.001', 'learning rate 0.1', 'learning rate 5'].map((label) =>
      finalTrainLoss(lanes[label]),
    );
    expect(low).toBeGreaterThan(0.6); // ln 2 ≈ 0.69 is a coin toss
    expect(good).toBeLessThan(0.1);
    expect(high).toBeGreaterThan(10 * good!);
  });

  it('batch size: a larger batch at the same rate falls slower; both scaling rules win back ground', async () => {
    const lanes = await runLesson('batch-size');
    const small = finalTrainLoss(lanes['batch 16, lr 0.01']);
    const sameRate = finalTrainLoss(lanes['batch 128, lr 0.01']);
    expect(sameRate).toBeGreaterThan(small);
    expect(finalTrainLoss(lanes['batch 128, lr 0.08 (linear)'])).toBeLessThan(sameRate);
    expect(finalTrainLoss(lanes['batch 128, lr 0.0283 (square root)'])).toBeLessThan(sameRate);
  });

  it('Adam: a large ε makes it slow like plain SGD', async () => {
    const lanes = await runLesson('adam');
    expect(finalTrainLoss(lanes['ε 1'])).toBeGreaterThan(
      10 * finalTrainLoss(lanes['default (β1 0.9, β2 0.999, ε 1e-7)']),
    );
  });

  it('capacity: two units and a linear network cannot fit the circle; 8-8 networks can', async () => {
    const lanes = await runLesson('capacity');
    expect(lanes['2 layers of 8, linear']!.summary.finalValidationAccuracy).toBeLessThan(0.65);
    expect(lanes['2 layers of 8, tanh']!.summary.finalValidationAccuracy).toBeGreaterThan(0.95);
    expect(lanes['2 layers of 8, relu']!.summary.finalValidationAccuracy).toBeGreaterThan(0.95);
    expect(finalTrainLoss(lanes['1 layer of 2, tanh'])).toBeGreaterThan(
      100 * finalTrainLoss(lanes['2 layers of 8, tanh']),
    );
  });

  it('early stopping: lanes with patience stop early, soon after the best epoch, before the validation loss climbs', async () => {
    const lanes = await runLesson('early-stopping');
    const full = lanes['no early stopping']!.summary;
    for (const [label, patience] of [
      ['patience 10', 10],
      ['patience 40', 40],
    ] as const) {
      const summary = lanes[label]!.summary;
      expect(summary.status).toBe('stopped-early');
      expect(summary.epochs).toBe(summary.bestEpoch! + patience);
      expect(summary.finalValidationLoss).toBeLessThan(full.finalValidationLoss!);
    }
  });

  it('clipping: at learning rate 3 the clipped lane trains, the unclipped one does not', async () => {
    const lanes = await runLesson('smoothing-clipping');
    expect(finalTrainLoss(lanes['learning rate 3, clip norm 1'])).toBeLessThan(0.1);
    expect(finalTrainLoss(lanes['learning rate 3'])).toBeGreaterThan(0.5);
  });
});
