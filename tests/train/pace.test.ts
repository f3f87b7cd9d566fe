import { expect, test } from 'vitest';
import { epochsPerSecond, isPace, nextSlot, PACES } from '../../src/core';

test('each pace is as fast as possible or a number of epochs a second', () => {
  expect(PACES.map(epochsPerSecond)).toEqual([null, 30, 10, 3]);
  expect(isPace('10')).toBe(true);
  expect(isPace(10)).toBe(false);
  expect(isPace('1000')).toBe(false);
});

test('at 10 a second an epoch follows its predecessor’s slot by 100 ms, and a late one starts at once without a burst after it', () => {
  // On time: the next slot is one interval after the last one was due, whatever the epoch took.
  expect(nextSlot(1000, 1020, 10)).toBe(1100);
  // Late by 250 ms (a slow epoch): the next starts now, and the one after that an interval later.
  expect(nextSlot(1000, 1350, 10)).toBe(1350);
  expect(nextSlot(1350, 1360, 10)).toBe(1450);
});
