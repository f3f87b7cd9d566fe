import { afterEach, beforeAll, expect, test, vi } from 'vitest';
import { setParameter } from '../../src/store/experiment';
import { useMetrics } from '../../src/store/metrics';
import { useRun } from '../../src/store/run';
import { pause, play, reset } from '../../src/ui/playground/session';
import { FakeTrainer, goesOnFromTheShownEpoch, metricsAt, settle, startFakeSession } from './fake-trainer';

// Its own file: one session per page, and these need a worker that shares memory with the page.
let worker: FakeTrainer;
const epochs = () => useMetrics.getState().history.map((m) => m.epoch);

/** Animation frames, run when the test says (Node has none). */
let frames: FrameRequestCallback[] = [];
function nextFrame(): void {
  const due = frames;
  frames = [];
  for (const callback of due) callback(0);
}

beforeAll(async () => {
  worker = await startFakeSession();
  worker.sharesFirstEpoch = true;
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
});

afterEach(() => {
  frames = [];
});

/** A new run, stopped, with nothing held yet by either way. */
async function freshRun(): Promise<void> {
  pause();
  reset();
  await settle();
  await settle();
  expect(useRun.getState().phase).toBe('ready');
  expect(useRun.getState().firstEpochHeld).toBe(false);
}

test('Play shows the epoch the worker holds in shared memory, before the page has taken its message, and only once', async () => {
  await freshRun();
  worker.holdInSharedMemory();
  play();
  // In the press's own task.
  expect(useRun.getState().latest).toEqual(metricsAt(1));
  expect(epochs()).toEqual([1]);
  // Then the message about the same epoch, and the worker's report of it: still one epoch 1.
  worker.ahead();
  await settle();
  expect(useRun.getState().firstEpochHeld).toBe(false);
  await goesOnFromTheShownEpoch(worker);
});

test('Play pressed before the worker held the epoch shows it in the first frame after the worker has', async () => {
  await freshRun();
  play();
  expect(useRun.getState().latest).toBeNull();
  nextFrame();
  expect(useRun.getState().latest).toBeNull();
  worker.holdInSharedMemory();
  nextFrame();
  expect(useRun.getState().latest).toEqual(metricsAt(1));
  // Shown: the page stops looking.
  expect(frames).toHaveLength(0);
});

test('an epoch in shared memory from before a change the page has sent is not shown', async () => {
  await freshRun();
  worker.holdInSharedMemory({ changes: 0 });
  setParameter('learningRate', 0.07);
  await settle();
  play();
  expect(useRun.getState().latest).toBeNull();
  nextFrame();
  expect(useRun.getState().latest).toBeNull();
  // The one trained with the change is.
  worker.holdInSharedMemory({ metrics: { ...metricsAt(1), trainLoss: 0.5 } });
  nextFrame();
  expect(useRun.getState().latest?.trainLoss).toBe(0.5);
});

test('an epoch in shared memory from the run before is not shown in the new run', async () => {
  await freshRun();
  const before = worker.runNumber;
  await freshRun();
  worker.holdInSharedMemory({ run: before });
  play();
  expect(useRun.getState().latest).toBeNull();
  pause();
  nextFrame();
  expect(useRun.getState().latest).toBeNull();
  // Play no longer wanted: the page has stopped looking.
  expect(frames).toHaveLength(0);
});
