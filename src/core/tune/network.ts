/**
 * The network objective: trains real networks, a batch of trials as one population.
 */
import { groupIntoPopulations, type ExperimentConfig } from '../config/parameters';
import { formatNumber, validateConfig } from '../config/schema';
import type { EpochMetrics } from '../train/metrics';
import { PopulationTrainer } from '../train/population';
import { summarize } from '../train/run';
import type { Objective } from './objectives';
import { checkNetworkSpace, type SearchSpace } from './space';
import type { IntermediateReport, TrialResult } from './tuners';

export interface NetworkObjectiveOptions {
  /** What to minimize: the best validation loss of the run (default) or its final one. */
  metric?: 'best-validation-loss' | 'final-validation-loss';
}

/**
 * Trains the base experiment with each trial's hyperparameters. Trials that share data and
 * architecture (all of them, unless the space tunes those) train as one population; a diverged
 * trial comes back failed with the reason and the others go on.
 */
export function networkObjective(
  base: ExperimentConfig,
  space: SearchSpace,
  options: NetworkObjectiveOptions = {},
): Objective {
  checkNetworkSpace(space);
  const metric = options.metric ?? 'best-validation-loss';
  return {
    id: 'network',
    space,
    maxEpochs: base.epochs,
    async evaluate(batch, hooks = {}) {
      const results: TrialResult[] = batch.map(() => ({
        value: null,
        state: 'failed',
        message: 'not trained',
      }));
      const configs: ExperimentConfig[] = [];
      const positions: number[] = [];
      batch.forEach((suggestion, i) => {
        const candidate = { ...base, ...suggestion.params, epochs: suggestion.epochs ?? base.epochs };
        const checked = validateConfig(candidate);
        if (!checked.ok) {
          results[i] = {
            value: null,
            state: 'failed',
            epochs: 0,
            message: checked.issues.map((issue) => issue.message).join('; '),
          };
          return;
        }
        configs.push(checked.config);
        positions.push(i);
      });
      for (const group of groupIntoPopulations(configs)) {
        if (hooks.signal?.aborted) break;
        const members = group.map((k) => positions[k]!);
        const trainer = new PopulationTrainer(group.map((k) => configs[k]!));
        const histories: EpochMetrics[][] = group.map(() => []);
        const pruned = new Set<number>();
        const startedAt = Date.now();
        try {
          while (trainer.running) {
            if (hooks.signal?.aborted) {
              trainer.cancel();
              break;
            }
            const metrics = await trainer.trainEpoch();
            const reports: IntermediateReport[] = [];
            metrics.forEach((m, k) => {
              if (!m) return;
              histories[k]!.push(m);
              const number = batch[members[k]!]!.number;
              hooks.onEpoch?.(number, m.epoch, m.validationLoss);
              if (trainer.members[k]!.status === 'running') reports.push({ number, value: m.validationLoss });
            });
            if (hooks.prune && reports.length) {
              const epoch = Math.max(...metrics.map((m) => m?.epoch ?? 0));
              for (const number of hooks.prune(epoch, reports)) {
                const k = members.findIndex((position) => batch[position]!.number === number);
                if (k >= 0) {
                  trainer.cancel(k);
                  pruned.add(k);
                }
              }
            }
            await hooks.betweenEpochs?.();
          }
          trainer.members.forEach((state, k) => {
            const summary = summarize(state, histories[k]!, trainer.batchSize);
            const durationMs = Date.now() - startedAt;
            const best = summary.bestValidationLoss;
            const value = metric === 'best-validation-loss' ? best : summary.finalValidationLoss;
            const i = members[k]!;
            if (summary.status === 'diverged')
              results[i] = {
                value: null,
                state: 'failed',
                epochs: summary.epochs,
                message: `Diverged at epoch ${summary.divergedAtEpoch ?? summary.epochs}: the learning rate ${formatNumber(state.config.learningRate)} is too high.`,
                reason: {
                  code: 'diverged',
                  params: {
                    epoch: summary.divergedAtEpoch ?? summary.epochs,
                    learningRate: state.config.learningRate,
                  },
                },
                durationMs,
              };
            else if (pruned.has(k))
              results[i] = {
                value,
                state: 'pruned',
                epochs: summary.epochs,
                message: `Stopped at epoch ${summary.epochs} by successive halving.`,
                reason: { code: 'pruned', params: { epoch: summary.epochs } },
                durationMs,
              };
            else if (summary.status === 'cancelled')
              results[i] = {
                value: null,
                state: 'failed',
                epochs: summary.epochs,
                message: `Cancelled after ${summary.epochs} epochs.`,
                reason: { code: 'cancelled', params: { epochs: summary.epochs } },
                durationMs,
              };
            else
              results[i] = {
                value,
                state: value === null ? 'failed' : 'complete',
                epochs: summary.epochs,
                durationMs,
              };
          });
        } finally {
          trainer.dispose();
        }
      }
      return results;
    },
  };
}
