/**
 * `landscape`: trains an experiment, then prints the training loss on a plane around its final
 * weights with the optimizer's path projected on it. `lr-find` is in ./lr-find.
 */
import { PREFERRED_BACKEND, PopulationTrainer, useBackend, type BackendName } from '../core';
import { computeLandscape, PLANE_KINDS, type Landscape, type PlaneKind } from '../core/landscape';
import {
  assertKnownFlags,
  CliError,
  EXPERIMENT_FLAGS,
  EXPERIMENT_OPTIONS_HELP,
  experimentFromFlags,
  jsonLine,
  parseArgs,
  type CliIO,
} from './args';
import { exitCodeAfter, interrupted, pauseForEvents } from './interrupt';
import { fileDataset } from './train';

const OWN_FLAGS = ['json', 'help', 'backend', 'plane', 'resolution', 'data'];

const HELP = [
  'Usage: npm run -s cli -- landscape [options]',
  '',
  'Trains the experiment, then evaluates its training loss on a grid over a plane through the final',
  'weights (Li et al. 2018) and projects the path the optimizer took onto it. The plane is the top two',
  "principal directions of the weights' trajectory (with the share of variance each explains) or two",
  "random directions normalized filter by filter. Also prints the loss along the last epoch's step",
  '(t = 0 now, t = -1 where the step began): a minimum at negative t means the step overshot.',
  '',
  'Options:',
  '  --json                      one JSON object: plane, explainedVariance, xs, ys, losses (row by row,',
  '                              y outer), centerLoss, path [{x, y}], cut {ts, losses}, trainLoss, epochs',
  '  --plane trajectory|random   the plane (default trajectory; random when the path is too short)',
  '  --resolution N              grid points per axis, 3 to 101 (default 41)',
  '  --backend cpu|wasm          tfjs backend (default wasm)',
  '  --data file.csv             with --dataset custom: your CSV',
  ...EXPERIMENT_OPTIONS_HELP,
].join('\n');

export function backendFlag(flags: Map<string, string | true>): BackendName {
  const backend = flags.get('backend') ?? PREFERRED_BACKEND;
  if (backend !== 'cpu' && backend !== 'wasm')
    throw new CliError(`--backend must be cpu or wasm (got ${JSON.stringify(backend)})`);
  return backend;
}

export async function experimentAndData(flags: Map<string, string | true>, positionals: string[]) {
  if (positionals.length > 0)
    throw new CliError(`unexpected argument ${JSON.stringify(positionals[0])} (options start with --)`);
  const config = experimentFromFlags(flags);
  const dataset =
    config.dataset === 'digits' || config.dataset === 'custom' ? await fileDataset(config, flags) : undefined;
  return { config, dataset };
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { flags, positionals } = parseArgs(argv);
  if (flags.has('help')) {
    io.out(HELP);
    return 0;
  }
  assertKnownFlags(flags, [...EXPERIMENT_FLAGS, ...OWN_FLAGS]);
  const plane = flags.get('plane') ?? 'trajectory';
  if (plane === true || !(PLANE_KINDS as readonly string[]).includes(plane))
    throw new CliError(`--plane must be one of ${PLANE_KINDS.join(', ')} (got ${JSON.stringify(plane)})`);
  const resolutionText = flags.get('resolution') ?? '41';
  const resolution = Number(resolutionText);
  if (resolutionText === true || !Number.isInteger(resolution) || resolution < 3 || resolution > 101)
    throw new CliError(
      `--resolution must be a whole number from 3 to 101 (got ${JSON.stringify(resolutionText)})`,
    );
  const backend = backendFlag(flags);
  const { config, dataset } = await experimentAndData(flags, positionals);
  await useBackend(backend);

  const trainer = new PopulationTrainer([config], dataset);
  try {
    const trajectory: Float32Array[] = [];
    let trainLoss = NaN;
    while (trainer.running && !interrupted()) {
      trajectory.push(await trainer.parametersOf(0));
      trainLoss = (await trainer.trainEpoch())[0]?.trainLoss ?? trainLoss;
      await pauseForEvents();
    }
    if (interrupted()) {
      io.err('cancelled');
      return exitCodeAfter(0);
    }
    const landscape = await computeLandscape(trainer, 0, trajectory, {
      plane: plane as PlaneKind,
      resolution,
      seed: config.seed,
    });
    const epochs = trainer.members[0]!.epoch;
    const status = trainer.members[0]!.status;
    if (flags.has('json')) io.out(jsonLine({ ...landscape, trainLoss, epochs, status }));
    else io.out(describe(landscape, epochs, trainLoss));
    return 0;
  } finally {
    trainer.dispose();
  }
}

const SHADES = ' .:-=+*#%@';

/** A terminal picture: darker is higher loss (log scale), `o` the path, `X` the current weights. */
function describe(landscape: Landscape, epochs: number, trainLoss: number): string {
  const { xs, ys, losses, path } = landscape;
  const logs = losses.map((l) => Math.log(Math.max(l, 1e-12)));
  const finite = logs.filter(Number.isFinite);
  const low = Math.min(...finite);
  const high = Math.max(...finite);
  const rows: string[][] = ys.map((_, j) =>
    xs.map((_, i) => {
      const v = logs[j * xs.length + i]!;
      if (!Number.isFinite(v)) return '!';
      const level = high > low ? (v - low) / (high - low) : 0;
      return SHADES[Math.min(SHADES.length - 1, Math.floor(level * SHADES.length))]!;
    }),
  );
  const cell = (x: number, y: number) => {
    const i = Math.round(((x - xs[0]!) / (xs.at(-1)! - xs[0]!)) * (xs.length - 1));
    const j = Math.round(((y - ys[0]!) / (ys.at(-1)! - ys[0]!)) * (ys.length - 1));
    return { i, j };
  };
  for (const point of path) {
    const { i, j } = cell(point.x, point.y);
    if (rows[j]?.[i] !== undefined) rows[j]![i] = 'o';
  }
  const end = cell(0, 0);
  if (rows[end.j]?.[end.i] !== undefined) rows[end.j]![end.i] = 'X';
  const variance = landscape.explainedVariance
    ? ` (explains ${(landscape.explainedVariance[0] * 100).toFixed(1)}% and ${(landscape.explainedVariance[1] * 100).toFixed(1)}% of the path's variance)`
    : '';
  const lines = [
    `After ${epochs} epochs, training loss ${trainLoss.toPrecision(4)} (centre ${landscape.centerLoss.toPrecision(4)}).`,
    `Plane: ${landscape.plane === 'trajectory' ? "the trajectory's principal directions" : 'random filter-normalized directions'}${variance}.`,
    `Loss on the grid from ${Math.min(...losses).toPrecision(4)} to ${Math.max(...losses).toPrecision(4)}; darker is higher; o the path, X now.`,
    ...[...rows].reverse().map((row) => `|${row.join('')}|`),
  ];
  if (landscape.cut) {
    const { ts, losses: cut } = landscape.cut;
    let best = 0;
    cut.forEach((l, i) => {
      if (l < cut[best]!) best = i;
    });
    lines.push(
      `Along the last step: lowest loss ${cut[best]!.toPrecision(4)} at t = ${ts[best]!.toFixed(2)} (t = 0 is now, -1 where the step began)${ts[best]! < -0.05 ? ': the step overshot.' : '.'}`,
    );
  }
  return lines.join('\n');
}
