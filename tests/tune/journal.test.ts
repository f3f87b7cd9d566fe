import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import expected from '../fixtures/optuna-journal.expected.json';
import { toOptunaJournal, type StudyExport } from '../../src/core/tune/export';
import { JournalError, parseOptunaJournal } from '../../src/core/tune/journal';
import { categorical, float, int } from '../../src/core/tune/space';
import { createTuner } from '../../src/core/tune/tuners';

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
