import * as z from 'zod/mini';
import type { ExperimentConfig } from '../config/parameters';
import type { Task } from '../data/datasets';
import { decodeLink, encodeLink, emptyLinkState, type LinkIssue, type LinkState } from '../link';
import type { EpochMetrics, RunSummary } from '../train/metrics';
import { restoreSummary } from '../train/verdict';
import { verdictSchema } from '../train/verdict-schema';
import { lazySchema } from '../schema-lazy';
import { MAX_NAME_CHARACTERS } from './names';

export { MAX_NAME_CHARACTERS };

/**
 * An experiment as a file: `{ format, version, … }`. The experiment itself travels as its share
 * link (`link`), so importing a file runs the one decoder links use (parse → validate → migrate →
 * clamp, with issues in words); `config` beside it is a readable copy for people and scripts.
 * Results (summary and curves) are checked by their own schema here.
 */
export const EXPERIMENT_FORMAT = 'tunelab-experiment';
export const EXPERIMENT_FILE_VERSION = 1;
/** Files beyond this are refused unread: 5,000 epochs of curves for 5 lanes is ~3 MB. */
export const MAX_EXPERIMENT_FILE_CHARACTERS = 10_000_000;

export interface ExperimentResults {
  summary: RunSummary | null;
  history: EpochMetrics[];
}

/** What a user's own CSV was, so an imported experiment can ask for the same file again. */
export interface DataNote {
  fileName: string;
  features: string[];
  label: string;
  task: Task;
  rows: number;
}

export interface ExperimentFile {
  format: typeof EXPERIMENT_FORMAT;
  version: typeof EXPERIMENT_FILE_VERSION;
  name: string;
  exportedAt: string;
  /** The experiment as a share link payload, the authoritative copy. */
  link: string;
  /** Readable copy of the experiment; on import `link` wins. */
  config: ExperimentConfig;
  seed: number;
  results: ExperimentResults | null;
  data: DataNote | null;
}

export interface ExperimentInput {
  state: LinkState;
  name: string;
  results?: ExperimentResults | null;
  data?: DataNote | null;
  exportedAt?: Date;
}

export function exportExperiment(input: ExperimentInput): ExperimentFile {
  return {
    format: EXPERIMENT_FORMAT,
    version: EXPERIMENT_FILE_VERSION,
    name: input.name,
    exportedAt: (input.exportedAt ?? new Date()).toISOString(),
    link: encodeLink(input.state),
    config: input.state.config,
    seed: input.state.config.seed,
    results: input.results ?? null,
    data: input.data ?? null,
  };
}

/**
 * JSON has no NaN or Infinity (JSON.stringify writes null), yet a diverged run's losses are
 * exactly that: they are written as the strings "NaN", "Infinity" and "-Infinity", which Python's
 * float() and JavaScript's Number() read back.
 */
const keepNonFinite = (_key: string, value: unknown) =>
  typeof value === 'number' && !Number.isFinite(value) ? String(value) : value;

/** JSON for people too: indented, but each epoch's metrics on one line. */
export function experimentToJson(file: ExperimentFile): string {
  const { results, ...rest } = file;
  const head = JSON.stringify(
    { ...rest, results: results ? { summary: results.summary, history: [] } : null },
    keepNonFinite,
    2,
  );
  if (!results || results.history.length === 0) return `${head}\n`;
  const rows = results.history.map((m) => `      ${JSON.stringify(m, keepNonFinite)}`).join(',\n');
  return `${head.replace(/"history": \[\]/, `"history": [\n${rows}\n    ]`)}\n`;
}

/** The file's parts, checked separately so a damaged part loses only itself; built on first import. */
const schemas = lazySchema(() => {
  // A number the JSON could hold: finite, or null where the engine reports "not applicable".
  const finite = z.number().check(z.refine(Number.isFinite, { message: 'must be a finite number' }));
  const nullableNumber = z.union([finite, z.null()]);
  /** "NaN", "Infinity" or "-Infinity" as experimentToJson writes them. */
  const nonFiniteWord = z.pipe(z.enum(['NaN', 'Infinity', '-Infinity']), z.transform(Number));
  /** A loss a run can produce. */
  const anyNumber = z.union([
    z.number(),
    nonFiniteWord,
    // Files written before non-finite numbers were kept have null where a loss was NaN.
    z.pipe(
      z.null(),
      z.transform(() => Number.NaN),
    ),
  ]);
  const epochSchema = z.object({
    epoch: finite,
    trainLoss: anyNumber,
    validationLoss: anyNumber,
    trainAccuracy: nullableNumber,
    validationAccuracy: nullableNumber,
    learningRate: finite,
    examplesSeen: finite,
    wallTimeMs: finite,
  });
  const summarySchema = z.object({
    status: z.enum(['completed', 'stopped-early', 'diverged', 'cancelled']),
    epochs: finite,
    bestEpoch: nullableNumber,
    bestValidationLoss: nullableNumber,
    finalTrainLoss: z.union([z.number(), nonFiniteWord, z.null()]),
    finalValidationLoss: z.union([z.number(), nonFiniteWord, z.null()]),
    finalTrainAccuracy: nullableNumber,
    finalValidationAccuracy: nullableNumber,
    divergedAtEpoch: nullableNumber,
    effectiveBatchSize: finite,
    wallTimeMs: finite,
    // Files exported before verdicts hold an English sentence; restoreSummary rebuilds their verdict.
    message: z.optional(z.string().check(z.maxLength(1000))),
    verdict: z.optional(verdictSchema()),
  });
  const resultsSchema = z.object({
    summary: z.nullable(summarySchema),
    history: z.array(epochSchema).check(z.maxLength(50_000)),
  });
  const dataNoteSchema = z.object({
    fileName: z.string().check(z.maxLength(300)),
    features: z.array(z.string().check(z.maxLength(300))).check(z.maxLength(1000)),
    label: z.string().check(z.maxLength(300)),
    task: z.enum(['classification', 'regression']),
    rows: finite,
  });
  const envelopeSchema = z.object({
    format: z.literal(EXPERIMENT_FORMAT),
    version: z.int(),
    name: z.optional(z.string()),
    link: z.string(),
    results: z.optional(z.unknown()),
    data: z.optional(z.unknown()),
  });
  return { resultsSchema, dataNoteSchema, envelopeSchema };
});

export type ExperimentIssueCode =
  /** params.mb: the file's size in megabytes. */
  | 'file-too-large'
  | 'file-not-json'
  /** The file says it is a Tunelab experiment, but its experiment is missing. */
  | 'file-damaged'
  | 'file-not-experiment'
  /** params.version, known */
  | 'file-unknown-version'
  | 'results-damaged'
  | 'data-note-damaged'
  /** params.max */
  | 'name-shortened';

/**
 * One thing wrong with an experiment file, as data the page renders in each language; `message`
 * is the same in English, for logs and scripts.
 */
export interface ExperimentIssue {
  code: ExperimentIssueCode;
  params: Record<string, string | number>;
  message: string;
}

export type ImportedExperiment =
  | {
      ok: true;
      state: LinkState;
      /** The file's name for it; empty when it had none (the page names it from its config). */
      name: string;
      results: ExperimentResults | null;
      data: DataNote | null;
      /** What was fixed or dropped: the link's issues, then the file's. */
      problems: (LinkIssue | ExperimentIssue)[];
      /** The same in English sentences. */
      issues: string[];
    }
  | { ok: false; problem: ExperimentIssue; message: string };

const refuse = (code: ExperimentIssueCode, message: string, params: ExperimentIssue['params'] = {}) => ({
  ok: false as const,
  problem: { code, params, message },
  message,
});

/**
 * Reads an experiment file. Never throws: a file that is not an experiment at all is refused with
 * a message; an experiment with bad parts loads its nearest valid form, and `issues` say what was
 * fixed or dropped.
 */
export function importExperiment(text: string): ImportedExperiment {
  if (text.length > MAX_EXPERIMENT_FILE_CHARACTERS) {
    const mb = Math.round(text.length / 1e6);
    return refuse('file-too-large', `This file is too large to be a Tunelab experiment (${mb} MB).`, { mb });
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return refuse('file-not-json', 'This file is not a Tunelab experiment: it is not valid JSON.');
  }
  const envelope = schemas().envelopeSchema.safeParse(json);
  if (!envelope.success) {
    const isOurs =
      typeof json === 'object' &&
      json !== null &&
      (json as { format?: unknown }).format === EXPERIMENT_FORMAT;
    return isOurs
      ? refuse('file-damaged', 'This Tunelab experiment file is damaged: its experiment is missing.')
      : refuse(
          'file-not-experiment',
          'This file is not a Tunelab experiment (it has no "format": "tunelab-experiment").',
        );
  }
  const file = envelope.data;
  if (file.version > EXPERIMENT_FILE_VERSION || file.version < 1) {
    return refuse(
      'file-unknown-version',
      `This experiment was saved by a version of Tunelab this page does not know (file version ${file.version}; this page reads up to ${EXPERIMENT_FILE_VERSION}).`,
      { version: file.version, known: EXPERIMENT_FILE_VERSION },
    );
  }
  // Version 1 is the only one so far; a version 2 adds its migration from 1 here, before decoding.
  const decoded = decodeLink(file.link);
  const problems: (LinkIssue | ExperimentIssue)[] = [...decoded.problems];
  const add = (code: ExperimentIssueCode, message: string, params: ExperimentIssue['params'] = {}) =>
    problems.push({ code, params, message });
  const state = decoded.state ?? emptyLinkState();
  let results: ExperimentResults | null = null;
  if (file.results !== undefined && file.results !== null) {
    const parsed = schemas().resultsSchema.safeParse(file.results);
    if (parsed.success)
      results = {
        summary: parsed.data.summary && restoreSummary(parsed.data.summary, state.config),
        history: parsed.data.history,
      };
    else
      add(
        'results-damaged',
        'The saved results in this file were damaged and were left out; the experiment itself loaded.',
      );
  }
  let data: DataNote | null = null;
  if (file.data !== undefined && file.data !== null) {
    const parsed = schemas().dataNoteSchema.safeParse(file.data);
    if (parsed.success) data = parsed.data;
    else
      add(
        'data-note-damaged',
        'The description of the data file in this experiment was damaged and was ignored.',
      );
  }
  let name = (file.name ?? '').trim();
  if (name.length > MAX_NAME_CHARACTERS) {
    name = name.slice(0, MAX_NAME_CHARACTERS).trim();
    add('name-shortened', `The name was longer than ${MAX_NAME_CHARACTERS} characters and was shortened.`, {
      max: MAX_NAME_CHARACTERS,
    });
  }
  return { ok: true, state, name, results, data, problems, issues: problems.map((p) => p.message) };
}
