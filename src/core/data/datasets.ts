import { createRandom, deriveSeed, permutation, type Random } from '../random/random';
import { isClassification, type DatasetId } from '../config/parameters';

/** Points live in the square [-DOMAIN, DOMAIN]², as in TensorFlow Playground. */
export const DOMAIN = 6;

export type Task = 'classification' | 'regression';

/** A generated 2-D dataset with its train/validation split. */
export interface Dataset {
  id: DatasetId;
  task: Task;
  /** Classes for classification, 1 for regression. */
  classes: number;
  /** Raw coordinates, x1 and x2 interleaved: [x1₀, x2₀, x1₁, x2₁, …]. Empty for file datasets without a plane. */
  points: Float32Array;
  /**
   * Ready network inputs for file datasets (digits, CSV): row-major [n, width], already
   * standardized. When present the experiment's `features` do not apply.
   */
  columns?: { values: Float32Array; width: number; names: string[] };
  /** Class index (as a float) or regression target, one per point. */
  labels: Float32Array;
  trainIndices: Int32Array;
  validationIndices: Int32Array;
}

export interface DatasetSpec {
  dataset: DatasetId;
  points: number;
  noise: number;
  validationSplit: number;
  seed: number;
}

type Generator = (
  n: number,
  noise: number,
  random: Random,
  points: Float32Array,
  labels: Float32Array,
) => void;

const clampToDomain = (v: number) => Math.max(-DOMAIN, Math.min(DOMAIN, v));

function put(points: Float32Array, i: number, x1: number, x2: number) {
  points[2 * i] = clampToDomain(x1);
  points[2 * i + 1] = clampToDomain(x2);
}

// Each generator keeps the shapes of TensorFlow Playground's datasets; `noise` in [0, 1] scales a
// Gaussian jitter chosen per dataset so that 1 makes the classes overlap heavily.
const GENERATORS: Record<Exclude<DatasetId, 'digits' | 'custom'>, Generator> = {
  circle(n, noise, random, points, labels) {
    const radius = 5;
    for (let i = 0; i < n; i++) {
      const inner = i % 2 === 0;
      const r = inner ? random.uniform(0, radius * 0.5) : random.uniform(radius * 0.7, radius);
      const angle = random.uniform(0, 2 * Math.PI);
      put(
        points,
        i,
        r * Math.sin(angle) + random.normal() * noise * 1.5,
        r * Math.cos(angle) + random.normal() * noise * 1.5,
      );
      labels[i] = inner ? 1 : 0;
    }
  },
  xor(n, noise, random, points, labels) {
    const padding = 0.3;
    for (let i = 0; i < n; i++) {
      // Alternate the label so the classes stay balanced at any size; the quadrant is random.
      const positive = i % 2 === 0;
      const xSign = random.next() < 0.5 ? -1 : 1;
      const ySign = positive ? xSign : -xSign;
      const x = xSign * (padding + random.uniform(0, 5));
      const y = ySign * (padding + random.uniform(0, 5));
      labels[i] = positive ? 1 : 0;
      put(points, i, x + random.normal() * noise * 1.5, y + random.normal() * noise * 1.5);
    }
  },
  gaussian(n, noise, random, points, labels) {
    const spread = 0.6 + noise * 2.5;
    for (let i = 0; i < n; i++) {
      const positive = i % 2 === 0;
      const center = positive ? 2 : -2;
      put(points, i, center + random.normal() * spread, center + random.normal() * spread);
      labels[i] = positive ? 1 : 0;
    }
  },
  spiral(n, noise, random, points, labels) {
    const half = Math.ceil(n / 2);
    for (let i = 0; i < n; i++) {
      const arm = i % 2;
      const k = Math.floor(i / 2);
      const r = (k / half) * 5;
      const t = (1.75 * k * 2 * Math.PI) / half + arm * Math.PI;
      put(
        points,
        i,
        r * Math.sin(t) + random.normal() * noise * 1.2,
        r * Math.cos(t) + random.normal() * noise * 1.2,
      );
      labels[i] = arm;
    }
  },
  moons(n, noise, random, points, labels) {
    for (let i = 0; i < n; i++) {
      const upper = i % 2 === 0;
      const angle = random.uniform(0, Math.PI);
      const x = upper ? Math.cos(angle) : 1 - Math.cos(angle);
      const y = upper ? Math.sin(angle) : 0.5 - Math.sin(angle);
      put(
        points,
        i,
        (x - 0.5) * 4 + random.normal() * noise * 1.5,
        (y - 0.25) * 4 + random.normal() * noise * 1.5,
      );
      labels[i] = upper ? 1 : 0;
    }
  },
  blobs(n, noise, random, points, labels) {
    const spread = 0.7 + noise * 2.5;
    for (let i = 0; i < n; i++) {
      const cls = i % 3;
      const angle = (cls * 2 * Math.PI) / 3 + Math.PI / 2;
      put(
        points,
        i,
        3 * Math.cos(angle) + random.normal() * spread,
        3 * Math.sin(angle) + random.normal() * spread,
      );
      labels[i] = cls;
    }
  },
  plane(n, noise, random, points, labels) {
    for (let i = 0; i < n; i++) {
      const x = random.uniform(-DOMAIN, DOMAIN);
      const y = random.uniform(-DOMAIN, DOMAIN);
      put(points, i, x, y);
      labels[i] = (x + y) / (2 * DOMAIN) + random.normal() * noise * 0.5;
    }
  },
  wave(n, noise, random, points, labels) {
    for (let i = 0; i < n; i++) {
      const x = random.uniform(-DOMAIN, DOMAIN);
      const y = random.uniform(-DOMAIN, DOMAIN);
      put(points, i, x, y);
      labels[i] = Math.sin(x / 1.5) * Math.cos(y / 2) + random.normal() * noise * 0.5;
    }
  },
};

export function classesOf(dataset: DatasetId): number {
  if (dataset === 'digits') return 10;
  if (!isClassification(dataset)) return 1;
  return dataset === 'blobs' ? 3 : 2;
}

/**
 * Generates a dataset and its split from the seed. Points, noise and the split each draw from
 * their own stream, so changing the split does not move the points.
 */
export function generateDataset(spec: DatasetSpec): Dataset {
  if (spec.dataset === 'digits' || spec.dataset === 'custom') {
    throw new Error(
      `the ${spec.dataset} dataset comes from a file: load it and pass it to the trainer as a Dataset`,
    );
  }
  const n = spec.points;
  const points = new Float32Array(2 * n);
  const labels = new Float32Array(n);
  GENERATORS[spec.dataset](
    n,
    spec.noise,
    createRandom(deriveSeed(spec.seed, 'data', spec.dataset)),
    points,
    labels,
  );
  const order = permutation(createRandom(deriveSeed(spec.seed, 'split')), n);
  // At least one point on each side, whatever the split says.
  const validationCount = Math.min(n - 1, Math.max(1, Math.round(n * spec.validationSplit)));
  return {
    id: spec.dataset,
    task: isClassification(spec.dataset) ? 'classification' : 'regression',
    classes: classesOf(spec.dataset),
    points,
    labels,
    trainIndices: order.slice(0, n - validationCount),
    validationIndices: order.slice(n - validationCount),
  };
}
