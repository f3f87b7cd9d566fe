import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import expected from '../fixtures/optuna-journal.expected.json';
import optunaRead from '../fixtures/tunelab-journal.optuna.json';
import { TUNELAB_JOURNAL_STUDY } from '../fixtures/tunelab-journal-study';
import { toOptunaJournal, type StudyExport } from '../../src/core/tune/export';
import { JournalError, parseOptunaJournal } from '../../src/core/tune/journal';
import { categorical, float, int } from '../../src/core/tune/space';
import { createTuner } from '../../src/core/tune/tuners';
import { analyticObjective } from '../../src/core/tune/objectives';
import { runStudy, tunerFor } from '../../src/core/tune/study';

const STATE = { COMPLETE: 'complete', PRUNED: 'pruned', FAIL: 'failed', RUNNING: 'running' } as const;

function tunelabStudy(): StudyExport {
  const space = {
    learningRate: float(1e-4, 1, { log: true }),
    dropout: float(0, 0.5, { step: 0.1 }),
    units: int(4, 64),
    batch: int(8, 256, { log: true }),
    optimizer: categorical(['sgd', 'adam']),
    activation: categorical(['relu', 'tanh', 'sigmoid']),
  };
  const tuner = createTuner('random', space, { seed: 4 });
  const states = ['complete', 'pruned', 'failed', 'complete', 'pruned', 'complete'] as const;
  for (const s of tuner.ask(states.length)) {
    const state = states[s.number]!;
    tuner.tell(s.number, {
      value: state === 'failed' ? null : 0.1 * s.number + 0.25,
      state,
      epochs: state === 'pruned' ? 3 : 9,
      durationMs: 40 + s.number,
      ...(state === 'failed' ? { message: 'The loss became NaN at epoch 2' } : {}),
    });
  }
  return { name: 'round trip', tuner: 'random', space, trials: tuner.trials, seed: 4, objective: 'network' };
}

describe('Optuna journal import', () => {
  it("reads back Tunelab's own export with every trial, parameter and distribution intact", () => {
    const original = tunelabStudy();
    const [study, ...others] = parseOptunaJournal(
      toOptunaJournal(original, new Date('2026-12-01T10:00:00Z')),
    );
    expect(others).toHaveLength(0);
    expect(study!.name).toBe('round trip');
    expect(study!.direction).toBe('minimize');
    expect(study!.space).toEqual(original.space);
    expect(study!.userAttrs).toEqual({
      tunelab_tuner: 'random',
      tunelab_objective: 'network',
      tunelab_seed: 4,
    });
    // Compared without the fields only the journal has (intermediate values, timestamps).
    const withoutJournalFields = ({
      intermediate: _intermediate,
      startedAt: _startedAt,
      completedAt: _completedAt,
      ...trial
    }: NonNullable<typeof study>['trials'][number]) => trial;
    expect(study!.trials.map(withoutJournalFields)).toEqual(original.trials.map((t) => ({ ...t })));
    // A pruned trial's loss travels as its last intermediate value, as Optuna stores it.
    expect(study!.trials[1]!.intermediate).toEqual([[3, original.trials[1]!.value]]);
  });

  it('reads a journal written by Optuna 3.1: categorical, log-float, int, stepped float, pruned, failed, running', () => {
    const text = readFileSync(new URL('../fixtures/optuna-journal.log', import.meta.url), 'utf8');
    const studies = parseOptunaJournal(text);
    expect(studies.map((s) => s.name)).toEqual(expected.studies.map((s) => s.name));
    studies.forEach((study, k) => {
      const reference = expected.studies[k]!;
      const sign = reference.direction === 'maximize' ? -1 : 1;
      expect(study.direction).toBe(reference.direction);
      expect(study.trials).toHaveLength(reference.trials.length);
      study.trials.forEach((trial, i) => {
        const want = reference.trials[i]!;
        expect(trial.number).toBe(want.number);
        expect(trial.state).toBe(STATE[want.state as keyof typeof STATE]);
        expect(trial.params).toEqual(want.params);
        expect(trial.value).toBe(want.value === null ? null : sign * want.value);
        expect(trial.intermediate).toEqual(want.intermediate.map(([s, v]) => [s, sign * v!]));
      });
    });
    const [outside] = studies;
    expect(outside!.space).toEqual({
      optimizer: { type: 'categorical', choices: ['sgd', 'adam', 'rmsprop'] },
      learning_rate: { type: 'float', low: 1e-5, high: 0.1, log: true },
      n_layers: { type: 'int', low: 1, high: 4 },
      dropout: { type: 'float', low: 0, high: 0.5, step: 0.1 },
    });
    expect(outside!.trials.filter((t) => t.state === 'complete').every((t) => t.durationMs! >= 0)).toBe(true);
  });

  it('says which line is broken instead of throwing a bare SyntaxError', () => {
    const good = '{"op_code": 0, "worker_id": "w", "study_name": "s", "directions": [1]}';
    try {
      parseOptunaJournal(`${good}\nnot json\n`);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(JournalError);
      expect((error as JournalError).issue).toEqual({ code: 'journal-not-json', params: { line: 2 } });
    }
    expect(() => parseOptunaJournal('')).toThrow(JournalError);
  });
});

describe('intermediate values through the journal', () => {
  const log = readFileSync(new URL('../fixtures/tunelab-journal.log', import.meta.url), 'utf8');

  it("writes each trial's curve and clock times as the committed log that Optuna 3.1 reads back as they were", () => {
    expect(toOptunaJournal(TUNELAB_JOURNAL_STUDY)).toBe(log);
    const trials = TUNELAB_JOURNAL_STUDY.trials;
    expect(optunaRead.trials).toHaveLength(trials.length);
    optunaRead.trials.forEach((read, i) => {
      const trial = trials[i]!;
      expect(read.state).toBe(Object.keys(STATE).find((k) => STATE[k as keyof typeof STATE] === trial.state));
      expect(read.params).toEqual(trial.params);
      expect(read.value).toBe(trial.state === 'complete' ? trial.value : null);
      // A pruned trial's curve stops at its rung.
      expect(read.intermediate).toEqual(trial.intermediate);
      expect(Date.parse(`${read.datetime_start}Z`)).toBe(trial.startedAt);
      expect(Date.parse(`${read.datetime_complete}Z`)).toBe(trial.completedAt);
    });
  });

  it("records a Hyperband study's curves up to each trial's rung, with clock times, and the journal keeps them", async () => {
    const objective = analyticObjective('lr-curve', 2, 9);
    const tuner = tunerFor('hyperband', objective, { seed: 2 });
    const before = Date.now();
    const { trials } = await runStudy(tuner, objective, { trials: 13 });
    const pruned = trials.filter((t) => t.state === 'pruned');
    expect(pruned.length).toBeGreaterThan(0);
    for (const trial of trials) {
      expect(trial.intermediate!.map(([step]) => step)).toEqual(
        Array.from({ length: trial.epochs! }, (_, i) => i + 1),
      );
      expect(trial.startedAt!).toBeGreaterThanOrEqual(before);
      expect(trial.completedAt!).toBeGreaterThanOrEqual(trial.startedAt!);
    }
    // A pruned trial's value is its last report.
    for (const trial of pruned) expect(trial.value).toBe(trial.intermediate!.at(-1)![1]);
    const [back] = parseOptunaJournal(
      toOptunaJournal({ name: 'hb', tuner: 'hyperband', space: objective.space, trials }),
    );
    expect(back!.trials.map((t) => t.intermediate)).toEqual(trials.map((t) => t.intermediate));
    expect(back!.trials.map((t) => t.completedAt! - t.startedAt!)).toEqual(
      trials.map((t) => t.completedAt! - t.startedAt!),
    );
  });

  it('reads the curves and times back into Tunelab', () => {
    const [study] = parseOptunaJournal(log);
    const offset = new Date(TUNELAB_JOURNAL_STUDY.trials[0]!.startedAt!).getTimezoneOffset() * 60_000;
    study!.trials.forEach((trial, i) => {
      const original = TUNELAB_JOURNAL_STUDY.trials[i]!;
      expect(trial.intermediate).toEqual(original.intermediate);
      // Optuna's times carry no zone, so they are read as local times: only differences are exact.
      expect(trial.startedAt! - offset).toBe(original.startedAt);
      expect(trial.completedAt! - trial.startedAt!).toBe(original.completedAt! - original.startedAt!);
    });
  });

  it("reads Optuna's Hyperband study on Branin with pruned trials' curves stopping at their rungs", () => {
    const study = parseOptunaJournal(
      readFileSync(new URL('../fixtures/optuna-journal.log', import.meta.url), 'utf8'),
    ).find((s) => s.name === 'branin-hyperband')!;
    const reference = expected.studies.find((s) => s.name === 'branin-hyperband')!;
    expect(study.trials.map((t) => t.intermediate)).toEqual(reference.trials.map((t) => t.intermediate));
    const pruned = study.trials.filter((t) => t.state === 'pruned');
    expect(pruned.length).toBeGreaterThan(0);
    for (const trial of pruned) {
      expect([1, 3]).toContain(trial.intermediate.length);
      expect(trial.epochs).toBe(trial.intermediate.at(-1)![0]);
    }
    // Round trip: Tunelab's export of the imported study keeps every curve.
    const again = parseOptunaJournal(
      toOptunaJournal({ name: study.name, tuner: 'hyperband', space: study.space, trials: study.trials }),
    )[0]!;
    expect(again.trials.map((t) => t.intermediate)).toEqual(study.trials.map((t) => t.intermediate));
  });
});
