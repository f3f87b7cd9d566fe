import { lazy, Suspense, type ComponentProps, type ComponentType } from 'react';

/**
 * The chart library (recharts, about 110 KiB gzip) loads when a chart is first drawn, not with the
 * page: the playground's charts show nothing before the first epoch, so a page can hold them back
 * (`holdChartsUntil`) and its first epoch does not wait behind them.
 */
let gate: Promise<unknown> = Promise.resolve();

/** Charts mounted from now on load their code once `ready` settles (or at once, if it did). */
export function holdChartsUntil(ready: Promise<unknown>): void {
  gate = ready.catch(() => undefined);
}

/** A component of a view that draws with the chart library, loaded behind the same gate. */
export function lazyChart<P extends object>(load: () => Promise<ComponentType<P>>) {
  return lazy(() => gate.then(load).then((component) => ({ default: component })));
}

const LazyLossChart = lazyChart(() => import('./LossChart').then((module) => module.LossChart));
const LazyAccuracyChart = lazyChart(() => import('./AccuracyChart').then((module) => module.AccuracyChart));

/** Keeps the chart's place (its legend line and plot) while its code loads, so nothing moves. */
function Pending({ height }: { height: number }) {
  return <div className="chart-pending" style={{ height: `calc(${height}px + 1.5rem)` }} />;
}

export function LossChart(props: ComponentProps<typeof LazyLossChart>) {
  return (
    <Suspense fallback={<Pending height={props.height ?? 240} />}>
      <LazyLossChart {...props} />
    </Suspense>
  );
}

export function AccuracyChart(props: ComponentProps<typeof LazyAccuracyChart>) {
  return (
    <Suspense fallback={<Pending height={props.height ?? 200} />}>
      <LazyAccuracyChart {...props} />
    </Suspense>
  );
}
