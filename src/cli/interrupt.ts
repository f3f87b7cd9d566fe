/**
 * Ctrl-C and `kill` for a long run. Node runs a signal handler only when the event loop turns,
 * and an epoch loop that awaits only resolved promises never lets it turn, so every training loop
 * awaits `pauseForEvents()` between epochs. The run then ends as `cancelled`, prints its last
 * line, and the process exits 130 (128 + SIGINT, as a shell reports Ctrl-C) for either signal.
 *
 * The handlers are installed by main before any command loads: loading the engine takes seconds
 * on a busy machine, and a signal in that time must cancel the run too, not kill the process
 * without its last line.
 */
export const CANCELLED_EXIT_CODE = 130;

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
const controller = new AbortController();

function onSignal(): void {
  controller.abort();
  // A second signal while the run winds down ends the process the default way, at once.
  for (const name of SIGNALS) process.off(name, onSignal);
}

export function installInterruptHandlers(): void {
  for (const name of SIGNALS) {
    process.off(name, onSignal);
    process.on(name, onSignal);
  }
}

/** Aborted once SIGINT or SIGTERM has arrived. */
export const interruptSignal: AbortSignal = controller.signal;

export const interrupted = (): boolean => controller.signal.aborted;

/** Yields to the event loop (a macrotask, so a pending signal is delivered); costs microseconds. */
export function pauseForEvents(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** 130 once a signal has arrived, otherwise `code`. */
export const exitCodeAfter = (code: number): number => (interrupted() ? CANCELLED_EXIT_CODE : code);

/** Calls `listener` when a signal arrives (at once if one already has); returns how to stop listening. */
export function whenInterrupted(listener: () => void): () => void {
  if (controller.signal.aborted) {
    listener();
    return () => {};
  }
  controller.signal.addEventListener('abort', listener, { once: true });
  return () => controller.signal.removeEventListener('abort', listener);
}
