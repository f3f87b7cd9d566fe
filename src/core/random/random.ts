/**
 * Seeded randomness. Every random choice in Tunelab (data, split, initial weights, shuffle order,
 * dropout masks, tuner suggestions) draws from a stream made here from an explicit seed.
 *
 * Hand-rolled on purpose: sfc32 is ~10 lines, passes PractRand, is fast in V8 (32-bit integer ops
 * only) and lets us derive independent named streams from one seed, which libraries like
 * seedrandom do not offer; tfjs' own seeded ops use a different generator per backend.
 */

/** A source of uniform numbers in [0, 1). */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** Uniform in [low, high). */
  uniform(low: number, high: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
}

/** Mixes a string into a 32-bit hash (cyrb53's 32-bit core), so stream names become seeds. */
export function hashString(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h1 ^ h2) >>> 0;
}

/**
 * A seed for one named purpose, derived from the experiment's seed: `deriveSeed(seed, 'init')`.
 * Streams with different names are independent, so adding dropout does not change the data.
 */
export function deriveSeed(seed: number, ...names: (string | number)[]): number {
  let s = seed >>> 0;
  for (const name of names) s = hashString(String(name), s);
  return s;
}

export function createRandom(seed: number): Random {
  // sfc32 state, seeded from splitmix-style scrambles of the seed so nearby seeds diverge at once.
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const nextUint = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 15; i++) nextUint();
  let spareNormal: number | null = null;
  const next = (): number => nextUint() / 4294967296;
  return {
    next,
    int: (n) => Math.floor(next() * n),
    uniform: (low, high) => low + (high - low) * next(),
    normal: () => {
      if (spareNormal !== null) {
        const value = spareNormal;
        spareNormal = null;
        return value;
      }
      let u = 0;
      while (u === 0) u = next();
      const v = next();
      const radius = Math.sqrt(-2 * Math.log(u));
      spareNormal = radius * Math.sin(2 * Math.PI * v);
      return radius * Math.cos(2 * Math.PI * v);
    },
  };
}

/** Fisher–Yates permutation of 0..n-1 into `out` (allocated if absent). */
export function permutation(random: Random, n: number, out: Int32Array = new Int32Array(n)): Int32Array {
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = random.int(i + 1);
    const tmp = out[i]!;
    out[i] = out[j]!;
    out[j] = tmp;
  }
  return out;
}
