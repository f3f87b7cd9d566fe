import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PopulationTrainer, tf, useBackend } from '../../src/core';
import { computeSharedLandscape, projectOnPlane, sharedPlane } from '../../src/core/landscape';
import { lessonLanes } from '../../src/core/lessons/lanes';

// The page trains on wasm: the claims are checked there.
beforeAll(() => useBackend('wasm'));
afterAll(() => useBackend('cpu'));

/** The optimizers lesson's lanes, trained together, each lane's weights before every epoch and at the end. */
async function lessonTrajectories(epochs: number) {
  const configs = lessonLanes('optimizers').map((lane) => ({ ...lane.config, epochs }));
  const trainer = new PopulationTrainer(configs);
  const trajectories: Float32Array[][] = configs.map(() => []);
  try {
    while (trainer.running) {
      for (const [k, t] of trajectories.entries()) t.push(await trainer.parametersOf(k));
      await trainer.trainEpoch();
    }
    for (const [k, t] of trajectories.entries()) t.push(await trainer.parametersOf(k));
  } finally {
    trainer.dispose();
  }
  return { configs, trajectories };
}

describe('the lanes’ shared landscape', () => {
  test('one plane for every lane: each path starts at the common start and ends at its own final weights', async () => {
    const { configs, trajectories } = await lessonTrajectories(15);
    // The lesson's lanes share their initial weights, so the plane's origin is that start.
    for (const t of trajectories) expect(Array.from(t[0]!)).toEqual(Array.from(trajectories[0]![0]!));
    const before = tf.memory().numTensors;
    const evaluator = new PopulationTrainer([configs[0]!]);
    try {
      const landscape = await computeSharedLandscape(evaluator, trajectories, { resolution: 9 });
      expect(landscape.plane).toBe('trajectory');
      expect(landscape.paths).toHaveLength(trajectories.length);
      expect(landscape.losses).toHaveLength(81);
      expect(landscape.losses.every(Number.isFinite)).toBe(true);
      const initialLoss = (await evaluator.trainingLossOf(trajectories[0]![0]!))[0]!;
      expect(Math.abs(landscape.originLoss - initialLoss)).toBeLessThan(1e-5);

      const { plane, origin } = sharedPlane(trajectories);
      landscape.paths.forEach((path, k) => {
        expect(path).toHaveLength(trajectories[k]!.length);
        expect(Math.hypot(path[0]!.x, path[0]!.y)).toBeLessThan(1e-4);
        // The same plane projects every lane's own final weights to where its path ends.
        const end = projectOnPlane(plane!, origin, trajectories[k]!.at(-1)!);
        expect(path.at(-1)!.x).toBeCloseTo(end.x, 6);
        expect(path.at(-1)!.y).toBeCloseTo(end.y, 6);
        // Inside the grid drawn around them.
        for (const p of path) {
          expect(p.x).toBeGreaterThanOrEqual(landscape.xs[0]!);
          expect(p.x).toBeLessThanOrEqual(landscape.xs.at(-1)!);
          expect(p.y).toBeGreaterThanOrEqual(landscape.ys[0]!);
          expect(p.y).toBeLessThanOrEqual(landscape.ys.at(-1)!);
        }
      });
      // The lanes took different paths: Adam's end is not SGD's.
      const [sgd, , , adam] = landscape.paths.map((path) => path.at(-1)!);
      expect(Math.hypot(sgd!.x - adam!.x, sgd!.y - adam!.y)).toBeGreaterThan(0.01);

      // The plane belongs to all the lanes, not to the first: in another order, the same surface.
      const reversed = await computeSharedLandscape(evaluator, [...trajectories].reverse(), {
        resolution: 9,
      });
      reversed.losses.forEach((loss, i) => expect(loss).toBeCloseTo(landscape.losses[i]!, 4));
      expect(reversed.paths.reverse()).toEqual(
        landscape.paths.map((path) =>
          path.map((p) => ({ x: expect.closeTo(p.x, 5), y: expect.closeTo(p.y, 5) })),
        ),
      );
    } finally {
      evaluator.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
