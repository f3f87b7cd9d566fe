/**
 * How fast a run trains on screen. `fast` trains as fast as the machine allows; the others hold the
 * worker to about that many epochs a second, so a teacher can talk over a run while it happens.
 * The pace is real: the worker trains an epoch, then waits for its slot (src/workers/*.worker.ts).
 */
export const PACES = ['fast', '30', '10', '3'] as const;
export type Pace = (typeof PACES)[number];

/** What presentation mode starts at: slow enough to narrate, fast enough to see a curve form. */
export const PRESENTATION_PACE: Pace = '10';

export function isPace(value: unknown): value is Pace {
  return typeof value === 'string' && (PACES as readonly string[]).includes(value);
}

/** Epochs a second, or null for as fast as possible. */
export function epochsPerSecond(pace: Pace): number | null {
  return pace === 'fast' ? null : Number(pace);
}

/**
 * When the next epoch may start, given when this one was due: one slot later, but never in the
 * past, so a slow epoch (a boundary drawn, a busy machine) delays the run instead of being followed
 * by a burst that catches up.
 */
export function nextSlot(due: number, now: number, perSecond: number): number {
  return Math.max(due + 1000 / perSecond, now);
}
