import type { ExperimentConfig } from '../config/parameters';

export type ScheduleSettings = Pick<
  ExperimentConfig,
  'learningRate' | 'schedule' | 'epochs' | 'warmupEpochs' | 'decayEvery' | 'decayFactor'
>;

/**
 * The learning rate in effect after `progress` epochs (fractional: 2.5 is half-way through the
 * third epoch). Updated every step, so cosine and warm-up are smooth within an epoch.
 */
export function learningRateAt(settings: ScheduleSettings, progress: number): number {
  const { learningRate } = settings;
  switch (settings.schedule) {
    case 'constant':
      return learningRate;
    case 'step':
      return learningRate * Math.pow(settings.decayFactor, Math.floor(progress / settings.decayEvery));
    case 'cosine':
      // Cosine annealing to zero over the run (Loshchilov & Hutter 2017, without restarts).
      return (
        learningRate * 0.5 * (1 + Math.cos((Math.PI * Math.min(progress, settings.epochs)) / settings.epochs))
      );
    case 'warmup':
      // Linear warm-up from ~0 (Goyal et al. 2017), then constant.
      if (settings.warmupEpochs <= 0) return learningRate;
      return learningRate * Math.min(1, progress / settings.warmupEpochs);
  }
}
