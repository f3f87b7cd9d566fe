import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { branin } from '../../src/core/tune/objectives';
import { categorical, float, int, type SearchSpace } from '../../src/core/tune/space';
import { createTuner, type TunerKind } from '../../src/core/tune/tuners';
import {
  studyGrid,
  toOptunaScript,
  toWandbProgram,
  toWandbSweep,
  yamlFloat,
  type StudyExport,
} from '../../src/core/tune/export';

const PYTHON = '/usr/bin/python3';
const folder = mkdtempSync(join(tmpdir(), 'tunelab-study-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Why /usr/bin/python3 cannot run these scripts here, or null when it can. */
function missing(...modules: string[]): string | null {
  try {
    execFileSync(PYTHON, ['-c', modules.map((m) => `import ${m}`).join('; ')], { stdio: 'ignore' });
    return null;
  } catch {
    return `${PYTHON} cannot import ${modules.join(', ')}`;
  }
}

function skipWithout(context: { skip: (note?: string) => void }, ...modules: string[]) {
  const reason = missing(...modules);
  if (reason) {
    console.warn(`SKIPPED: ${reason}; the JavaScript checks still ran.`);
    context.skip(reason);
  }
}

/** A branin study by `tuner`, `told` of its trials evaluated. */
function braninStudy(tuner: TunerKind, trials: number, told: number): StudyExport {
  const space = { x1: float(-5, 10), x2: float(0, 15) };
  const study = createTuner(tuner, space, { seed: 3, trials });
  for (const s of study.ask(told))
    study.tell(s.number, {
      value: branin(s.params.x1 as number, s.params.x2 as number),
      state: 'complete',
      epochs: 1,
    });
  return {
    name: `branin-${tuner}`,
    tuner,
    space,
    trials: study.trials,
    seed: 3,
    objective: 'branin',
    budget: trials,
  };
}

function runPython(name: string, script: string, env: Record<string, string> = {}): string {
  const file = join(folder, name);
  writeFileSync(file, script);
  return execFileSync(PYTHON, [file], {
    cwd: folder,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

describe('Optuna exports', () => {
  test('a 3×3 grid study exports all three values of each axis', () => {
    const study = braninStudy('grid', 9, 4);
    expect(studyGrid(study)).toEqual({ x1: [-5, 2.5, 10], x2: [0, 7.5, 15] });
    const script = toOptunaScript(study);
    expect(script).toContain('GRID = {"x1": [-5, 2.5, 10], "x2": [0, 7.5, 15]}');
    expect(script).toContain('GridSampler(GRID, seed=3)');
  });

  test('Optuna runs the grid script and evaluates every grid point once', (context) => {
    skipWithout(context, 'optuna');
    const study = braninStudy('grid', 9, 4);
    const out = runPython(
      'grid.py',
      `${toOptunaScript(study)}\nimport json\nprint(json.dumps([[t.params["x1"], t.params["x2"], t.value] for t in study.trials]))\n`,
    );
    const trials = JSON.parse(out.trim().split('\n').at(-1)!) as [number, number, number][];
    const points = trials.map(([x1, x2]) => `${x1},${x2}`);
    expect(new Set(points).size).toBe(9);
    expect(points).toHaveLength(9);
    for (const [x1, x2, value] of trials) expect(value).toBeCloseTo(branin(x1, x2), 9);
  });

  test('the Bayesian script runs on this Optuna (3.1 has no GPSampler: TPE instead) and keeps GPSampler for newer ones', (context) => {
    const script = toOptunaScript(braninStudy('bayes', 30, 6));
    expect(script).toContain('return optuna.samplers.GPSampler(seed=seed)');
    expect(script).toContain('return optuna.samplers.TPESampler(seed=seed)');
    skipWithout(context, 'optuna');
    const out = runPython('bayes.py', script.replace('n_trials=20', 'n_trials=4'));
    expect(out).toMatch(/\{'x1': .*\} \d/);
  });
});

test("a network study's Optuna script trains through the exported PyTorch script and parses as Python", (context) => {
  const study: StudyExport = {
    name: 'net',
    tuner: 'tpe',
    space: { learningRate: float(1e-4, 1, { log: true }), l2: float(1e-6, 0.1, { log: true }) },
    trials: [],
    seed: 1,
    objective: 'network',
  };
  const script = toOptunaScript(study);
  expect(script).toContain('"tunelab_torch.py"');
  expect(script).toContain('f"--learningRate={learningRate}"');
  skipWithout(context);
  expect(() =>
    execFileSync(PYTHON, ['-c', 'import ast, sys; ast.parse(sys.stdin.read())'], { input: script }),
  ).not.toThrow();
});

describe('W&B sweeps', () => {
  // YAML 1.1's float and int forms as PyYAML resolves them (yaml/resolver.py).
  const YAML11_FLOAT =
    /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
  const YAML11_INT = /^[-+]?(?:0|[1-9][0-9_]*)$/;

  test('floats are written so YAML 1.1 reads them as floats', () => {
    for (const [value, text] of [
      [1e-10, '1.0e-10'],
      [1e21, '1.0e+21'],
      [2.5e-7, '2.5e-7'],
      [1, '1.0'],
      [0.001, '0.001'],
      [-3, '-3.0'],
    ] as const) {
      expect(yamlFloat(value)).toBe(text);
      expect(yamlFloat(value)).toMatch(YAML11_FLOAT);
      expect(Number(yamlFloat(value))).toBe(value);
    }
  });

  const space: SearchSpace = {
    epsilon: float(1e-10, 1, { log: true }),
    momentum: float(0, 0.9, { step: 0.3 }),
    epochs: int(10, 50, { step: 20 }),
    units: int(2, 64, { log: true }),
    batchSize: int(8, 32),
    optimizer: categorical(['adam', 'sgd']),
  };
  const networkStudy = (tuner: TunerKind): StudyExport => {
    const tuned = createTuner(tuner, space, { seed: 1, trials: 4 });
    for (const s of tuned.ask(4)) tuned.tell(s.number, { value: 1, state: 'complete', epochs: 1 });
    return { name: 'net', tuner, space, trials: tuned.trials, seed: 1, objective: 'network' };
  };

  /** The scalars under each parameter, by the parameter's type. */
  function scalars(yaml: string): { name: string; key: string; text: string }[] {
    const out: { name: string; key: string; text: string }[] = [];
    let name = '';
    let key = '';
    for (const line of yaml.split('\n')) {
      const parameter = /^ {2}(\w+):$/.exec(line);
      if (parameter) name = parameter[1]!;
      const field = /^ {4}(min|max|q): (.+)$/.exec(line);
      if (field) out.push({ name, key: field[1]!, text: field[2]! });
      if (/^ {4}values:$/.test(line)) key = 'values';
      const item = /^ {6}- (.+)$/.exec(line);
      if (item) out.push({ name, key, text: item[1]! });
    }
    return out;
  }

  test.each(['random', 'grid'] as const)(
    '%s: floats are YAML 1.1 floats, ints ints, the metric and program are the network run’s',
    (tuner) => {
      const yaml = toWandbSweep(networkStudy(tuner));
      expect(yaml).toContain('program: tunelab_torch.py');
      expect(yaml).toContain('metric:\n  name: validation_loss\n  goal: minimize');
      const values = scalars(yaml).filter((s) => s.name !== 'optimizer');
      expect(values.length).toBeGreaterThan(6);
      for (const { name, key, text } of values) {
        const isInt = ['epochs', 'units', 'batchSize'].includes(name);
        expect(text, `${name}.${key}`).toMatch(isInt ? YAML11_INT : YAML11_FLOAT);
      }
      if (tuner === 'random') {
        expect(yaml).toContain(
          '  epsilon:\n    distribution: log_uniform_values\n    min: 1.0e-10\n    max: 1.0\n',
        );
        expect(yaml).toContain('  epochs:\n    values:\n      - 10\n      - 30\n      - 50\n');
        expect(yaml).not.toContain('q_uniform\n    min: 10');
      }
    },
  );

  test('PyYAML (YAML 1.1) reads every bound and value as a number of the right type', (context) => {
    skipWithout(context, 'yaml');
    for (const tuner of ['random', 'grid', 'bayes'] as const) {
      const out = runPython(
        `sweep-${tuner}.py`,
        [
          'import json, sys, yaml',
          `sweep = yaml.safe_load(${JSON.stringify(toWandbSweep(networkStudy(tuner)))})`,
          'print(json.dumps({name: {key: [type(v).__name__ for v in (value if isinstance(value, list) else [value])] for key, value in spec.items() if key != "distribution"} for name, spec in sweep["parameters"].items()}))',
        ].join('\n'),
      );
      const types = JSON.parse(out) as Record<string, Record<string, string[]>>;
      for (const [name, fields] of Object.entries(types)) {
        for (const [key, list] of Object.entries(fields)) {
          const expected =
            name === 'optimizer' ? 'str' : ['epochs', 'units', 'batchSize'].includes(name) ? 'int' : 'float';
          expect(
            list.every((t) => t === expected),
            `${tuner} ${name}.${key}: ${list.join(',')}`,
          ).toBe(true);
        }
      }
    }
  });

  test('an analytic study names its metric by the objective and its program logs it', (context) => {
    const study = braninStudy('random', 10, 3);
    const yaml = toWandbSweep(study);
    expect(yaml).toContain('program: tunelab_objective.py');
    expect(yaml).toContain('  name: branin\n');
    const program = toWandbProgram(study)!;
    skipWithout(context);
    // A stand-in for wandb: the sweep's values in, the logged metrics out.
    mkdirSync(join(folder, 'stub'), { recursive: true });
    writeFileSync(
      join(folder, 'stub', 'wandb.py'),
      [
        'import json',
        'class Run:',
        '    config = {"x1": 3.14159, "x2": 2.275}',
        '    def log(self, values):',
        '        print(json.dumps(values))',
        '    def finish(self):',
        '        pass',
        'def init(**kwargs):',
        '    return Run()',
      ].join('\n'),
    );
    const out = runPython('program.py', program, { PYTHONPATH: join(folder, 'stub') });
    expect(JSON.parse(out.trim()).branin).toBeCloseTo(branin(3.14159, 2.275), 9);
  });
});
