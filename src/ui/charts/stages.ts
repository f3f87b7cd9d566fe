import { startTransition, useEffect, useState } from 'react';

/**
 * How many parts of a page body to show: none until `start`, then one more per frame, each added
 * in a transition once the frame before was drawn, until all `count` are shown; from then on every
 * part (Infinity), so a part added later (a new lane) shows at once.
 *
 * A body of many cards committed at once is one long task, and its layout a second one: on a phone
 * (Lighthouse's 4× slower CPU) each blocked input for hundreds of milliseconds. Added a part a
 * frame, no task is long. The parts come in order from the top, so nothing already drawn moves.
 */
export function useStages(count: number, start: boolean): number {
  const [shown, setShown] = useState(0);
  const [finished, setFinished] = useState(false);
  const done = finished || (start && shown >= count);
  useEffect(() => {
    if (!start) return;
    if (done) {
      setFinished(true);
      return;
    }
    // Asked for at the start of the next frame, React renders the part in a task after that frame
    // is drawn. A frame never comes in a hidden tab: the parts come anyway, a little slower.
    const next = () => startTransition(() => setShown((n) => n + 1));
    const fallback = setTimeout(() => {
      cancelAnimationFrame(frame);
      next();
    }, 250);
    const frame = requestAnimationFrame(() => {
      clearTimeout(fallback);
      next();
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(fallback);
    };
  }, [start, done, shown]);
  if (done) return Infinity;
  return start ? shown : 0;
}
