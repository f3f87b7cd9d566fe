/**
 * Moving a study to bigger tools: an Optuna script with the same space, sampler and finished trials,
 * an Optuna JournalStorage log, a Weights & Biases sweep, and plain JSON/CSV of the trials. Pure
 * functions returning text; the page offers them as downloads and the tests read them back.
 */
import Papa from 'papaparse';
import { parameterNames, type Distribution, type Params, type SearchSpace } from './space';
import type { Trial, TunerKind } from './tuners';

export interface StudyExport {
  name: string;
  tuner: TunerKind;
  space: SearchSpace;
  trials: readonly Trial[];
  seed?: number;
  /** What the value is: "validation loss", "branin". */
  objective?: string;
}

function pythonValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'float("nan")';
    if (!Number.isFinite(value)) return value > 0 ? 'float("inf")' : 'float("-inf")';
    return Number.isInteger(value) ? String(value) : String(value);
  }
  if (Array.isArray(value)) return `[${value.map(pythonValue).join(', ')}]`;
  if (value && typeof value === 'object')
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}: ${pythonValue(v)}`)
      .join(', ')}}`;
  return 'None';
}

function floatLiteral(value: number): string {
  const text = String(value);
  return /[.eE]/.test(text) ? text : `${text}.0`;
}

function optunaDistribution(d: Distribution): string {
  if (d.type === 'categorical')
    return `optuna.distributions.CategoricalDistribution(${pythonValue(d.choices)})`;
  const options = [
    d.log ? 'log=True' : null,
    d.step !== undefined ? `step=${d.type === 'float' ? floatLiteral(d.step) : d.step}` : null,
  ].filter(Boolean);
  const bounds =
    d.type === 'float' ? `${floatLiteral(d.low)}, ${floatLiteral(d.high)}` : `${d.low}, ${d.high}`;
  const kind = d.type === 'float' ? 'FloatDistribution' : 'IntDistribution';
  return `optuna.distributions.${kind}(${[bounds, ...options].join(', ')})`;
}

/** A Python variable name for a parameter name ("hidden-units" → hidden_units). */
function pythonName(name: string): string {
  const clean = name.replace(/\W/g, '_');
  return /^\d/.test(clean) ? `p_${clean}` : clean;
}

function suggestCall(name: string, d: Distribution): string {
  if (d.type === 'categorical')
    return `trial.suggest_categorical(${JSON.stringify(name)}, ${pythonValue(d.choices)})`;
  const options = [d.log ? 'log=True' : null, d.step !== undefined ? `step=${d.step}` : null].filter(Boolean);
  const bounds =
    d.type === 'float' ? `${floatLiteral(d.low)}, ${floatLiteral(d.high)}` : `${d.low}, ${d.high}`;
  return `trial.suggest_${d.type}(${[JSON.stringify(name), bounds, ...options].join(', ')})`;
}

/** The closest Optuna sampler for each of our tuners. */
function optunaSampler(
  tuner: TunerKind,
  space: SearchSpace,
  seed: number,
): { sampler: string; pruner: string | null; note: string | null } {
  switch (tuner) {
    case 'grid': {
      const grid = Object.fromEntries(
        parameterNames(space).map((name) => [name, [...new Set(gridAxis(space[name]!))]]),
      );
      return {
        sampler: `optuna.samplers.GridSampler(${pythonValue(grid)}, seed=${seed})`,
        pruner: null,
        note: null,
      };
    }
    case 'random':
      return { sampler: `optuna.samplers.RandomSampler(seed=${seed})`, pruner: null, note: null };
    case 'quasi-random':
      return {
        sampler: `optuna.samplers.QMCSampler(qmc_type="halton", scramble=True, seed=${seed})`,
        pruner: null,
        note: null,
      };
    case 'bayes':
      return {
        sampler: `optuna.samplers.GPSampler(seed=${seed})`,
        pruner: null,
        note: 'GPSampler: a Gaussian process with a Matérn-5/2 kernel and log EI, like our Bayesian tuner.',
      };
    case 'tpe':
      return { sampler: `optuna.samplers.TPESampler(seed=${seed})`, pruner: null, note: null };
    case 'hyperband':
      return {
        sampler: `optuna.samplers.RandomSampler(seed=${seed})`,
        pruner: 'optuna.pruners.HyperbandPruner(min_resource=1, reduction_factor=3)',
        note: 'Report the validation loss each epoch with trial.report(value, epoch) and stop when trial.should_prune().',
      };
    case 'pso':
      return {
        sampler: `optuna.samplers.CmaEsSampler(seed=${seed})`,
        pruner: null,
        note: 'Optuna has no particle swarm; CMA-ES is its closest population-based sampler.',
      };
    case 'manual':
      return {
        sampler: `optuna.samplers.TPESampler(seed=${seed})`,
        pruner: null,
        note: 'Your trials were chosen by hand; TPE continues from them.',
      };
  }
}

function gridAxis(d: Distribution): unknown[] {
  if (d.type === 'categorical') return [...d.choices];
  return [d.low, d.high];
}

function finished(trials: readonly Trial[]): Trial[] {
  return trials.filter((t) => t.state === 'complete' && t.value !== null && Number.isFinite(t.value));
}

/**
 * A runnable Optuna script: the same search space and the closest sampler, with every finished
 * trial added through `study.add_trial` so Optuna starts where this study stopped.
 */
export function toOptunaScript(study: StudyExport): string {
  const seed = study.seed ?? 0;
  const names = parameterNames(study.space);
  const { sampler, pruner, note } = optunaSampler(study.tuner, study.space, seed);
  const trials = finished(study.trials);
  const lines = [
    '"""',
    `Study ${JSON.stringify(study.name)} exported from Tunelab (tuner: ${study.tuner}${study.objective ? `, objective: ${study.objective}` : ''}).`,
    'Run it with `pip install optuna` and `python this_file.py`; replace `objective` with your training code.',
    ...(note ? [note] : []),
    '"""',
    'import optuna',
    '',
    'DISTRIBUTIONS = {',
    ...names.map((name) => `    ${JSON.stringify(name)}: ${optunaDistribution(study.space[name]!)},`),
    '}',
    '',
    '',
    'def objective(trial):',
    ...names.map((name) => `    ${pythonName(name)} = ${suggestCall(name, study.space[name]!)}`),
    '    # Train with these hyperparameters and return the validation loss (lower is better).',
    `    raise NotImplementedError(f"train with ${names.map((n) => `${n}={${pythonName(n)}}`).join(', ')}")`,
    '',
    '',
    'study = optuna.create_study(',
    `    study_name=${JSON.stringify(study.name)},`,
    '    direction="minimize",',
    `    sampler=${sampler},`,
    ...(pruner ? [`    pruner=${pruner},`] : []),
    ')',
    '',
    `# The ${trials.length} finished trials from Tunelab.`,
    ...trials.map(
      (t) =>
        `study.add_trial(optuna.trial.create_trial(params=${pythonValue(pickParams(t.params, names))}, distributions=DISTRIBUTIONS, value=${t.value}))`,
    ),
    '',
    'if __name__ == "__main__":',
    '    study.optimize(objective, n_trials=20)',
    '    print(study.best_trial.params, study.best_value)',
    '',
  ];
  return lines.join('\n');
}

function pickParams(params: Params, names: readonly string[]): Params {
  return Object.fromEntries(names.map((name) => [name, params[name]!]));
}

/** Optuna's JSON form of a distribution, as `optuna.distributions.distribution_to_json` writes it. */
function distributionJson(d: Distribution): string {
  if (d.type === 'categorical')
    return JSON.stringify({ name: 'CategoricalDistribution', attributes: { choices: d.choices } });
  const attributes = {
    step: d.step ?? (d.type === 'int' ? 1 : null),
    low: d.low,
    high: d.high,
    log: d.log ?? false,
  };
  return JSON.stringify({ name: d.type === 'float' ? 'FloatDistribution' : 'IntDistribution', attributes });
}

/** Optuna stores parameters as floats: categorical ones as the index of the choice. */
function internalValue(d: Distribution, value: Params[string]): number {
  return d.type === 'categorical' ? d.choices.indexOf(value) : Number(value);
}

/** Optuna JournalStorage operation codes (JournalOperation in optuna/storages/journal/_storage.py, the same in 3.1 and 4.x). */
const OP = { CREATE_STUDY: 0, SET_STUDY_USER_ATTR: 2, CREATE_TRIAL: 4 } as const;
const OPTUNA_STATE = { complete: 1, pruned: 2, failed: 3 } as const;

/**
 * An Optuna JournalStorage log (JSON Lines), loadable with
 * `optuna.load_study(study_name=..., storage=JournalStorage(JournalFileBackend(path)))`. Each
 * finished trial is created with its parameters, distributions, state and value in one operation.
 */
export function toOptunaJournal(study: StudyExport, now: Date = new Date(0)): string {
  const names = parameterNames(study.space);
  const workerId = 'tunelab-export';
  const time = now
    .toISOString()
    .replace('Z', '')
    .replace(/\.\d+$/, (ms) => `${ms}000`);
  const lines: string[] = [
    JSON.stringify({
      op_code: OP.CREATE_STUDY,
      worker_id: workerId,
      study_name: study.name,
      directions: [1],
    }),
    // Tunelab reads these back to offer continuing the study with its own tuners.
    ...Object.entries({
      tunelab_tuner: study.tuner,
      ...(study.objective ? { tunelab_objective: study.objective } : {}),
      ...(study.seed !== undefined ? { tunelab_seed: study.seed } : {}),
    }).map(([key, value]) =>
      JSON.stringify({
        op_code: OP.SET_STUDY_USER_ATTR,
        worker_id: workerId,
        study_id: 0,
        user_attr: { [key]: value },
      }),
    ),
  ];
  for (const trial of study.trials) {
    if (trial.state === 'running') continue;
    const state = OPTUNA_STATE[trial.state];
    const value = trial.state === 'complete' ? trial.value : null;
    lines.push(
      JSON.stringify({
        op_code: OP.CREATE_TRIAL,
        worker_id: workerId,
        study_id: 0,
        datetime_start: time,
        datetime_complete: time,
        distributions: Object.fromEntries(names.map((name) => [name, distributionJson(study.space[name]!)])),
        params: Object.fromEntries(
          names.map((name) => [name, internalValue(study.space[name]!, trial.params[name]!)]),
        ),
        user_attrs: {
          tunelab_number: trial.number,
          ...(trial.message ? { message: trial.message } : {}),
          ...(trial.epochs !== null ? { epochs: trial.epochs } : {}),
          ...(trial.durationMs !== undefined ? { duration_ms: trial.durationMs } : {}),
          ...(trial.group !== undefined ? { group: trial.group } : {}),
        },
        system_attrs: {},
        state,
        // Optuna keeps a pruned trial's loss as its last intermediate value.
        intermediate_values:
          trial.state === 'pruned' && trial.value !== null
            ? { [String(trial.epochs ?? 0)]: trial.value }
            : {},
        // Optuna's own writer sets `values` only for multi-objective trials.
        value,
        values: null,
      }),
    );
  }
  return lines.join('\n') + '\n';
}

function yamlValue(value: unknown): string {
  if (typeof value === 'string')
    return /^[\w.-]+$/.test(value) && !/^(true|false|null|yes|no|[\d.eE+-]+)$/i.test(value)
      ? value
      : JSON.stringify(value);
  return String(value);
}

/**
 * A Weights & Biases sweep configuration. Log ranges use `log_uniform_values` (bounds as values,
 * not exponents); the method is W&B's closest: grid, random or bayes; Hyperband becomes
 * `early_terminate`.
 */
export function toWandbSweep(study: StudyExport, program = 'train.py'): string {
  // W&B's sweeps know grid, random and (GP-based) bayes; TPE maps to the closest, bayes.
  const method =
    study.tuner === 'grid' ? 'grid' : study.tuner === 'bayes' || study.tuner === 'tpe' ? 'bayes' : 'random';
  const lines = [
    `# Sweep ${study.name} exported from Tunelab (tuner: ${study.tuner}). Start it with: wandb sweep sweep.yaml`,
    `program: ${program}`,
    `name: ${yamlValue(study.name)}`,
    `method: ${method}`,
    'metric:',
    '  name: validation_loss',
    '  goal: minimize',
  ];
  if (study.tuner === 'hyperband')
    lines.push('early_terminate:', '  type: hyperband', '  min_iter: 1', '  eta: 3');
  lines.push('parameters:');
  for (const name of parameterNames(study.space)) {
    const d = study.space[name]!;
    lines.push(`  ${name}:`);
    if (d.type === 'categorical') {
      lines.push('    values:', ...d.choices.map((c) => `      - ${yamlValue(c)}`));
    } else if (study.tuner === 'grid') {
      lines.push(
        '    values:',
        ...[...new Set(study.trials.map((t) => t.params[name]))]
          .sort((a, b) => Number(a) - Number(b))
          .map((v) => `      - ${yamlValue(v)}`),
      );
    } else if (d.log) {
      lines.push(
        `    distribution: ${d.type === 'int' ? 'q_log_uniform_values' : 'log_uniform_values'}`,
        `    min: ${d.low}`,
        `    max: ${d.high}`,
      );
      if (d.type === 'int') lines.push('    q: 1');
    } else if (d.step !== undefined) {
      lines.push(
        `    distribution: ${d.type === 'int' ? 'q_uniform' : 'q_uniform'}`,
        `    min: ${d.low}`,
        `    max: ${d.high}`,
        `    q: ${d.step}`,
      );
    } else {
      lines.push(
        `    distribution: ${d.type === 'int' ? 'int_uniform' : 'uniform'}`,
        `    min: ${d.low}`,
        `    max: ${d.high}`,
      );
    }
  }
  return lines.join('\n') + '\n';
}

export function toTrialsJson(study: StudyExport): string {
  return (
    JSON.stringify(
      {
        format: 'tunelab-study',
        version: 1,
        name: study.name,
        tuner: study.tuner,
        seed: study.seed ?? null,
        objective: study.objective ?? null,
        space: study.space,
        trials: study.trials,
      },
      null,
      2,
    ) + '\n'
  );
}

/** One row per trial: number, state, value, epochs, then one column per parameter. */
export function toTrialsCsv(study: StudyExport): string {
  const names = parameterNames(study.space);
  const rows = study.trials.map((t) => ({
    number: t.number,
    state: t.state,
    value: t.value ?? '',
    epochs: t.epochs ?? '',
    ...Object.fromEntries(names.map((name) => [name, t.params[name] ?? ''])),
    message: t.message ?? '',
  }));
  return Papa.unparse(rows, { columns: ['number', 'state', 'value', 'epochs', ...names, 'message'] }) + '\n';
}
