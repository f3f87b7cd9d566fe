import { analyticObjective, runStudy, tunerFor, simpleRegret, median } from '../src/core/tune';
const kinds = ['random', 'quasi-random', 'grid', 'bayes', 'hyperband', 'pso'] as const;
for (const id of ['branin', 'hartmann6'] as const) {
  const trials = id === 'branin' ? 30 : 60;
  for (const kind of kinds) {
    const regrets: number[] = [];
    const t0 = Date.now();
    const seeds = kind === 'bayes' ? 5 : 20;
    for (let seed = 1; seed <= seeds; seed++) {
      const objective = analyticObjective(id, seed);
      const tuner = tunerFor(kind, objective, { seed, trials });
      const result = await runStudy(tuner, objective, { trials });
      regrets.push(simpleRegret(result.trials, objective.optimum!));
    }
    console.log(id, kind, median(regrets).toExponential(3), ((Date.now() - t0) / seeds).toFixed(0), 'ms/run');
  }
}
