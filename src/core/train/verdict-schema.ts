/**
 * The check a saved or imported verdict passes (src/core/train/verdict.ts). Apart from the verdict
 * itself so that training, which only writes verdicts, does not load zod.
 */
import * as z from 'zod/mini';
import { lazySchema } from '../schema-lazy';
import { OPTIMIZERS, type OptimizerKind } from '../config/optimizers';
import type { Verdict } from './verdict';

/** A verdict as saved or imported; anything else is refused. Built on first use. */
export const verdictSchema = lazySchema((): z.ZodMiniType<Verdict> => {
  const count = z.int().check(z.nonnegative());
  const finite = z.number().check(z.refine(Number.isFinite));
  const optimizer = z.enum(OPTIMIZERS) satisfies z.ZodMiniType<OptimizerKind>;

  return z.discriminatedUnion('code', [
    z.object({
      status: z.literal('completed'),
      code: z.literal('completed'),
      params: z.object({ epochs: count }),
    }),
    z.object({
      status: z.literal('stopped-early'),
      code: z.literal('stopped-early'),
      params: z.object({ epoch: count, patience: count, bestEpoch: count }),
    }),
    z.object({
      status: z.literal('diverged'),
      code: z.literal('diverged-exploded'),
      params: z.object({ epoch: count, loss: finite, learningRate: finite, optimizer }),
    }),
    z.object({
      status: z.literal('diverged'),
      code: z.enum(['diverged-nan', 'diverged-infinite']),
      params: z.object({ epoch: count, learningRate: finite, optimizer }),
    }),
    z.object({
      status: z.literal('cancelled'),
      code: z.literal('cancelled'),
      params: z.object({ epochs: count }),
    }),
  ]);
});
