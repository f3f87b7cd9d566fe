import { describe, expect, test } from 'vitest';
import { DEFAULT_CONFIG, trainExperiment, type ExperimentConfig } from '../../src/core';
import { decodeDigitsFile, digitsDataset, exampleImage, mistakes } from '../../src/core/userdata/digits';
import { PopulationTrainer } from '../../src/core';
import { readDigitsFile } from '../../src/core/userdata/node';

const images = readDigitsFile();

describe('the digits file', () => {
  test('holds the 1,797 scikit-learn digits, 10 classes, pixels in [0, 1]', () => {
    expect(images.count).toBe(1797);
    expect(images.width * images.height).toBe(64);
    const perClass = new Array<number>(10).fill(0);
    for (const label of images.labels) perClass[label]!++;
    expect(perClass).toEqual([178, 182, 177, 183, 181, 182, 181, 179, 174, 180]);
    expect(Math.min(...images.pixels)).toBe(0);
    expect(Math.max(...images.pixels)).toBe(1);
    // sklearn's load_digits().data[0], a zero, divided by 16.
    const first = [0, 0, 5, 13, 9, 1, 0, 0, 0, 0, 13, 15, 10, 15, 5, 0];
    expect(Array.from(images.pixels.subarray(0, 16), (v) => Math.round(v * 16))).toEqual(first);
    expect(images.labels[0]).toBe(0);
  });

  test('refuses a file that is not the digits, or is cut short, with a message', () => {
    expect(() => decodeDigitsFile({ hello: 1 })).toThrow(/not a Tunelab digits file/);
    const damaged = {
      format: 'tunelab-digits',
      version: 1,
      width: 8,
      height: 8,
      count: 2,
      classes: 10,
      maxValue: 16,
      alphabet: '0123456789abcdefg',
      labels: '01',
      pixels: '0'.repeat(64),
    };
    expect(() => decodeDigitsFile(damaged)).toThrow(/damaged: it announces 2 images/);
  });
});

describe('the digits dataset', () => {
  const settings = { points: 300, validationSplit: 0.5, seed: 7 };

  test('takes the asked number of images and splits them by the seed', () => {
    const dataset = digitsDataset(images, settings);
    expect(dataset.task).toBe('classification');
    expect(dataset.classes).toBe(10);
    expect(dataset.columns!.width).toBe(64);
    expect(dataset.labels.length).toBe(300);
    expect(dataset.trainIndices.length).toBe(150);
    expect(dataset.validationIndices.length).toBe(150);
    const all = new Set([...dataset.trainIndices, ...dataset.validationIndices]);
    expect(all.size).toBe(300);
    expect(digitsDataset(images, settings)).toEqual(dataset);
    expect(digitsDataset(images, { ...settings, seed: 8 }).labels).not.toEqual(dataset.labels);
  });

  test('the same seed picks the same images whatever the split', () => {
    const a = digitsDataset(images, settings);
    const b = digitsDataset(images, { ...settings, validationSplit: 0.2 });
    expect(b.labels).toEqual(a.labels);
    expect(b.trainIndices.length).toBe(240);
  });

  test('asks for more images than exist and gets all 1,797', () => {
    expect(digitsDataset(images, { ...settings, points: 2000 }).labels.length).toBe(1797);
  });

  test('an image keeps its pixels and label through the shuffle', () => {
    const dataset = digitsDataset(images, settings);
    const pixels = exampleImage(dataset, 0);
    // Find the source image with identical pixels; it must carry the same label.
    let found = -1;
    for (let i = 0; i < images.count && found < 0; i++) {
      if (images.pixels.subarray(i * 64, i * 64 + 64).every((v, j) => v === pixels[j])) found = i;
    }
    expect(found).toBeGreaterThanOrEqual(0);
    expect(images.labels[found]).toBe(dataset.labels[0]);
  });

  test('150 training images and a wide network overfit: perfect on training, a clear gap on validation', async () => {
    const config: ExperimentConfig = {
      ...DEFAULT_CONFIG,
      dataset: 'digits',
      ...settings,
      hiddenLayers: [64, 64],
      activation: 'relu',
      optimizer: 'adam',
      learningRate: 0.01,
      batchSize: 16,
      epochs: 60,
    };
    const result = await trainExperiment(config, { dataset: digitsDataset(images, config) });
    const last = result.history.at(-1)!;
    expect(last.trainAccuracy).toBe(1);
    expect(last.validationAccuracy!).toBeLessThan(0.97);
    expect(last.validationLoss).toBeGreaterThan(5 * last.trainLoss);
    // Still a real classifier, far above the 10 % of guessing.
    expect(last.validationAccuracy!).toBeGreaterThan(0.7);
  });

  test('the mistakes are the validation images whose most probable class is wrong, most confident first', async () => {
    const config: ExperimentConfig = {
      ...DEFAULT_CONFIG,
      dataset: 'digits',
      ...settings,
      hiddenLayers: [16],
      activation: 'relu',
      epochs: 3,
    };
    const dataset = digitsDataset(images, config);
    const trainer = new PopulationTrainer([config], dataset);
    try {
      let metrics = null;
      for (let epoch = 0; epoch < 3; epoch++) [metrics] = await trainer.trainEpoch();
      const probabilities = await trainer.predict(0, dataset.columns!.values);
      const wrong = mistakes(dataset, probabilities);
      // As many mistakes as the validation accuracy says.
      expect(wrong.length).toBe(
        Math.round((1 - metrics!.validationAccuracy!) * dataset.validationIndices.length),
      );
      expect(wrong.every((m) => m.predicted !== m.label && dataset.labels[m.index] === m.label)).toBe(true);
      expect(wrong.every((m, i) => i === 0 || wrong[i - 1]!.confidence >= m.confidence)).toBe(true);
      const validation = new Set(dataset.validationIndices);
      expect(wrong.every((m) => validation.has(m.index))).toBe(true);
    } finally {
      trainer.dispose();
    }
  });
});
