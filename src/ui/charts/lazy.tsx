import {
  lazy,
  startTransition,
  Suspense,
  useEffect,
  useRef,
  useState,
  type ComponentProps,
  type ComponentType,
  type ReactNode,
} from 'react';
import { CurveLegend, type CurveLabels } from './legend';

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

const loadLossChart = () => import('./LossChart').then((module) => module.LossChart);
const loadAccuracyChart = () => import('./AccuracyChart').then((module) => module.AccuracyChart);
const LazyLossChart = lazyChart(loadLossChart);
const LazyAccuracyChart = lazyChart(loadAccuracyChart);

/**
 * Fetches and runs the charts' code once the gate opens, without drawing anything: a chart
 * mounted later (on the first epoch) then costs its render only, not the library's download and
 * start-up as well.
 */
export function preloadCharts(): Promise<unknown> {
  return gate.then(() => Promise.all([loadLossChart(), loadAccuracyChart()])).catch(() => undefined);
}

/**
 * Mounts its children once their place comes near the window (a quarter of a screen away) (or at once when `now`
 * is true), and keeps that place meanwhile. A chart costs a phone tens of milliseconds of main
 * thread to lay out; one nobody has scrolled to yet should not hold up the page's first seconds.
 * The mount is a transition, so React renders it in slices between frames.
 */
export function WhenNear({
  height,
  now = false,
  children,
}: {
  /** The height the children will take (a CSS length), so nothing below them moves when they come. */
  height: string;
  now?: boolean;
  children: ReactNode;
}) {
  const place = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(false);
  const show = near || now;
  useEffect(() => {
    const box = place.current;
    if (show || !box) return;
    if (typeof IntersectionObserver === 'undefined') {
      startTransition(() => setNear(true));
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        observer.disconnect();
        startTransition(() => setNear(true));
      },
      { rootMargin: '25% 0px' },
    );
    observer.observe(box);
    return () => observer.disconnect();
  }, [show]);
  return show ? children : <div ref={place} className="chart-pending" style={{ height }} />;
}

/**
 * A chart's place (its key and plot) without the chart, hidden: what stands while its code loads or
 * before it has anything to draw. The same key and a box of the plot's height, so nothing moves
 * when the chart comes.
 */
export function ChartPlace({ labels, height }: { labels: CurveLabels; height: number }) {
  return (
    <div className="chart-pending" aria-hidden="true">
      <CurveLegend labels={labels} />
      <div style={{ height }} />
    </div>
  );
}

/** A place for a lazily loaded view (`lazyChart`), `height` (a CSS length) tall while its code loads. */
export function ChartSuspense({ height, children }: { height: string; children: ReactNode }) {
  return <Suspense fallback={<div className="chart-pending" style={{ height }} />}>{children}</Suspense>;
}

export function LossChart(props: ComponentProps<typeof LazyLossChart>) {
  return (
    <Suspense fallback={<ChartPlace labels={props.labels} height={props.height ?? 240} />}>
      <LazyLossChart {...props} />
    </Suspense>
  );
}

export function AccuracyChart(props: ComponentProps<typeof LazyAccuracyChart>) {
  return (
    <Suspense
      fallback={<ChartPlace labels={{ ...props.labels, gap: undefined }} height={props.height ?? 200} />}
    >
      <LazyAccuracyChart {...props} />
    </Suspense>
  );
}
