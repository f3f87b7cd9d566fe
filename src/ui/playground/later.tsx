import { startTransition, useEffect, useState, type ReactNode } from 'react';

/**
 * False until the frame after the first one that showed the component's page, then true (set in a
 * transition, so what it mounts renders in slices). For the parts of the playground nobody needs in
 * its first second (the export menu, whose code loads then): they come right after the controls,
 * the run bar and the boundary, instead of with them.
 */
export function useAfterFirstPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // A frame, then a task: the callback runs after the frame's paint, not before it.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => startTransition(() => setPainted(true)));
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, []);
  return painted;
}

/** Its children once the page has painted (see `useAfterFirstPaint`), `fallback` until then. */
export function AfterFirstPaint({
  children,
  fallback = null,
}: {
  children: ReactNode;
  fallback?: ReactNode;
}) {
  return useAfterFirstPaint() ? children : fallback;
}
