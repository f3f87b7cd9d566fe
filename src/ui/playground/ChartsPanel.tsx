import { useId, useMemo, useState, type ReactNode } from 'react';
import type { DatasetId } from '../../core/config/parameters';
import { useCustomClassNames, useIsClassification } from '../../store/persistence/custom-data';
import { classColor } from '../charts/boundaryPaint';
import { useExperiment } from '../../store/experiment';
import { useMetrics } from '../../store/metrics';
import { usePlane } from '../../store/plane';
import { useRoute } from '../../store/route';
import { useRun } from '../../store/run';
import { useUi } from '../../store/ui';
import {
  AccuracyChart,
  BoundaryCanvas,
  ChartPlace,
  holdChartsUntil,
  preloadCharts,
  LossChart,
  useThrottledStore,
  type CurveLabels,
  type XAxisKind,
} from '../charts';
import { usePlaygroundMessages } from './messages';
import { changeText } from './diagnosisText';
import { useLanguage } from '../../i18n';
import type { ChartMarker } from '../charts/LossChart';
import { useChoiceText } from './parameterText';
import type { EpochMetrics } from '../../core/train/metrics';
import { useNetwork } from '../../store/network';
import { NeuronPreview } from '../network/NeuronPreview';

/** Charts redraw at most this often; the worker may send metrics more often than that. */
const CHART_INTERVAL_MS = 400;
/** The accuracy chart redraws this long after the loss chart, so the two never share a frame. */
const SECOND_CHART_DELAY_MS = CHART_INTERVAL_MS / 2;

// The curves show nothing before the first epoch, so their library (the page's largest chunk, about
// 100 KiB gzip and 100 ms of main thread on a phone to start) loads once the first epoch exists, never
// ahead of it: fetched while the page starts, it competed with the page's first render and with the
// first epoch for the main thread (a trace had it land between the page's render and Play). The
// charts mount on the first epoch too, when they have a curve to show; the note holds their place.
// The gate is every page's: it opens as well when the visitor goes to another page, whose charts
// draw what is there at once.
holdChartsUntil(
  new Promise<void>((resolve) => {
    const onPlayground = (page: string) => page === '' || page === 'playground';
    if (useRun.getState().first || !onPlayground(useRoute.getState().page)) return resolve();
    const stops = [
      useRun.subscribe((state) => state.first && done()),
      useRoute.subscribe((route) => !onPlayground(route.page) && done()),
    ];
    function done() {
      for (const stop of stops) stop();
      // After the frame that shows the first epoch: asked for in the task that brings the epoch,
      // the library's requests and evaluation came before that frame.
      if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(resolve, 0));
      else resolve();
    }
  }),
);
void preloadCharts();

const selectHistory = (s: { history: readonly EpochMetrics[] }) => s.history;

/**
 * What a chart that has drawn a run draws, hidden, once the history is cleared (a reset): two
 * made-up epochs, so that it stays mounted and the next run's first epoch only updates it.
 */
const PLACEHOLDER_HISTORY: readonly EpochMetrics[] = [1, 2].map((epoch) => ({
  epoch,
  trainLoss: 0.7 / epoch,
  validationLoss: 0.8 / epoch,
  trainAccuracy: 0.5 + epoch / 10,
  validationAccuracy: 0.45 + epoch / 10,
  learningRate: 0,
  examplesSeen: epoch,
  wallTimeMs: 0,
}));

export function ChartsPanel() {
  const t = usePlaygroundMessages();
  const dataset = useExperiment((s) => s.config.dataset);
  // Until the first run is built there is nothing to say yet; an empty canvas holds the place.
  const hasPlane = usePlane((s) => s.dataset === null || s.dataset.points.length > 0);
  const presentation = useUi((s) => s.presentation);
  const [axis, setAxis] = useState<XAxisKind>('epoch');
  const [log, setLog] = useState(false);
  const id = useId();
  const classification = useIsClassification(dataset);
  // Stable props, so the memoized charts redraw for new data and nothing else.
  const labels = useMemo(
    () => ({
      train: t.train,
      validation: t.validation,
      gap: t.gap,
      x: axis === 'epoch' ? t.xEpochs : t.xExamples,
    }),
    [t, axis],
  );

  return (
    // A file dataset without a plane (the digits' 64 pixels) has no picture: the curves take the width.
    <div className={`charts${hasPlane ? '' : ' no-plane'}`}>
      {hasPlane && <BoundaryCard classification={classification} dataset={dataset} />}
      <div className="curves">
        <section className="card chart-card" aria-labelledby={`${id}-loss`}>
          <div className="chart-head">
            <h2 id={`${id}-loss`}>{t.lossChart}</h2>
            <div className="chart-options">
              <label className="inline-check">
                <input type="checkbox" checked={log} onChange={(event) => setLog(event.target.checked)} />
                {t.logScale}
              </label>
              <label className="inline-select">
                {t.xAxis}
                <select value={axis} onChange={(event) => setAxis(event.target.value as XAxisKind)}>
                  <option value="epoch">{t.xEpochs}</option>
                  <option value="examples">{t.xExamples}</option>
                </select>
              </label>
            </div>
          </div>
          <LiveLossChart
            axis={axis}
            log={log}
            labels={labels}
            height={presentation ? 320 : 240}
            empty={t.noData}
          />
        </section>
        {classification && (
          <section className="card chart-card" aria-labelledby={`${id}-accuracy`}>
            <div className="chart-head">
              <h2 id={`${id}-accuracy`}>{t.accuracyChart}</h2>
            </div>
            <LiveAccuracyChart
              axis={axis}
              labels={labels}
              height={presentation ? 260 : 200}
              empty={t.noData}
            />
          </section>
        )}
      </div>
    </div>
  );
}

interface LiveChartProps {
  axis: XAxisKind;
  labels: CurveLabels;
  height: number;
  /** What the chart's place says before the first epoch. */
  empty: string;
}

/**
 * Whether a chart should be mounted: from the first epoch it has ever had on. Before that its place
 * (key and plot box) stands hidden under the note: mounting recharts is the costliest thing a chart
 * does (over 100 ms of main thread on a phone), and a page nobody trains should not pay it.
 * Afterwards it stays mounted, a reset only hiding it, so the next run just updates it.
 */
function useDrawn(none: boolean): boolean {
  const [drawn, setDrawn] = useState(!none);
  if (!none && !drawn) setDrawn(true);
  return drawn || !none;
}

/** Each chart follows the metrics on its own (the panel around it does not re-render for them). */
function LiveLossChart({ log, empty, ...props }: LiveChartProps & { log: boolean }) {
  const history = useThrottledStore(useMetrics, selectHistory, CHART_INTERVAL_MS);
  const changes = useMetrics((s) => s.changes);
  const language = useLanguage((s) => s.language);
  const none = history.length === 0;
  const drawn = useDrawn(none);
  const markers = useMemo((): ChartMarker[] => {
    return changes.map((marker) => {
      const at = history.find((m) => m.epoch === marker.epoch);
      const x =
        props.axis === 'epoch'
          ? marker.epoch
          : marker.epoch === 0
            ? 0
            : (at?.examplesSeen ?? history.at(-1)?.examplesSeen ?? 0);
      return { x, label: marker.changes.map((change) => changeText(change, language)).join(', ') };
    });
  }, [changes, history, language, props.axis]);
  return (
    <ChartSlot empty={none ? empty : null}>
      {drawn ? (
        <LossChart
          history={none ? PLACEHOLDER_HISTORY : history}
          markers={none ? undefined : markers}
          log={log}
          {...props}
        />
      ) : (
        <ChartPlace labels={props.labels} height={props.height} />
      )}
    </ChartSlot>
  );
}

function LiveAccuracyChart({ empty, ...props }: LiveChartProps) {
  const history = useThrottledStore(useMetrics, selectHistory, CHART_INTERVAL_MS, SECOND_CHART_DELAY_MS);
  const none = history.length === 0;
  const drawn = useDrawn(none);
  const legend = useMemo(() => ({ ...props.labels, gap: undefined }), [props.labels]);
  return (
    <ChartSlot empty={none ? empty : null}>
      {drawn ? (
        <AccuracyChart history={none ? PLACEHOLDER_HISTORY : history} {...props} />
      ) : (
        <ChartPlace labels={legend} height={props.height} />
      )}
    </ChartSlot>
  );
}

/** A chart, or while it has no data, the note in its place (over the chart's hidden place). */
function ChartSlot({ empty, children }: { empty: string | null; children: ReactNode }) {
  return (
    <div className="chart-slot" data-empty={empty !== null ? '' : undefined}>
      <div className="chart-slot-body">{children}</div>
      {empty !== null && <p className="empty chart-empty">{empty}</p>}
    </div>
  );
}

/** Its own component: the picture's description follows the epoch without re-rendering the charts. */
function BoundaryCard({ classification, dataset }: { classification: boolean; dataset: DatasetId }) {
  const t = usePlaygroundMessages();
  const classNames = useCustomClassNames(dataset);
  const choiceText = useChoiceText();
  const id = useId();
  const epoch = useRun((s) => Math.floor((s.latest?.epoch ?? 0) / 10) * 10);
  const [showValidation, setShowValidation] = useState(true);
  const [discretize, setDiscretize] = useState(false);
  return (
    <section className="card chart-card boundary-card" aria-labelledby={`${id}-boundary`}>
      <h2 id={`${id}-boundary`}>{classification ? t.boundary : t.surface}</h2>
      <div className="boundary-stack">
        <BoundaryCanvas
          store={usePlane}
          label={t.boundaryDescription(choiceText('dataset', dataset), epoch)}
          showValidation={showValidation}
          discretize={discretize}
        />
        <NeuronPreview store={useNetwork} />
      </div>
      <div className="boundary-toggles">
        <label className="inline-check">
          <input
            type="checkbox"
            checked={showValidation}
            onChange={(event) => setShowValidation(event.target.checked)}
          />
          {t.showValidation}
        </label>
        <label className="inline-check">
          <input
            type="checkbox"
            checked={discretize}
            onChange={(event) => setDiscretize(event.target.checked)}
          />
          {t.discretize}
        </label>
      </div>
      <p className="legend">
        <span className="legend-dot filled" aria-hidden="true" /> {t.trainPoints}
        <span className="legend-dot hollow" aria-hidden="true" /> {t.validationPoints}
        {!classification && (
          <>
            <span className="legend-ramp" aria-hidden="true" /> {t.surfaceScale}
          </>
        )}
      </p>
      {classNames.length > 0 && (
        <ul className="legend class-legend" aria-label={t.classLegend}>
          {classNames.map((name, index) => (
            <li key={name}>
              <span
                className="legend-dot filled"
                aria-hidden="true"
                style={{ background: `rgb(${classColor(index).join(',')})` }}
              />{' '}
              {name}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
