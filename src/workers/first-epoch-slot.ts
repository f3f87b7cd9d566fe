/**
 * The run's first epoch, trained ahead while the page waits for Play (trainAhead in
 * trainer-endpoint.ts), kept in memory the page shares with the worker, so that a Play pressed at
 * once reads it in its own click handler.
 *
 * The worker's `ahead` message says the same, but a message waits its turn in the page's task
 * queue: a page still laying out and rendering its first screen took it 10-70 ms after the worker
 * sent it, and a press that came meanwhile waited that long for its first epoch (bench:first-epoch,
 * 2 cores, 2026-12-03). The message still comes, and still counts where there is no slot.
 *
 * Only in a cross-origin isolated page (SharedArrayBuffer). One writer, the worker, and one reader,
 * the page: the worker makes a sequence number odd while it writes and even once it is done, and
 * the page takes nothing that was written while it read (a sequence lock).
 */
import type { EpochMetrics } from '../core/train/metrics';

/** What the slot holds: which run's first epoch, after how many of the page's changes. */
export interface FirstEpochAhead {
  run: number;
  /** The `update` and `editParameter` calls the run had taken (as the `ahead` event's `changes`). */
  changes: number;
  metrics: EpochMetrics;
}

/** Every field of EpochMetrics, in the slot's order: a record, so the type keeps the list complete. */
const ORDER: Record<keyof EpochMetrics, number> = {
  epoch: 0,
  trainLoss: 1,
  validationLoss: 2,
  trainAccuracy: 3,
  validationAccuracy: 4,
  learningRate: 5,
  examplesSeen: 6,
  wallTimeMs: 7,
};
const FIELDS = (Object.keys(ORDER) as (keyof EpochMetrics)[]).sort((a, b) => ORDER[a] - ORDER[b]);

/** Int32 words: sequence, run (0: empty; runs count from 1), changes, a bit per field that is null. */
const SEQUENCE = 0;
const RUN = 1;
const CHANGES = 2;
const NULLS = 3;
const WORDS = 4;
const BYTES = WORDS * 4 + FIELDS.length * 8;

/**
 * A new slot, or null where memory cannot be shared with a worker: a page that is not cross-origin
 * isolated (`isolated`, the page's own flag unless told).
 */
export function createFirstEpochSlot(
  isolated = globalThis.crossOriginIsolated === true,
): SharedArrayBuffer | null {
  if (!isolated || typeof SharedArrayBuffer !== 'function') return null;
  return new SharedArrayBuffer(BYTES);
}

function views(slot: SharedArrayBuffer): { words: Int32Array; numbers: Float64Array } {
  return {
    words: new Int32Array(slot, 0, WORDS),
    numbers: new Float64Array(slot, WORDS * 4, FIELDS.length),
  };
}

/** The worker's side: what the slot holds from now on (null: nothing). */
export function writeFirstEpoch(slot: SharedArrayBuffer, ahead: FirstEpochAhead | null): void {
  const { words, numbers } = views(slot);
  Atomics.add(words, SEQUENCE, 1);
  if (ahead) {
    let nulls = 0;
    FIELDS.forEach((field, index) => {
      const value = ahead.metrics[field];
      if (value === null) nulls |= 1 << index;
      numbers[index] = value ?? 0;
    });
    Atomics.store(words, RUN, ahead.run);
    Atomics.store(words, CHANGES, ahead.changes);
    Atomics.store(words, NULLS, nulls);
  } else Atomics.store(words, RUN, 0);
  Atomics.add(words, SEQUENCE, 1);
}

/** The page's side: what the slot holds, or null when it is empty or being written. */
export function readFirstEpoch(slot: SharedArrayBuffer): FirstEpochAhead | null {
  const { words, numbers } = views(slot);
  const before = Atomics.load(words, SEQUENCE);
  if (before % 2 === 1) return null;
  const run = Atomics.load(words, RUN);
  const changes = Atomics.load(words, CHANGES);
  const nulls = Atomics.load(words, NULLS);
  const values = FIELDS.map((field, index) => [field, nulls & (1 << index) ? null : numbers[index]!]);
  if (run === 0 || Atomics.load(words, SEQUENCE) !== before) return null;
  return { run, changes, metrics: Object.fromEntries(values) as unknown as EpochMetrics };
}
