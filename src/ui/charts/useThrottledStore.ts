import { startTransition, useEffect, useRef, useState } from 'react';
import type { StoreApi, UseBoundStore } from 'zustand';

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
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last = 0;
    const deliver = () => {
      timer = null;
      last = performance.now();
      // A transition: React renders it in slices it can interrupt, so a chart redraw never holds
      // the main thread long enough to delay a keystroke in a number box.
      startTransition(() => setValue(() => selectRef.current(store.getState())));
    };
    deliver();
    const unsubscribe = store.subscribe(() => {
      if (timer !== null) return;
      const wait = Math.max(delayMs, intervalMs - (performance.now() - last));
      timer = setTimeout(deliver, wait);
    });
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  }, [store, intervalMs, delayMs]);
  return value;
}
