/**
 * Tuner benchmark: median simple regret of each tuner on Branin (30 trials,
 * 20 seeds) and Hartmann-6 (60 trials, 20 seeds), and the median best validation loss of Bayesian
 * against random search on the network objective (spiral, log learning rate and L2, 20 trials,
 * 5 seeds). `npm run bench` calls `benchTuners(false)`; `benchTuners(true)` only proves it runs.
 * Run alone: `npx tsx bench/tuners.ts [--quick]`.
 */
import { fileURLToPath } from 'node:url';
import {
  analyticObjective,
  DEFAULT_CONFIG,
  DEFAULT_NETWORK_SPACE,
  median,
  networkObjective,
  runStudy,
  simpleRegret,
  tunerFor,
  useBackend,
  bestTrial,
  type ExperimentConfig,
  type TunerKind,
} from '../src/core';

export interface TunerBenchRow {
  objective: string;
  tuner: TunerKind;
  trials: number;
  seeds: number;
  /** Median simple regret (analytic) or median best validation loss (network). */
  median: number;
  measure: 'simple regret' | 'best validation loss';
  secondsPerStudy: number;
}

export interface TunerBenchResult {
  rows: TunerBenchRow[];
  checks: { claim: string; met: boolean; detail: string }[];
  markdown: string;
}

const ANALYTIC_TUNERS: TunerKind[] = ['random', 'quasi-random', 'grid', 'pso', 'hyperband', 'tpe', 'bayes'];

async function analyticRow(
  objectiveId: 'branin' | 'hartmann6',
  tuner: TunerKind,
  trials: number,
  seeds: number,
): Promise<TunerBenchRow> {
  const regrets: number[] = [];
  const started = performance.now();
  for (let seed = 1; seed <= seeds; seed++) {
    const objective = analyticObjective(objectiveId, seed);
    const result = await runStudy(tunerFor(tuner, objective, { seed, trials }), objective, { trials });
    regrets.push(simpleRegret(result.trials, objective.optimum!, objective.trueValue));
  }
  return {
    objective: objectiveId,
    tuner,
    trials,
    seeds,
    median: median(regrets),
    measure: 'simple regret',
    secondsPerStudy: (performance.now() - started) / 1000 / seeds,
  };
}

async function networkRow(
  tuner: TunerKind,
  base: ExperimentConfig,
  trials: number,
  seeds: number,
): Promise<TunerBenchRow> {
  const losses: number[] = [];
  const started = performance.now();
  for (let seed = 1; seed <= seeds; seed++) {
    const objective = networkObjective({ ...base, seed }, DEFAULT_NETWORK_SPACE);
    // Random search's trials are independent, so it trains them all as one population; the
    // Bayesian tuner asks five at a time (constant liar) so it can learn between batches.
    const result = await runStudy(tunerFor(tuner, objective, { seed, trials }), objective, {
      trials,
      parallel: tuner === 'random' ? trials : 5,
    });
    losses.push(bestTrial(result.trials)?.value ?? Infinity);
  }
  return {
    objective: `network (spiral, ${base.epochs} epochs)`,
    tuner,
    trials,
    seeds,
    median: median(losses),
    measure: 'best validation loss',
    secondsPerStudy: (performance.now() - started) / 1000 / seeds,
  };
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return Math.abs(value) < 1e-3 && value !== 0 ? value.toExponential(2) : value.toPrecision(3);
}

export async function benchTuners(
  quick: boolean,
  log: (line: string) => void = (line) => console.error(`[tuners] ${line}`),
): Promise<TunerBenchResult> {
  const rows: TunerBenchRow[] = [];
  const plan = quick
    ? {
        branin: { trials: 12, seeds: 2 },
        hartmann6: { trials: 15, seeds: 1 },
        network: { trials: 4, seeds: 1, epochs: 3 },
      }
    : {
        branin: { trials: 30, seeds: 20 },
        hartmann6: { trials: 60, seeds: 20 },
        network: { trials: 20, seeds: 5, epochs: 100 },
      };
  for (const objective of ['branin', 'hartmann6'] as const) {
    const { trials, seeds } = plan[objective];
    for (const tuner of quick ? (['random', 'bayes'] as TunerKind[]) : ANALYTIC_TUNERS) {
      const row = await analyticRow(objective, tuner, trials, seeds);
      log(
        `${objective} ${tuner}: median regret ${formatNumber(row.median)} (${row.secondsPerStudy.toFixed(2)} s/study)`,
      );
      rows.push(row);
    }
  }
  await useBackend('wasm');
  const base: ExperimentConfig = { ...DEFAULT_CONFIG, dataset: 'spiral', epochs: plan.network.epochs };
  for (const tuner of ['random', 'bayes'] as TunerKind[]) {
    const row = await networkRow(tuner, base, plan.network.trials, plan.network.seeds);
    log(
      `network ${tuner}: median best validation loss ${formatNumber(row.median)} (${row.secondsPerStudy.toFixed(1)} s/study)`,
    );
    rows.push(row);
  }

  const find = (objective: string, tuner: TunerKind) =>
    rows.find((r) => r.objective.startsWith(objective) && r.tuner === tuner)!;
  const braninRatio = find('branin', 'random').median / find('branin', 'bayes').median;
  const checks = [
    {
      claim: `Branin, ${plan.branin.trials} trials, ${plan.branin.seeds} seeds: Bayesian median regret ≥ 10× lower than random`,
      met: braninRatio >= 10,
      detail: `${formatNumber(braninRatio)}× lower`,
    },
    {
      claim: `Hartmann-6, ${plan.hartmann6.trials} trials, ${plan.hartmann6.seeds} seeds: Bayesian median regret lower than random`,
      met: find('hartmann6', 'bayes').median < find('hartmann6', 'random').median,
      detail: `${formatNumber(find('hartmann6', 'bayes').median)} vs ${formatNumber(find('hartmann6', 'random').median)}`,
    },
    {
      claim: `Network (spiral, log learning rate and L2), ${plan.network.trials} trials, ${plan.network.seeds} seeds: Bayesian median best validation loss no worse than random`,
      met: find('network', 'bayes').median <= find('network', 'random').median,
      detail: `${formatNumber(find('network', 'bayes').median)} vs ${formatNumber(find('network', 'random').median)}`,
    },
  ];
  const markdown = [
    '| objective | tuner | trials | seeds | median | of | s/study |',
    '|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.objective} | ${r.tuner} | ${r.trials} | ${r.seeds} | ${formatNumber(r.median)} | ${r.measure} | ${r.secondsPerStudy.toFixed(2)} |`,
    ),
    '',
    ...checks.map((c) => `- ${c.claim}: ${c.met ? 'met' : 'NOT met'} (${c.detail}).`),
  ].join('\n');
  return { rows, checks, markdown };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  benchTuners(process.argv.includes('--quick')).then((result) => console.log(result.markdown));
}
