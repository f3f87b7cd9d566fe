/**
 * Trains a lesson's lanes as the Compare page does (one population per shared data and
 * architecture) and returns what its claim reads. Imports the engine, so the page never loads
 * this module: its workers train, and the page evaluates the claim on what they streamed.
 */
import { groupIntoPopulations, type ExperimentConfig } from '../config/parameters';
import type { EpochMetrics } from '../train/metrics';
import { PopulationTrainer } from '../train/population';
import { summarize } from '../train/run';
import type { LaneOutcome } from './claims';
import { lessonLanes } from './lanes';
import { LESSONS, type LessonId } from './lessons';
import { countSmallWeights, weightValues } from './weights';

/** Every lane trained to its end; weights are counted only for lessons that ask about them. */
export async function trainLanes(
  configs: readonly ExperimentConfig[],
  options: { weights?: boolean; onEpoch?: (lane: number, metrics: EpochMetrics) => void } = {},
): Promise<LaneOutcome[]> {
  const outcomes: LaneOutcome[] = new Array(configs.length);
  for (const group of groupIntoPopulations(configs)) {
    const trainer = new PopulationTrainer(group.map((lane) => configs[lane]!));
    const histories: EpochMetrics[][] = group.map(() => []);
    try {
      while (trainer.running) {
        const metrics = await trainer.trainEpoch();
        metrics.forEach((m, member) => {
          if (!m) return;
          histories[member]!.push(m);
          options.onEpoch?.(group[member]!, m);
        });
      }
      for (const [member, lane] of group.entries()) {
        const outcome: LaneOutcome = {
          history: histories[member]!,
          summary: summarize(trainer.members[member]!, histories[member]!, trainer.batchSize),
        };
        if (options.weights) {
          const weights = weightValues(await trainer.parametersOf(member), trainer.layout);
          outcome.weights = { zeros: countSmallWeights(weights), total: weights.length };
        }
        outcomes[lane] = outcome;
      }
    } finally {
      trainer.dispose();
    }
  }
  return outcomes;
}

/** A lesson's lanes at another seed (every lane shares it, as on the page). */
export function lessonConfigs(id: LessonId, seed?: number): ExperimentConfig[] {
  return lessonLanes(id).map((lane) => (seed === undefined ? lane.config : { ...lane.config, seed }));
}

/** Trains a lesson at a seed on the current backend and evaluates its claim. */
export async function checkLesson(id: LessonId, seed?: number) {
  const lesson = LESSONS[id];
  const outcomes = await trainLanes(lessonConfigs(id, seed), { weights: lesson.needsWeights === true });
  return { outcomes, result: lesson.claim(outcomes) };
}
