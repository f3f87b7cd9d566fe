/**
 * "Inside the Gaussian process": the Bayesian tuner's view of a one- or two-dimensional analytic
 * objective after a given number of observations — the posterior mean and σ on a grid, the
 * acquisition function, the observations and the point it will try next. Pure and seeded, so a
 * step-by-step view is just this function called with 2, 3, 4, … observations.
 */
import { acquisition } from './acquisition';
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
}

export async function explainBayes(request: ExplainRequest): Promise<ExplainResult> {
  const objective = analyticObjective(request.objective, request.seed);
  const names = parameterNames(objective.space);
  const dims = names.length as 1 | 2;
  const resolution = request.resolution ?? (dims === 1 ? 160 : 36);
  const tuner = new BayesianTuner(objective.space, { seed: request.seed, initialTrials: 2, candidates: 400 });
  const observations = Math.max(2, Math.min(60, Math.floor(request.observations)));
  const points: ExplainResult['points'] = [];
  for (let k = 0; k < observations; k++) {
    const [suggestion] = tuner.ask(1);
    const [result] = await objective.evaluate([suggestion!]);
    const value = result!.value!;
    tuner.tell(suggestion!.number, { value, state: 'complete' });
    points.push({ params: names.map((n) => suggestion!.params[n] as number), value });
  }
  const [next] = tuner.ask(1);
  const state = tuner.lastState!;
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
  const prediction = state.gp.predict(params.map((p) => encodeForModel(objective.space, p)));
  return {
    objective: request.objective,
    dimensions: dims,
    names,
    axes,
    mean: prediction.mean.map((m) => state.mean + state.scale * m),
    std: prediction.std.map((s) => state.scale * s),
    acquisition: prediction.mean.map(
      (m, i) =>
        acquisition(state.acquisition, m, prediction.std[i]!, state.incumbent) *
        (state.acquisition === 'ei' ? state.scale : 1),
    ),
    truth: params.map((p) => objective.trueValue!(p)),
    points,
    next: names.map((n) => next!.params[n] as number),
    observations,
  };
}
