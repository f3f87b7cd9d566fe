/**
 * A study: one tuner, one objective, one budget. The loop asks for a batch, evaluates it together
 * (one population for the network objective), tells the results and goes on until the budget of
 * trials or epochs is spent. The command line, the page's worker and the benchmark all run this.
 */
import { bestTrial, createTuner, type Trial, type Tuner, type TunerKind, type TunerOptions } from './tuners';
import type { Objective } from './objectives';

export interface StudyOptions {
  /** Trials to run at most. */
  trials: number;
  /** Total epochs to spend at most (the fair budget when Hyperband stops trials early). */
  epochs?: number;
  /** Trials evaluated together; defaults to the tuner's preference (a swarm generation, a bracket) or 1. */
  parallel?: number;
  signal?: AbortSignal;
  /** Called once per finished trial, in order of finishing. */
  onTrial?: (trial: Trial) => void;
  onEpoch?: (trial: number, epoch: number, value: number) => void;
  /** Awaited before each batch: the page pauses a study here. */
  beforeBatch?: () => Promise<void>;
  /** Passed to the objective: awaited between the epochs of a trained trial. */
  betweenEpochs?: () => Promise<void>;
}

/**
 * The most network trials trained as one population. A member's tensors are its parameters, three
 * optimizer copies of them and its batch's activations: for the page's largest network (two layers
 * of 64 on the 64 digit features, batch 256) that is under 0.5 MB, so 128 members stay near 64 MB.
 */
export const MAX_POPULATION = 128;

/**
 * Trials of the network objective to train together, by tuner. Tuners that ignore results (random,
 * grid, quasi-random) lose nothing by asking for every trial at once, and on wasm a population's
 * throughput per member grows with its size, so they train all `trials` as one population (in
 * chunks of MAX_POPULATION). Bayesian optimization (with a constant liar) and TPE learn between
 * batches, so they ask for 4. A swarm generation and a Hyperband rung keep their own size
 * (undefined: the tuner's preference).
 */
export function networkParallel(kind: TunerKind, trials: number): number | undefined {
  const batch = NETWORK_BATCH[kind];
  return batch === 'all' ? Math.max(1, Math.min(trials, MAX_POPULATION)) : batch;
}

const NETWORK_BATCH: Record<TunerKind, 'all' | number | undefined> = {
  grid: 'all',
  random: 'all',
  'quasi-random': 'all',
  bayes: 4,
  tpe: 4,
  hyperband: undefined,
  pso: undefined,
  manual: undefined,
};

export interface StudyResult {
  trials: Trial[];
  best: Trial | null;
  epochsUsed: number;
  /** Why the study ended. */
  reason: 'budget' | 'exhausted' | 'stopped';
}

/** A tuner set up for an objective: Hyperband's budget is the objective's epochs. */
export function tunerFor(kind: TunerKind, objective: Objective, options: TunerOptions = {}): Tuner {
  return createTuner(kind, objective.space, { maxEpochs: objective.maxEpochs, ...options });
}

export async function runStudy(
  tuner: Tuner,
  objective: Objective,
  options: StudyOptions,
): Promise<StudyResult> {
  let epochsUsed = 0;
  let reason: StudyResult['reason'] = 'budget';
  const epochBudget = options.epochs ?? Infinity;
  const prunes = tuner.kind === 'hyperband';
  while (true) {
    await options.beforeBatch?.();
    if (options.signal?.aborted) {
      reason = 'stopped';
      break;
    }
    const remaining = options.trials - tuner.trials.length;
    if (remaining <= 0 || epochsUsed >= epochBudget) break;
    // Under an epoch budget, never start more full trials than the epochs left can pay for.
    const affordable = Number.isFinite(epochBudget)
      ? Math.max(1, Math.floor((epochBudget - epochsUsed) / objective.maxEpochs))
      : Infinity;
    const parallel = Math.max(1, options.parallel ?? tuner.preferredBatch);
    const batch = tuner.ask(Math.min(remaining, parallel, affordable));
    if (batch.length === 0) {
      reason = tuner.exhausted ? 'exhausted' : 'budget';
      break;
    }
    const startedAt = Date.now();
    // Each trial's curve (the validation loss after each epoch) and the time of its last epoch, for the
    // intermediate-values view and the timeline; analytic objectives report epochs only when pruned.
    const record = prunes || objective.id === 'network';
    const curves = new Map<number, [number, number][]>();
    const lastEpochAt = new Map<number, number>();
    const onEpoch = (trial: number, epoch: number, value: number) => {
      if (Number.isFinite(value)) {
        const curve = curves.get(trial) ?? [];
        curve.push([epoch, value]);
        curves.set(trial, curve);
      }
      lastEpochAt.set(trial, Date.now());
      options.onEpoch?.(trial, epoch, value);
    };
    const results = await objective.evaluate(batch, {
      prune: prunes ? (epoch, reports) => tuner.prune(epoch, reports) : undefined,
      onEpoch: record ? onEpoch : options.onEpoch,
      signal: options.signal,
      betweenEpochs: options.betweenEpochs,
    });
    const completedAt = Date.now();
    const durationMs = completedAt - startedAt;
    batch.forEach((suggestion, i) => {
      const result = results[i]!;
      const curve = curves.get(suggestion.number);
      tuner.tell(suggestion.number, {
        durationMs,
        startedAt,
        completedAt: lastEpochAt.get(suggestion.number) ?? completedAt,
        ...(curve ? { intermediate: curve } : {}),
        ...result,
      });
      epochsUsed += result.epochs ?? objective.maxEpochs;
      options.onTrial?.(tuner.trials[suggestion.number]!);
    });
  }
  return { trials: [...tuner.trials], best: bestTrial(tuner.trials), epochsUsed, reason };
}

/** The best value after each trial (null until a trial completes): the race chart's lines. */
export function bestSoFar(trials: readonly Trial[]): (number | null)[] {
  let best: number | null = null;
  return trials.map((trial) => {
    if (trial.state === 'complete' && trial.value !== null && (best === null || trial.value < best))
      best = trial.value;
    return best;
  });
}

/**
 * Simple regret: how far the best trial is above the known optimum, judged by the noise-free
 * value when the objective has one (a lucky noisy draw is not a better point).
 */
export function simpleRegret(
  trials: readonly Trial[],
  optimum: number,
  trueValue?: (params: Trial['params']) => number,
): number {
  const best = bestTrial(trials);
  if (!best) return Infinity;
  return (trueValue ? trueValue(best.params) : best.value!) - optimum;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
