import { expect, test } from 'vitest';
import { PaceWait } from '../../src/workers/pace-wait';

test('a pace wait ends at its time, or at once when woken (pause, stop, a new pace)', async () => {
  const wait = new PaceWait();
  let ended = false;
  const long = wait.sleep(60_000).then(() => (ended = true));
  await Promise.resolve();
  expect(ended).toBe(false);
  wait.wakeUp();
  await long;
  expect(ended).toBe(true);
  // Waking with nothing waiting does nothing; a short wait ends by itself.
  wait.wakeUp();
  const started = performance.now();
  await wait.sleep(5);
  expect(performance.now() - started).toBeGreaterThanOrEqual(4);
});
