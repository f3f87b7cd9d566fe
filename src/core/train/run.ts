import type { ExperimentConfig } from '../config/parameters';
import type { Dataset } from '../data/datasets';
import type { EpochMetrics, RunSummary } from './metrics';
import { PopulationTrainer, type MemberState } from './population';
import { summarizeRun } from './verdict';

export interface RunResult {
  config: ExperimentConfig;
  history: EpochMetrics[];
  summary: RunSummary;
}

export interface TrainOptions {
  /** Called after every epoch of every member that trained in it. */
  onEpoch?: (member: number, metrics: EpochMetrics) => void;
  /** Checked between epochs; aborting ends running members as `cancelled`. */
  signal?: AbortSignal;
  /** Awaited between epochs: the command line yields to its event loop here so a signal can land. */
  betweenEpochs?: () => Promise<void>;
  dataset?: Dataset;
}

/** A member's summary: how its run ended (see ./verdict.ts) and its last numbers. */
export function summarize(
  state: MemberState,
  history: readonly EpochMetrics[],
  batchSize: number,
): RunSummary {
  return summarizeRun(state, state.config, history, batchSize);
}

/**
 * Trains configs that share data and architecture as one population until every member has ended.
 * Never throws for a diverging member: it ends as `diverged` and the others go on.
 */
export async function trainPopulation(
  configs: readonly ExperimentConfig[],
  options: TrainOptions = {},
): Promise<RunResult[]> {
  const trainer = new PopulationTrainer(configs, options.dataset);
  const histories: EpochMetrics[][] = configs.map(() => []);
  try {
    while (trainer.running) {
      if (options.signal?.aborted) {
        trainer.cancel();
        break;
      }
      const metrics = await trainer.trainEpoch();
      metrics.forEach((m, k) => {
        if (!m) return;
        histories[k]!.push(m);
        options.onEpoch?.(k, m);
      });
      await options.betweenEpochs?.();
    }
    return trainer.members.map((state, k) => ({
      config: state.config,
      history: histories[k]!,
      summary: summarize(state, histories[k]!, trainer.batchSize),
    }));
  } finally {
    trainer.dispose();
  }
}

/** Trains one experiment: a population of one. */
export async function trainExperiment(
  config: ExperimentConfig,
  options: TrainOptions = {},
): Promise<RunResult> {
  const [result] = await trainPopulation([config], options);
  return result!;
}
