/**
 * Acquisition functions for minimization: how much a point is worth evaluating next, given the
 * posterior mean and standard deviation there and the best value seen so far. Larger is better.
 */

const SQRT2 = Math.SQRT2;
const SQRT_PI = Math.sqrt(Math.PI);

/**
 * erfc to double precision: a positive series for small |x| (no cancellation), a Lentz continued
 * fraction for the tails. Hand-rolled because JavaScript has no erf, and the short polynomial
 * approximations (1e-7) are too coarse for improvement probabilities of 1e-12.
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 3) {
    // erf(x) = 2/√π · e^{−x²} · Σ 2ⁿ x^{2n+1} / (1·3·…·(2n+1)).
    let term = x;
    let sum = x;
    for (let n = 1; n < 200; n++) {
      term *= (2 * x * x) / (2 * n + 1);
      sum += term;
      if (term < 1e-17 * sum) break;
    }
    return 1 - (2 / SQRT_PI) * Math.exp(-x * x) * sum;
  }
  // erfc(x) = e^{−x²}/√π · 1/(x + 1/2/(x + 1/(x + 3/2/(x + …)))), evaluated by modified Lentz.
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 500; n++) {
    const a = n / 2;
    d = x + a * d;
    d = d === 0 ? tiny : 1 / d;
    c = x + a / c;
    if (c === 0) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / SQRT_PI / f;
}

export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / SQRT2);
}

export function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
}

/**
 * Expected Improvement below `best` (Jones, Schonlau & Welch 1998):
 * EI = (best − μ − ξ) Φ(z) + σ φ(z), z = (best − μ − ξ) / σ.
 */
export function expectedImprovement(mean: number, std: number, best: number, xi = 0): number {
  const improvement = best - mean - xi;
  if (!(std > 0)) return Math.max(0, improvement);
  const z = improvement / std;
  return improvement * normalCdf(z) + std * normalPdf(z);
}

/** Probability of Improvement: P(f < best − ξ). */
export function probabilityOfImprovement(mean: number, std: number, best: number, xi = 0): number {
  const improvement = best - mean - xi;
  if (!(std > 0)) return improvement > 0 ? 1 : 0;
  return normalCdf(improvement / std);
}

/** Lower confidence bound μ − κσ (Srinivas et al. 2010), negated so that larger is better like the others. */
export function lowerConfidenceBound(mean: number, std: number, kappa = 2): number {
  return -(mean - kappa * std);
}

export type AcquisitionKind = 'ei' | 'pi' | 'lcb';

export const ACQUISITION_KINDS: readonly AcquisitionKind[] = ['ei', 'pi', 'lcb'];

/** κ = 2 trades exploration for exploitation as the usual textbook default; larger explores more. */
export function acquisition(
  kind: AcquisitionKind,
  mean: number,
  std: number,
  best: number,
  kappa = 2,
): number {
  switch (kind) {
    case 'ei':
      return expectedImprovement(mean, std, best);
    case 'pi':
      return probabilityOfImprovement(mean, std, best, 0.01);
    case 'lcb':
      return lowerConfidenceBound(mean, std, kappa);
  }
}
