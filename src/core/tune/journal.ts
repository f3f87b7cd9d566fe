/**
 * Reading Optuna's JournalStorage log (the JSON Lines file of JournalFileStorage / JournalFileBackend)
 * back into studies, by replaying its operations the way optuna/storages/_journal/storage.py does:
 * study ids count CREATE_STUDY operations, trial ids count CREATE_TRIAL operations across all studies,
 * and a trial's number is its position within its study. Pure: text in, studies out.
 */
import { checkDistribution, type Choice, type Distribution, type Params, type SearchSpace } from './space';
import type { Trial, TrialState } from './tuners';

export interface ImportedTrial extends Trial {
  /** Reported intermediate values as [step, value], by step: Hyperband's rungs, a pruned trial's curve. */
  intermediate: [number, number][];
  /** Milliseconds since the epoch in the journal's own clock (no time zone: only differences mean anything). */
  startedAt: number | null;
  completedAt: number | null;
}

export interface ImportedStudy {
  name: string;
  /** Optuna's direction. A maximized study's values are negated, so lower is better everywhere in Tunelab. */
  direction: 'minimize' | 'maximize';
  /** Every parameter seen in any trial, with its distribution (ranges widened to cover every trial). */
  space: SearchSpace;
  trials: ImportedTrial[];
  /** Study user attributes; Tunelab's export writes tunelab_objective, tunelab_tuner and tunelab_seed here. */
  userAttrs: Record<string, unknown>;
}

export type JournalIssueCode =
  | 'journal-empty'
  | 'journal-not-json'
  | 'journal-bad-operation'
  | 'journal-bad-distribution'
  | 'journal-multi-objective';

/** What went wrong, as data for the page's messages table: the line is 1-based. */
export interface JournalIssue {
  code: JournalIssueCode;
  params: { line?: number; detail?: string };
}

export class JournalError extends Error {
  override name = 'JournalError';
  constructor(readonly issue: JournalIssue) {
    super(
      `${issue.code}${issue.params.line !== undefined ? ` at line ${issue.params.line}` : ''}${issue.params.detail ? `: ${issue.params.detail}` : ''}`,
    );
  }
}

const OP = {
  CREATE_STUDY: 0,
  DELETE_STUDY: 1,
  SET_STUDY_USER_ATTR: 2,
  SET_STUDY_SYSTEM_ATTR: 3,
  CREATE_TRIAL: 4,
  SET_TRIAL_PARAM: 5,
  SET_TRIAL_STATE_VALUES: 6,
  SET_TRIAL_INTERMEDIATE_VALUE: 7,
  SET_TRIAL_USER_ATTR: 8,
  SET_TRIAL_SYSTEM_ATTR: 9,
} as const;

/** optuna.trial.TrialState: RUNNING, COMPLETE, PRUNED, FAIL, WAITING. */
const STATES: Record<number, TrialState> = {
  0: 'running',
  1: 'complete',
  2: 'pruned',
  3: 'failed',
  4: 'running',
};

interface RawTrial {
  studyId: number;
  state: TrialState;
  values: number[] | null;
  params: Params;
  distributions: Record<string, Distribution>;
  intermediate: Map<number, number>;
  userAttrs: Record<string, unknown>;
  systemAttrs: Record<string, unknown>;
  startedAt: number | null;
  completedAt: number | null;
}

interface RawStudy {
  name: string;
  directions: number[];
  userAttrs: Record<string, unknown>;
  trialIds: number[];
}

type Json = Record<string, unknown>;

function fail(code: JournalIssueCode, line: number, detail?: string): never {
  throw new JournalError({ code, params: { line, ...(detail ? { detail } : {}) } });
}

/** Optuna's `json_to_distribution`, including the pre-3.0 names still found in old journals. */
export function distributionFromJson(text: unknown, line = 0): Distribution {
  let parsed: Json;
  try {
    parsed = (typeof text === 'string' ? JSON.parse(text) : text) as Json;
  } catch {
    return fail('journal-bad-distribution', line, String(text).slice(0, 80));
  }
  const name = parsed?.name;
  const a = (parsed?.attributes ?? {}) as Json;
  const number = (key: string) => (typeof a[key] === 'number' ? (a[key] as number) : undefined);
  let d: Distribution | null = null;
  const low = number('low');
  const high = number('high');
  if (name === 'CategoricalDistribution' && Array.isArray(a.choices)) {
    d = {
      type: 'categorical',
      choices: (a.choices as unknown[]).map((c) => (c === null ? 'None' : c)) as Choice[],
    };
  } else if (low !== undefined && high !== undefined) {
    const step = number('step') ?? number('q');
    const log = a.log === true || name === 'LogUniformDistribution' || name === 'IntLogUniformDistribution';
    if (name === 'FloatDistribution' || name === 'UniformDistribution' || name === 'LogUniformDistribution')
      d = { type: 'float', low, high, ...(log ? { log } : {}), ...(step !== undefined ? { step } : {}) };
    else if (name === 'DiscreteUniformDistribution') d = { type: 'float', low, high, step: step ?? 1 };
    else if (
      name === 'IntDistribution' ||
      name === 'IntUniformDistribution' ||
      name === 'IntLogUniformDistribution'
    )
      // Optuna writes step 1 for every plain int range; Tunelab leaves the default unsaid.
      d = {
        type: 'int',
        low,
        high,
        ...(log ? { log } : {}),
        ...(step !== undefined && step !== 1 ? { step } : {}),
      };
  }
  if (!d) return fail('journal-bad-distribution', line, JSON.stringify(parsed).slice(0, 80));
  try {
    return checkDistribution(d);
  } catch (error) {
    return fail('journal-bad-distribution', line, (error as Error).message);
  }
}

/** Optuna's `to_external_repr`: categoricals are stored as the index of the choice. */
function externalValue(d: Distribution, internal: unknown, line: number): Params[string] {
  if (typeof internal !== 'number')
    return fail('journal-bad-operation', line, 'a parameter value is not a number');
  if (d.type === 'categorical') {
    const choice = d.choices[Math.round(internal)];
    if (choice === undefined)
      return fail('journal-bad-operation', line, `choice ${internal} is out of range`);
    return choice;
  }
  return d.type === 'int' ? Math.round(internal) : internal;
}

function time(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  // Optuna writes microseconds; Date parses milliseconds, and without a zone reads local time, which is fine for differences.
  const ms = Date.parse(value.replace(/(\.\d{3})\d+/, '$1'));
  return Number.isFinite(ms) ? ms : null;
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Widens a distribution to cover another's range (dynamic spaces), or keeps the first when the kinds differ. */
function merge(a: Distribution, b: Distribution): Distribution {
  if (a.type === 'categorical' && b.type === 'categorical')
    return {
      type: 'categorical',
      choices: [...a.choices, ...b.choices.filter((c) => !a.choices.includes(c))],
    };
  if (a.type !== 'categorical' && b.type === a.type)
    return { ...a, low: Math.min(a.low, b.low), high: Math.max(a.high, b.high) };
  return a;
}

/** Every study in the journal, in creation order (deleted ones left out). */
export function parseOptunaJournal(text: string): ImportedStudy[] {
  const studies = new Map<number, RawStudy>();
  const trials: RawTrial[] = [];
  let nextStudyId = 0;
  const lines = text.split(/\r?\n/);
  let operations = 0;
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let log: unknown;
    try {
      log = JSON.parse(raw);
    } catch {
      fail('journal-not-json', line);
    }
    if (!isRecord(log) || typeof log.op_code !== 'number') fail('journal-bad-operation', line, 'no op_code');
    operations++;
    const trial = () => {
      const found = typeof log.trial_id === 'number' ? trials[log.trial_id] : undefined;
      // Optuna ignores updates to unknown or finished trials written by other workers; so do we.
      return found && studies.has(found.studyId) ? found : null;
    };
    switch (log.op_code) {
      case OP.CREATE_STUDY: {
        const name = String(log.study_name ?? `study-${nextStudyId}`);
        if ([...studies.values()].some((s) => s.name === name)) return;
        const directions = Array.isArray(log.directions) ? (log.directions as number[]) : [1];
        studies.set(nextStudyId++, { name, directions, userAttrs: {}, trialIds: [] });
        return;
      }
      case OP.DELETE_STUDY:
        studies.delete(Number(log.study_id));
        return;
      case OP.SET_STUDY_USER_ATTR: {
        const study = studies.get(Number(log.study_id));
        if (study && isRecord(log.user_attr)) Object.assign(study.userAttrs, log.user_attr);
        return;
      }
      case OP.CREATE_TRIAL: {
        const studyId = Number(log.study_id);
        const distributions: Record<string, Distribution> = {};
        const params: Params = {};
        if (isRecord(log.distributions))
          for (const [name, json] of Object.entries(log.distributions))
            distributions[name] = distributionFromJson(json, line);
        if (isRecord(log.params))
          for (const [name, value] of Object.entries(log.params)) {
            const d = distributions[name];
            if (!d) fail('journal-bad-operation', line, `parameter ${name} has no distribution`);
            params[name] = externalValue(d, value, line);
          }
        const values = Array.isArray(log.values)
          ? (log.values as number[])
          : typeof log.value === 'number'
            ? [log.value]
            : null;
        const intermediate = new Map<number, number>();
        if (isRecord(log.intermediate_values))
          for (const [step, value] of Object.entries(log.intermediate_values))
            if (typeof value === 'number') intermediate.set(Number(step), value);
        trials.push({
          studyId,
          state: STATES[typeof log.state === 'number' ? log.state : 0] ?? 'running',
          values,
          params,
          distributions,
          intermediate,
          userAttrs: isRecord(log.user_attrs) ? { ...log.user_attrs } : {},
          systemAttrs: isRecord(log.system_attrs) ? { ...log.system_attrs } : {},
          startedAt: time(log.datetime_start),
          completedAt: time(log.datetime_complete),
        });
        studies.get(studyId)?.trialIds.push(trials.length - 1);
        return;
      }
      case OP.SET_TRIAL_PARAM: {
        const t = trial();
        if (!t || typeof log.param_name !== 'string') return;
        const d = distributionFromJson(log.distribution, line);
        t.distributions[log.param_name] = d;
        t.params[log.param_name] = externalValue(d, log.param_value_internal, line);
        return;
      }
      case OP.SET_TRIAL_STATE_VALUES: {
        const t = trial();
        if (!t) return;
        const state = STATES[Number(log.state)];
        if (!state) fail('journal-bad-operation', line, `unknown trial state ${String(log.state)}`);
        t.state = state;
        if (Array.isArray(log.values)) t.values = log.values as number[];
        if (log.datetime_start !== undefined) t.startedAt = time(log.datetime_start);
        if (log.datetime_complete !== undefined) t.completedAt = time(log.datetime_complete);
        return;
      }
      case OP.SET_TRIAL_INTERMEDIATE_VALUE: {
        const t = trial();
        if (t && typeof log.intermediate_value === 'number')
          t.intermediate.set(Number(log.step), log.intermediate_value);
        return;
      }
      case OP.SET_TRIAL_USER_ATTR: {
        const t = trial();
        if (t && isRecord(log.user_attr)) Object.assign(t.userAttrs, log.user_attr);
        return;
      }
      case OP.SET_TRIAL_SYSTEM_ATTR: {
        const t = trial();
        if (t && isRecord(log.system_attr)) Object.assign(t.systemAttrs, log.system_attr);
        return;
      }
      default:
        return;
    }
  });
  if (operations === 0 || studies.size === 0) throw new JournalError({ code: 'journal-empty', params: {} });
  return [...studies.values()].map((study) => toStudy(study, trials));
}

function toStudy(study: RawStudy, trials: readonly RawTrial[]): ImportedStudy {
  if (study.directions.length > 1)
    throw new JournalError({ code: 'journal-multi-objective', params: { detail: study.name } });
  const sign = study.directions[0] === 2 ? -1 : 1;
  const space: Record<string, Distribution> = {};
  const out: ImportedTrial[] = study.trialIds.map((id, number) => {
    const raw = trials[id]!;
    for (const [name, d] of Object.entries(raw.distributions))
      space[name] = space[name] ? merge(space[name]!, d) : d;
    const intermediate = [...raw.intermediate.entries()]
      .filter(([, v]) => Number.isFinite(v))
      .sort((a, b) => a[0] - b[0])
      .map(([step, v]) => [step, sign * v] as [number, number]);
    const last = intermediate.at(-1);
    let value: number | null = raw.values?.[0] ?? null;
    if (value !== null) value *= sign;
    // A pruned trial's value is its last report, in Optuna's tell() as in Tunelab's Hyperband.
    if (value === null && raw.state === 'pruned' && last) value = last[1];
    const attrs = raw.userAttrs;
    const epochs =
      typeof attrs.epochs === 'number' ? attrs.epochs : last ? last[0] : raw.state === 'running' ? null : 0;
    const message =
      typeof attrs.message === 'string'
        ? attrs.message
        : typeof raw.systemAttrs.fail_reason === 'string'
          ? raw.systemAttrs.fail_reason
          : undefined;
    const duration =
      typeof attrs.duration_ms === 'number'
        ? attrs.duration_ms
        : raw.startedAt !== null && raw.completedAt !== null
          ? raw.completedAt - raw.startedAt
          : undefined;
    return {
      number: typeof attrs.tunelab_number === 'number' ? attrs.tunelab_number : number,
      params: raw.params,
      value: raw.state === 'failed' || raw.state === 'running' ? null : value,
      state: raw.state,
      epochs,
      ...(message !== undefined ? { message } : {}),
      ...(duration !== undefined ? { durationMs: duration } : {}),
      ...(typeof attrs.group === 'number' ? { group: attrs.group } : {}),
      intermediate,
      startedAt: raw.startedAt,
      completedAt: raw.completedAt,
    };
  });
  return {
    name: study.name,
    direction: sign < 0 ? 'maximize' : 'minimize',
    space,
    trials: out,
    userAttrs: { ...study.userAttrs },
  };
}
