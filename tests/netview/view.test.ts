import { afterAll, describe, expect, test } from 'vitest';
import { DEFAULT_CONFIG, type ExperimentConfig } from '../../src/core/config/parameters';
import { featurize, gridPoints } from '../../src/core/data/features';
import { networkLayout } from '../../src/core/model/network';
import {
  biasIndex,
  DEAD_CODES,
  directActivations,
  incomingWeights,
  lineStyle,
  nodeBehaviour,
  nodeOffsets,
  parameterAt,
  unitBehaviour,
  visibleUnits,
  weightIndex,
} from '../../src/core/netview/view';
import { PopulationTrainer } from '../../src/core/train/population';
import { useBackend } from '../../src/core/tf';

const config: ExperimentConfig = {
  ...DEFAULT_CONFIG,
  dataset: 'circle',
  points: 120,
  features: ['x1', 'x2', 'x1sq'],
  hiddenLayers: [4, 3],
  epochs: 3,
};

describe('the network view computed by the engine', () => {
  const trainers: PopulationTrainer[] = [];
  afterAll(async () => {
    trainers.forEach((t) => t.dispose());
    await useBackend('cpu');
  });

  for (const [backend, activation] of [
    ['cpu', 'tanh'],
    ['wasm', 'relu'],
  ] as const) {
    test(`every neuron over the grid equals a direct forward pass (${backend}, ${activation})`, async () => {
      await useBackend(backend);
      const first = { ...config, activation };
      const trainer = new PopulationTrainer([first, { ...first, learningRate: 0.3, optimizer: 'sgd' }]);
      trainers.push(trainer);
      await trainer.trainEpoch();
      const grid = featurize(gridPoints(6), config.features);
      for (const member of [0, 1]) {
        const batched = await trainer.activationsOf(member, grid);
        const direct = directActivations(
          trainer.layout,
          trainer.members[member]!.config.activation,
          await trainer.parametersOf(member),
          grid,
          true,
        );
        expect(batched.length).toBe(36 * (3 + 4 + 3 + 2));
        batched.forEach((value, i) => expect(value).toBeCloseTo(direct[i]!, 4));
        // The output columns are the boundary's own probabilities.
        const predicted = await trainer.predict(member, grid);
        const { offsets, total } = nodeOffsets(trainer.layout.sizes);
        for (let cell = 0; cell < 36; cell++)
          for (let c = 0; c < 2; c++)
            expect(batched[cell * total + offsets[3]! + c]).toBeCloseTo(predicted[cell * 2 + c]!, 5);
      }
    });
  }

  test('an edited parameter is the one the network uses, and the other member keeps its own', async () => {
    await useBackend('cpu');
    const trainer = new PopulationTrainer([config, { ...config, learningRate: 0.1 }]);
    trainers.push(trainer);
    const other = await trainer.parametersOf(1);
    const index = weightIndex(trainer.layout, 1, 2, 1);
    expect(await trainer.setParameter(0, index, -2.5)).toBe(true);
    expect((await trainer.parametersOf(0))[index]).toBe(-2.5);
    expect(await trainer.parametersOf(1)).toEqual(other);
    expect(await trainer.setParameter(0, trainer.layout.parameterCount, 1)).toBe(false);
    expect(await trainer.setParameter(0, 0, Number.NaN)).toBe(false);
    // Training goes on from the edit.
    const metrics = await trainer.trainEpoch();
    expect(metrics[0]?.epoch).toBe(1);
  });
});

describe('reading the network', () => {
  const layout = networkLayout(2, [4, 3], 2);

  test('weight and bias indices address the flat layout', () => {
    expect(weightIndex(layout, 0, 0, 0)).toBe(0);
    expect(weightIndex(layout, 0, 1, 3)).toBe(7);
    expect(biasIndex(layout, 0, 2)).toBe(10);
    expect(weightIndex(layout, 1, 0, 0)).toBe(12);
    expect(() => weightIndex(layout, 0, 2, 0)).toThrow(RangeError);
    expect(parameterAt(layout, weightIndex(layout, 1, 3, 2))).toEqual({
      kind: 'weight',
      layer: 1,
      from: 3,
      to: 2,
    });
    expect(parameterAt(layout, biasIndex(layout, 2, 1))).toEqual({ kind: 'bias', layer: 2, unit: 1 });
    expect(parameterAt(layout, layout.parameterCount)).toBeNull();
    // The direct pass and the indices agree: a weight set to zero cuts that path.
    const parameters = new Float32Array(layout.parameterCount);
    parameters[weightIndex(layout, 0, 1, 2)] = 2;
    parameters[biasIndex(layout, 0, 2)] = 0.5;
    const values = directActivations(layout, 'linear', parameters, Float32Array.of(3, 5), false);
    expect(values[2 + 2]).toBeCloseTo(10.5);
    expect(values[2 + 0]).toBe(0);
  });

  test('a ReLU that is 0 on all the data is dead; one that fires once is not', () => {
    const rows = 5;
    const values = Float32Array.of(0, 0, 0, 0, 0);
    expect(unitBehaviour(values, rows, 1, 0, 'relu')).toEqual({ mean: 0, dead: 'zero' });
    values[3] = 0.2;
    expect(unitBehaviour(values, rows, 1, 0, 'relu').dead).toBeNull();
  });

  test('a tanh pinned at ±1 on nearly all the data is saturated', () => {
    const values = new Float32Array(100).fill(0.999);
    values.fill(-0.995, 0, 40);
    expect(unitBehaviour(values, 100, 1, 0, 'tanh').dead).toBe('saturated');
    values.fill(0.3, 0, 10);
    expect(unitBehaviour(values, 100, 1, 0, 'tanh').dead).toBeNull();
    expect(unitBehaviour(new Float32Array(10).fill(0.995), 10, 1, 0, 'sigmoid').dead).toBe('saturated');
    // A ReLU can't saturate, and a linear unit is never dead.
    expect(unitBehaviour(new Float32Array(10).fill(5), 10, 1, 0, 'relu').dead).toBeNull();
  });

  test('only hidden units are marked, with their means', () => {
    const sizes = [1, 2, 1];
    // Two rows of [input, h0, h1, output]: h0 is a dead ReLU, h1 fires.
    const values = Float32Array.of(-1, 0, 1, 0, 1, 0, 3, 0);
    const { mean, dead } = nodeBehaviour(values, 2, sizes, 'relu');
    expect(Array.from(mean)).toEqual([0, 0, 2, 0]);
    expect(Array.from(dead, (d) => DEAD_CODES[d])).toEqual([null, 'zero', null, null]);
  });

  test('a wide layer shows its most active units in their own order', () => {
    expect(visibleUnits([0.1, -0.9, 0.2, 0.5], 8)).toEqual([0, 1, 2, 3]);
    expect(visibleUnits([0.1, -0.9, 0.2, 0.5], 2)).toEqual([1, 3]);
  });

  test('lines: colour by sign, width and opacity by |w|', () => {
    const strong = lineStyle(-2, 2);
    const weak = lineStyle(0.2, 2);
    expect(strong.positive).toBe(false);
    expect(weak.positive).toBe(true);
    expect(strong.width).toBeGreaterThan(weak.width);
    expect(strong.opacity).toBeGreaterThan(weak.opacity);
    expect(lineStyle(Number.NaN, 1).width).toBeGreaterThan(0);
  });

  test("a first-layer unit's incoming weights are its image", () => {
    const digits = networkLayout(64, [5], 10);
    const parameters = new Float32Array(digits.parameterCount);
    for (let pixel = 0; pixel < 64; pixel++) parameters[weightIndex(digits, 0, pixel, 3)] = pixel;
    expect(Array.from(incomingWeights(parameters, digits, 3))).toEqual(
      Array.from({ length: 64 }, (_, i) => i),
    );
  });
});
