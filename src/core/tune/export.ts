/**
 * Moving a study to bigger tools: an Optuna script with the same space, sampler and finished trials,
 * an Optuna JournalStorage log, a Weights & Biases sweep, and plain JSON/CSV of the trials. Pure
 * functions returning text; the page offers them as downloads and the tests read them back.
 */
import { toCsv } from '../export/csv-cell';
import { parameterNames, type Distribution, type Params, type ParamValue, type SearchSpace } from './space';
import { gridPointsPerAxis, gridValues, type Trial, type TunerKind } from './tuners';
import { TORCH_SCRIPT_FILE_NAME } from '../export/torch';

export interface StudyExport {
  name: string;
  tuner: TunerKind;
  space: SearchSpace;
  trials: readonly Trial[];
  seed?: number;
  /** What the value is: "validation loss", "branin". */
  objective?: string;
  /** The trial budget the study ran with: a grid's size follows from it (by default, the trials it has). */
  budget?: number;
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

/**
 * Every value of the grid along each parameter, as the grid tuner laid it out for the study's
 * budget, with any value its trials took besides (sorted).
 */
export function studyGrid(study: StudyExport): Record<string, ParamValue[]> {
  const perAxis = gridPointsPerAxis(study.space, study.budget ?? study.trials.length);
  return Object.fromEntries(
    parameterNames(study.space).map((name) => {
      const d = study.space[name]!;
      if (d.type === 'categorical') return [name, [...d.choices]];
      const taken = study.trials.map((t) => t.params[name]).filter((v) => v !== undefined);
      const values = [...new Set([...gridValues(d, perAxis), ...taken])];
      return [name, values.sort((a, b) => Number(a) - Number(b))];
    }),
  );
}

/** The closest Optuna sampler for each of our tuners. */
function optunaSampler(
  tuner: TunerKind,
  seed: number,
): { sampler: string; pruner: string | null; note: string | null } {
  switch (tuner) {
    case 'grid':
      return {
        sampler: `optuna.samplers.GridSampler(GRID, seed=${seed})`,
        pruner: null,
        note: null,
      };
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
        sampler: `bayesian_sampler(seed=${seed})`,
        pruner: null,
        note: 'GPSampler (Optuna 3.6 and later, with torch): a Gaussian process with a Matérn-5/2 kernel and log EI, like our Bayesian tuner; TPE elsewhere.',
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

function finished(trials: readonly Trial[]): Trial[] {
  return trials.filter((t) => t.state === 'complete' && t.value !== null && Number.isFinite(t.value));
}

/** The analytic objectives in Python, so an exported study of one runs as it is. */
const ANALYTIC_PYTHON: Record<string, { code: string[]; call: (names: string[]) => string }> = {
  branin: {
    code: [
      'def branin(x1, x2):',
      '    """Branin-Hoo; three global minima of 0.397887."""',
      '    b, c, t = 5.1 / (4 * math.pi**2), 5 / math.pi, 1 / (8 * math.pi)',
      '    return (x2 - b * x1**2 + c * x1 - 6) ** 2 + 10 * (1 - t) * math.cos(x1) + 10',
    ],
    call: () => 'branin(x1, x2)',
  },
  rosenbrock: {
    code: ['def rosenbrock(x, y):', '    return (1 - x) ** 2 + 100 * (y - x * x) ** 2'],
    call: () => 'rosenbrock(x, y)',
  },
  hartmann6: {
    code: [
      'def hartmann6(x):',
      '    """Hartmann-6 on [0, 1]^6; global minimum -3.32237."""',
      '    alpha = [1.0, 1.2, 3.0, 3.2]',
      '    a = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]]',
      '    p = [[1312, 1696, 5569, 124, 8283, 5886], [2329, 4135, 8307, 3736, 1004, 9991],',
      '         [2348, 1451, 3522, 2883, 3047, 6650], [4047, 8828, 8732, 5743, 1091, 381]]',
      '    return -sum(alpha[i] * math.exp(-sum(a[i][j] * (x[j] - p[i][j] * 1e-4) ** 2 for j in range(6))) for i in range(4))',
    ],
    call: () => 'hartmann6([x1, x2, x3, x4, x5, x6])',
  },
};

function objectiveLines(study: StudyExport, names: string[]): { helpers: string[]; body: string[] } {
  const analytic = study.objective ? ANALYTIC_PYTHON[study.objective] : undefined;
  if (analytic) return { helpers: [...analytic.code, '', ''], body: [`    return ${analytic.call(names)}`] };
  if (study.objective === 'network')
    return {
      helpers: [
        '# The network objective trains with the PyTorch script Tunelab exports for the experiment (Export,',
        '# PyTorch), saved beside this file; the value is its best validation loss, as in Tunelab.',
        `TRAIN_SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), ${JSON.stringify(TORCH_SCRIPT_FILE_NAME)})`,
        '',
        '',
      ],
      body: [
        `    arguments = [${names.map((n) => `f"--${n}={${pythonName(n)}}"`).join(', ')}]`,
        '    output = subprocess.run([sys.executable, TRAIN_SCRIPT, "--json", *arguments], check=True, capture_output=True, text=True)',
        '    return json.loads(output.stdout.strip().splitlines()[-1])["bestValidationLoss"]',
      ],
    };
  return {
    helpers: [],
    body: [
      '    # Train with these hyperparameters and return the validation loss (lower is better).',
      `    raise NotImplementedError(f"train with ${names.map((n) => `${n}={${pythonName(n)}}`).join(', ')}")`,
    ],
  };
}

/**
 * A runnable Optuna script (Optuna 3.x and 4.x): the same search space and the closest sampler,
 * with every finished trial added through `study.add_trial` so Optuna starts where this study
 * stopped. A grid study runs the grid points not yet evaluated, each once.
 */
export function toOptunaScript(study: StudyExport): string {
  const seed = study.seed ?? 0;
  const names = parameterNames(study.space);
  const { sampler, pruner, note } = optunaSampler(study.tuner, seed);
  const trials = finished(study.trials);
  const objective = objectiveLines(study, names);
  const gridSize = Object.values(studyGrid(study)).reduce((n, values) => n * values.length, 1);
  const lines = [
    '"""',
    `Study ${JSON.stringify(study.name)} exported from Tunelab (tuner: ${study.tuner}${study.objective ? `, objective: ${study.objective}` : ''}).`,
    `Run it with \`pip install optuna\` and \`python this_file.py\`${objective.body.length > 1 && study.objective !== 'network' ? '; replace `objective` with your training code' : ''}.`,
    ...(note ? [note] : []),
    '"""',
    ...(study.objective === 'network'
      ? ['import json', 'import os', 'import subprocess', 'import sys', '']
      : []),
    ...(study.objective && ANALYTIC_PYTHON[study.objective] ? ['import math', ''] : []),
    ...(study.tuner === 'grid' ? ['import itertools', ''] : []),
    'import optuna',
    '',
    ...(study.tuner === 'bayes'
      ? [
          '',
          'def bayesian_sampler(seed):',
          '    try:',
          '        import torch  # noqa: F401  GPSampler fits its Gaussian process with torch',
          '',
          '        return optuna.samplers.GPSampler(seed=seed)  # Optuna 3.6 and later',
          '    except (ImportError, AttributeError):',
          '        # Optuna before 3.6 has no GPSampler (Debian 12 ships 3.1), and without torch it cannot run:',
          '        # TPE is the model-based sampler every Optuna has.',
          '        return optuna.samplers.TPESampler(seed=seed)',
          '',
          '',
        ]
      : []),
    'DISTRIBUTIONS = {',
    ...names.map((name) => `    ${JSON.stringify(name)}: ${optunaDistribution(study.space[name]!)},`),
    '}',
    ...(study.tuner === 'grid' ? [`GRID = ${pythonValue(studyGrid(study))}`] : []),
    '',
    '',
    ...objective.helpers,
    'def objective(trial):',
    ...names.map((name) => `    ${pythonName(name)} = ${suggestCall(name, study.space[name]!)}`),
    ...objective.body,
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
    ...(study.tuner === 'grid'
      ? [
          `    # The grid has ${gridSize} points. GridSampler does not count trials added with add_trial as`,
          '    # visited, so the points not yet evaluated are queued: each point is evaluated once.',
          '    done = {tuple(t.params[name] for name in GRID) for t in study.trials}',
          '    remaining = [dict(zip(GRID, point)) for point in itertools.product(*GRID.values()) if point not in done]',
          '    for params in remaining:',
          '        study.enqueue_trial(params)',
          '    study.optimize(objective, n_trials=len(remaining))',
        ]
      : ['    study.optimize(objective, n_trials=20)']),
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
 * `optuna.load_study(study_name=..., storage=JournalStorage(JournalFileBackend(path)))` in Optuna 4.x,
 * where the file class is `optuna.storages.journal.JournalFileBackend`, and with
 * `JournalStorage(JournalFileStorage(path))` in Optuna 3.x (`optuna.storages.JournalFileStorage`). Each
 * finished trial is created with its parameters, distributions, state and value in one operation.
 */
export function toOptunaJournal(study: StudyExport, now: Date = new Date(0)): string {
  const names = parameterNames(study.space);
  const workerId = 'tunelab-export';
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
    const startedAt = trial.startedAt ?? now.getTime();
    const completedAt = trial.completedAt ?? startedAt;
    // JSON has no NaN or Infinity (Optuna's reader would choke on Python's spelling of them), so only finite reports travel.
    const curve = (trial.intermediate ?? []).filter(
      ([step, v]) => Number.isFinite(step) && Number.isFinite(v),
    );
    // Optuna keeps a pruned trial's loss as its last intermediate value.
    const intermediate =
      curve.length > 0
        ? curve
        : trial.state === 'pruned' && trial.value !== null
          ? [[trial.epochs ?? 0, trial.value]]
          : [];
    lines.push(
      JSON.stringify({
        op_code: OP.CREATE_TRIAL,
        worker_id: workerId,
        study_id: 0,
        datetime_start: optunaTime(startedAt),
        datetime_complete: optunaTime(completedAt),
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
        intermediate_values: Object.fromEntries(intermediate.map(([step, v]) => [String(step), v])),
        // Optuna's own writer sets `values` only for multi-objective trials.
        value,
        values: null,
      }),
    );
  }
  return lines.join('\n') + '\n';
}

/** Optuna's datetime.isoformat(): no zone, microseconds. */
function optunaTime(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace('Z', '')
    .replace(/\.\d+$/, (fraction) => `${fraction}000`);
}

/**
 * A float as YAML 1.1 reads a float (PyYAML, which W&B uses): a dot in the mantissa and a signed
 * exponent, so 1e-10 is written 1.0e-10 (PyYAML reads "1e-10" as a string) and 1 is written 1.0.
 */
export function yamlFloat(value: number): string {
  if (Number.isNaN(value)) return '.nan';
  if (!Number.isFinite(value)) return value > 0 ? '.inf' : '-.inf';
  const [mantissa, exponent] = String(value).split('e');
  const dotted = mantissa!.includes('.') ? mantissa! : `${mantissa}.0`;
  if (exponent === undefined) return dotted;
  return `${dotted}e${/^[-+]/.test(exponent) ? exponent : `+${exponent}`}`;
}

function yamlValue(value: unknown, type?: Distribution['type']): string {
  if (typeof value === 'string')
    return /^[\w.-]+$/.test(value) && !/^(true|false|null|yes|no|on|off|y|n|[\d.eE+-]+|~)$/i.test(value)
      ? value
      : JSON.stringify(value);
  if (typeof value === 'number')
    return type === 'int' && Number.isInteger(value) ? String(value) : yamlFloat(value);
  return String(value);
}

/** The name a study's metric is logged under: "validation_loss" for the network, else the objective's. */
export function wandbMetricName(study: StudyExport): string {
  const objective = !study.objective || study.objective === 'network' ? 'validation loss' : study.objective;
  return objective.replace(/\W+/g, '_');
}

/** The sweep's program: the PyTorch script for the network, else a small script of the objective. */
export const WANDB_OBJECTIVE_PROGRAM = 'tunelab_objective.py';

export function wandbProgramName(study: StudyExport): string {
  return !study.objective || study.objective === 'network' ? TORCH_SCRIPT_FILE_NAME : WANDB_OBJECTIVE_PROGRAM;
}

/**
 * The W&B program of an analytic study: reads wandb.config, logs the objective's value under the
 * sweep's metric. Null for the network (its program is the PyTorch export) and for objectives
 * that have no closed form here (the simulated learning-rate curve).
 */
export function toWandbProgram(study: StudyExport): string | null {
  const analytic = study.objective ? ANALYTIC_PYTHON[study.objective] : undefined;
  if (!analytic) return null;
  const names = parameterNames(study.space);
  return [
    `"""The ${study.objective} objective as a W&B sweep program (wandb agent runs it with the sweep's values)."""`,
    'import math',
    '',
    'import wandb',
    '',
    '',
    ...analytic.code,
    '',
    '',
    'run = wandb.init()',
    ...names.map((name) => `${pythonName(name)} = float(run.config[${JSON.stringify(name)}])`),
    `run.log({${JSON.stringify(wandbMetricName(study))}: ${analytic.call(names)}})`,
    'run.finish()',
    '',
  ].join('\n');
}

/**
 * A Weights & Biases sweep configuration. Log ranges use `log_uniform_values` (bounds as values,
 * not exponents); the method is W&B's closest: grid, random or bayes; Hyperband becomes
 * `early_terminate`. Floats are always written as YAML 1.1 floats, ints as ints; the metric is
 * named by the objective and logged under that name by the program.
 */
export function toWandbSweep(study: StudyExport, program = wandbProgramName(study)): string {
  // W&B's sweeps know grid, random and (GP-based) bayes; TPE maps to the closest, bayes.
  const method =
    study.tuner === 'grid' ? 'grid' : study.tuner === 'bayes' || study.tuner === 'tpe' ? 'bayes' : 'random';
  const network = !study.objective || study.objective === 'network';
  const grid = study.tuner === 'grid' ? studyGrid(study) : null;
  const lines = [
    `# Sweep ${study.name} exported from Tunelab (tuner: ${study.tuner}). Start it with: wandb sweep sweep.yaml`,
    network
      ? `# The program is the PyTorch script Tunelab exports for the experiment (Export, PyTorch), saved beside this file.`
      : `# The program is ${program}, exported beside this file.`,
    `program: ${yamlValue(program)}`,
    `name: ${yamlValue(study.name)}`,
    `method: ${method}`,
    'metric:',
    `  name: ${wandbMetricName(study)}`,
    '  goal: minimize',
  ];
  if (study.tuner === 'hyperband')
    lines.push('early_terminate:', '  type: hyperband', '  min_iter: 1', '  eta: 3');
  lines.push('parameters:');
  for (const name of parameterNames(study.space)) {
    const d = study.space[name]!;
    const number = (v: number) => yamlValue(v, d.type);
    lines.push(`  ${name}:`);
    if (d.type === 'categorical') {
      lines.push('    values:', ...d.choices.map((c) => `      - ${yamlValue(c)}`));
    } else if (grid) {
      lines.push('    values:', ...grid[name]!.map((v) => `      - ${yamlValue(v, d.type)}`));
    } else if (d.log) {
      lines.push(
        `    distribution: ${d.type === 'int' ? 'q_log_uniform_values' : 'log_uniform_values'}`,
        `    min: ${number(d.low)}`,
        `    max: ${number(d.high)}`,
      );
      if (d.type === 'int') lines.push('    q: 1');
    } else if (d.type === 'int' && (d.step ?? 1) > 1) {
      // W&B's q_uniform gives floats; the int steps themselves keep the values ints.
      const values: number[] = [];
      for (let v = d.low; v <= d.high; v += d.step!) values.push(v);
      lines.push('    values:', ...values.map((v) => `      - ${number(v)}`));
    } else if (d.type === 'float' && d.step !== undefined) {
      lines.push(
        '    distribution: q_uniform',
        `    min: ${number(d.low)}`,
        `    max: ${number(d.high)}`,
        `    q: ${number(d.step)}`,
      );
    } else {
      lines.push(
        `    distribution: ${d.type === 'int' ? 'int_uniform' : 'uniform'}`,
        `    min: ${number(d.low)}`,
        `    max: ${number(d.high)}`,
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
  const rows = study.trials.map((t) => [
    t.number,
    t.state,
    t.value,
    t.epochs,
    ...names.map((name) => t.params[name]),
    t.message,
  ]);
  return toCsv(['number', 'state', 'value', 'epochs', ...names, 'message'], rows);
}
