import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import {
  categorical,
  createTuner,
  float,
  int,
  toOptunaJournal,
  toOptunaScript,
  toTrialsCsv,
  toTrialsJson,
  toWandbSweep,
  type StudyExport,
} from '../../src/core';

function study(): StudyExport {
  const space = {
    learningRate: float(1e-4, 1, { log: true }),
    dropout: float(0, 0.5, { step: 0.1 }),
    units: int(4, 64),
    optimizer: categorical(['sgd', 'adam']),
  };
  const tuner = createTuner('random', space, { seed: 2 });
  const states = ['complete', 'complete', 'failed', 'pruned'] as const;
  for (const s of tuner.ask(4)) {
    const state = states[s.number]!;
    tuner.tell(s.number, {
      value: state === 'failed' ? null : s.number + 0.5,
      state,
      epochs: 10,
      ...(state === 'failed' ? { message: 'Diverged at epoch 3' } : {}),
    });
  }
  return { name: 'spiral "lr"', tuner: 'random', space, trials: tuner.trials, seed: 2, objective: 'network' };
}

describe('study exports', () => {
  it('writes an Optuna script with the same distributions, sampler and every finished trial', () => {
    const text = toOptunaScript(study());
    expect(text).toContain('"learningRate": optuna.distributions.FloatDistribution(0.0001, 1.0, log=True)');
    expect(text).toContain('"dropout": optuna.distributions.FloatDistribution(0.0, 0.5, step=0.1)');
    expect(text).toContain('"units": optuna.distributions.IntDistribution(4, 64)');
    expect(text).toContain('"optimizer": optuna.distributions.CategoricalDistribution(["sgd", "adam"])');
    expect(text).toContain('trial.suggest_float("learningRate", 0.0001, 1.0, log=True)');
    expect(text).toContain('sampler=optuna.samplers.RandomSampler(seed=2)');
    expect(text.match(/study\.add_trial\(/g)).toHaveLength(2);
    expect(text).toContain('value=0.5))');
  });

  it('writes an Optuna JournalStorage log: one study, then each finished trial with Optuna state codes', () => {
    const lines = toOptunaJournal(study())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines[0]).toMatchObject({ op_code: 0, study_name: 'spiral "lr"', directions: [1] });
    // Study user attributes name the objective, so Tunelab can continue an imported study.
    expect(lines.filter((l) => l.op_code === 2).map((l) => l.user_attr)).toEqual([
      { tunelab_tuner: 'random' },
      { tunelab_objective: 'network' },
      { tunelab_seed: 2 },
    ]);
    const trialOps = lines.filter((l) => l.op_code === 4);
    expect(trialOps.map((l) => [l.op_code, l.state])).toEqual([
      [4, 1],
      [4, 1],
      [4, 3],
      [4, 2],
    ]);
    const first = trialOps[0];
    expect(JSON.parse(first.distributions.learningRate)).toEqual({
      name: 'FloatDistribution',
      attributes: { step: null, low: 1e-4, high: 1, log: true },
    });
    expect(JSON.parse(first.distributions.units)).toEqual({
      name: 'IntDistribution',
      attributes: { step: 1, low: 4, high: 64, log: false },
    });
    // Categorical parameters are stored as the index of the choice, as Optuna does.
    expect([0, 1]).toContain(first.params.optimizer);
    expect(first.value).toBe(0.5);
    expect(trialOps[2].value).toBeNull();
    expect(trialOps[2].user_attrs.message).toBe('Diverged at epoch 3');
  });

  it('writes a W&B sweep with log_uniform_values for log ranges', () => {
    const text = toWandbSweep(study());
    expect(text).toContain('method: random');
    expect(text).toMatch(
      /learningRate:\n {4}distribution: log_uniform_values\n {4}min: 0.0001\n {4}max: 1.0\n/,
    );
    expect(text).toMatch(/optimizer:\n {4}values:\n {6}- sgd\n {6}- adam/);
    expect(text).toContain('goal: minimize');
  });

  it('writes JSON and CSV that read back to the same trials', () => {
    const original = study();
    const json = JSON.parse(toTrialsJson(original));
    expect(json.trials).toEqual(JSON.parse(JSON.stringify(original.trials)));
    const rows = Papa.parse<Record<string, string>>(toTrialsCsv(original), {
      header: true,
      skipEmptyLines: true,
    }).data;
    expect(rows).toHaveLength(4);
    expect(rows[2]).toMatchObject({
      number: '2',
      state: 'failed',
      value: '',
      message: 'Diverged at epoch 3',
    });
    expect(Number(rows[0]!.learningRate)).toBe(original.trials[0]!.params.learningRate);
  });
});
