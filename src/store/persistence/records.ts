import * as z from 'zod/mini';
// Not the core index: that would pull TensorFlow.js into the page's main thread.
import type { ExperimentConfig } from '../../core/config/parameters';
import { restoreConfig } from '../../core/config/schema';
import type { EpochMetrics, FinalStatus, RunSummary } from '../../core/train/metrics';
import { restoreSummary } from '../../core/train/verdict';
import { lazySchema } from '../../core/schema-lazy';
import { verdictSchema } from '../../core/train/verdict-schema';
import type { DataNote } from '../../core/export/experiment';
import { MAX_NAME_CHARACTERS } from '../../core/export/names';

/**
 * The shapes of saved values, their version, and the migrations from older versions. Every value
 * is checked on load: a damaged one is left out (and counted), never crashes the page; configs go
 * through `restoreConfig`, the same validator share links use.
 *
 * Version history:
 *   1 — the first saved runs: `date` as an ISO string, no name, no pin, no sparkline.
 *   2 — `createdAt` in milliseconds, `name`, `pinned`, `sparkline`, `data`.
 */
export const RECORD_VERSION = 2;

/** A finished run in the history. */
export interface RunRecord {
  id: string;
  name: string;
  pinned: boolean;
  /** Milliseconds since 1970 (Date.now()). */
  createdAt: number;
  config: ExperimentConfig;
  status: FinalStatus;
  summary: RunSummary | null;
  /** Every epoch's metrics, so a reopened run shows the very same curves. */
  history: EpochMetrics[];
  /** Validation loss at up to SPARKLINE_POINTS evenly spaced epochs, for the list. */
  sparkline: number[];
  /** The user's CSV the run trained on, so reopening can ask for it again. */
  data: DataNote | null;
  /**
   * A comparison from the Compare page, saved as one entry: every lane with its name and curves.
   * The entry's own config is the comparison's base; its curves are the first lane's.
   */
  comparison: SavedComparison | null;
}

export interface SavedLane {
  name: string;
  config: ExperimentConfig;
  status: FinalStatus;
  summary: RunSummary | null;
  history: EpochMetrics[];
}

export interface SavedComparison {
  lessonId: string | null;
  lanes: SavedLane[];
}

/** A saved document: the current experiment, comparison lanes, a tuner study. */
export interface DocumentRecord {
  v: number;
  kind: string;
  savedAt: number;
  value: unknown;
}

export const SPARKLINE_POINTS = 40;

export function sparklineOf(history: readonly EpochMetrics[]): number[] {
  if (history.length <= SPARKLINE_POINTS) return history.map((m) => m.validationLoss);
  const out: number[] = [];
  for (let i = 0; i < SPARKLINE_POINTS; i++)
    out.push(history[Math.round((i * (history.length - 1)) / (SPARKLINE_POINTS - 1))]!.validationLoss);
  return out;
}

export function defaultRunName(config: ExperimentConfig): string {
  const layers = config.hiddenLayers.length > 0 ? config.hiddenLayers.join('-') : 'linear';
  return `${config.dataset} · ${layers} ${config.activation} · ${config.optimizer} ${config.learningRate}`;
}

/** The stored forms, built on the first load rather than at import, which is on the page's startup path. */
function buildSchemas() {
  // IndexedDB keeps NaN and ±Infinity as they are, and a diverged run produces them: a schema that
  // refused them would turn every diverged run into a "damaged" one that disappears on reload.
  const number = z.union([z.number(), z.nan(), z.literal(Infinity), z.literal(-Infinity)]);
  const nullableNumber = z.nullable(number);
  const epochSchema = z.object({
    epoch: number,
    trainLoss: number,
    validationLoss: number,
    trainAccuracy: nullableNumber,
    validationAccuracy: nullableNumber,
    learningRate: number,
    examplesSeen: number,
    wallTimeMs: number,
  });
  const statusSchema = z.enum(['completed', 'stopped-early', 'diverged', 'cancelled']);
  const summarySchema = z.object({
    status: statusSchema,
    epochs: number,
    bestEpoch: nullableNumber,
    bestValidationLoss: nullableNumber,
    finalTrainLoss: nullableNumber,
    finalValidationLoss: nullableNumber,
    finalTrainAccuracy: nullableNumber,
    finalValidationAccuracy: nullableNumber,
    divergedAtEpoch: nullableNumber,
    effectiveBatchSize: number,
    wallTimeMs: number,
    // Summaries saved before verdicts held an English sentence; restoreSummary rebuilds their verdict.
    message: z.optional(z.string()),
    verdict: z.optional(verdictSchema()),
  });
  const dataNoteSchema = z.object({
    fileName: z.string(),
    features: z.array(z.string()),
    label: z.string(),
    task: z.enum(['classification', 'regression']),
    rows: number,
  });

  const laneSchema = z.object({
    name: z.pipe(
      z.string(),
      z.transform((name: string) => name.slice(0, MAX_NAME_CHARACTERS)),
    ),
    config: z.unknown(),
    status: statusSchema,
    summary: z.nullable(summarySchema),
    history: z.array(epochSchema),
  });
  // Optional, so entries saved before comparisons were kept need no migration.
  const comparisonSchema = z.optional(
    z.nullable(
      z.object({ lessonId: z.nullable(z.string()), lanes: z.array(laneSchema).check(z.maxLength(8)) }),
    ),
  );

  const runV1 = z.object({
    v: z.literal(1),
    id: z.string(),
    config: z.unknown(),
    status: statusSchema,
    summary: z.nullable(summarySchema),
    history: z.array(epochSchema),
    date: z.string(),
  });
  const runV2 = z.object({
    v: z.literal(2),
    id: z.string(),
    // Cut, not refused: a longer name (from an older limit) must not make a run disappear.
    name: z.pipe(
      z.string(),
      z.transform((name: string) => name.slice(0, MAX_NAME_CHARACTERS)),
    ),
    pinned: z.boolean(),
    createdAt: number,
    config: z.unknown(),
    status: statusSchema,
    summary: z.nullable(summarySchema),
    history: z.array(epochSchema),
    sparkline: z.array(number),
    data: z.nullable(dataNoteSchema),
    comparison: comparisonSchema,
  });
  const documentSchema = z.object({
    v: z.int(),
    kind: z.string(),
    savedAt: number,
    value: z.unknown(),
  });
  return { runV1, runV2, documentSchema, runs: { 1: runV1, 2: runV2 } as Record<number, z.ZodMiniType> };
}
const schemas = lazySchema(buildSchemas);
type Schemas = ReturnType<typeof buildSchemas>;
type RunV1 = z.infer<Schemas['runV1']>;
type RunV2 = z.infer<Schemas['runV2']>;

/** Each migration takes a value of version n to version n + 1. */
const RUN_MIGRATIONS: Record<number, (value: unknown) => unknown> = {
  1: (value) => {
    const old = value as RunV1;
    const restored = restoreConfig(old.config).config;
    const createdAt = Date.parse(old.date);
    return {
      v: 2,
      id: old.id,
      name: defaultRunName(restored),
      pinned: false,
      createdAt: Number.isFinite(createdAt) ? createdAt : 0,
      config: old.config,
      status: old.status,
      summary: old.summary,
      history: old.history,
      sparkline: sparklineOf(old.history),
      data: null,
      comparison: null,
    } satisfies RunV2;
  },
};

export type Loaded<T> = { ok: true; value: T; migrated: boolean } | { ok: false; reason: string };

/** A stored run, checked and brought to the current version; or why it could not be. */
export function loadRun(stored: unknown): Loaded<RunRecord> {
  const version = (stored as { v?: unknown } | null)?.v;
  if (typeof version !== 'number' || !(version in schemas().runs)) {
    return {
      ok: false,
      reason:
        typeof version === 'number' && version > RECORD_VERSION
          ? `saved by a newer Tunelab (version ${version})`
          : 'not a saved run',
    };
  }
  let value: unknown = stored;
  for (let v = version; v < RECORD_VERSION; v++) {
    const checked = schemas().runs[v]!.safeParse(value);
    if (!checked.success) return { ok: false, reason: `damaged (version ${v})` };
    value = RUN_MIGRATIONS[v]!(checked.data);
  }
  const checked = schemas().runV2.safeParse(value);
  if (!checked.success) return { ok: false, reason: 'damaged' };
  const run = checked.data;
  const config = restoreConfig(run.config).config;
  return {
    ok: true,
    migrated: version !== RECORD_VERSION,
    value: {
      id: run.id,
      name: run.name,
      pinned: run.pinned,
      createdAt: run.createdAt,
      config,
      status: run.status as FinalStatus,
      summary: run.summary && restoreSummary(run.summary, config),
      history: run.history as EpochMetrics[],
      sparkline: run.sparkline,
      data: run.data,
      comparison: run.comparison
        ? {
            lessonId: run.comparison.lessonId,
            lanes: run.comparison.lanes.map((lane) => ({
              name: lane.name,
              config: restoreConfig(lane.config).config,
              status: lane.status as FinalStatus,
              summary: lane.summary as RunSummary | null,
              history: lane.history as EpochMetrics[],
            })),
          }
        : null,
    },
  };
}

/** The stored form of a run (current version). */
export function storedRun(run: RunRecord): RunV2 {
  return { v: RECORD_VERSION as 2, ...run };
}

export function loadDocument(stored: unknown): Loaded<DocumentRecord> {
  const checked = schemas().documentSchema.safeParse(stored);
  if (!checked.success) return { ok: false, reason: 'damaged' };
  if (checked.data.v > RECORD_VERSION)
    return { ok: false, reason: `saved by a newer Tunelab (version ${checked.data.v})` };
  // Documents hold values whose own formats carry versions (share links, studies), so their
  // envelope has needed no migration yet.
  return { ok: true, value: checked.data, migrated: false };
}
