import { describe, expect, test } from 'vitest';
import {
  DEFAULT_CONFIG,
  PopulationTrainer,
  crossEntropy,
  featurize,
  tf,
  type ExperimentConfig,
} from '../../src/core';

const config: ExperimentConfig = {
  ...DEFAULT_CONFIG,
  dataset: 'circle',
  points: 150,
  hiddenLayers: [16, 16],
  epochs: 40,
  learningRate: 0.01,
};

async function trainedWeights(changes: Partial<ExperimentConfig>): Promise<number[]> {
  const trainer = new PopulationTrainer([{ ...config, ...changes }]);
  for (let i = 0; i < 40; i++) await trainer.trainEpoch();
  const parameters = await trainer.parametersOf(0);
  const weights = trainer.layout.layers.flatMap((slot) =>
    Array.from(parameters.subarray(slot.weightOffset, slot.biasOffset)),
  );
  trainer.dispose();
  return weights;
}

const norm = (w: number[]) => Math.sqrt(w.reduce((s, x) => s + x * x, 0));
const zeros = (w: number[]) => w.filter((x) => x === 0).length;

describe('regularization', () => {
  test('L1 drives many weights to exactly zero; none without it', async () => {
    const plain = await trainedWeights({});
    const l1 = await trainedWeights({ l1: 0.003 });
    expect(zeros(plain)).toBe(0);
    expect(zeros(l1)).toBeGreaterThan(plain.length * 0.2);
  });

  test('L2 shrinks weights without zeroing them', async () => {
    const plain = await trainedWeights({});
    const l2 = await trainedWeights({ l2: 0.01 });
    expect(norm(l2)).toBeLessThan(0.8 * norm(plain));
    expect(zeros(l2)).toBe(0);
  });

  test('dropout is off at evaluation: predictions are deterministic and use every unit', async () => {
    const trainer = new PopulationTrainer([{ ...config, dropout: 0.5 }]);
    await trainer.trainEpoch();
    const inputs = featurize(new Float32Array([1, 2, -3, 0.5]), config.features);
    const first = await trainer.predict(0, inputs);
    const second = await trainer.predict(0, inputs);
    expect(second).toEqual(first);
    // The same forward pass written out by hand, with no mask and no 1/(1 − p) scaling.
    const parameters = await trainer.parametersOf(0);
    const [l0, l1, l2] = trainer.layout.layers;
    const dense = (x: number[], slot: typeof l0, act: boolean) =>
      Array.from({ length: slot!.outputs }, (_, o) => {
        let z = parameters[slot!.biasOffset + o]!;
        x.forEach((xi, i) => (z += xi * parameters[slot!.weightOffset + i * slot!.outputs + o]!));
        return act ? Math.tanh(z) : z;
      });
    const logits = dense(dense(dense(Array.from(inputs.subarray(0, 2)), l0, true), l1, true), l2, false);
    const expected = Math.exp(logits[1]!) / (Math.exp(logits[0]!) + Math.exp(logits[1]!));
    expect(first[1]).toBeCloseTo(expected, 5);
    trainer.dispose();
  });

  test('label smoothing changes the loss as the formula says', () => {
    const logits = tf.tensor3d([[[2, -1, 0.5]]]);
    const targets = tf.tensor3d([[[0, 1, 0]]]);
    const epsilon = 0.2;
    const loss = crossEntropy(
      logits,
      targets,
      tf.scalar(1 - epsilon),
      tf.scalar(epsilon / 3),
    ).arraySync()[0]!;
    const logZ = Math.log(Math.exp(2) + Math.exp(-1) + Math.exp(0.5));
    const nll = [2, -1, 0.5].map((z) => logZ - z);
    expect(loss).toBeCloseTo((1 - epsilon) * nll[1]! + (epsilon / 3) * (nll[0]! + nll[1]! + nll[2]!), 5);
    expect(crossEntropy(logits, targets).arraySync()[0]).toBeCloseTo(nll[1]!, 5);
    tf.dispose([logits, targets]);
  });
});
