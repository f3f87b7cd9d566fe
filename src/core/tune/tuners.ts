/**
 * Tuners with one ask/tell interface (Optuna's): `ask(count)` proposes trials, `tell(number, result)`
 * reports how they went. Every tuner draws its randomness from streams of its seed, so a study is
 * reproducible; a batch ask gives distinct trials that can train together as one population.
 */
import { createRandom, deriveSeed, permutation, type Random } from '../random/random';
import { acquisition, normalCdf, normalPdf, type AcquisitionKind } from './acquisition';
import { GaussianProcess, type KernelHyperparameters, type KernelKind } from './gp';
import { ScrambledHalton } from './quasi';
import {
  contains,
  describeDistribution,
  paramsFromUnit,
  parameterNames,
  SearchSpaceError,
  unitFromParams,
  unitFromValue,
  type Distribution,
  type Params,
  type ParamValue,
  type SearchSpace,
} from './space';

export const TUNER_KINDS = [
  'grid',
  'random',
  'quasi-random',
  'bayes',
  'tpe',
  'hyperband',
  'pso',
  'manual',
] as const;
export type TunerKind = (typeof TUNER_KINDS)[number];

export type TrialState = 'running' | 'complete' | 'pruned' | 'failed';

/** Why a trial failed or was pruned, as data the page renders in each language. */
export type TrialReason =
  | { code: 'diverged'; params: { epoch: number; learningRate: number } }
  | { code: 'pruned'; params: { epoch: number } }
  | { code: 'cancelled'; params: { epochs: number } }
  | { code: 'no-value'; params: Record<string, never> };

export interface Trial {
  number: number;
  params: Params;
  /** The objective (lower is better): a complete trial's value, or a pruned trial's last intermediate value. */
  value: number | null;
  state: TrialState;
  /** Epochs trained (the budget unit); null while running. */
  epochs: number | null;
  /** Why a trial failed or was pruned, in English words (exports, the command line, imported studies). */
  message?: string;
  /** The same as data, when Tunelab itself ended the trial. */
  reason?: TrialReason;
  durationMs?: number;
  /** Hyperband's bracket or the swarm's generation, for display. */
  group?: number;
  /** Validation loss after each epoch as [epoch, value]: a pruned trial's curve stops at its rung. */
  intermediate?: [number, number][];
  /** Clock times (ms since the epoch) the trial started and ended, for the timeline. */
  startedAt?: number | null;
  completedAt?: number | null;
}

export interface Suggestion {
  number: number;
  params: Params;
  /** Epochs to train at most (Hyperband's maximum budget); absent means the objective's default. */
  epochs?: number;
}

export interface TrialResult {
  value: number | null;
  state: Exclude<TrialState, 'running'>;
  epochs?: number;
  message?: string;
  reason?: TrialReason;
  durationMs?: number;
  intermediate?: [number, number][];
  startedAt?: number;
  completedAt?: number;
}

/** A running trial's validation loss after some epochs, for tuners that stop poor trials early. */
export interface IntermediateReport {
  number: number;
  value: number;
}

export interface TunerOptions {
  seed?: number;
  /** The study's trial budget: grid search sizes its grid to it. */
  trials?: number;
  /** Grid: values per numeric axis (default: as many as the budget allows). */
  gridPointsPerAxis?: number;
  /** Bayesian: trials from the quasi-random initial design before the model takes over. */
  initialTrials?: number;
  acquisition?: AcquisitionKind;
  /** Bayesian: the GP's kernel (default Matérn 5/2) and LCB's κ (default 2). */
  kernel?: KernelKind;
  kappa?: number;
  /** Bayesian: random candidates scored per suggestion before local refinement. */
  candidates?: number;
  /** Hyperband: the most epochs a trial trains, the fewest, and the halving rate η. */
  maxEpochs?: number;
  minEpochs?: number;
  eta?: number;
  /** Particle swarm: particles per generation. */
  swarmSize?: number;
}

export interface Tuner {
  readonly kind: TunerKind;
  readonly space: SearchSpace;
  readonly trials: readonly Trial[];
  /** Up to `count` new trials; fewer (even none) when the tuner must first hear back, or is exhausted. */
  ask(count?: number): Suggestion[];
  tell(number: number, result: TrialResult): void;
  /**
   * Takes finished trials from elsewhere (an imported study) as its own first trials, renumbered in
   * order: model-based tuners condition on them, grid search skips their points, the rest just add.
   * Running trials are left out. Call it before the first ask.
   */
  addHistory(trials: readonly Trial[]): void;
  /** Trials to stop now, given running trials' validation losses after `epoch` epochs (Hyperband). */
  prune(epoch: number, reports: readonly IntermediateReport[]): number[];
  /** True when the tuner will never suggest again (a grid fully walked). */
  readonly exhausted: boolean;
  /** How many trials it likes to have evaluated together (a swarm generation, a Hyperband bracket). */
  readonly preferredBatch: number;
}

/** The best complete trial (lowest value), or null. */
export function bestTrial(trials: readonly Trial[]): Trial | null {
  let best: Trial | null = null;
  for (const trial of trials) {
    if (trial.state !== 'complete' || trial.value === null || !Number.isFinite(trial.value)) continue;
    if (!best || trial.value < best.value!) best = trial;
  }
  return best;
}

abstract class BaseTuner implements Tuner {
  readonly trials: Trial[] = [];
  protected readonly seed: number;

  constructor(
    readonly kind: TunerKind,
    readonly space: SearchSpace,
    protected readonly options: TunerOptions,
  ) {
    if (parameterNames(space).length === 0)
      throw new SearchSpaceError('the search space needs at least one parameter');
    this.seed = options.seed ?? 0;
  }

  get exhausted(): boolean {
    return false;
  }

  get preferredBatch(): number {
    return 1;
  }

  ask(count = 1): Suggestion[] {
    return this.suggest(Math.max(0, Math.floor(count))).map((params) => this.start(params));
  }

  protected start(params: Params, extra: Partial<Trial> = {}, epochs?: number): Suggestion {
    const number = this.trials.length;
    this.trials.push({ number, params, value: null, state: 'running', epochs: null, ...extra });
    return epochs === undefined ? { number, params } : { number, params, epochs };
  }

  protected abstract suggest(count: number): Params[];

  tell(number: number, result: TrialResult): void {
    const trial = this.trials[number];
    if (!trial) throw new Error(`no trial ${number}`);
    if (trial.state !== 'running') throw new Error(`trial ${number} was already told`);
    trial.state = result.state;
    trial.value = result.value !== null && Number.isFinite(result.value) ? result.value : null;
    if (result.state === 'complete' && trial.value === null) {
      trial.state = 'failed';
      trial.message = result.message ?? 'the objective returned no finite value';
      trial.reason = result.reason ?? { code: 'no-value', params: {} };
    } else {
      if (result.message !== undefined) trial.message = result.message;
      if (result.reason !== undefined) trial.reason = result.reason;
    }
    trial.epochs = result.epochs ?? null;
    if (result.durationMs !== undefined) trial.durationMs = result.durationMs;
    if (result.intermediate?.length) trial.intermediate = result.intermediate;
    if (result.startedAt !== undefined) trial.startedAt = result.startedAt;
    if (result.completedAt !== undefined) trial.completedAt = result.completedAt;
    this.observe(trial);
  }

  addHistory(trials: readonly Trial[]): void {
    if (this.trials.some((t) => t.state === 'running'))
      throw new Error('history must be added before the first ask');
    for (const old of trials) {
      if (old.state === 'running') continue;
      const value = old.value !== null && Number.isFinite(old.value) ? old.value : null;
      const trial: Trial = { ...old, number: this.trials.length, params: { ...old.params }, value };
      if (trial.state === 'complete' && value === null) trial.state = 'failed';
      this.trials.push(trial);
      this.observe(trial);
    }
  }

  protected observe(_trial: Trial): void {}

  prune(_epoch: number, _reports: readonly IntermediateReport[]): number[] {
    return [];
  }
}

/** The values a grid takes along one parameter. */
export function gridValues(d: Distribution, pointsPerAxis: number): ParamValue[] {
  if (d.type === 'categorical') return [...d.choices];
  const values: number[] = [];
  const k = Math.max(1, pointsPerAxis);
  for (let i = 0; i < k; i++) {
    const t = k === 1 ? 0.5 : i / (k - 1);
    let value = d.log
      ? Math.exp(Math.log(d.low) + t * (Math.log(d.high) - Math.log(d.low)))
      : d.low + t * (d.high - d.low);
    const step = d.step ?? (d.type === 'int' ? 1 : undefined);
    if (step !== undefined)
      value = Number((d.low + Math.round((value - d.low) / step) * step).toPrecision(12));
    if (d.type === 'int') value = Math.round(value);
    value = Math.min(d.high, Math.max(d.low, value));
    if (!values.includes(value)) values.push(value);
  }
  return values;
}

/** Values per numeric axis for a trial budget: as many as fit, k^d · categorical cells ≤ budget, at least 2. */
export function gridPointsPerAxis(space: SearchSpace, budget: number): number {
  const names = parameterNames(space);
  const categoricalCells = names.reduce((product, name) => {
    const d = space[name]!;
    return d.type === 'categorical' ? product * d.choices.length : product;
  }, 1);
  const numericAxes = names.filter((name) => space[name]!.type !== 'categorical').length;
  return Math.max(2, Math.floor((budget / categoricalCells) ** (1 / Math.max(1, numericAxes)) + 1e-9));
}

/**
 * Grid search. The axes get as many values as the trial budget allows (k^d ≤ trials), and the grid
 * is walked in a seeded random order, as Optuna's GridSampler does, so a cut budget still samples
 * the whole grid evenly instead of only its first rows.
 */
class GridTuner extends BaseTuner {
  grid: Params[];
  private cursor = 0;

  constructor(space: SearchSpace, options: TunerOptions) {
    super('grid', space, options);
    const names = parameterNames(space);
    const perAxis = options.gridPointsPerAxis ?? gridPointsPerAxis(space, options.trials ?? 100);
    const axes = names.map((name) => gridValues(space[name]!, perAxis));
    let grid: Params[] = [{}];
    names.forEach((name, i) => {
      grid = grid.flatMap((partial) => axes[i]!.map((value) => ({ ...partial, [name]: value })));
    });
    const order = permutation(createRandom(deriveSeed(this.seed, 'grid-order')), grid.length);
    this.grid = Array.from(order, (index) => grid[index]!);
  }

  override get exhausted(): boolean {
    return this.cursor >= this.grid.length;
  }

  override addHistory(trials: readonly Trial[]): void {
    super.addHistory(trials);
    const names = parameterNames(this.space);
    const done = this.trials.filter((t) => t.state !== 'running');
    // A point already evaluated teaches nothing new; the walk goes on through the rest in the same order.
    this.grid = this.grid.filter(
      (point, i) =>
        i < this.cursor || !done.some((t) => names.every((n) => sameValue(point[n]!, t.params[n]))),
    );
  }

  protected suggest(count: number): Params[] {
    const out = this.grid.slice(this.cursor, this.cursor + count);
    this.cursor += out.length;
    return out;
  }
}

function sameValue(a: ParamValue, b: ParamValue | undefined): boolean {
  if (typeof a === 'number' && typeof b === 'number')
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  return a === b;
}

class RandomTuner extends BaseTuner {
  private readonly random: Random;

  constructor(space: SearchSpace, options: TunerOptions) {
    super('random', space, options);
    this.random = createRandom(deriveSeed(this.seed, 'random-search'));
  }

  protected suggest(count: number): Params[] {
    const dims = parameterNames(this.space).length;
    return Array.from({ length: count }, () =>
      paramsFromUnit(
        this.space,
        Array.from({ length: dims }, () => this.random.next()),
      ),
    );
  }
}

class QuasiRandomTuner extends BaseTuner {
  private readonly sequence: ScrambledHalton;

  constructor(space: SearchSpace, options: TunerOptions) {
    super('quasi-random', space, options);
    this.sequence = new ScrambledHalton(parameterNames(space).length, this.seed);
  }

  protected suggest(count: number): Params[] {
    return Array.from({ length: count }, () => paramsFromUnit(this.space, this.sequence.next()));
  }
}

/** Features the Gaussian process sees: unit coordinates for numbers, one-hot columns for categories. */
export function encodeForModel(space: SearchSpace, params: Params): number[] {
  const out: number[] = [];
  for (const name of parameterNames(space)) {
    const d = space[name]!;
    const value = params[name]!;
    if (d.type === 'categorical') for (const choice of d.choices) out.push(choice === value ? 1 : 0);
    else out.push(unitFromValue(d, value));
  }
  return out;
}

export interface BayesianState {
  /** The fitted model on standardized values, and the standardization, for the "inside the GP" view. */
  gp: GaussianProcess;
  mean: number;
  scale: number;
  /** The best standardized value the acquisition improves on. */
  incumbent: number;
  acquisition: AcquisitionKind;
  kappa: number;
}

/**
 * Bayesian optimization: a Gaussian process over the observed trials (inputs in the unit cube,
 * outputs standardized, a chosen kernel (Matérn 5/2 by default) with fitted ARD length scales), and an acquisition (EI by default)
 * maximized over many random candidates plus a local refinement of the best few. Batch asks use
 * the constant liar (Ginsbourger et al. 2010): each pending trial counts as if it had returned the
 * best value so far, which pushes the next suggestion elsewhere.
 */
export class BayesianTuner extends BaseTuner {
  private readonly initialDesign: ScrambledHalton;
  private readonly random: Random;
  private readonly initialTrials: number;
  private hyperparameters: KernelHyperparameters | null = null;
  /** The model behind the latest suggestion, for the page's GP view. */
  lastState: BayesianState | null = null;

  constructor(space: SearchSpace, options: TunerOptions) {
    super('bayes', space, options);
    const dims = parameterNames(space).length;
    this.initialDesign = new ScrambledHalton(dims, deriveSeed(this.seed, 'initial-design'));
    this.random = createRandom(deriveSeed(this.seed, 'bayes-candidates'));
    this.initialTrials = options.initialTrials ?? Math.max(5, 2 * dims + 1);
  }

  /** Observations as (features, value); failed trials count as the worst value seen, so the model learns to avoid them. */
  private observations(): { X: number[][]; y: number[]; pending: number[][] } {
    const finished = this.trials.filter((t) => t.state === 'complete' && t.value !== null);
    const worst = finished.length ? Math.max(...finished.map((t) => t.value!)) : null;
    const X: number[][] = [];
    const y: number[] = [];
    const pending: number[][] = [];
    for (const trial of this.trials) {
      const features = encodeForModel(this.space, trial.params);
      if (trial.state === 'complete' && trial.value !== null) {
        X.push(features);
        y.push(trial.value);
      } else if (trial.state === 'failed' && worst !== null) {
        X.push(features);
        y.push(worst);
      } else if (trial.state === 'running') pending.push(features);
    }
    return { X, y, pending };
  }

  protected suggest(count: number): Params[] {
    const out: Params[] = [];
    const { X, y, pending } = this.observations();
    const started = this.trials.length;
    const initial = Math.min(count, Math.max(0, this.initialTrials - started));
    for (let i = 0; i < initial; i++) out.push(paramsFromUnit(this.space, this.initialDesign.next()));
    if (out.length === count) return out;
    if (X.length < 2) {
      // Not enough data for a model yet: the rest of the batch is quasi-random too.
      while (out.length < count) out.push(paramsFromUnit(this.space, this.initialDesign.next()));
      return out;
    }
    // Initial-design points of this same batch are pending too.
    for (const params of out) pending.push(encodeForModel(this.space, params));
    const mean = y.reduce((a, b) => a + b, 0) / y.length;
    const variance = y.reduce((a, b) => a + (b - mean) ** 2, 0) / y.length;
    const scale = variance > 0 ? Math.sqrt(variance) : 1;
    const standardized = y.map((v) => (v - mean) / scale);
    // A full search with restarts every few observations; in between, a short one warm-started from the last fit.
    const fullSearch = !this.hyperparameters || X.length % 5 === 0;
    const kernel = this.options.kernel ?? 'matern52';
    const gp = new GaussianProcess(kernel).fit(X, standardized, {
      seed: deriveSeed(this.seed, 'gp', X.length),
      restarts: fullSearch ? 2 : 0,
      iterations: fullSearch ? 120 : 50,
      ...(this.hyperparameters ? { initial: this.hyperparameters } : {}),
    });
    this.hyperparameters = gp.hyperparameters;
    const incumbent = Math.min(...standardized);
    const lie = incumbent;
    const liarX = [...X, ...pending];
    const liarY = [...standardized, ...pending.map(() => lie)];
    let model = pending.length ? new GaussianProcess(kernel).fit(liarX, liarY, this.hyperparameters) : gp;
    const kind = this.options.acquisition ?? 'ei';
    const kappa = this.options.kappa ?? 2;
    this.lastState = { gp: model, mean, scale, incumbent, acquisition: kind, kappa };
    while (out.length < count) {
      const params = this.maximizeAcquisition(model, incumbent, kind, kappa, liarX);
      out.push(params);
      if (out.length < count) {
        liarX.push(encodeForModel(this.space, params));
        liarY.push(lie);
        model = new GaussianProcess(kernel).fit(liarX, liarY, this.hyperparameters);
      }
    }
    return out;
  }

  private maximizeAcquisition(
    model: GaussianProcess,
    incumbent: number,
    kind: AcquisitionKind,
    kappa: number,
    observed: readonly number[][],
  ): Params {
    const names = parameterNames(this.space);
    const dims = names.length;
    const numericDims = names
      .map((name, i) => (this.space[name]!.type === 'categorical' ? -1 : i))
      .filter((i) => i >= 0);
    const score = (units: number[][]): number[] => {
      const features = units.map((u) => encodeForModel(this.space, paramsFromUnit(this.space, u)));
      const { mean, std } = model.predict(features);
      return mean.map((m, i) => acquisition(kind, m, std[i]!, incumbent, kappa));
    };
    const candidates: number[][] = [];
    const candidateCount = this.options.candidates ?? 1000;
    for (let i = 0; i < candidateCount; i++)
      candidates.push(Array.from({ length: dims }, () => this.random.next()));
    // Around the best observations too: EI's peaks are often narrow and next to the incumbent.
    const observedUnits = this.trials
      .filter((t) => t.state === 'complete' && t.value !== null)
      .sort((a, b) => a.value! - b.value!)
      .slice(0, 5)
      .map((t) => unitFromParams(this.space, t.params));
    for (const u of observedUnits) {
      for (let i = 0; i < 20; i++)
        candidates.push(
          u.map((x, d) => (numericDims.includes(d) ? clamp01(x + 0.05 * this.random.normal()) : x)),
        );
    }
    const scores = score(candidates);
    const order = scores.map((s, i) => [s, i] as const).sort((a, b) => b[0] - a[0]);
    let best = { unit: candidates[order[0]![1]]!, score: order[0]![0] };
    // Local refinement: a shrinking Gaussian pattern search from the best few candidates.
    for (const [startScore, index] of order.slice(0, 3)) {
      let unit = candidates[index]!;
      let current = startScore;
      let radius = 0.05;
      for (let step = 0; step < 40 && numericDims.length > 0; step++) {
        const batch = Array.from({ length: 4 }, () =>
          unit.map((x, d) => (numericDims.includes(d) ? clamp01(x + radius * this.random.normal()) : x)),
        );
        const batchScores = score(batch);
        let improved = false;
        batchScores.forEach((s, i) => {
          if (s > current) {
            current = s;
            unit = batch[i]!;
            improved = true;
          }
        });
        if (!improved) radius *= 0.7;
        if (radius < 1e-4) break;
      }
      if (current > best.score) best = { unit, score: current };
    }
    // Expected Improvement is flat zero far from the data when the model is very sure; then explore.
    if (!(best.score > 0) && kind !== 'lcb')
      best.unit = Array.from({ length: dims }, () => this.random.next());
    const params = paramsFromUnit(this.space, best.unit);
    const features = encodeForModel(this.space, params);
    // A repeat of an observed point teaches nothing (and rounding of integer or stepped values can cause it): fall back to random.
    if (observed.some((x) => x.every((v, i) => Math.abs(v - features[i]!) < 1e-9))) {
      return paramsFromUnit(
        this.space,
        Array.from({ length: dims }, () => this.random.next()),
      );
    }
    return params;
  }
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

export interface HyperbandRung {
  /** Epochs trained when the rung is judged. */
  epochs: number;
  /** Trials that reach this rung. */
  trials: number;
}

export interface HyperbandBracket {
  /** Li et al.'s s: how many times the bracket halves. */
  s: number;
  rungs: HyperbandRung[];
}

/**
 * Hyperband's brackets (Li et al. 2018, Algorithm 1): with R = maxEpochs / minEpochs and
 * s_max = ⌊log_η R⌋, bracket s starts n = ⌈(s_max + 1) η^s / (s + 1)⌉ trials at R η^{−s} epochs
 * and keeps the best ⌊n_i / η⌋ at each rung, each trained η times longer.
 */
export function hyperbandBrackets(maxEpochs: number, minEpochs = 1, eta = 3): HyperbandBracket[] {
  const ratio = maxEpochs / minEpochs;
  const sMax = Math.floor(Math.log(ratio) / Math.log(eta) + 1e-9);
  const brackets: HyperbandBracket[] = [];
  for (let s = sMax; s >= 0; s--) {
    const n = Math.ceil(((sMax + 1) / (s + 1)) * eta ** s - 1e-9);
    const rungs: HyperbandRung[] = [];
    for (let i = 0; i <= s; i++) {
      rungs.push({
        trials: Math.floor(n * eta ** -i + 1e-9),
        epochs: Math.max(1, Math.round(maxEpochs * eta ** (i - s))),
      });
    }
    brackets.push({ s, rungs });
  }
  return brackets;
}

/**
 * Hyperband: successive halving in brackets that trade many short trials against few long ones.
 * Every trial is asked with the full budget; at each rung's epoch its validation loss so far is
 * ranked against the bracket's others at that rung, and only the best ⌊n/η⌋ go on. A bracket
 * trained as one batch is exactly synchronous successive halving; split over batches, a trial is
 * judged against those that reached the rung before it (as ASHA does), which only keeps more.
 */
class HyperbandTuner extends BaseTuner {
  readonly brackets: HyperbandBracket[];
  readonly maxEpochs: number;
  private readonly random: Random;
  private bracketIndex = 0;
  private startedInBracket = 0;
  /** trial number → bracket index. */
  private readonly bracketOf = new Map<number, number>();
  /** per bracket occurrence (trial's group id) → per rung → trial number → value. */
  private readonly rungValues = new Map<number, Map<number, number>[]>();
  private occurrence = 0;

  constructor(space: SearchSpace, options: TunerOptions) {
    super('hyperband', space, options);
    this.maxEpochs = options.maxEpochs ?? 27;
    const minEpochs = options.minEpochs ?? Math.max(1, Math.round(this.maxEpochs / 27));
    this.brackets = hyperbandBrackets(this.maxEpochs, minEpochs, options.eta ?? 3);
    this.random = createRandom(deriveSeed(this.seed, 'hyperband'));
  }

  override get preferredBatch(): number {
    return this.brackets[this.bracketIndex]!.rungs[0]!.trials - this.startedInBracket;
  }

  override ask(count = 1): Suggestion[] {
    const out: Suggestion[] = [];
    const dims = parameterNames(this.space).length;
    while (out.length < count) {
      const bracket = this.brackets[this.bracketIndex]!;
      if (this.startedInBracket >= bracket.rungs[0]!.trials) {
        this.bracketIndex = (this.bracketIndex + 1) % this.brackets.length;
        this.startedInBracket = 0;
        this.occurrence++;
        continue;
      }
      const params = paramsFromUnit(
        this.space,
        Array.from({ length: dims }, () => this.random.next()),
      );
      const suggestion = this.start(params, { group: this.occurrence }, this.maxEpochs);
      this.bracketOf.set(suggestion.number, this.bracketIndex);
      this.startedInBracket++;
      out.push(suggestion);
    }
    return out;
  }

  protected suggest(): Params[] {
    return [];
  }

  override prune(epoch: number, reports: readonly IntermediateReport[]): number[] {
    const judged: { number: number; rungs: Map<number, number>[]; rung: number; keep: number }[] = [];
    for (const { number, value } of reports) {
      const bracketIndex = this.bracketOf.get(number);
      const trial = this.trials[number];
      if (bracketIndex === undefined || !trial) continue;
      const bracket = this.brackets[bracketIndex]!;
      const rung = bracket.rungs.findIndex((r, i) => r.epochs === epoch && i < bracket.rungs.length - 1);
      if (rung < 0) continue;
      const key = trial.group!;
      if (!this.rungValues.has(key))
        this.rungValues.set(
          key,
          bracket.rungs.map(() => new Map()),
        );
      const rungs = this.rungValues.get(key)!;
      rungs[rung]!.set(number, Number.isFinite(value) ? value : Infinity);
      judged.push({ number, rungs, rung, keep: Math.max(1, bracket.rungs[rung + 1]!.trials) });
    }
    const stop: number[] = [];
    for (const { number, rungs, rung, keep } of judged) {
      const values = rungs[rung]!;
      const mine = values.get(number)!;
      const better = [...values.entries()].filter(
        ([other, v]) => v < mine || (v === mine && other < number),
      ).length;
      if (better >= keep) stop.push(number);
    }
    return stop;
  }
}

/** A one-dimensional Parzen estimator on [0, 1]: Gaussians truncated to the interval, plus a flat prior. */
class ParzenEstimator {
  private readonly sigmas: number[];

  constructor(private readonly centres: readonly number[]) {
    // Bandwidth: the distance to the farther neighbour (Bergstra et al. 2011), kept within sensible bounds.
    const sorted = centres.map((c, i) => [c, i] as const).sort((a, b) => a[0] - b[0]);
    const sigmas = new Array<number>(centres.length).fill(1);
    const minimum = 1 / Math.min(100, 1 + centres.length);
    sorted.forEach(([c, i], k) => {
      const left = k > 0 ? c - sorted[k - 1]![0] : c;
      const right = k < sorted.length - 1 ? sorted[k + 1]![0] - c : 1 - c;
      sigmas[i] = Math.min(1, Math.max(minimum * 0.1, Math.max(left, right)));
    });
    this.sigmas = sigmas;
  }

  /** Draws from the mixture: a component (or the prior) uniformly, then its truncated Gaussian. */
  sample(random: Random): number {
    const k = random.int(this.centres.length + 1);
    if (k === this.centres.length) return random.next();
    const centre = this.centres[k]!;
    const sigma = this.sigmas[k]!;
    for (let attempt = 0; attempt < 100; attempt++) {
      const x = centre + sigma * random.normal();
      if (x >= 0 && x <= 1) return x;
    }
    return clamp01(centre);
  }

  logDensity(x: number): number {
    let density = 1; // the flat prior on [0, 1]
    this.centres.forEach((centre, k) => {
      const sigma = this.sigmas[k]!;
      const mass = normalCdf((1 - centre) / sigma) - normalCdf(-centre / sigma);
      density += normalPdf((x - centre) / sigma) / sigma / Math.max(mass, 1e-12);
    });
    return Math.log(density / (this.centres.length + 1));
  }
}

/**
 * Tree-structured Parzen Estimator (Bergstra et al. 2011), univariate as in Optuna's default: it
 * splits the trials into the best γ and the rest, models each parameter's density in both groups,
 * and picks, among candidates drawn from the good density, the one with the largest ratio l/g.
 */
class TreeParzenTuner extends BaseTuner {
  private readonly random: Random;
  private readonly startup: ScrambledHalton;
  private readonly startupTrials: number;

  constructor(space: SearchSpace, options: TunerOptions) {
    super('tpe', space, options);
    this.random = createRandom(deriveSeed(this.seed, 'tpe'));
    this.startup = new ScrambledHalton(parameterNames(space).length, deriveSeed(this.seed, 'tpe-startup'));
    this.startupTrials = options.initialTrials ?? 10;
  }

  protected suggest(count: number): Params[] {
    const names = parameterNames(this.space);
    const finished = this.trials.filter((t) => t.state === 'complete' && t.value !== null);
    const worst = finished.length ? Math.max(...finished.map((t) => t.value!)) : 0;
    const observed = this.trials
      .filter((t) => (t.state === 'complete' && t.value !== null) || t.state === 'failed')
      .map((t) => ({
        unit: unitFromParams(this.space, t.params),
        value: t.state === 'failed' ? worst : t.value!,
      }))
      .sort((a, b) => a.value - b.value);
    const out: Params[] = [];
    for (let i = 0; i < count; i++) {
      if (this.trials.length + i < this.startupTrials || observed.length < 2) {
        out.push(paramsFromUnit(this.space, this.startup.next()));
        continue;
      }
      // Optuna's default γ(n) = min(⌈0.1 n⌉, 25).
      const goodCount = Math.max(1, Math.min(Math.ceil(0.1 * observed.length), 25));
      const good = observed.slice(0, goodCount);
      const bad = observed.slice(goodCount);
      const estimators = names.map((_, d) => ({
        good: new ParzenEstimator(good.map((o) => o.unit[d]!)),
        bad: new ParzenEstimator(bad.map((o) => o.unit[d]!)),
      }));
      let best: { unit: number[]; score: number } | null = null;
      for (let c = 0; c < 24; c++) {
        const unit = estimators.map((e) => e.good.sample(this.random));
        const score = unit.reduce(
          (sum, x, d) => sum + estimators[d]!.good.logDensity(x) - estimators[d]!.bad.logDensity(x),
          0,
        );
        if (!best || score > best.score) best = { unit, score };
      }
      out.push(paramsFromUnit(this.space, best!.unit));
    }
    return out;
  }
}

interface Particle {
  position: number[];
  velocity: number[];
  bestPosition: number[];
  bestValue: number;
  /** The trial evaluating this particle's current position. */
  trial: number | null;
  value: number | null;
}

/**
 * Particle swarm optimization (Kennedy & Eberhart 1995) with the constriction coefficients of
 * Clerc & Kennedy (2002). Each generation is evaluated together; positions live in the unit cube.
 */
class ParticleSwarmTuner extends BaseTuner {
  readonly swarmSize: number;
  private readonly random: Random;
  private readonly particles: Particle[];
  private globalBest: { position: number[]; value: number } | null = null;
  private generation = 0;
  private readonly particleOf = new Map<number, number>();

  constructor(space: SearchSpace, options: TunerOptions) {
    super('pso', space, options);
    const dims = parameterNames(space).length;
    this.swarmSize = options.swarmSize ?? Math.min(20, Math.max(6, 2 * dims + 4));
    this.random = createRandom(deriveSeed(this.seed, 'swarm'));
    const start = new ScrambledHalton(dims, deriveSeed(this.seed, 'swarm-start'));
    this.particles = Array.from({ length: this.swarmSize }, () => {
      const position = start.next();
      return {
        position,
        velocity: position.map(() => this.random.uniform(-0.1, 0.1)),
        bestPosition: position,
        bestValue: Infinity,
        trial: null,
        value: null,
      };
    });
  }

  override get preferredBatch(): number {
    return this.particles.filter((p) => p.trial === null).length || this.swarmSize;
  }

  override ask(count = 1): Suggestion[] {
    const out: Suggestion[] = [];
    for (const [index, particle] of this.particles.entries()) {
      if (out.length >= count) break;
      if (particle.trial !== null) continue;
      const suggestion = this.start(paramsFromUnit(this.space, particle.position), {
        group: this.generation,
      });
      particle.trial = suggestion.number;
      this.particleOf.set(suggestion.number, index);
      out.push(suggestion);
    }
    return out;
  }

  protected suggest(): Params[] {
    return [];
  }

  override addHistory(trials: readonly Trial[]): void {
    super.addHistory(trials);
    const best = bestTrial(this.trials);
    // The swarm starts where it starts, but is pulled towards the best point found before it.
    if (best) this.globalBest = { position: unitFromParams(this.space, best.params), value: best.value! };
  }

  protected override observe(trial: Trial): void {
    const index = this.particleOf.get(trial.number);
    if (index === undefined) return;
    const particle = this.particles[index]!;
    const value = trial.value ?? Infinity;
    particle.value = value;
    if (value < particle.bestValue) {
      particle.bestValue = value;
      particle.bestPosition = [...particle.position];
    }
    if (!this.globalBest || value < this.globalBest.value)
      this.globalBest = { position: [...particle.position], value };
    if (this.particles.every((p) => p.value !== null)) this.advance();
  }

  private advance(): void {
    const inertia = 0.7298;
    const pull = 1.49618;
    const globalBest = this.globalBest!.position;
    for (const particle of this.particles) {
      particle.velocity = particle.velocity.map((v, d) => {
        const next =
          inertia * v +
          pull * this.random.next() * (particle.bestPosition[d]! - particle.position[d]!) +
          pull * this.random.next() * (globalBest[d]! - particle.position[d]!);
        return Math.max(-0.5, Math.min(0.5, next));
      });
      particle.position = particle.position.map((x, d) => {
        let next = x + particle.velocity[d]!;
        // Reflect off the walls so particles do not pile up on the boundary.
        if (next < 0) {
          next = -next;
          particle.velocity[d] = -particle.velocity[d]!;
        }
        if (next > 1) {
          next = 2 - next;
          particle.velocity[d] = -particle.velocity[d]!;
        }
        return clamp01(next);
      });
      particle.trial = null;
      particle.value = null;
    }
    this.generation++;
  }
}

/**
 * "You": the student as a tuner. Trials are proposed by hand (with the playground's controls) and
 * wait in a queue until the study asks for them, under the same budget as the other tuners.
 */
export class ManualTuner extends BaseTuner {
  private readonly queue: Params[] = [];

  constructor(space: SearchSpace, options: TunerOptions) {
    super('manual', space, options);
  }

  /** Queues a trial; throws a SearchSpaceError naming the parameter when a value is outside the space. */
  propose(params: Params): void {
    const clean: Params = {};
    for (const name of parameterNames(this.space)) {
      const d = this.space[name]!;
      const value = params[name];
      if (value === undefined) throw new SearchSpaceError(`${name} is missing`);
      if (!contains(d, value)) throw new SearchSpaceError(`${name} must be ${describeDistribution(d)}`);
      clean[name] = value;
    }
    this.queue.push(clean);
  }

  get queued(): number {
    return this.queue.length;
  }

  protected suggest(count: number): Params[] {
    return this.queue.splice(0, count);
  }
}

export function createTuner(kind: TunerKind, space: SearchSpace, options: TunerOptions = {}): Tuner {
  switch (kind) {
    case 'grid':
      return new GridTuner(space, options);
    case 'random':
      return new RandomTuner(space, options);
    case 'quasi-random':
      return new QuasiRandomTuner(space, options);
    case 'bayes':
      return new BayesianTuner(space, options);
    case 'tpe':
      return new TreeParzenTuner(space, options);
    case 'hyperband':
      return new HyperbandTuner(space, options);
    case 'pso':
      return new ParticleSwarmTuner(space, options);
    case 'manual':
      return new ManualTuner(space, options);
  }
}
