import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { continuingTuner, planContinuation } from '../../src/core/tune/continue';
import { toOptunaJournal } from '../../src/core/tune/export';
import { parseOptunaJournal, type ImportedStudy } from '../../src/core/tune/journal';
import { analyticObjective } from '../../src/core/tune/objectives';
import { runStudy, tunerFor } from '../../src/core/tune/study';
import type { Trial } from '../../src/core/tune/tuners';

const fixture = parseOptunaJournal(
  readFileSync(new URL('../fixtures/optuna-journal.log', import.meta.url), 'utf8'),
);
const byName = (name: string) => fixture.find((s) => s.name === name)!;

function plan(study: ImportedStudy) {
  const check = planContinuation(study);
  if (!check.ok) throw new Error(check.issue.code);
  return check.plan;
}

describe('continuing an imported study', () => {
  it('recognises an Optuna study of Branin by its parameter names and keeps every finished trial', () => {
    const branin = plan(byName('branin-hyperband'));
    expect(branin).toMatchObject({ objective: 'branin', identifiedBy: 'parameters', skipped: 0, seed: null });
    expect(branin.history).toHaveLength(12);
  });

  it('only views studies whose objective is not one of Tunelab’s, and says why', () => {
    expect(planContinuation(byName('outside-tunelab'))).toEqual({
      ok: false,
      issue: {
        code: 'continue-unknown-objective',
        params: { names: 'optimizer, learning_rate, n_layers, dropout' },
      },
    });
    const maximized = { ...byName('branin-hyperband'), direction: 'maximize' as const };
    expect(planContinuation(maximized)).toMatchObject({ ok: false, issue: { code: 'continue-maximized' } });
  });

  it.each(['bayes', 'tpe'] as const)('%s conditions its first suggestion on the imported trials', (kind) => {
    const objective = analyticObjective('branin');
    const { history } = plan(byName('branin-hyperband'));
    const first = (trials: readonly Trial[]) =>
      continuingTuner(kind, objective, trials, 5, { seed: 3, candidates: 200 }).tuner.ask(1)[0]!;
    const seeded = first(history);
    expect(seeded.number).toBe(12);
    // The same points with other values lead elsewhere, and so does no history at all.
    const reversed = history.map((t, i) => ({ ...t, value: history[history.length - 1 - i]!.value }));
    expect(first(reversed).params).not.toEqual(seeded.params);
    expect(tunerFor(kind, objective, { seed: 3, candidates: 200 }).ask(1)[0]!.params).not.toEqual(
      seeded.params,
    );
  });

  it('grid search skips the points already evaluated and walks the rest once', async () => {
    const objective = analyticObjective('branin');
    const small = tunerFor('grid', objective, { trials: 9 });
    await runStudy(small, objective, { trials: 9 });
    const imported = parseOptunaJournal(
      toOptunaJournal({
        name: 'g',
        tuner: 'grid',
        space: objective.space,
        trials: small.trials,
        objective: 'branin',
      }),
    )[0]!;
    const { tuner, trials } = continuingTuner('grid', objective, plan(imported).history, 16);
    const result = await runStudy(tuner, objective, { trials });
    const key = (t: Trial) => `${t.params.x1},${t.params.x2}`;
    const fresh = result.trials.slice(9).map(key);
    // The 3 × 3 grid lies inside the 5 × 5 one: 16 new points, none repeated, and the grid is done.
    expect(new Set([...small.trials.map(key), ...fresh]).size).toBe(25);
    expect(fresh).toHaveLength(16);
    expect(tuner.exhausted).toBe(true);
  });

  it('appends new trials to the study, and the combined journal reads back with every trial intact', async () => {
    const study = byName('branin-hyperband');
    const { history, objective: id } = plan(study);
    const objective = analyticObjective(id as 'branin', 1);
    const { tuner, trials } = continuingTuner('tpe', objective, history, 5, { seed: 1 });
    const result = await runStudy(tuner, objective, { trials });
    expect(result.trials).toHaveLength(17);
    const combined = parseOptunaJournal(
      toOptunaJournal({
        name: study.name,
        tuner: 'tpe',
        space: objective.space,
        trials: result.trials,
        objective: id,
        seed: 1,
      }),
    )[0]!;
    expect(combined.name).toBe('branin-hyperband');
    expect(combined.userAttrs).toMatchObject({ tunelab_objective: 'branin', tunelab_tuner: 'tpe' });
    const strip = (t: Trial) => ({
      number: t.number,
      params: t.params,
      state: t.state,
      value: t.value,
      intermediate: t.intermediate,
    });
    expect(combined.trials.slice(0, 12).map(strip)).toEqual(study.trials.map(strip));
    expect(combined.trials.slice(12).map((t) => t.number)).toEqual([12, 13, 14, 15, 16]);
    expect(combined.trials.slice(12).every((t) => t.state === 'complete')).toBe(true);
  });
});
