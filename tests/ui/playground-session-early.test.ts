import { expect, test } from 'vitest';
import { useRun } from '../../src/store/run';
import { play, setTrainerFactory, startSession } from '../../src/ui/playground/session';
import { FakeTrainer, settle } from './fake-trainer';

// Its own file: the session is started once per page, so this needs a page whose session has not.
test('Play pressed before the session has started (the run bar shows first) starts the run once it has', async () => {
  let worker: FakeTrainer | null = null;
  setTrainerFactory((listener) => {
    worker = new FakeTrainer(listener);
    return worker.asClient();
  });
  play();
  expect(worker).toBeNull();
  startSession();
  await settle();
  await settle();
  const calls = worker!.calls.filter((c) => !c.startsWith('weights'));
  expect(calls[0]).toBe('load 1');
  expect(calls).toContain('play');
  expect(useRun.getState().phase).toBe('training');
});
