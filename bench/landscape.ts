/**
 * The loss landscape's cost: a 41×41 grid around the default network's weights after 100 epochs,
 * timed beside one training epoch of the same network in the same run (the reference a reader can
 * carry to another machine: "the picture costs N epochs").
 */
import { DEFAULT_CONFIG } from '../src/core/config/parameters';
import { PopulationTrainer } from '../src/core/train/population';
import { computeLandscape } from '../src/core/landscape/landscape';

export interface LandscapeFigure {
  /** Median milliseconds for one 41×41 landscape, after a warm-up. */
  milliseconds: number;
  /** Median milliseconds for one training epoch of the same network. */
  epochMilliseconds: number;
  resolution: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function measureLandscape(quick: boolean): Promise<LandscapeFigure> {
  const resolution = 41;
  const trainer = new PopulationTrainer([{ ...DEFAULT_CONFIG, epochs: 1000 }]);
  try {
    const trajectory: Float32Array[] = [];
    const epochTimes: number[] = [];
    for (let epoch = 0; epoch < (quick ? 5 : 100); epoch++) {
      trajectory.push(await trainer.parametersOf(0));
      const start = performance.now();
      await trainer.trainEpoch();
      epochTimes.push(performance.now() - start);
    }
    await computeLandscape(trainer, 0, trajectory, { resolution });
    const times: number[] = [];
    for (let repeat = 0; repeat < (quick ? 1 : 3); repeat++) {
      const start = performance.now();
      await computeLandscape(trainer, 0, trajectory, { resolution });
      times.push(performance.now() - start);
    }
    return { milliseconds: median(times), epochMilliseconds: median(epochTimes.slice(-20)), resolution };
  } finally {
    trainer.dispose();
  }
}
