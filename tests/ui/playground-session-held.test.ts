import { beforeAll, expect, test } from 'vitest';
import { setParameter } from '../../src/store/experiment';
import { recordChange, useMetrics } from '../../src/store/metrics';
import { useRun } from '../../src/store/run';
import { pause, play, reset } from '../../src/ui/playground/session';
import { FakeTrainer, goesOnFromTheShownEpoch, metricsAt, settle, startFakeSession } from './fake-trainer';

// Its own file: one session per page, and these need a run whose first epoch is held.
let worker: FakeTrainer;
const epochs = () => useMetrics.getState().history.map((m) => m.epoch);

beforeAll(async () => {
  worker = await startFakeSession();
});

/** The page holds no epoch: Play shows none at once (then the press is taken back). */
async function playShowsNothingHeld(): Promise<void> {
  expect(useRun.getState().firstEpochHeld).toBe(false);
  play();
  expect(useRun.getState().latest).toBeNull();
  pause();
  await settle();
}

/** A new run, stopped, whose first epoch the worker holds (or not: `held` null). */
async function freshRun(held: ReturnType<typeof metricsAt> | null = metricsAt(1)): Promise<void> {
  pause();
  reset();
  await settle();
  await settle();
  expect(useRun.getState().phase).toBe('ready');
  if (held) worker.ahead(held);
  await settle();
}

test('Play shows the epoch the worker holds at once, before the worker has heard of the press, and only once', async () => {
  await freshRun();
  expect(useRun.getState().firstEpochHeld).toBe(true);
  play();
  // In the same task as the press: no round trip to the worker between it and the epoch on screen.
  const run = useRun.getState();
  expect(run.phase).toBe('training');
  expect(run.latest).toEqual(metricsAt(1));
  expect(run.first).toEqual(metricsAt(1));
  expect(epochs()).toEqual([1]);
  await settle();
  expect(worker.calls.at(-1)).toBe('play');
  await goesOnFromTheShownEpoch(worker);
  expect(useRun.getState().latest?.epoch).toBe(2);
});

test('Play pressed before the worker held the epoch shows it the moment it is held, and only once', async () => {
  await freshRun(null);
  play();
  expect(useRun.getState().latest).toBeNull();
  await settle();
  // The worker finishes the epoch it was training ahead; its Play adopts that very epoch next.
  worker.ahead();
  await settle();
  expect(useRun.getState().latest).toEqual(metricsAt(1));
  await goesOnFromTheShownEpoch(worker);
});

test('a setting changed after the epoch was held is not shown from it: the run waits for its own first epoch', async () => {
  await freshRun();
  setParameter('learningRate', 0.2);
  await settle();
  play();
  expect(useRun.getState().latest).toBeNull();
  expect(epochs()).toEqual([]);
  await settle();
  worker.epoch();
  await settle();
  expect(epochs()).toEqual([1]);
});

test('an epoch the worker dropped is not shown, and one it holds again is', async () => {
  await freshRun();
  worker.ahead(null);
  await settle();
  await playShowsNothingHeld();

  await freshRun(null);
  worker.ahead(null);
  worker.ahead({ ...metricsAt(1), trainLoss: 0.25 });
  await settle();
  play();
  expect(useRun.getState().latest?.trainLoss).toBe(0.25);
});

test('an epoch held before a change the page has sent since is not shown, even when it arrives after the change', async () => {
  await freshRun(null);
  setParameter('learningRate', 0.05);
  await settle();
  // Sent by the worker before it took the change (its pictures held the change in its queue).
  worker.ahead({ ...metricsAt(1), trainLoss: 0.999 }, 0);
  await settle();
  await playShowsNothingHeld();
  // The one trained with the change is shown.
  worker.ahead({ ...metricsAt(1), trainLoss: 0.5 });
  await settle();
  expect(useRun.getState().firstEpochHeld).toBe(true);
  play();
  expect(useRun.getState().latest?.trainLoss).toBe(0.5);
});

test("were the worker's first epoch ever different from the one shown, the worker's replaces it", async () => {
  await freshRun({ ...metricsAt(1), trainLoss: 0.123 });
  const marker = { epoch: 0, changes: [{ key: 'learningRate' as const, from: 0.03, to: 0.1 }] };
  recordChange(marker);
  play();
  expect(useRun.getState().latest?.trainLoss).toBe(0.123);
  await settle();
  worker.epoch();
  await settle();
  expect(useMetrics.getState().history).toEqual([metricsAt(1)]);
  expect(useRun.getState().first).toEqual(metricsAt(1));
  expect(useRun.getState().latest).toEqual(metricsAt(1));
  // The change made before Play is still marked on the chart.
  expect(useMetrics.getState().changes).toEqual([marker]);
});
