import LZString from 'lz-string';
import { z } from 'zod';
import { DEFAULT_CONFIG, type ExperimentConfig } from '../config/parameters';
import { isPace, type Pace } from '../train/pace';
import { restoreConfig, type ConfigIssue } from '../config/schema';
import { choiceSchema, MAX_LINKED_DATA_CHARACTERS, type PackedData } from '../userdata/link-data';

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
}

export interface DecodedLink {
  state: LinkState;
  /** What was wrong with the link, for a role="alert"; empty when it was fine. */
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

export function encodeLink(state: LinkState): string {
  const payload: Record<string, unknown> = { c: configDifferences(state.config) };
  if (state.hidden.length > 0) payload.h = state.hidden;
  if (state.locked.length > 0) payload.l = state.locked;
  if (state.lanes.length > 0)
    payload.lanes = state.lanes.map((lane) => configDifferences(lane, state.config));
  if (state.lesson) payload.lesson = state.lesson;
  if (state.data) payload.d = state.data;
  if (state.pace) payload.p = state.pace;
  return `${LINK_VERSION}.${LZString.compressToEncodedURIComponent(JSON.stringify(payload))}`;
}

// The envelope is checked loosely (unknown-typed fields): the config inside goes through
// restoreConfig, which knows each field's range and says what it fixed.
const envelopeV2 = z.object({
  c: z.record(z.string(), z.unknown()).optional(),
  h: z.array(z.string()).optional(),
  l: z.array(z.string()).optional(),
  lanes: z.array(z.record(z.string(), z.unknown())).optional(),
  lesson: z.string().optional(),
  d: z.unknown().optional(),
  // An optional field, so version 2 stays: older pages ignore it and older links lack it.
  p: z.unknown().optional(),
});

const packedDataSchema = z.union([
  z.object({ kind: z.literal('embedded'), packed: z.string().max(MAX_LINKED_DATA_CHARACTERS) }),
  z.object({ kind: z.literal('reference'), fileName: z.string().max(300), choice: choiceSchema }),
]);
type EnvelopeV2 = z.infer<typeof envelopeV2>;

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
  const issues: string[] = [];
  const fail = (message: string): DecodedLink => ({
    state: emptyLinkState(),
    issues: [message, 'The default experiment was loaded instead.'],
  });

  const text = String(input ?? '')
    .trim()
    .replace(/^#/, '');
  if (text === '') return { state: emptyLinkState(), issues: [] };
  if (text.length > MAX_LINK_LENGTH) {
    return fail(
      `This link is too long (${Math.round(text.length / 1000)} kB; a Tunelab link holds at most ${MAX_LINK_LENGTH / 1000} kB). It may have been corrupted.`,
    );
  }
  const match = /^(\d{1,3})\.(.*)$/s.exec(text);
  if (!match) return fail('This link is not a Tunelab experiment (it has no version).');
  const version = Number(match[1]);
  if (version > LINK_VERSION || version < 1) {
    return fail(
      `This link was made by a version of Tunelab this page does not know (link version ${version}; this page reads up to ${LINK_VERSION}).`,
    );
  }
  let json: string | null = null;
  try {
    json = LZString.decompressFromEncodedURIComponent(match[2]!);
  } catch {
    json = null;
  }
  if (!json)
    return fail('This link is damaged: its data could not be decompressed (was it cut short when copied?).');
  if (json.length > MAX_JSON_LENGTH) return fail('This link holds far more data than any experiment needs.');
  let payload: unknown;
  try {
    payload = JSON.parse(json);
  } catch {
    return fail('This link is damaged: its data is not valid JSON (was it cut short when copied?).');
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload))
    return fail('This link is damaged: its data is not an experiment.');

  let current = payload as Record<string, unknown>;
  for (let v = version; v < LINK_VERSION; v++) current = MIGRATIONS[v]!(current);
  const parsed = envelopeV2.safeParse(current);
  let envelope: EnvelopeV2;
  if (parsed.success) {
    envelope = parsed.data;
  } else {
    issues.push('Parts of this link were malformed and were ignored.');
    envelope = envelopeV2.safeParse({ c: (current as { c?: unknown }).c }).data ?? {};
  }

  const restored = restoreConfig(envelope.c ?? {});
  issues.push(...restored.issues.map(formatIssue));
  const controls = (list: string[] | undefined, what: string): ControlKey[] => {
    const known = (list ?? []).filter((key): key is ControlKey => (CONTROL_KEYS as string[]).includes(key));
    if (known.length !== (list ?? []).length)
      issues.push(`Unknown ${what} controls in this link were ignored.`);
    return [...new Set(known)];
  };
  const lanes = (envelope.lanes ?? []).slice(0, MAX_LANES).map((lane, index) => {
    const result = restoreConfig({ ...restored.config, ...lane });
    issues.push(...result.issues.map((issue) => `Lane ${index + 1}: ${formatIssue(issue)}`));
    return result.config;
  });
  if ((envelope.lanes ?? []).length > MAX_LANES)
    issues.push(`A comparison holds at most ${MAX_LANES} lanes; the rest were dropped.`);
  let lesson: string | null = null;
  if (envelope.lesson !== undefined) {
    if (/^[a-z0-9-]{1,40}$/.test(envelope.lesson)) lesson = envelope.lesson;
    else issues.push(`The lesson name "${short(envelope.lesson)}" is not valid and was ignored.`);
  }
  let data: PackedData | undefined;
  if (envelope.d !== undefined) {
    const parsedData = packedDataSchema.safeParse(envelope.d);
    if (parsedData.success) data = parsedData.data;
    else issues.push('The data in this link is damaged and was ignored; load the CSV file yourself.');
  }
  if (envelope.p !== undefined && !isPace(envelope.p))
    issues.push('The pace in this link is not one this page knows; it trains as fast as possible.');
  const pace = isPace(envelope.p) ? envelope.p : undefined;
  return {
    state: {
      config: restored.config,
      hidden: controls(envelope.h, 'hidden'),
      locked: controls(envelope.l, 'locked'),
      lanes,
      lesson,
      ...(data ? { data } : {}),
      ...(pace ? { pace } : {}),
    },
    issues,
  };
}

function formatIssue(issue: ConfigIssue): string {
  const sentence = issue.message.charAt(0).toUpperCase() + issue.message.slice(1);
  return `${sentence.length > 200 ? `${sentence.slice(0, 200)}…` : sentence}.`;
}
