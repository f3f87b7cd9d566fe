import LZString from 'lz-string';
import * as z from 'zod/mini';
import { DEFAULT_CONFIG, type ExperimentConfig } from '../config/parameters';
import { isPace, type Pace } from '../train/pace';
import { restoreConfig, type ConfigIssue, type ConfigIssueCode } from '../config/schema';
import type { CsvProblem } from '../userdata/csv';
import { lazySchema } from '../schema-lazy';
import { choiceSchema, MAX_LINKED_DATA_CHARACTERS, type PackedData } from '../userdata/link-data';
import {
  DEFAULT_SEQUENCE_CONFIG,
  restoreSequenceConfig,
  type SequenceConfig,
  type SequenceConfigIssueCode,
  type SequenceRestoreIssue,
} from '../sequence/config';

/**
 * Share links. One decode path for every version, as excalidraw's `restore` does: text → size
 * check → decompress → JSON → envelope schema → migrate to the current version → restore
 * (clamp, reset, report) → a usable state. Decoding never throws: whatever arrives, the page gets
 * the nearest valid experiment and a list of what was wrong, in words.
 *
 * Format: `<version>.<lz-string of JSON>`; the JSON holds only values that differ from the
 * defaults, so a default experiment's link is a few characters.
 */
export const LINK_VERSION = 2;

/** Controls a teacher can hide or lock through a link: any experiment key. */
export type ControlKey = keyof ExperimentConfig;

export interface LinkState {
  config: ExperimentConfig;
  /** Classroom mode: controls not shown at all. */
  hidden: ControlKey[];
  /** Classroom mode: controls shown but not editable. */
  locked: ControlKey[];
  /** Comparison lanes, each a full experiment (base + the lane's changes). */
  lanes: ExperimentConfig[];
  /** A lesson id, when the link opens a lesson. */
  lesson: string | null;
  /**
   * The user's own CSV for the `custom` dataset: embedded (compressed) when small, otherwise a
   * reference naming the file the recipient must load (src/core/userdata/link-data.ts).
   */
  data?: PackedData;
  /**
   * How fast the run trains on screen, when the link says. Links without one (every link made
   * before there was a pace) train as fast as possible, except in presentation mode.
   */
  pace?: Pace;
  /** The Sequences page's settings, when the link opens that page. */
  sequence?: SequenceConfig;
}

export type LinkIssueCode =
  | ConfigIssueCode
  | SequenceConfigIssueCode
  /** params.kb, maxKb */
  | 'too-long'
  | 'no-version'
  /** params.version, known */
  | 'unknown-version'
  | 'not-decompressed'
  | 'too-much-data'
  | 'not-json'
  | 'not-experiment'
  /** Follows a problem that left nothing usable. */
  | 'defaults-loaded'
  | 'malformed-parts'
  /** params.what: hidden or locked */
  | 'unknown-controls'
  /** params.max */
  | 'too-many-lanes'
  /** params.name: not a valid lesson name */
  | 'bad-lesson'
  /** params.name: a valid name, but no lesson has it (the compare page finds this) */
  | 'unknown-lesson'
  /** The CSV the link carries is damaged; params.file when its name could be read. */
  | 'data-damaged'
  /** params.file: the link trains on a CSV of the user's that is not loaded here. */
  | 'data-not-loaded'
  /** params.file, problem: the CSV the link carries fails the checks a chosen file gets. */
  | 'data-refused'
  /** The link asks for a training pace this page does not know; it trains as fast as possible. */
  | 'unknown-pace';

/**
 * One thing wrong with a link, as data: the page renders it in each language
 * (src/ui/shell/LinkIssues.tsx); `message` is the same in English, for files and logs.
 */
export interface LinkIssue {
  code: LinkIssueCode;
  /** The experiment field it is about, when it is about one. */
  field?: string;
  params: Record<string, string | number>;
  /** The comparison lane (1-based) whose config it is about. */
  lane?: number;
  /** For `data-refused`: the first check the file failed, rendered as the data page renders it. */
  csv?: CsvProblem;
  message: string;
}

export interface DecodedLink {
  state: LinkState;
  /** What was wrong with the link, for a role="alert"; empty when it was fine. */
  problems: LinkIssue[];
  /** The same in English sentences, for imported files and saved work. */
  issues: string[];
}

/** Links longer than this are refused before any decompression (a hostile 100 kB hash). */
export const MAX_LINK_LENGTH = 16_000;
const MAX_JSON_LENGTH = 64_000;
const MAX_LANES = 4;
const CONTROL_KEYS = Object.keys(DEFAULT_CONFIG) as ControlKey[];

export function emptyLinkState(config: ExperimentConfig = { ...DEFAULT_CONFIG }): LinkState {
  return { config, hidden: [], locked: [], lanes: [], lesson: null };
}

/** The fields of `config` that differ from `base`. */
export function configDifferences(
  config: ExperimentConfig,
  base: ExperimentConfig = DEFAULT_CONFIG,
): Partial<ExperimentConfig> {
  const out: Record<string, unknown> = {};
  for (const key of CONTROL_KEYS) {
    if (JSON.stringify(config[key]) !== JSON.stringify(base[key])) out[key] = config[key];
  }
  return out as Partial<ExperimentConfig>;
}

/** The sequence settings that differ from the defaults (each is a number or a name). */
function sequenceDifferences(config: SequenceConfig): Partial<SequenceConfig> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config))
    if (value !== DEFAULT_SEQUENCE_CONFIG[key as keyof SequenceConfig]) out[key] = value;
  return out as Partial<SequenceConfig>;
}

export function encodeLink(state: LinkState): string {
  const payload: Record<string, unknown> = { c: configDifferences(state.config) };
  if (state.hidden.length > 0) payload.h = state.hidden;
  if (state.locked.length > 0) payload.l = state.locked;
  if (state.lanes.length > 0)
    payload.lanes = state.lanes.map((lane) => configDifferences(lane, state.config));
  if (state.lesson) payload.lesson = state.lesson;
  if (state.data) payload.d = state.data;
  if (state.pace) payload.p = state.pace;
  if (state.sequence) payload.s = sequenceDifferences(state.sequence);
  return `${LINK_VERSION}.${LZString.compressToEncodedURIComponent(JSON.stringify(payload))}`;
}

// The envelope is checked loosely (unknown-typed fields): the config inside goes through
// restoreConfig, which knows each field's range and says what it fixed.
const envelopeV2 = lazySchema(() =>
  z.object({
    c: z.optional(z.record(z.string(), z.unknown())),
    h: z.optional(z.array(z.string())),
    l: z.optional(z.array(z.string())),
    lanes: z.optional(z.array(z.record(z.string(), z.unknown()))),
    lesson: z.optional(z.string()),
    d: z.optional(z.unknown()),
    // An optional field, so version 2 stays: older pages ignore it and older links lack it.
    p: z.optional(z.unknown()),
    // The Sequences page's settings, the same way: optional, so version 2 stays.
    s: z.optional(z.unknown()),
  }),
);

const packedDataSchema = lazySchema(() =>
  z.union([
    z.object({
      kind: z.literal('embedded'),
      packed: z.string().check(z.maxLength(MAX_LINKED_DATA_CHARACTERS)),
    }),
    z.object({
      kind: z.literal('reference'),
      fileName: z.string().check(z.maxLength(300)),
      choice: choiceSchema(),
    }),
  ]),
);
type EnvelopeV2 = z.infer<ReturnType<typeof envelopeV2>>;

/**
 * Migrations from each older version to the next. Version 1 (the first links) held the config's
 * differences at the top level with no classroom fields; version 2 nests them under `c`.
 */
const MIGRATIONS: Record<number, (payload: Record<string, unknown>) => Record<string, unknown>> = {
  1: (payload) => ({ c: payload }),
};

function short(text: string): string {
  const clean = text.replace(/[^\x20-\x7e\u00a0-\uffff]/g, '?');
  return clean.length > 40 ? `${clean.slice(0, 40)}…` : clean;
}

export function decodeLink(input: string): DecodedLink {
  const problems: LinkIssue[] = [];
  const issue = (code: LinkIssueCode, message: string, params: LinkIssue['params'] = {}): LinkIssue => ({
    code,
    params,
    message,
  });
  const fail = (failure: LinkIssue): DecodedLink => {
    const all = [failure, issue('defaults-loaded', 'The default experiment was loaded instead.')];
    return { state: emptyLinkState(), problems: all, issues: all.map((p) => p.message) };
  };

  const text = String(input ?? '')
    .trim()
    .replace(/^#/, '');
  if (text === '') return { state: emptyLinkState(), problems: [], issues: [] };
  if (text.length > MAX_LINK_LENGTH) {
    const kb = Math.round(text.length / 1000);
    return fail(
      issue(
        'too-long',
        `This link is too long (${kb} kB; a Tunelab link holds at most ${MAX_LINK_LENGTH / 1000} kB). It may have been corrupted.`,
        { kb, maxKb: MAX_LINK_LENGTH / 1000 },
      ),
    );
  }
  const match = /^(\d{1,3})\.(.*)$/s.exec(text);
  if (!match) return fail(issue('no-version', 'This link is not a Tunelab experiment (it has no version).'));
  const version = Number(match[1]);
  if (version > LINK_VERSION || version < 1) {
    return fail(
      issue(
        'unknown-version',
        `This link was made by a version of Tunelab this page does not know (link version ${version}; this page reads up to ${LINK_VERSION}).`,
        { version, known: LINK_VERSION },
      ),
    );
  }
  let json: string | null = null;
  try {
    json = LZString.decompressFromEncodedURIComponent(match[2]!);
  } catch {
    json = null;
  }
  if (!json)
    return fail(
      issue(
        'not-decompressed',
        'This link is damaged: its data could not be decompressed (was it cut short when copied?).',
      ),
    );
  if (json.length > MAX_JSON_LENGTH)
    return fail(issue('too-much-data', 'This link holds far more data than any experiment needs.'));
  let payload: unknown;
  try {
    payload = JSON.parse(json);
  } catch {
    return fail(
      issue('not-json', 'This link is damaged: its data is not valid JSON (was it cut short when copied?).'),
    );
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload))
    return fail(issue('not-experiment', 'This link is damaged: its data is not an experiment.'));

  let current = payload as Record<string, unknown>;
  for (let v = version; v < LINK_VERSION; v++) current = MIGRATIONS[v]!(current);
  const parsed = envelopeV2().safeParse(current);
  let envelope: EnvelopeV2;
  if (parsed.success) {
    envelope = parsed.data;
  } else {
    problems.push(issue('malformed-parts', 'Parts of this link were malformed and were ignored.'));
    envelope = envelopeV2().safeParse({ c: (current as { c?: unknown }).c }).data ?? {};
  }

  const restored = restoreConfig(envelope.c ?? {});
  problems.push(...restored.issues.map((i) => fromConfigIssue(i)));
  const controls = (list: string[] | undefined, what: string): ControlKey[] => {
    const known = (list ?? []).filter((key): key is ControlKey => (CONTROL_KEYS as string[]).includes(key));
    if (known.length !== (list ?? []).length)
      problems.push(
        issue('unknown-controls', `Unknown ${what} controls in this link were ignored.`, { what }),
      );
    return [...new Set(known)];
  };
  const lanes = (envelope.lanes ?? []).slice(0, MAX_LANES).map((lane, index) => {
    const result = restoreConfig({ ...restored.config, ...lane });
    problems.push(...result.issues.map((i) => fromConfigIssue(i, index + 1)));
    return result.config;
  });
  if ((envelope.lanes ?? []).length > MAX_LANES)
    problems.push(
      issue('too-many-lanes', `A comparison holds at most ${MAX_LANES} lanes; the rest were dropped.`, {
        max: MAX_LANES,
      }),
    );
  let lesson: string | null = null;
  if (envelope.lesson !== undefined) {
    if (/^[a-z0-9-]{1,40}$/.test(envelope.lesson)) lesson = envelope.lesson;
    else
      problems.push(
        issue('bad-lesson', `The lesson name "${short(envelope.lesson)}" is not valid and was ignored.`, {
          name: short(envelope.lesson),
        }),
      );
  }
  let data: PackedData | undefined;
  if (envelope.d !== undefined) {
    const parsedData = packedDataSchema().safeParse(envelope.d);
    if (parsedData.success) data = parsedData.data;
    else
      problems.push(
        issue(
          'data-damaged',
          'The data in this link is damaged and was ignored; load the CSV file yourself.',
        ),
      );
  }
  if (envelope.p !== undefined && !isPace(envelope.p))
    problems.push(
      issue(
        'unknown-pace',
        'The pace in this link is not one this page knows; it trains as fast as possible.',
      ),
    );
  const pace = isPace(envelope.p) ? envelope.p : undefined;
  let sequence: SequenceConfig | undefined;
  if (envelope.s !== undefined) {
    const restoredSequence = restoreSequenceConfig(envelope.s);
    problems.push(...restoredSequence.issues.map((i) => fromConfigIssue(i)));
    sequence = restoredSequence.config;
  }
  return {
    state: {
      config: restored.config,
      hidden: controls(envelope.h, 'hidden'),
      locked: controls(envelope.l, 'locked'),
      lanes,
      lesson,
      ...(data ? { data } : {}),
      ...(pace ? { pace } : {}),
      ...(sequence ? { sequence } : {}),
    },
    problems,
    issues: problems.map((p) => p.message),
  };
}

function fromConfigIssue(config: ConfigIssue | SequenceRestoreIssue, lane?: number): LinkIssue {
  const sentence = config.message.charAt(0).toUpperCase() + config.message.slice(1);
  const message = `${sentence.length > 200 ? `${sentence.slice(0, 200)}…` : sentence}.`;
  return {
    code: config.code,
    field: config.field,
    params: config.params,
    ...(lane === undefined ? {} : { lane }),
    message: lane === undefined ? message : `Lane ${lane}: ${message}`,
  };
}
