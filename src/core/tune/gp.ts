/**
 * A Gaussian process regressor for Bayesian optimization.
 *
 * Hand-rolled in plain TypeScript over Float64Array on purpose: tfjs has no Cholesky and may run
 * in float32, which is too coarse for a kernel matrix whose condition number reaches 1e8; the
 * JavaScript GP libraries we found are unmaintained or lack ARD length scales. The sizes are
 * tiny (at most a few hundred observations), so O(n³) in plain loops is milliseconds.
 *
 * Kernel: signalVariance · k(r), r² = Σ_d ((x_d − x'_d) / lengthScales[d])², with k one of RBF,
 * Matérn 3/2 or Matérn 5/2 (the default), plus noiseVariance on the diagonal; zero prior mean. The model works on inputs and outputs exactly
 * as given: scaling to the unit cube and standardizing outputs is the tuner's job. Checked against
 * scikit-learn's GaussianProcessRegressor (tests/fixtures/gp-*.json).
 */
import { createRandom, deriveSeed } from '../random/random';

export interface KernelHyperparameters {
  lengthScales: number[];
  signalVariance: number;
  noiseVariance: number;
}

export interface GaussianProcessFitOptions extends Partial<KernelHyperparameters> {
  /** Random restarts of the marginal-likelihood search (besides the start at the defaults). */
  restarts?: number;
  seed?: number;
  /** A first starting point for the search (the previous fit, when observations are added one by one). */
  initial?: KernelHyperparameters;
  /** Gradient steps per start. */
  iterations?: number;
}

export interface Prediction {
  mean: number[];
  /** Standard deviation of the noise-free function (the noise variance is not added). */
  std: number[];
}

const SQRT5 = Math.sqrt(5);
const SQRT3 = Math.sqrt(3);

export const KERNEL_KINDS = ['rbf', 'matern32', 'matern52'] as const;
/** RBF is infinitely smooth; Matérn 3/2 once and Matérn 5/2 twice differentiable, so rougher between points. */
export type KernelKind = (typeof KERNEL_KINDS)[number];

/** Search box for the fitted hyperparameters, in log space; wide enough for unit-cube inputs and standardized outputs. */
const LOG_BOUNDS = {
  lengthScale: [Math.log(1e-2), Math.log(20)] as const,
  signalVariance: [Math.log(1e-2), Math.log(50)] as const,
  noiseVariance: [Math.log(1e-8), Math.log(1)] as const,
};

export function matern52(r: number): number {
  return (1 + SQRT5 * r + (5 / 3) * r * r) * Math.exp(-SQRT5 * r);
}

export function matern32(r: number): number {
  return (1 + SQRT3 * r) * Math.exp(-SQRT3 * r);
}

/** The squared-exponential kernel, exp(−r²/2), as scikit-learn's RBF. */
export function rbf(r: number): number {
  return Math.exp(-0.5 * r * r);
}

interface KernelShape {
  value(r: number): number;
  /** g(r) with dk/d log ℓ_d = g(r) · Δ_d² / ℓ_d² for a unit signal variance, i.e. −2 dk/d(r²). */
  lengthGradient(r: number): number;
}

const KERNELS: Record<KernelKind, KernelShape> = {
  rbf: { value: rbf, lengthGradient: rbf },
  matern32: { value: matern32, lengthGradient: (r) => 3 * Math.exp(-SQRT3 * r) },
  matern52: {
    value: matern52,
    lengthGradient: (r) => (5 / 3) * (1 + SQRT5 * r) * Math.exp(-SQRT5 * r),
  },
};

/**
 * In-place Cholesky factorization of a symmetric positive-definite n×n matrix (row-major):
 * leaves L in the lower triangle. Returns false if a pivot is not positive.
 */
function choleskyInPlace(a: Float64Array, n: number): boolean {
  for (let j = 0; j < n; j++) {
    let diagonal = a[j * n + j]!;
    for (let k = 0; k < j; k++) diagonal -= a[j * n + k]! * a[j * n + k]!;
    if (!(diagonal > 0)) return false;
    const pivot = Math.sqrt(diagonal);
    a[j * n + j] = pivot;
    for (let i = j + 1; i < n; i++) {
      let sum = a[i * n + j]!;
      for (let k = 0; k < j; k++) sum -= a[i * n + k]! * a[j * n + k]!;
      a[i * n + j] = sum / pivot;
    }
    for (let i = 0; i < j; i++) a[i * n + j] = 0;
  }
  return true;
}

/** Solves L x = b for lower-triangular L, in place in b. */
function forwardSubstitute(l: Float64Array, n: number, b: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let sum = b[i]!;
    for (let k = 0; k < i; k++) sum -= l[i * n + k]! * b[k]!;
    b[i] = sum / l[i * n + i]!;
  }
}

/** Solves Lᵀ x = b, in place in b. */
function backSubstitute(l: Float64Array, n: number, b: Float64Array): void {
  for (let i = n - 1; i >= 0; i--) {
    let sum = b[i]!;
    for (let k = i + 1; k < n; k++) sum -= l[k * n + i]! * b[k]!;
    b[i] = sum / l[i * n + i]!;
  }
}

/** L⁻¹ for lower-triangular L (row-major), by forward substitution column by column. */
function invertLowerTriangular(l: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    out[j * n + j] = 1 / l[j * n + j]!;
    for (let i = j + 1; i < n; i++) {
      let sum = 0;
      for (let k = j; k < i; k++) sum -= l[i * n + k]! * out[k * n + j]!;
      out[i * n + j] = sum / l[i * n + i]!;
    }
  }
  return out;
}

interface Factorization {
  /** Cholesky factor of K + noise·I (+ jitter), row-major lower triangle. */
  chol: Float64Array;
  /** (K + noise·I)⁻¹ y. */
  alpha: Float64Array;
  jitter: number;
}

/** Scaled squared distances per dimension, reused across kernel evaluations during fitting. */
function pairDifferences(X: readonly Float64Array[], dims: number): Float64Array[] {
  const n = X.length;
  const out: Float64Array[] = [];
  for (let d = 0; d < dims; d++) {
    const squared = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const diff = X[i]![d]! - X[j]![d]!;
        squared[i * n + j] = diff * diff;
      }
    }
    out.push(squared);
  }
  return out;
}

function factorize(
  kernel: Float64Array,
  n: number,
  y: Float64Array,
  noiseVariance: number,
  signalVariance: number,
): Factorization | null {
  // Jitter only when the plain factorization fails, so a well-conditioned problem matches the reference exactly.
  for (
    let attempt = 0, jitter = 0;
    attempt < 8;
    attempt++, jitter = jitter === 0 ? 1e-10 * signalVariance : jitter * 10
  ) {
    const chol = new Float64Array(kernel);
    for (let i = 0; i < n; i++) chol[i * n + i] = chol[i * n + i]! + noiseVariance + jitter;
    if (choleskyInPlace(chol, n)) {
      const alpha = new Float64Array(y);
      forwardSubstitute(chol, n, alpha);
      backSubstitute(chol, n, alpha);
      return { chol, alpha, jitter };
    }
  }
  return null;
}

/**
 * Log marginal likelihood and its gradient with respect to the log hyperparameters
 * [log ℓ_1..log ℓ_D, log signalVariance, log noiseVariance] (Rasmussen & Williams, eq. 5.8–5.9).
 */
function logMarginalLikelihood(
  logTheta: Float64Array,
  squaredDiffs: readonly Float64Array[],
  n: number,
  y: Float64Array,
  shape: KernelShape,
): { value: number; gradient: Float64Array } | null {
  const dims = squaredDiffs.length;
  const signalVariance = Math.exp(logTheta[dims]!);
  const noiseVariance = Math.exp(logTheta[dims + 1]!);
  const inverseSquaredLengths = new Float64Array(dims);
  for (let d = 0; d < dims; d++) inverseSquaredLengths[d] = Math.exp(-2 * logTheta[d]!);
  const lengthGradient = new Float64Array(n * n);
  const kernel = new Float64Array(n * n);
  for (let index = 0; index < n * n; index++) {
    let r2 = 0;
    for (let d = 0; d < dims; d++) r2 += squaredDiffs[d]![index]! * inverseSquaredLengths[d]!;
    const distance = Math.sqrt(r2);
    lengthGradient[index] = shape.lengthGradient(distance);
    kernel[index] = signalVariance * shape.value(distance);
  }
  const f = factorize(kernel, n, y, noiseVariance, signalVariance);
  if (!f) return null;
  let logDeterminant = 0;
  let fit = 0;
  for (let i = 0; i < n; i++) {
    logDeterminant += Math.log(f.chol[i * n + i]!);
    fit += y[i]! * f.alpha[i]!;
  }
  const value = -0.5 * fit - logDeterminant - 0.5 * n * Math.log(2 * Math.PI);

  // W = α αᵀ − K⁻¹; dL/dθ = ½ tr(W dK/dθ). K⁻¹ = L⁻ᵀ L⁻¹ from the inverted factor, using symmetry.
  const inverseFactor = invertLowerTriangular(f.chol, n);
  const inverse = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = 0;
      for (let k = i; k < n; k++) sum += inverseFactor[k * n + i]! * inverseFactor[k * n + j]!;
      inverse[i * n + j] = sum;
      inverse[j * n + i] = sum;
    }
  }
  const gradient = new Float64Array(dims + 2);
  let traceSignal = 0;
  let traceNoise = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const index = i * n + j;
      const w = f.alpha[i]! * f.alpha[j]! - inverse[index]!;
      traceSignal += w * kernel[index]!;
      if (i === j) traceNoise += w * noiseVariance;
      const common = signalVariance * lengthGradient[index]! * w;
      for (let d = 0; d < dims; d++)
        gradient[d] = gradient[d]! + common * squaredDiffs[d]![index]! * inverseSquaredLengths[d]!;
    }
  }
  for (let d = 0; d < dims; d++) gradient[d] = 0.5 * gradient[d]!;
  gradient[dims] = 0.5 * traceSignal;
  gradient[dims + 1] = 0.5 * traceNoise;
  return { value, gradient };
}

function boundsFor(dims: number): { lower: Float64Array; upper: Float64Array } {
  const lower = new Float64Array(dims + 2);
  const upper = new Float64Array(dims + 2);
  for (let d = 0; d < dims; d++) {
    lower[d] = LOG_BOUNDS.lengthScale[0];
    upper[d] = LOG_BOUNDS.lengthScale[1];
  }
  lower[dims] = LOG_BOUNDS.signalVariance[0];
  upper[dims] = LOG_BOUNDS.signalVariance[1];
  lower[dims + 1] = LOG_BOUNDS.noiseVariance[0];
  upper[dims + 1] = LOG_BOUNDS.noiseVariance[1];
  return { lower, upper };
}

/**
 * Projected gradient ascent with Adam steps and backtracking on failure. Hand-rolled because the
 * problem is tiny (D + 2 bounded variables) and L-BFGS-B would be several hundred lines.
 */
function maximize(
  start: Float64Array,
  lower: Float64Array,
  upper: Float64Array,
  objective: (theta: Float64Array) => { value: number; gradient: Float64Array } | null,
  iterations: number,
): { theta: Float64Array; value: number } {
  const size = start.length;
  let theta = new Float64Array(start);
  let current = objective(theta);
  if (!current) return { theta, value: -Infinity };
  let best = { theta: new Float64Array(theta), value: current.value };
  const m = new Float64Array(size);
  const v = new Float64Array(size);
  const learningRate = 0.1;
  for (let t = 1; t <= iterations && current; t++) {
    const next = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      const g = current.gradient[i]!;
      m[i] = 0.9 * m[i]! + 0.1 * g;
      v[i] = 0.999 * v[i]! + 0.001 * g * g;
      const step = (learningRate * (m[i]! / (1 - 0.9 ** t))) / (Math.sqrt(v[i]! / (1 - 0.999 ** t)) + 1e-8);
      next[i] = Math.min(upper[i]!, Math.max(lower[i]!, theta[i]! + step));
    }
    const evaluated = objective(next);
    if (!evaluated || !Number.isFinite(evaluated.value)) break;
    theta = next;
    current = evaluated;
    if (current.value > best.value) best = { theta: new Float64Array(theta), value: current.value };
  }
  return best;
}

export class GaussianProcess {
  private readonly shape: KernelShape;
  private X: Float64Array[] = [];
  private y = new Float64Array(0);
  private factorization: Factorization | null = null;
  private hyper: KernelHyperparameters | null = null;
  /** The log marginal likelihood at the fitted hyperparameters. */
  logLikelihood = NaN;

  constructor(readonly kernel: KernelKind = 'matern52') {
    this.shape = KERNELS[kernel];
  }

  get hyperparameters(): KernelHyperparameters {
    if (!this.hyper) throw new Error('the Gaussian process has not been fitted');
    return { ...this.hyper, lengthScales: [...this.hyper.lengthScales] };
  }

  get size(): number {
    return this.X.length;
  }

  /**
   * Conditions on observations. Hyperparameters given in `options` are fixed; the others are
   * fitted by maximizing the log marginal likelihood from the defaults plus a few seeded restarts.
   */
  fit(
    X: readonly (readonly number[])[],
    y: readonly number[],
    options: GaussianProcessFitOptions = {},
  ): this {
    if (X.length !== y.length) throw new Error(`X has ${X.length} rows but y has ${y.length} values`);
    if (X.length === 0) throw new Error('a Gaussian process needs at least one observation');
    const dims = X[0]!.length;
    if (X.some((row) => row.length !== dims)) throw new Error('every row of X must have the same length');
    if (![...y, ...X.flat()].every(Number.isFinite)) throw new Error('X and y must be finite numbers');
    this.X = X.map((row) => Float64Array.from(row));
    this.y = Float64Array.from(y);
    const n = X.length;
    const fixed =
      options.lengthScales !== undefined &&
      options.signalVariance !== undefined &&
      options.noiseVariance !== undefined;
    if (options.lengthScales && options.lengthScales.length !== dims)
      throw new Error(`lengthScales needs ${dims} values`);
    let hyper: KernelHyperparameters;
    if (fixed) {
      hyper = {
        lengthScales: [...options.lengthScales!],
        signalVariance: options.signalVariance!,
        noiseVariance: options.noiseVariance!,
      };
    } else {
      hyper = this.fitHyperparameters(dims, options);
    }
    this.hyper = hyper;
    const kernel = this.kernelMatrix(this.X, this.X, hyper);
    this.factorization = factorize(kernel, n, this.y, hyper.noiseVariance, hyper.signalVariance);
    if (!this.factorization) throw new Error('the kernel matrix is not positive definite, even with jitter');
    let logDeterminant = 0;
    let fitTerm = 0;
    for (let i = 0; i < n; i++) {
      logDeterminant += Math.log(this.factorization.chol[i * n + i]!);
      fitTerm += this.y[i]! * this.factorization.alpha[i]!;
    }
    this.logLikelihood = -0.5 * fitTerm - logDeterminant - 0.5 * n * Math.log(2 * Math.PI);
    return this;
  }

  private fitHyperparameters(dims: number, options: GaussianProcessFitOptions): KernelHyperparameters {
    const n = this.X.length;
    const squaredDiffs = pairDifferences(this.X, dims);
    const { lower, upper } = boundsFor(dims);
    // Fixed hyperparameters are pinned by collapsing their bounds.
    if (options.lengthScales) options.lengthScales.forEach((l, d) => (lower[d] = upper[d] = Math.log(l)));
    if (options.signalVariance !== undefined) lower[dims] = upper[dims] = Math.log(options.signalVariance);
    if (options.noiseVariance !== undefined)
      lower[dims + 1] = upper[dims + 1] = Math.log(options.noiseVariance);
    const random = createRandom(deriveSeed(options.seed ?? 0, 'gp-restarts'));
    const starts: Float64Array[] = [];
    const defaults = new Float64Array(dims + 2);
    for (let d = 0; d < dims; d++) defaults[d] = Math.log(0.5);
    defaults[dims] = 0;
    defaults[dims + 1] = Math.log(1e-4);
    starts.push(defaults);
    if (options.initial && options.initial.lengthScales.length === dims) {
      const warm = new Float64Array(dims + 2);
      options.initial.lengthScales.forEach((l, d) => (warm[d] = Math.log(l)));
      warm[dims] = Math.log(options.initial.signalVariance);
      warm[dims + 1] = Math.log(options.initial.noiseVariance);
      starts.unshift(warm);
    }
    for (let k = 0; k < (options.restarts ?? 3); k++) {
      const start = new Float64Array(dims + 2);
      for (let i = 0; i < dims + 2; i++) start[i] = random.uniform(lower[i]!, upper[i]!);
      // Random restarts in the whole box waste time on absurd noise levels; start noise low.
      start[dims + 1] = Math.max(
        lower[dims + 1]!,
        Math.min(upper[dims + 1]!, random.uniform(Math.log(1e-6), Math.log(1e-2))),
      );
      starts.push(start);
    }
    for (const start of starts)
      for (let i = 0; i < start.length; i++) start[i] = Math.min(upper[i]!, Math.max(lower[i]!, start[i]!));
    const objective = (theta: Float64Array) =>
      logMarginalLikelihood(theta, squaredDiffs, n, this.y, this.shape);
    let best: { theta: Float64Array; value: number } = { theta: starts[0]!, value: -Infinity };
    for (const start of starts) {
      const result = maximize(start, lower, upper, objective, options.iterations ?? 120);
      if (result.value > best.value) best = result;
    }
    const theta = best.theta;
    return {
      lengthScales: Array.from({ length: dims }, (_, d) => Math.exp(theta[d]!)),
      signalVariance: Math.exp(theta[dims]!),
      noiseVariance: Math.exp(theta[dims + 1]!),
    };
  }

  private kernelMatrix(
    A: readonly Float64Array[],
    B: readonly Float64Array[],
    hyper: KernelHyperparameters,
  ): Float64Array {
    const rows = A.length;
    const columns = B.length;
    const out = new Float64Array(rows * columns);
    const inverseLengths = hyper.lengthScales.map((l) => 1 / l);
    for (let i = 0; i < rows; i++) {
      const a = A[i]!;
      for (let j = 0; j < columns; j++) {
        const b = B[j]!;
        let r2 = 0;
        for (let d = 0; d < inverseLengths.length; d++) {
          const diff = (a[d]! - b[d]!) * inverseLengths[d]!;
          r2 += diff * diff;
        }
        out[i * columns + j] = hyper.signalVariance * this.shape.value(Math.sqrt(r2));
      }
    }
    return out;
  }

  /** The same observations and kernel under other hyperparameters, fixed rather than fitted. */
  withHyperparameters(hyper: KernelHyperparameters): GaussianProcess {
    if (this.X.length === 0) throw new Error('the Gaussian process has not been fitted');
    return new GaussianProcess(this.kernel).fit(
      this.X.map((row) => Array.from(row)),
      Array.from(this.y),
      hyper,
    );
  }

  /** Posterior mean and noise-free standard deviation at each row of Xs. */
  predict(Xs: readonly (readonly number[])[]): Prediction {
    if (!this.factorization || !this.hyper) throw new Error('the Gaussian process has not been fitted');
    const n = this.X.length;
    const queries = Xs.map((row) => Float64Array.from(row));
    const cross = this.kernelMatrix(queries, this.X, this.hyper);
    const mean: number[] = [];
    const std: number[] = [];
    const v = new Float64Array(n);
    for (let q = 0; q < queries.length; q++) {
      let mu = 0;
      for (let i = 0; i < n; i++) {
        const k = cross[q * n + i]!;
        mu += k * this.factorization.alpha[i]!;
        v[i] = k;
      }
      forwardSubstitute(this.factorization.chol, n, v);
      let explained = 0;
      for (let i = 0; i < n; i++) explained += v[i]! * v[i]!;
      mean.push(mu);
      std.push(Math.sqrt(Math.max(0, this.hyper.signalVariance - explained)));
    }
    return { mean, std };
  }
}
