import { ChartSuspense, lazyChart, WhenNear } from '../charts/lazy';
import { useLanguage } from '../../i18n';
import type { LaneState } from '../../store/compare';
import { LaneKey } from './LaneKey';
import type { XAxisKind } from './laneStats';
import { useCompareMessages } from './messages';

const LossPlot = lazyChart(() => import('./OverlayPlots').then((module) => module.LossPlot));
const AccuracyPlot = lazyChart(() => import('./OverlayPlots').then((module) => module.AccuracyPlot));

const LOSS_HEIGHT = 260;
const ACCURACY_HEIGHT = 200;

/**
 * The lanes' curves on one chart: a colour per lane, training solid and validation dashed, and
 * accuracy on a second chart. Each lane's lines carry `data-lane` classes for tests and styling.
 * The frames draw with the page; the plots (recharts) once there is something to plot or the
 * visitor scrolls to them, in places of their final size.
 */
export function OverlayCharts({ lanes, axis }: { lanes: readonly LaneState[]; axis: XAxisKind }) {
  const t = useCompareMessages();
  const language = useLanguage((s) => s.language);
  const classification = lanes.some((lane) => lane.history.some((m) => m.validationAccuracy !== null));
  const trained = lanes.some((lane) => lane.history.length > 0);
  return (
    <div className="compare-charts">
      <figure className="card compare-chart" aria-label={t.lossChart} data-chart="loss">
        <figcaption>
          <strong>{t.lossChart}</strong> <span className="hint">{t.lossChartHint}</span>
        </figcaption>
        <WhenNear height={`${LOSS_HEIGHT}px`} now={trained}>
          <ChartSuspense height={`${LOSS_HEIGHT}px`}>
            <LossPlot lanes={lanes} axis={axis} height={LOSS_HEIGHT} />
          </ChartSuspense>
        </WhenNear>
        <ul className="chart-legend">
          {lanes.map((lane, index) => (
            <li key={lane.id}>
              <LaneKey index={index} />
              {lane.label[language]}
            </li>
          ))}
        </ul>
      </figure>
      {classification && (
        <figure className="card compare-chart" aria-label={t.accuracyChart} data-chart="accuracy">
          <figcaption>
            <strong>{t.accuracyChart}</strong>
          </figcaption>
          <ChartSuspense height={`${ACCURACY_HEIGHT}px`}>
            <AccuracyPlot lanes={lanes} axis={axis} height={ACCURACY_HEIGHT} />
          </ChartSuspense>
        </figure>
      )}
    </div>
  );
}
