import { beforeAll, expect, test } from 'vitest';
import { tf, useBackend } from '../../src/core/tf';
import { warmUp, type WarmUpHooks } from '../../src/workers/warm-up';

beforeAll(async () => {
  await useBackend('cpu');
});

/** Hooks as the trainer endpoint gives them, with the page's request made after `askAfter` epochs. */
function hooksAskingAfter(askAfter: number): WarmUpHooks & { epochsSeen: () => number } {
  let tasks = 0;
  return {
    asked: () => tasks >= askAfter,
    exclusive: async (task) => {
      const result = await task();
      tasks += 1;
      return result;
    },
    yieldToEventLoop: () => new Promise((resolve) => setTimeout(resolve, 0)),
    epochsSeen: () => tasks,
  };
}

test('the warm-up stops at the first yield after the page asks, and leaves no tensor behind', async () => {
  const before = tf.memory().numTensors;
  const hooks = hooksAskingAfter(3);
  expect(await warmUp(hooks, 60_000)).toBe(3);
  expect(hooks.epochsSeen()).toBe(3);
  expect(tf.memory().numTensors).toBe(before);
});

test('a page that asked before the warm-up began gets the worker at once: no epoch is trained', async () => {
  const before = tf.memory().numTensors;
  expect(await warmUp(hooksAskingAfter(0), 60_000)).toBe(0);
  expect(tf.memory().numTensors).toBe(before);
});

test('a page that never asks costs the worker its budget, then nothing more', async () => {
  const before = tf.memory().numTensors;
  // The test ending at all is half the check: nobody asks this warm-up to stop.
  expect(await warmUp(hooksAskingAfter(Infinity), 50)).toBeGreaterThan(0);
  expect(await warmUp(hooksAskingAfter(Infinity), 0)).toBe(0);
  expect(tf.memory().numTensors).toBe(before);
});
