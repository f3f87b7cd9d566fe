import { startTransition, useEffect, useState, type ReactNode } from 'react';
import { useRun, waitingForFirstEpoch } from '../../store/run';

/**
 * False until the frame after the first one that showed the component's page, then true (set in a
 * transition, so what it mounts renders in slices).
 */
export function useAfterFirstPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => afterNextPaint(() => setPainted(true)), []);
  return painted;
}

/**
 * Runs `update` in a transition after the next frame has painted (a frame, then a task: a frame
 * callback alone runs before its paint). Returns the cancel.
 */
function afterNextPaint(update: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(() => startTransition(update));
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

/**
 * How long the page waits after its first paint, when nobody has pressed Play, before it brings
 * the parts that can wait. Long enough for a reader's first look; the parts are below the fold or
 * a menu.
 */
const QUIET_MS = 1000;

/**
 * False until the run's first epoch is on screen, or the page has been quiet for QUIET_MS since
 * its first paint with no run waiting for its first epoch; then true for good. For the parts whose
 * code and first drawing would otherwise land between Play and the first epoch: mounted right
 * after the first paint they loaded and rendered while a Play pressed at once waited (a trace had
 * the press land 500–800 ms after Play showed, behind them).
 */
export function useAfterFirstEpochOrQuiet(): boolean {
  const painted = useAfterFirstPaint();
  const trained = useRun((state) => state.latest !== null);
  const waitingForEpoch = useRun(waitingForFirstEpoch);
  const [quiet, setQuiet] = useState(false);
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!painted || quiet) return;
    const timer = setTimeout(() => startTransition(() => setQuiet(true)), QUIET_MS);
    return () => clearTimeout(timer);
  }, [painted, quiet]);
  const ready = painted && (trained || (quiet && !waitingForEpoch));
  useEffect(() => {
    if (!ready || shown) return;
    // After the frame that shows what made it ready (the first epoch on screen): mounted in the
    // render that showed the first epoch, they held its frame back.
    return afterNextPaint(() => setShown(true));
  }, [ready, shown]);
  // Once shown they stay, through later runs that have no epoch yet.
  return shown;
}

/** Its children once `useAfterFirstEpochOrQuiet` says so, `fallback` until then. */
export function AfterFirstEpoch({
  children,
  fallback = null,
}: {
  children: ReactNode;
  fallback?: ReactNode;
}) {
  return useAfterFirstEpochOrQuiet() ? children : fallback;
}

/**
 * How long after the first paint the controls wait at most for the worker to hold the first epoch
 * (a big network or dataset trains it for longer).
 */
const SETTLE_MS = 600;

/**
 * False until the first paint, then until the worker holds the run's first epoch (or it is on
 * screen, or the run failed) and no run waits for its first epoch, or SETTLE_MS have passed; then
 * true for good. For the desktop controls: rendered and laid out right after the first
 * paint, they were most of the main thread's work when a Play pressed at once came, and each of
 * the press's events waited behind it (bench:first-epoch, 11 visits: the press handled 100 ms
 * after Play showed, the first epoch on screen at 392 ms; waiting for the held epoch, 92 and
 * 342 ms). The worker trains the first epoch meanwhile, on its own thread.
 */
export function useAfterFirstScreenSettles(): boolean {
  const painted = useAfterFirstPaint();
  const settledRun = useRun(
    (state) => state.firstEpochHeld || state.latest !== null || state.phase === 'failed',
  );
  const waitingForEpoch = useRun(waitingForFirstEpoch);
  const [late, setLate] = useState(false);
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!painted || late) return;
    const timer = setTimeout(() => setLate(true), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [painted, late]);
  // Past SETTLE_MS they come even while a run waits (a big run's first epoch can take seconds, and
  // a visitor should not wait that long for the controls that would make it smaller).
  const ready = painted && (late || (settledRun && !waitingForEpoch));
  useEffect(() => {
    // A transition: what it mounts renders in slices (the run's own updates are urgent ones).
    if (ready && !shown) startTransition(() => setShown(true));
  }, [ready, shown]);
  return shown;
}
