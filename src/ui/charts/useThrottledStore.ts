import { startTransition, useLayoutEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { StoreApi, UseBoundStore } from 'zustand';

/** Every mounted throttled hook's way to deliver at once, and the store it reads. */
const settlers = new Map<() => void, unknown>();

/**
 * Delivers every throttled value now, as an ordinary (not low-priority) update. For when a stream
 * ends: a throttle learns that values stopped coming only after its interval, and its low-priority
 * render waits behind any other, so when a run ended the charts showed an epoch the readout had
 * already left (120/120 beside a curve ending at 115) until both had passed.
 */
export function settleThrottledStores(): void {
  for (const settle of [...settlers.keys()]) settle();
}

/**
 * Delivers the throttled values read from `store`, and renders them before returning: the DOM
 * holds them when the next frame is drawn. For the first epoch of a run, the moment a learner waits
 * for after Play; an ordinary update would render in a task of React's own, which a busy page can
 * put after the frame. Only that store's readers: the network view and the charts, which follow
 * other stores, would hold the frame for hundreds of milliseconds (measured on a busy machine).
 */
export function showThrottledStoreNow<S>(store: UseBoundStore<StoreApi<S>>): void {
  flushSync(() => {
    for (const [settle, from] of [...settlers]) if (from === store) settle();
  });
}

/**
 * A store slice that re-renders its component at most once per `intervalMs`, as a low-priority
 * update: metrics arrive a few dozen times a second and a chart need not redraw for each batch
 * (zustand's transient-update pattern, with the last value always delivered).
 *
 * `delayMs` holds each delivery back at least that long after the change that asked for it: two
 * charts on the same store with the same interval and different delays redraw in turns, not in
 * the same frame.
 */
export function useThrottledStore<S, T>(
  store: UseBoundStore<StoreApi<S>>,
  select: (state: S) => T,
  intervalMs: number,
  delayMs = 0,
): T {
  const [value, setValue] = useState(() => select(store.getState()));
  const selectRef = useRef(select);
  selectRef.current = select;
  // A layout effect, so the hook can deliver (and `showThrottledStoreNow` find it) from the frame
  // that first shows it on: in a passive effect it was still unregistered when Play, pressed the
  // moment it showed, put the first epoch in the store (React runs a transition's passive effects
  // in a task of their own, after the frame), and the readout showed the epoch 60-150 ms later,
  // in a low-priority render behind the rest of the page's (bench:first-epoch, 2026-12-03).
  useLayoutEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last = 0;
    const latest = () => selectRef.current(store.getState());
    const deliver = () => {
      timer = null;
      last = performance.now();
      // A transition: React renders it in slices it can interrupt, so a chart redraw never holds
      // the main thread long enough to delay a keystroke in a number box.
      startTransition(() => setValue(latest));
    };
    const settle = () => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      last = performance.now();
      setValue(latest);
    };
    settlers.set(settle, store);
    deliver();
    const unsubscribe = store.subscribe(() => {
      if (timer !== null) return;
      const wait = Math.max(delayMs, intervalMs - (performance.now() - last));
      timer = setTimeout(deliver, wait);
    });
    return () => {
      unsubscribe();
      settlers.delete(settle);
      if (timer !== null) clearTimeout(timer);
    };
  }, [store, intervalMs, delayMs]);
  return value;
}
