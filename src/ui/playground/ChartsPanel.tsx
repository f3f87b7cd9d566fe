import { useId, useMemo, useState } from 'react';
import { isClassification } from '../../core/config/parameters';
import { useExperiment } from '../../store/experiment';
import { useMetrics } from '../../store/metrics';
import { usePlane } from '../../store/plane';
import { useRun } from '../../store/run';
import { useUi } from '../../store/ui';
import { AccuracyChart, BoundaryCanvas, LossChart, useThrottledStore, type XAxisKind } from '../charts';
import { usePlaygroundMessages } from './messages';
import { useChoiceText } from './parameterText';

/** Charts redraw at most this often; the worker may send metrics more often than that. */
const CHART_INTERVAL_MS = 400;

export function ChartsPanel() {
  const t = usePlaygroundMessages();
  const history = useThrottledStore(useMetrics, (s) => s.history, CHART_INTERVAL_MS);
  const dataset = useExperiment((s) => s.config.dataset);
  // Until the first run is built there is nothing to say yet; an empty canvas holds the place.
  const hasPlane = usePlane((s) => s.dataset === null || s.dataset.points.length > 0);
  const presentation = useUi((s) => s.presentation);
  const [axis, setAxis] = useState<XAxisKind>('epoch');
  const [log, setLog] = useState(false);
  const id = useId();
  const classification = isClassification(dataset);
  // Stable props, so the memoized charts redraw for new data and nothing else.
  const labels = useMemo(() => ({ train: t.train, validation: t.validation, gap: t.gap, x: axis === 'epoch' ? t.xEpochs : t.xExamples }), [t, axis]);

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
          {history.length > 0 ? <LossChart history={history} axis={axis} log={log} labels={labels} height={presentation ? 320 : 240} /> : <p className="empty chart-empty">{t.noData}</p>}
        </section>
        {classification && (
          <section className="card chart-card" aria-labelledby={`${id}-accuracy`}>
            <div className="chart-head">
              <h2 id={`${id}-accuracy`}>{t.accuracyChart}</h2>
            </div>
            {history.length > 0 ? <AccuracyChart history={history} axis={axis} labels={labels} height={presentation ? 260 : 200} /> : <p className="empty chart-empty small">{t.noData}</p>}
          </section>
        )}
      </div>
    </div>
  );
}

/** Its own component: the picture's description follows the epoch without re-rendering the charts. */
function BoundaryCard({ classification, dataset }: { classification: boolean; dataset: string }) {
  const t = usePlaygroundMessages();
  const choiceText = useChoiceText();
  const id = useId();
  const epoch = useRun((s) => Math.floor((s.latest?.epoch ?? 0) / 10) * 10);
  return (
    <section className="card chart-card boundary-card" aria-labelledby={`${id}-boundary`}>
      <h2 id={`${id}-boundary`}>{classification ? t.boundary : t.surface}</h2>
      <BoundaryCanvas store={usePlane} label={t.boundaryDescription(choiceText('dataset', dataset), epoch)} />
      <p className="legend">
        <span className="legend-dot filled" aria-hidden="true" /> {t.trainPoints}
        <span className="legend-dot hollow" aria-hidden="true" /> {t.validationPoints}
        {!classification && (
          <>
            <span className="legend-ramp" aria-hidden="true" /> {t.surfaceScale}
          </>
        )}
      </p>
    </section>
  );
}
