import { beforeEach, describe, expect, test } from 'vitest';
import { DEFAULT_CONFIG, type ExperimentConfig } from '../../src/core';
import { laneById, useCompare } from '../../src/store/compare';
import { TrainerPool } from '../../src/workers/pool';
import {
  loadLanes,
  pauseAll,
  stepAll,
  pauseLane,
  playAll,
  playLane,
  setTrainerPool,
  useLaneWeights,
} from '../../src/ui/compare/session';
import { FakeTrainer, settle } from './fake-trainer';

const base: ExperimentConfig = { ...DEFAULT_CONFIG, epochs: 6 };
let workers: FakeTrainer[] = [];

/** Two lanes that share one worker (they differ only in a hot hyperparameter). */
async function twoLanes(): Promise<[number, number, FakeTrainer]> {
  await loadLanes(
    base,
    [
      { label: { en: 'a', zh: 'a' }, config: base },
      { label: { en: 'b', zh: 'b' }, config: { ...base, learningRate: 0.1 } },
    ],
    null,
  );
  playAll();
  await settle();
  await settle();
  const [a, b] = useCompare.getState().lanes.map((lane) => lane.id);
  expect(workers).toHaveLength(1);
  return [a!, b!, workers[0]!];
}

const status = (id: number) => laneById(id)?.status;
const epochs = (id: number) => laneById(id)?.history.length;

beforeEach(() => {
  workers = [];
  setTrainerPool(
    new TrainerPool(4, (listener) => {
      const fake = new FakeTrainer(listener);
      workers.push(fake);
      return fake.asClient();
    }),
  );
});

describe('compare lanes pause and resume one by one', () => {
  test('pausing a lane holds its member in the worker while the lane beside it trains on', async () => {
    const [a, b, worker] = await twoLanes();
    worker.epoch();
    worker.epoch();
    await settle();
    expect([status(a), status(b)]).toEqual(['training', 'training']);

    pauseLane(a);
    await settle();
    expect(status(a)).toBe('paused');
    expect(worker.calls).toContain('setPaused 0 true');
    // The lane's budget is never cut to hold it still.
    expect(worker.calls.filter((c) => c.startsWith('update'))).toEqual([]);
    // The histogram holds the weights the worker had when the lane paused.
    expect(Array.from(useLaneWeights.getState()[a]!)).toEqual([0, 2, 0]);

    worker.epoch();
    await settle();
    expect([epochs(a), epochs(b)]).toEqual([2, 3]);
    expect(status(b)).toBe('training');

    playLane(a);
    await settle();
    expect(worker.calls.slice(-2)).toEqual(['setPaused 0 false', 'play']);
    expect(status(a)).toBe('training');
    expect(useLaneWeights.getState()[a]).toBeUndefined();
    worker.epoch();
    await settle();
    expect([epochs(a), epochs(b)]).toEqual([3, 4]);
  });

  test('pause all, then play all: every lane goes on from where it was', async () => {
    const [a, b, worker] = await twoLanes();
    worker.epoch();
    await settle();
    pauseAll();
    await settle();
    expect([status(a), status(b)]).toEqual(['paused', 'paused']);
    expect(worker.playing).toBe(false);
    playAll();
    await settle();
    expect([status(a), status(b)]).toEqual(['training', 'training']);
    expect(worker.playing).toBe(true);
    worker.epoch();
    await settle();
    expect([epochs(a), epochs(b)]).toEqual([2, 2]);
  });

  test('Step trains every paused lane one epoch in step and leaves it paused', async () => {
    const [a, b, worker] = await twoLanes();
    worker.epoch();
    await settle();
    pauseAll();
    await settle();
    await stepAll();
    await settle();
    expect([status(a), status(b)]).toEqual(['paused', 'paused']);
    expect([epochs(a), epochs(b)]).toEqual([2, 2]);
    expect(worker.playing).toBe(false);
    await stepAll();
    await settle();
    expect([epochs(a), epochs(b)]).toEqual([3, 3]);
  });

  test('a lane that ends shows its final weights; the worker is given back only after they arrive', async () => {
    const [a, b, worker] = await twoLanes();
    for (let i = 0; i < base.epochs; i++) worker.epoch();
    await settle();
    await settle();
    expect([status(a), status(b)]).toEqual(['completed', 'completed']);
    expect(Array.from(useLaneWeights.getState()[a]!)).toEqual([0, 6, 0]);
    expect(Array.from(useLaneWeights.getState()[b]!)).toEqual([1, 6, 0]);
    const calls = worker.calls;
    expect(calls.at(-1)).toBe('terminate');
    expect(calls.lastIndexOf('weights 1')).toBeLessThan(calls.indexOf('terminate'));
  });

  test('a paused lane keeps its worker while the others end', async () => {
    const [a, b, worker] = await twoLanes();
    pauseLane(a);
    await settle();
    for (let i = 0; i < base.epochs; i++) worker.epoch();
    await settle();
    expect([status(a), status(b)]).toEqual(['paused', 'completed']);
    expect(worker.terminated).toBe(false);
    playLane(a);
    await settle();
    for (let i = 0; i < base.epochs; i++) worker.epoch();
    await settle();
    await settle();
    expect(status(a)).toBe('completed');
    expect(epochs(a)).toBe(base.epochs);
    expect(worker.terminated).toBe(true);
  });
});
