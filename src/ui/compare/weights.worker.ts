/**
 * The final weights of a lane, for its histogram in the L1/L2 lesson. The trainer worker streams
 * metrics and boundaries but not parameters, so this worker replays the lane's run: same config,
 * same seed and the same cpu backend give the same weights, bit for bit (the engine is
 * deterministic: tests/train/population.test.ts). It runs only after a lane has ended.
 */
import * as Comlink from 'comlink';
import { PopulationTrainer, useBackend, weightValues, type ExperimentConfig } from '../../core';

const ready = useBackend('cpu');

const api = {
  async finalWeights(config: ExperimentConfig, epochs: number): Promise<Float32Array> {
    await ready;
    const trainer = new PopulationTrainer([{ ...config, epochs }]);
    try {
      while (trainer.running) await trainer.trainEpoch();
      return weightValues(await trainer.parametersOf(0), trainer.layout);
    } finally {
      trainer.dispose();
    }
  },
};

export type WeightsApi = typeof api;

Comlink.expose(api);
