import { describe, expect, it } from 'vitest';
import fixture from '../fixtures/gp-sklearn.json';
import { GaussianProcess } from '../../src/core/tune/gp';
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
}

describe('GaussianProcess against scikit-learn', () => {
  for (const reference of fixture.cases as Case[]) {
    it(`matches the posterior mean, std and likelihood: ${reference.name}`, () => {
      const gp = new GaussianProcess().fit(reference.X, reference.y, {
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
