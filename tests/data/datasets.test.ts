import { describe, expect, test } from 'vitest';
import {
  CLASSIFICATION_DATASETS,
  DOMAIN,
  REGRESSION_DATASETS,
  classesOf,
  featurize,
  generateDataset,
  gridPoints,
} from '../../src/core';

const spec = { points: 200, noise: 0.1, validationSplit: 0.25, seed: 7 };

describe('datasets', () => {
  test.each([...CLASSIFICATION_DATASETS])('%s: shape, balanced labels, split, determinism', (dataset) => {
    const data = generateDataset({ ...spec, dataset });
    expect(data.task).toBe('classification');
    expect(data.points).toHaveLength(400);
    expect(data.labels).toHaveLength(200);
    const classes = classesOf(dataset);
    const counts = new Array(classes).fill(0);
    for (const label of data.labels) counts[label]++;
    for (const count of counts) expect(Math.abs(count - 200 / classes)).toBeLessThanOrEqual(1);
    for (const v of data.points) expect(Math.abs(v)).toBeLessThanOrEqual(DOMAIN);
    expect(data.validationIndices).toHaveLength(50);
    expect(new Set([...data.trainIndices, ...data.validationIndices]).size).toBe(200);
    expect(generateDataset({ ...spec, dataset })).toEqual(data);
    expect(generateDataset({ ...spec, dataset, seed: 8 }).points).not.toEqual(data.points);
  });

  test('blobs has three classes', () => {
    expect(classesOf('blobs')).toBe(3);
    expect(new Set(generateDataset({ ...spec, dataset: 'blobs' }).labels).size).toBe(3);
  });

  test.each([...REGRESSION_DATASETS])('%s: real-valued targets, deterministic', (dataset) => {
    const data = generateDataset({ ...spec, dataset });
    expect(data.task).toBe('regression');
    expect(data.classes).toBe(1);
    expect(new Set(data.labels).size).toBeGreaterThan(150);
    expect(generateDataset({ ...spec, dataset })).toEqual(data);
  });

  test('noise moves points: more noise, larger spread around the noiseless spiral', () => {
    const clean = generateDataset({ ...spec, dataset: 'spiral', noise: 0 });
    const noisy = generateDataset({ ...spec, dataset: 'spiral', noise: 0.5 });
    let distance = 0;
    for (let i = 0; i < clean.points.length; i++) distance += Math.abs(clean.points[i]! - noisy.points[i]!);
    expect(distance / clean.points.length).toBeGreaterThan(0.2);
  });

  test('changing the split does not move the points', () => {
    const a = generateDataset({ ...spec, dataset: 'moons' });
    const b = generateDataset({ ...spec, dataset: 'moons', validationSplit: 0.5 });
    expect(b.points).toEqual(a.points);
    expect(b.validationIndices).toHaveLength(100);
  });

  test('features follow TensorFlow Playground', () => {
    const points = new Float32Array([3, -2]);
    const row = featurize(points, ['x1', 'x2', 'x1sq', 'x2sq', 'x1x2', 'sinx1', 'sinx2']);
    expect(Array.from(row)).toEqual(
      [3, -2, 9 / DOMAIN, 4 / DOMAIN, -6 / DOMAIN, Math.sin(3), Math.sin(-2)].map((v) => Math.fround(v)),
    );
  });

  test('the grid covers the plane row by row from the top', () => {
    const grid = gridPoints(4);
    expect(grid).toHaveLength(32);
    expect(grid[0]).toBeLessThan(0);
    expect(grid[1]).toBeGreaterThan(0);
    expect(grid[30]).toBeGreaterThan(0);
    expect(grid[31]).toBeLessThan(0);
  });
});
