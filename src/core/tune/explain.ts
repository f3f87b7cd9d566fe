/**
 * "Inside the Gaussian process": the Bayesian tuner's view of a one- or two-dimensional analytic
 * objective after a given number of observations — the posterior mean and σ on a grid, the
 * acquisition function, the observations and the point it will try next. Pure and seeded, so a
 * step-by-step view is just this function called with 2, 3, 4, … observations.
 */
import { acquisition, type AcquisitionKind } from './acquisition';
import type { KernelHyperparameters, KernelKind } from './gp';
import { analyticObjective } from './objectives';
import { paramsFromUnit, parameterNames } from './space';
import { BayesianTuner, encodeForModel } from './tuners';

export type ExplainObjective = 'lr-curve' | 'branin';

export interface ExplainRequest {
  objective: ExplainObjective;
  seed: number;
  /** Observations the model has seen (at least 2). */
  observations: number;
  /** Grid points per axis. */
  resolution?: number;
  kernel?: KernelKind;
  acquisition?: AcquisitionKind;
  kappa?: number;
  /**
   * "Fixed hyperparameters": one length scale (in unit-cube coordinates) for every axis instead of
   * the fitted ones, so a student sees what the length scale does to the mean and the band.
   */
  lengthScale?: number;
}

export interface ExplainResult {
  objective: ExplainObjective;
  dimensions: 1 | 2;
  /** Parameter names, and for each axis the grid's parameter values (learning rate on a log grid). */
  names: string[];
  axes: number[][];
  /** Posterior mean, standard deviation and acquisition on the grid (row-major: index = i + j·n for 2-D). */
  mean: number[];
  std: number[];
  acquisition: number[];
  /** The true objective on the grid, to compare with the model. */
  truth: number[];
  points: { params: number[]; value: number }[];
  next: number[];
  observations: number;
  kernel: KernelKind;
  acquisitionKind: AcquisitionKind;
  /** The hyperparameters behind the picture: fitted, or fixed by the request. Length scales are in unit-cube coordinates. */
  hyperparameters: KernelHyperparameters;
  fixed: boolean;
}

export async function explainBayes(request: ExplainRequest): Promise<ExplainResult> {
  const objective = analyticObjective(request.objective, request.seed);
  const names = parameterNames(objective.space);
  const dims = names.length as 1 | 2;
  const resolution = request.resolution ?? (dims === 1 ? 160 : 36);
  const kernel = request.kernel ?? 'matern52';
  const acquisitionKind = request.acquisition ?? 'ei';
  const kappa = request.kappa ?? 2;
  const tuner = new BayesianTuner(objective.space, {
    seed: request.seed,
    initialTrials: 2,
    candidates: 400,
    kernel,
    acquisition: acquisitionKind,
    kappa,
  });
  const observations = Math.max(2, Math.min(60, Math.floor(request.observations)));
  const points: ExplainResult['points'] = [];
  for (let k = 0; k < observations; k++) {
    const [suggestion] = tuner.ask(1);
    const [result] = await objective.evaluate([suggestion!]);
    const value = result!.value!;
    tuner.tell(suggestion!.number, { value, state: 'complete' });
    points.push({ params: names.map((n) => suggestion!.params[n] as number), value });
  }
  const [suggested] = tuner.ask(1);
  const state = tuner.lastState!;
  const fixed = request.lengthScale !== undefined && request.lengthScale > 0;
  const fitted = state.gp.hyperparameters;
  const model = fixed
    ? state.gp.withHyperparameters({
        ...fitted,
        lengthScales: fitted.lengthScales.map(() => request.lengthScale!),
      })
    : state.gp;
  const unitAxis = Array.from({ length: resolution }, (_, i) => i / (resolution - 1));
  const axes = names.map((_, d) =>
    unitAxis.map(
      (u) =>
        paramsFromUnit(
          objective.space,
          names.map((__, e) => (e === d ? u : 0.5)),
        )[names[d]!] as number,
    ),
  );
  const grid: number[][] =
    dims === 1 ? unitAxis.map((u) => [u]) : unitAxis.flatMap((v) => unitAxis.map((u) => [u, v]));
  const params = grid.map((unit) => paramsFromUnit(objective.space, unit));
  const prediction = model.predict(params.map((p) => encodeForModel(objective.space, p)));
  const scores = prediction.mean.map(
    (m, i) =>
      acquisition(acquisitionKind, m, prediction.std[i]!, state.incumbent, kappa) *
      (acquisitionKind === 'pi' ? 1 : state.scale),
  );
  // Under fixed hyperparameters the tuner's own suggestion belongs to the fitted model; the grid's best is this model's.
  let best = 0;
  scores.forEach((s, i) => (s > scores[best]! ? (best = i) : 0));
  const next = fixed ? params[best]! : suggested!.params;
  return {
    objective: request.objective,
    dimensions: dims,
    names,
    axes,
    mean: prediction.mean.map((m) => state.mean + state.scale * m),
    std: prediction.std.map((s) => state.scale * s),
    acquisition: scores,
    truth: params.map((p) => objective.trueValue!(p)),
    points,
    next: names.map((n) => next[n] as number),
    observations,
    kernel,
    acquisitionKind,
    hyperparameters: model.hyperparameters,
    fixed,
  };
}
