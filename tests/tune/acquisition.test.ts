import { describe, expect, it } from 'vitest';
import {
  erfc,
  expectedImprovement,
  lowerConfidenceBound,
  normalCdf,
  probabilityOfImprovement,
} from '../../src/core/tune/acquisition';

/** E[max(best − Y, 0)] for Y ~ N(mean, std²) by the trapezoid rule over ±12σ. */
function improvementByIntegration(mean: number, std: number, best: number): number {
  const steps = 200_000;
  const low = mean - 12 * std;
  const high = mean + 12 * std;
  const h = (high - low) / steps;
  let sum = 0;
  for (let i = 0; i <= steps; i++) {
    const y = low + i * h;
    const density = Math.exp(-0.5 * ((y - mean) / std) ** 2) / (std * Math.sqrt(2 * Math.PI));
    const weight = i === 0 || i === steps ? 0.5 : 1;
    sum += weight * Math.max(best - y, 0) * density;
  }
  return sum * h;
}

describe('acquisition functions', () => {
  it('Expected Improvement equals the integral it stands for', () => {
    for (const [mean, std, best] of [
      [0, 1, 0],
      [1, 0.5, 0.2],
      [-0.3, 2, 0.5],
      [2, 0.1, 1.7],
      [0.4, 0.3, 1.5],
    ] as const) {
      expect(expectedImprovement(mean, std, best)).toBeCloseTo(improvementByIntegration(mean, std, best), 7);
    }
  });

  it('Expected Improvement at the incumbent is σ/√(2π), and zero σ gives the plain improvement', () => {
    expect(expectedImprovement(1, 2, 1)).toBeCloseTo(2 / Math.sqrt(2 * Math.PI), 12);
    expect(expectedImprovement(0.2, 0, 1)).toBeCloseTo(0.8, 12);
    expect(expectedImprovement(1.2, 0, 1)).toBe(0);
  });

  it('the normal distribution function is accurate to double precision, tails included', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 14);
    expect(erfc(1)).toBeCloseTo(0.15729920705028513, 15);
    expect(erfc(4) / 1.541725790028002e-8).toBeCloseTo(1, 12);
    expect(normalCdf(-10) / 7.619853024160527e-24).toBeCloseTo(1, 10);
  });

  it('probability of improvement and the confidence bound prefer uncertain or low points', () => {
    expect(probabilityOfImprovement(0, 1, 0)).toBeCloseTo(0.5, 12);
    expect(probabilityOfImprovement(-1, 1, 0)).toBeGreaterThan(probabilityOfImprovement(1, 1, 0));
    expect(lowerConfidenceBound(0, 1, 2)).toBe(2);
    expect(lowerConfidenceBound(0, 2, 2)).toBeGreaterThan(lowerConfidenceBound(0, 1, 2));
  });
});
