import { describe, expect, it } from 'vitest';
import {
  analyticObjective,
  categorical,
  contains,
  createRandom,
  createTuner,
  float,
  hyperbandBrackets,
  int,
  l2StarDiscrepancy,
  ManualTuner,
  median,
  runStudy,
  ScrambledHalton,
  simpleRegret,
  tunerFor,
  TUNER_KINDS,
  type SearchSpace,
  type Tuner,
  type TunerKind,
} from '../../src/core';

const mixedSpace: SearchSpace = {
  learningRate: float(1e-4, 1, { log: true }),
  units: int(4, 64),
  optimizer: categorical(['sgd', 'adam', 'rmsprop']),
};

/** Runs a tuner on a cheap deterministic function of the mixed space, in batches of three. */
function drive(tuner: Tuner, trials: number): void {
  while (tuner.trials.length < trials) {
    const batch = tuner.ask(Math.min(3, trials - tuner.trials.length));
    if (batch.length === 0) break;
    for (const s of batch) {
      const lr = Math.log10(s.params.learningRate as number);
      const value =
        (lr + 2) ** 2 +
        Math.abs((s.params.units as number) - 20) / 20 +
        (s.params.optimizer === 'adam' ? 0 : 0.5);
      tuner.tell(s.number, { value, state: 'complete' });
    }
  }
}

const automatic = TUNER_KINDS.filter((k): k is Exclude<TunerKind, 'manual'> => k !== 'manual');

describe('tuners', () => {
  for (const kind of automatic) {
    it(`${kind} is deterministic for a seed, differs across seeds and stays inside the space`, () => {
      const run = (seed: number) => {
        const tuner = createTuner(kind, mixedSpace, { seed, trials: 27 });
        drive(tuner, 27);
        return tuner.trials.map((t) => t.params);
      };
      const first = run(5);
      expect(run(5)).toEqual(first);
      expect(run(6)).not.toEqual(first);
      for (const params of first)
        for (const [name, d] of Object.entries(mixedSpace)) expect(contains(d, params[name]!)).toBe(true);
    });
  }

  it('grid search covers its whole grid, each point once', () => {
    const tuner = createTuner(
      'grid',
      { x: float(0, 1), y: int(1, 3), kind: categorical(['a', 'b']) },
      { seed: 1, gridPointsPerAxis: 4 },
    );
    drive2(tuner);
    const seen = new Set(tuner.trials.map((t) => JSON.stringify([t.params.x, t.params.y, t.params.kind])));
    expect(tuner.trials).toHaveLength(4 * 3 * 2);
    expect(seen.size).toBe(24);
    expect(new Set(tuner.trials.map((t) => t.params.x))).toEqual(new Set([0, 1 / 3, 2 / 3, 1]));
    expect(tuner.exhausted).toBe(true);
    expect(tuner.ask(1)).toEqual([]);
  });

  it('grid search sizes its grid to the budget: 30 trials in 2-D is a 5 × 5 grid', () => {
    const tuner = createTuner('grid', { x: float(0, 1), y: float(0, 1) }, { trials: 30 });
    drive2(tuner);
    expect(tuner.trials).toHaveLength(25);
    expect(new Set(tuner.trials.map((t) => t.params.x)).size).toBe(5);
  });

  it('quasi-random points are spread more evenly than random ones (L2-star discrepancy)', () => {
    const quasi: number[] = [];
    const random: number[] = [];
    for (let seed = 1; seed <= 10; seed++) {
      const halton = new ScrambledHalton(3, seed);
      quasi.push(l2StarDiscrepancy(Array.from({ length: 64 }, () => halton.next())));
      const uniform = createRandom(seed);
      random.push(
        l2StarDiscrepancy(Array.from({ length: 64 }, () => [uniform.next(), uniform.next(), uniform.next()])),
      );
    }
    expect(median(quasi)).toBeLessThan(0.5 * median(random));
  });

  it("Hyperband's brackets have the sizes of Li et al. (R = 81, η = 3)", () => {
    const brackets = hyperbandBrackets(81, 1, 3);
    expect(brackets.map((b) => b.rungs.map((r) => r.trials))).toEqual([
      [81, 27, 9, 3, 1],
      [34, 11, 3, 1],
      [15, 5, 1],
      [8, 2],
      [5],
    ]);
    expect(brackets.map((b) => b.rungs.map((r) => r.epochs))).toEqual([
      [1, 3, 9, 27, 81],
      [3, 9, 27, 81],
      [9, 27, 81],
      [27, 81],
      [81],
    ]);
  });

  it('Hyperband keeps the best third of a bracket at each rung and stops the rest early', async () => {
    const objective = analyticObjective('branin', 1, 27);
    const tuner = tunerFor('hyperband', objective, { seed: 2 });
    // The first bracket (s = 3): 27 trials from 1 epoch, then 9 at 3, 3 at 9, 1 at 27.
    const result = await runStudy(tuner, objective, { trials: 27 });
    const epochs = result.trials.map((t) => t.epochs).sort((a, b) => a! - b!);
    expect(epochs.filter((e) => e === 1)).toHaveLength(18);
    expect(epochs.filter((e) => e === 3)).toHaveLength(6);
    expect(epochs.filter((e) => e === 9)).toHaveLength(2);
    expect(epochs.filter((e) => e === 27)).toHaveLength(1);
    expect(result.trials.filter((t) => t.state === 'complete')).toHaveLength(1);
    expect(result.epochsUsed).toBe(18 + 18 + 18 + 27);
  });

  it('the Bayesian tuner gives distinct points to a parallel batch (constant liar)', () => {
    const tuner = createTuner('bayes', { x: float(0, 1), y: float(0, 1) }, { seed: 3, initialTrials: 5 });
    drive(tuner as Tuner, 0);
    const first = tuner.ask(5);
    for (const s of first)
      tuner.tell(s.number, {
        value: ((s.params.x as number) - 0.3) ** 2 + ((s.params.y as number) - 0.7) ** 2,
        state: 'complete',
      });
    const batch = tuner.ask(4).map((s) => [s.params.x as number, s.params.y as number]);
    for (let i = 0; i < batch.length; i++) {
      for (let j = i + 1; j < batch.length; j++)
        expect(Math.hypot(batch[i]![0]! - batch[j]![0]!, batch[i]![1]! - batch[j]![1]!)).toBeGreaterThan(
          0.01,
        );
    }
  });

  it('the Bayesian tuner finds a much better Branin point than random search in 30 trials (3 seeds)', async () => {
    const regrets = { bayes: [] as number[], random: [] as number[] };
    for (const seed of [1, 2, 3]) {
      for (const kind of ['bayes', 'random'] as const) {
        const objective = analyticObjective('branin', seed);
        const result = await runStudy(tunerFor(kind, objective, { seed, candidates: 300 }), objective, {
          trials: 30,
        });
        regrets[kind].push(simpleRegret(result.trials, objective.optimum!));
      }
    }
    expect(median(regrets.bayes)).toBeLessThan(median(regrets.random) / 10);
  });

  it('the Bayesian tuner learns to avoid failed trials instead of crashing', async () => {
    const tuner = createTuner('bayes', { x: float(0, 1) }, { seed: 4, initialTrials: 4 });
    for (let i = 0; i < 12; i++) {
      const [s] = tuner.ask(1);
      const x = s!.params.x as number;
      tuner.tell(
        s!.number,
        x > 0.7
          ? { value: null, state: 'failed', message: 'diverged' }
          : { value: (x - 0.5) ** 2, state: 'complete' },
      );
    }
    expect(tuner.trials.filter((t) => t.state === 'complete').length).toBeGreaterThan(6);
  });

  it('a particle swarm evaluates one generation before it moves', () => {
    const tuner = createTuner('pso', { x: float(-1, 1), y: float(-1, 1) }, { seed: 1, swarmSize: 6 });
    const generation = tuner.ask(10);
    expect(generation).toHaveLength(6);
    expect(tuner.ask(1)).toEqual([]);
    for (const s of generation)
      tuner.tell(s.number, {
        value: (s.params.x as number) ** 2 + (s.params.y as number) ** 2,
        state: 'complete',
      });
    expect(tuner.ask(10)).toHaveLength(6);
  });

  it('"you" as a tuner: proposals wait in a queue and bad values are refused with the reason', () => {
    const tuner = new ManualTuner(mixedSpace, {});
    expect(tuner.ask(1)).toEqual([]);
    tuner.propose({ learningRate: 0.01, units: 16, optimizer: 'adam' });
    expect(() => tuner.propose({ learningRate: 5, units: 16, optimizer: 'adam' })).toThrow(
      /learningRate must be float in \[1e-4, 1\], log/,
    );
    expect(() => tuner.propose({ learningRate: 0.01, units: 16 })).toThrow(/optimizer is missing/);
    const [trial] = tuner.ask(3);
    expect(trial!.params).toEqual({ learningRate: 0.01, units: 16, optimizer: 'adam' });
  });

  it('a study under an epoch budget stops when the epochs are spent', async () => {
    const objective = analyticObjective('rosenbrock', 1, 10);
    const result = await runStudy(tunerFor('random', objective, { seed: 1 }), objective, {
      trials: 100,
      epochs: 55,
    });
    expect(result.epochsUsed).toBeLessThanOrEqual(60);
    expect(result.trials.length).toBeLessThan(100);
  });
});

function drive2(tuner: Tuner): void {
  for (let guard = 0; guard < 1000 && !tuner.exhausted; guard++) {
    const batch = tuner.ask(5);
    if (batch.length === 0) break;
    for (const s of batch) tuner.tell(s.number, { value: 1, state: 'complete' });
  }
}
