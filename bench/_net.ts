import { DEFAULT_CONFIG, networkObjective, DEFAULT_NETWORK_SPACE, tunerFor, runStudy, bestTrial } from '../src/core';
const base = { ...DEFAULT_CONFIG, dataset: 'spiral' as const, epochs: Number(process.argv[2] ?? 100) };
for (const kind of ['random', 'bayes', 'hyperband'] as const) {
  const t0 = Date.now();
  const objective = networkObjective(base, DEFAULT_NETWORK_SPACE);
  const tuner = tunerFor(kind, objective, { seed: 1, trials: 20 });
  const r = await runStudy(tuner, objective, { trials: 20, parallel: 5 });
  console.log(kind, bestTrial(r.trials)?.value, r.epochsUsed, r.trials.map(t => t.state[0]).join(''), Date.now() - t0, 'ms');
}
