import { afterAll, describe, expect, test } from 'vitest';
import {
  DEFAULT_CONFIG,
  PopulationTrainer,
  useBackend,
  type EpochMetrics,
  type ExperimentConfig,
} from '../../src/core';

const base: ExperimentConfig = {
  ...DEFAULT_CONFIG,
  dataset: 'spiral',
  points: 160,
  hiddenLayers: [8, 8],
  epochs: 10,
};

// Everything a pause could disturb: Adam's moments and step count, a schedule that moves every
// step, dropout's random stream, L1's proximal step, and the shuffle order.
const configs: ExperimentConfig[] = [
  base,
  { ...base, optimizer: 'adam', schedule: 'cosine', dropout: 0.2, l1: 0.001, learningRate: 0.02 },
  { ...base, optimizer: 'momentum', momentum: 0.8, learningRate: 0.05 },
];

/** Trains until every member ends; `pauseFor` holds member 1 for that many epochs after its third. */
async function train(pauseFor: number) {
  const trainer = new PopulationTrainer(configs);
  const histories: EpochMetrics[][] = configs.map(() => []);
  let pausedEpochs = 0;
  try {
    while (trainer.running) {
      const member = trainer.members[1]!;
      if (member.epoch === 3 && pausedEpochs < pauseFor) {
        trainer.setPaused(1, true);
        pausedEpochs += 1;
      } else trainer.setPaused(1, false);
      const metrics = await trainer.trainEpoch();
      metrics.forEach((m, k) => m && histories[k]!.push({ ...m, wallTimeMs: 0 }));
    }
    const parameters = await Promise.all(configs.map((_, k) => trainer.parametersOf(k)));
    return { histories, parameters, statuses: trainer.members.map((m) => m.status) };
  } finally {
    trainer.dispose();
  }
}

describe('pausing one member of a population', () => {
  afterAll(() => useBackend('cpu'));

  // The backend is chosen before the first trainer: the bias handling follows it.
  test.each(['cpu', 'wasm'] as const)(
    'on %s, a paused member resumes as if never paused; the others train on unaffected',
    async (backend) => {
      await useBackend(backend);
      const straight = await train(0);
      const paused = await train(4);
      expect(paused.statuses).toEqual(['completed', 'completed', 'completed']);
      for (const k of [0, 1, 2]) {
        expect(paused.histories[k], `member ${k}'s curves`).toEqual(straight.histories[k]);
        expect(Array.from(paused.parameters[k]!), `member ${k}'s weights`).toEqual(
          Array.from(straight.parameters[k]!),
        );
      }
    },
  );

  test('while paused a member reports no epochs and its weights do not move', async () => {
    await useBackend('cpu');
    const trainer = new PopulationTrainer(configs.slice(0, 2));
    try {
      await trainer.trainEpoch();
      trainer.setPaused(1, true);
      const before = await trainer.parametersOf(1);
      const metrics = await trainer.trainEpoch();
      expect(metrics[0]?.epoch).toBe(2);
      expect(metrics[1]).toBeNull();
      expect(trainer.members[1]!.epoch).toBe(1);
      expect(Array.from(await trainer.parametersOf(1))).toEqual(Array.from(before));
      trainer.setPaused(0, true);
      expect(trainer.training).toBe(false);
      expect(trainer.running).toBe(true);
      expect(await trainer.trainEpoch()).toEqual([null, null]);
    } finally {
      trainer.dispose();
    }
  });
});
