/**
 * The trainer worker's wait for its first run, put to use. The worker's backend is ready some tens
 * of milliseconds before the page, still rendering its first screen, asks for a run (30-60 ms on
 * 2 cores, `npm run bench:first-epoch`). Meanwhile the worker trains a throwaway network of the
 * default experiment on a handful of points, epoch by epoch, until the page asks for a run.
 *
 * Why: the first epoch on a fresh worker is mostly start-up. In a trace, 47 of its 340 ms (the
 * profiler slows it) were V8 compiling the wasm kernels' functions on their first call
 * (wasm.CompileLazy, 90 functions), and most of the rest was tfjs' JavaScript running before V8
 * had compiled it. That is paid once per worker, by whichever network trains first: here, by one
 * nobody waits for. Run built -> first epoch held went from 129 to 74 ms (docs/benchmarks.md).
 *
 * It changes no number: the throwaway network has tensors, a dataset and random streams of its
 * own (every stream is seeded per trainer), and it is disposed before the first run is built.
 */
import { DEFAULT_CONFIG, type ExperimentConfig } from '../core/config/parameters';
import { PopulationTrainer } from '../core/train/population';

/**
 * The default network (the one most links open) on the fewest points the data allows: one step
 * and one evaluation an epoch, so the page's request waits for at most one short epoch.
 */
const WARM_UP_CONFIG: ExperimentConfig = { ...DEFAULT_CONFIG, points: 20 };

/** A page that never asks (another page is open) costs the worker this much, once. */
const WARM_UP_BUDGET_MS = 250;

export interface WarmUpHooks {
  /**
   * True once the page has asked for a run: the warm-up stops before its next epoch. (Anything else
   * the page asks goes through `exclusive` and waits for one short epoch at most.)
   */
  asked(): boolean;
  /** Runs a task in the worker's queue, so that nothing else trains meanwhile. */
  exclusive<T>(task: () => Promise<T>): Promise<T>;
  /** Lets the page's messages in between epochs. */
  yieldToEventLoop(): Promise<void>;
}

/** Trains throwaway epochs until the page asks or the budget is spent; returns how many. */
export async function warmUp(hooks: WarmUpHooks, budgetMs = WARM_UP_BUDGET_MS): Promise<number> {
  const started = performance.now();
  let trainer: PopulationTrainer | null = null;
  let epochs = 0;
  try {
    for (;;) {
      // First, and between epochs: a request already on its way (the worker's first script holds
      // the page's early messages until this endpoint has loaded, then hands them on) comes first.
      await hooks.yieldToEventLoop();
      if (hooks.asked() || performance.now() - started >= budgetMs) break;
      await hooks.exclusive(async () => {
        if (hooks.asked()) return;
        trainer ??= new PopulationTrainer([WARM_UP_CONFIG]);
        await trainer.trainEpoch();
        epochs += 1;
        // Early stopping or the epoch limit ended it: the next epoch starts a fresh one.
        if (!trainer.training) {
          trainer.dispose();
          trainer = null;
        }
      });
    }
  } catch {
    // A warm-up that fails costs the run nothing: its first epoch pays the start-up instead.
  } finally {
    (trainer as PopulationTrainer | null)?.dispose();
  }
  return epochs;
}
