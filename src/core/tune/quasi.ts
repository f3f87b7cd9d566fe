/**
 * Scrambled Halton points: a low-discrepancy sequence that fills the unit cube more evenly than
 * independent uniform draws, which is why the Deep Learning Tuning Playbook recommends
 * quasi-random search for the exploration phase. Random digit permutations (Braaten & Weller
 * 1979; Owen's scrambling, simplified to one permutation per dimension and digit position) break
 * the correlations plain Halton shows between high dimensions.
 */
import { createRandom, deriveSeed, permutation } from '../random/random';

const PRIMES = [
  2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97, 101, 103,
  107, 109, 113,
];

export class ScrambledHalton {
  private readonly permutations: Int32Array[][];
  private readonly digits: number[];
  private index = 0;

  constructor(
    readonly dimensions: number,
    seed: number,
  ) {
    if (dimensions > PRIMES.length)
      throw new Error(`scrambled Halton supports up to ${PRIMES.length} dimensions`);
    const random = createRandom(deriveSeed(seed, 'halton'));
    this.permutations = [];
    this.digits = [];
    for (let d = 0; d < dimensions; d++) {
      const base = PRIMES[d]!;
      // Enough digits that the last one is below double precision.
      const digits = Math.ceil(52 / Math.log2(base));
      this.digits.push(digits);
      this.permutations.push(Array.from({ length: digits }, () => permutation(random, base)));
    }
  }

  /** The point at a given index of the sequence. */
  point(index: number): number[] {
    const out: number[] = [];
    for (let d = 0; d < this.dimensions; d++) {
      const base = PRIMES[d]!;
      let remaining = index;
      let scale = 1 / base;
      let value = 0;
      for (let k = 0; k < this.digits[d]!; k++) {
        const digit = remaining % base;
        remaining = Math.floor(remaining / base);
        // Trailing zeros are permuted too, so the point is a random point of its cell, not its corner.
        value += this.permutations[d]![k]![digit]! * scale;
        scale /= base;
      }
      out.push(Math.min(value, 1 - Number.EPSILON));
    }
    return out;
  }

  next(): number[] {
    return this.point(this.index++);
  }
}

/**
 * The L2-star discrepancy of points in [0, 1]^d by Warnock's closed form: how far the fraction of
 * points in boxes [0, x) strays from the boxes' volume, on average over x. Lower is more even.
 */
export function l2StarDiscrepancy(points: readonly (readonly number[])[]): number {
  const n = points.length;
  const d = points[0]?.length ?? 0;
  let single = 0;
  for (const p of points) {
    let product = 1;
    for (const x of p) product *= 1 - x * x;
    single += product;
  }
  let pairs = 0;
  for (const p of points) {
    for (const q of points) {
      let product = 1;
      for (let k = 0; k < d; k++) product *= 1 - Math.max(p[k]!, q[k]!);
      pairs += product;
    }
  }
  const squared = 3 ** -d - (2 ** (1 - d) / n) * single + pairs / (n * n);
  return Math.sqrt(Math.max(0, squared));
}
