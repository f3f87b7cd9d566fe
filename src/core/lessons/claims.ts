/**
 * A lesson's claim as data: a predicate over the lanes a lesson just trained, the numbers it
 * looked at, and the pieces of a sentence that say those numbers (codes and parameters; the page
 * renders them in each language). Pure: the page, the command line and the tests run the same
 * predicate on the same kind of input.
 */
import type { EpochMetrics, RunSummary } from '../train/metrics';

/** What a finished lane left behind: its curves, its summary and, where a lesson needs them, its weights. */
export interface LaneOutcome {
  history: readonly EpochMetrics[];
  summary: Pick<
    RunSummary,
    | 'status'
    | 'epochs'
    | 'bestEpoch'
    | 'bestValidationLoss'
    | 'finalTrainLoss'
    | 'finalValidationLoss'
    | 'finalValidationAccuracy'
    | 'divergedAtEpoch'
  >;
  /** Weights with |w| < 1e-3, out of all weights (biases left out); only the L1/L2 lesson asks. */
  weights?: { zeros: number; total: number };
}

/**
 * One piece of the "what happened" sentence. `lane` is the lane's index in the lesson, so the
 * page names it in the reader's language; fractions are 0–1, losses raw.
 */
export type ClaimPart =
  | { code: 'accuracy'; params: { lane: number; value: number } }
  | { code: 'train-loss'; params: { lane: number; value: number } }
  | { code: 'validation-loss'; params: { lane: number; value: number } }
  | { code: 'diverged'; params: { lane: number; epoch: number } }
  | { code: 'stopped-early'; params: { lane: number; epoch: number; bestEpoch: number } }
  | { code: 'ran-all'; params: { lane: number; epochs: number } }
  | { code: 'overfit'; params: { lane: number; lowest: number; epoch: number; final: number } }
  | { code: 'jumps'; params: { lane: number; count: number; final: number } }
  | { code: 'zero-weights'; params: { lane: number; zeros: number; total: number } }
  | { code: 'missing'; params: { lane: number } };

export type ClaimPartCode = ClaimPart['code'];

export interface ClaimResult {
  holds: boolean;
  /** The numbers the predicate decided on, by name (null where a lane has no such number). */
  evidence: Record<string, number | string | null>;
  parts: ClaimPart[];
}

/** The claim of a lesson: evaluated on the lanes in the lesson's order. */
export type Claim = (lanes: readonly (LaneOutcome | undefined)[]) => ClaimResult;

/** The line the command line prints last: `{"claim":"<id>","holds":…,"evidence":{…}}`. */
export function claimLine(
  id: string,
  result: ClaimResult,
): { claim: string; holds: boolean; evidence: ClaimResult['evidence'] } {
  return { claim: id, holds: result.holds, evidence: result.evidence };
}

// Small readers shared by the claims: each returns null when the lane has no such number.

export const finalTrainLoss = (lane: LaneOutcome | undefined): number | null =>
  lane?.summary.finalTrainLoss ?? null;
export const finalValidationLoss = (lane: LaneOutcome | undefined): number | null =>
  lane?.summary.finalValidationLoss ?? null;
export const finalAccuracy = (lane: LaneOutcome | undefined): number | null =>
  lane?.summary.finalValidationAccuracy ?? null;

/** The lowest validation loss and its epoch, over the whole history. */
export function lowestValidation(lane: LaneOutcome | undefined): { value: number; epoch: number } | null {
  let best: { value: number; epoch: number } | null = null;
  for (const m of lane?.history ?? [])
    if (Number.isFinite(m.validationLoss) && (best === null || m.validationLoss < best.value))
      best = { value: m.validationLoss, epoch: m.epoch };
  return best;
}

/** A number rounded for evidence: 4 significant digits, so JSON lines stay readable. */
export const round = (value: number | null | undefined): number | null =>
  value === null || value === undefined || !Number.isFinite(value) ? null : Number(value.toPrecision(4));

/** The sentence part that says how a lane ended, in the numbers that matter for its status. */
export function endPart(index: number, lane: LaneOutcome | undefined): ClaimPart {
  if (!lane) return { code: 'missing', params: { lane: index } };
  const s = lane.summary;
  if (s.status === 'diverged')
    return { code: 'diverged', params: { lane: index, epoch: s.divergedAtEpoch ?? s.epochs } };
  if (s.status === 'stopped-early')
    return { code: 'stopped-early', params: { lane: index, epoch: s.epochs, bestEpoch: s.bestEpoch ?? 0 } };
  return { code: 'ran-all', params: { lane: index, epochs: s.epochs } };
}

export function accuracyPart(index: number, lane: LaneOutcome | undefined): ClaimPart {
  const value = finalAccuracy(lane);
  if (value === null || lane?.summary.status === 'diverged') return endPart(index, lane);
  return { code: 'accuracy', params: { lane: index, value } };
}

export function trainLossPart(index: number, lane: LaneOutcome | undefined): ClaimPart {
  const value = finalTrainLoss(lane);
  if (value === null || lane?.summary.status === 'diverged') return endPart(index, lane);
  return { code: 'train-loss', params: { lane: index, value } };
}

export function validationLossPart(index: number, lane: LaneOutcome | undefined): ClaimPart {
  const value = finalValidationLoss(lane);
  if (value === null || lane?.summary.status === 'diverged') return endPart(index, lane);
  return { code: 'validation-loss', params: { lane: index, value } };
}

/** `a < b` that is false when either side is missing. */
export const below = (a: number | null | undefined, b: number | null | undefined): boolean =>
  a !== null && a !== undefined && b !== null && b !== undefined && a < b;

/** How often the training loss rose by half or more from one epoch to the next: overshooting. */
export function jumps(lane: LaneOutcome | undefined): number {
  const losses = (lane?.history ?? []).map((m) => m.trainLoss);
  let count = 0;
  for (let i = 1; i < losses.length; i++) if (losses[i]! > 1.5 * losses[i - 1]!) count += 1;
  return count;
}
