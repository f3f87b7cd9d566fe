import { describe, expect, it } from 'vitest';
import fixture from '../fixtures/gp-sklearn.json';
import otherKernels from '../fixtures/gp-sklearn-rbf.json';
import { GaussianProcess, KERNEL_KINDS, type KernelKind } from '../../src/core/tune/gp';
import { createRandom } from '../../src/core/random/random';

interface Case {
  name: string;
  X: number[][];
  y: number[];
  Xs: number[][];
  lengthScales: number[];
  signalVariance: number;
  noiseVariance: number;
  mean: number[];
  std: number[];
  logMarginalLikelihood: number;
  kernel?: KernelKind;
}

describe('GaussianProcess against scikit-learn', () => {
  for (const reference of [...fixture.cases, ...otherKernels.cases] as Case[]) {
    it(`matches the posterior mean, std and likelihood: ${reference.name}`, () => {
      const gp = new GaussianProcess(reference.kernel ?? 'matern52').fit(reference.X, reference.y, {
        lengthScales: reference.lengthScales,
        signalVariance: reference.signalVariance,
        noiseVariance: reference.noiseVariance,
      });
      const { mean, std } = gp.predict(reference.Xs);
      mean.forEach((m, i) => expect(Math.abs(m - reference.mean[i]!)).toBeLessThan(1e-6));
      std.forEach((s, i) => expect(Math.abs(s - reference.std[i]!)).toBeLessThan(1e-6));
      expect(Math.abs(gp.logLikelihood - reference.logMarginalLikelihood)).toBeLessThan(1e-6);
    });
  }
});

describe('GaussianProcess fitting', () => {
  it('finds hyperparameters at least as likely as the defaults it starts from', () => {
    const random = createRandom(3);
    const X = Array.from({ length: 25 }, () => [random.next(), random.next()]);
    // Only the first input matters: the fitted length scale of the second should be much longer.
    const y = X.map(([a]) => Math.sin(8 * a!));
    const gp = new GaussianProcess().fit(X, y, { seed: 1 });
    const fixed = new GaussianProcess().fit(X, y, {
      lengthScales: [0.5, 0.5],
      signalVariance: 1,
      noiseVariance: 1e-4,
    });
    expect(gp.logLikelihood).toBeGreaterThan(fixed.logLikelihood);
    const [relevant, irrelevant] = gp.hyperparameters.lengthScales;
    expect(irrelevant!).toBeGreaterThan(3 * relevant!);
  });

  for (const kernel of KERNEL_KINDS) {
    it(`climbs the likelihood with the ${kernel} kernel's gradient`, () => {
      const random = createRandom(5);
      const X = Array.from({ length: 20 }, () => [random.next(), random.next()]);
      const y = X.map(([a, b]) => Math.sin(6 * a!) + 0.1 * b!);
      const start = { lengthScales: [0.5, 0.5], signalVariance: 1, noiseVariance: 1e-4 };
      const fitted = new GaussianProcess(kernel).fit(X, y, { seed: 2, restarts: 0, initial: start });
      const fixed = new GaussianProcess(kernel).fit(X, y, start);
      expect(fitted.logLikelihood).toBeGreaterThan(fixed.logLikelihood + 1);
    });
  }

  it('refits the same observations under fixed hyperparameters', () => {
    const X = [[0.1], [0.5], [0.8]];
    const y = [0.3, -1, 0.7];
    const gp = new GaussianProcess('rbf').fit(X, y, { seed: 1 });
    const hyper = { lengthScales: [0.05], signalVariance: 1, noiseVariance: 1e-6 };
    const wiggly = gp.withHyperparameters(hyper);
    expect(wiggly.kernel).toBe('rbf');
    expect(wiggly.predict([[0.3]])).toEqual(new GaussianProcess('rbf').fit(X, y, hyper).predict([[0.3]]));
    // A short length scale forgets the data between the points: the band there widens towards the prior.
    expect(wiggly.predict([[0.3]]).std[0]!).toBeGreaterThan(0.9);
  });

  it('interpolates noise-free data and is uncertain far from it', () => {
    const X = [[0.1], [0.4], [0.9]];
    const y = [1, -1, 0.5];
    const gp = new GaussianProcess().fit(X, y, {
      lengthScales: [0.2],
      signalVariance: 1,
      noiseVariance: 1e-10,
    });
    const at = gp.predict(X);
    at.mean.forEach((m, i) => expect(m).toBeCloseTo(y[i]!, 4));
    at.std.forEach((s) => expect(s).toBeLessThan(1e-3));
    expect(gp.predict([[5]]).std[0]).toBeCloseTo(1, 6);
  });

  it('survives duplicated observations by adding jitter', () => {
    const gp = new GaussianProcess().fit([[0.5], [0.5], [0.5]], [1, 1, 1], {
      lengthScales: [0.3],
      signalVariance: 1,
      noiseVariance: 0,
    });
    expect(gp.predict([[0.5]]).mean[0]).toBeCloseTo(1, 3);
  });

  it('rejects non-finite observations with a clear message', () => {
    expect(() => new GaussianProcess().fit([[0]], [NaN])).toThrow(/finite/);
  });
});
