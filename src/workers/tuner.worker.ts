/**
 * Runs one tuner's study off the main thread: the race starts one of these per tuner, so the
 * tuners really run side by side, and the page only renders the trials they stream back.
 */
import * as Comlink from 'comlink';
import { analyticObjective, type ObjectiveId } from '../core/tune/objectives';
import { continuingTuner } from '../core/tune/continue';
import { DEFAULT_NETWORK_SPACE, SearchSpaceError, type Params, type SearchSpace } from '../core/tune/space';
import { explainBayes, type ExplainRequest, type ExplainResult } from '../core/tune/explain';
import { ManualTuner, type Trial, type TunerKind } from '../core/tune/tuners';
import { networkObjective } from '../core/tune/network';
import { runStudy, tunerFor } from '../core/tune/study';
import type { ExperimentConfig } from '../core/config/parameters';
import { prepareBackend } from './backend';

export interface RaceRequest {
  /** "manual" is the student: trials arrive through `propose`. */
  tuner: TunerKind;
  objective: ObjectiveId;
  trials: number;
  seed: number;
  /** Total epochs the tuner may spend (the fair budget when Hyperband stops trials early). */
  epochs?: number;
  /** The experiment every network trial starts from. */
  base?: ExperimentConfig;
  /** Studies with seeds seed, seed + 1, …; 1 when absent. */
  repeats?: number;
  /** Continuing an imported study: its finished trials, which the tuner starts from; `trials` more are run. */
  history?: Trial[];
  /** The network's search space (an imported study's); the default space when absent. */
  space?: SearchSpace;
}

export type RaceEvent =
  | { type: 'trial'; repeat: number; trial: Trial; epochsUsed: number }
  | { type: 'done'; reason: 'budget' | 'exhausted' | 'stopped'; epochsUsed: number }
  | { type: 'error'; message: string };

export interface TunerWorkerApi {
  run(request: RaceRequest, listener: (event: RaceEvent) => void): Promise<void>;
  pause(): void;
  resume(): void;
  stop(): void;
  /** A trial proposed by hand (the "you" tuner); resolves to a problem in words, or null. */
  propose(params: Params): string | null;
  explain(request: ExplainRequest): Promise<ExplainResult>;
}

/**
 * Trials of the network objective trained together. Tuners that ignore results (random, grid,
 * quasi-random) lose nothing by asking for many at once, and on wasm a population's throughput
 * per member grows with its size (8 members: ~1.1× the floor, 32: ~2×; docs/benchmarks.md); model-based tuners (Bayesian with a
 * constant liar, TPE) learn between batches, so they ask for 4. Swarm generations and Hyperband
 * rungs keep their own size (undefined).
 */
function networkBatch(tuner: TunerKind): number | undefined {
  switch (tuner) {
    case 'random':
    case 'grid':
    case 'quasi-random':
      return 16;
    case 'pso':
    case 'hyperband':
    case 'manual':
      return undefined;
    default:
      return 4;
  }
}

let controller: AbortController | null = null;
let manual: ManualTuner | null = null;
/** Wakes the manual study when a proposal arrives (or the race stops). */
let proposalArrived: (() => void) | null = null;
let paused: { promise: Promise<void>; resolve: () => void } | null = null;

function waitWhilePaused(): Promise<void> {
  return paused ? paused.promise : Promise.resolve();
}

const api: TunerWorkerApi = {
  async run(request, listener) {
    controller = new AbortController();
    const signal = controller.signal;
    // Repeats run the same study with seeds seed, seed + 1, …, for the median and band of the race chart.
    const repeats = request.tuner === 'manual' ? 1 : Math.max(1, request.repeats ?? 1);
    let reason: 'budget' | 'exhausted' | 'stopped' = 'budget';
    let firstEpochs = 0;
    try {
      for (let repeat = 0; repeat < repeats && !signal.aborted; repeat++) {
        const seed = request.seed + repeat;
        const network = request.objective === 'network';
        let objective;
        if (request.objective === 'network') {
          if (!request.base) throw new Error('the network objective needs a base experiment');
          objective = networkObjective(
            { ...request.base, seed: (request.base.seed + repeat) % 2147483647 },
            request.space ?? DEFAULT_NETWORK_SPACE,
          );
        } else {
          objective = analyticObjective(request.objective, seed);
        }
        const { tuner, trials } = request.history
          ? continuingTuner(request.tuner, objective, request.history, request.trials, { seed })
          : {
              tuner: tunerFor(request.tuner, objective, { seed, trials: request.trials }),
              trials: request.trials,
            };
        manual = tuner instanceof ManualTuner ? tuner : null;
        const parallel = network ? networkBatch(request.tuner) : undefined;
        if (network) await prepareBackend();
        let epochsUsed = 0;
        const result = await runStudy(tuner, objective, {
          trials,
          epochs: request.epochs,
          parallel,
          signal,
          beforeBatch: async () => {
            await waitWhilePaused();
            // Yield so pause and stop messages are handled between batches of instant trials.
            await new Promise((resolve) => setTimeout(resolve, 0));
            await waitWhilePaused();
            while (manual && manual.queued === 0 && !signal.aborted)
              await new Promise<void>((resolve) => (proposalArrived = resolve));
          },
          onTrial: (trial) => {
            epochsUsed += trial.epochs ?? objective.maxEpochs;
            listener({ type: 'trial', repeat, trial, epochsUsed });
          },
        });
        if (repeat === 0) firstEpochs = result.epochsUsed;
        reason = result.reason;
      }
      listener({ type: 'done', reason: signal.aborted ? 'stopped' : reason, epochsUsed: firstEpochs });
    } catch (error) {
      listener({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  },
  pause() {
    if (paused) return;
    let resolve = () => {};
    const promise = new Promise<void>((r) => (resolve = r));
    paused = { promise, resolve };
  },
  resume() {
    paused?.resolve();
    paused = null;
  },
  stop() {
    controller?.abort();
    proposalArrived?.();
    api.resume();
  },
  propose(params) {
    if (!manual) return 'no study is waiting for your trials';
    try {
      manual.propose(params);
    } catch (error) {
      if (error instanceof SearchSpaceError) return error.message;
      throw error;
    }
    proposalArrived?.();
    proposalArrived = null;
    return null;
  },
  explain(request) {
    return explainBayes(request);
  },
};

Comlink.expose(api);
