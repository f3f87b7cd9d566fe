import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { compactNumber } from '../charts/series';
import { useLanguage } from '../../i18n';
import type { LaneState } from '../../store/compare';
import { laneColor, overlayRows, type XAxisKind } from './laneStats';
import { useCompareMessages } from './messages';

const formatLoss = (value: unknown) => (typeof value === 'number' ? value.toPrecision(3) : String(value));

/**
 * The lanes' curves on one chart: a colour per lane, training solid and validation dashed, and
 * accuracy on a second chart. Each lane's lines carry `data-lane` classes for tests and styling.
 */
export function OverlayCharts({ lanes, axis }: { lanes: readonly LaneState[]; axis: XAxisKind }) {
  const t = useCompareMessages();
  const language = useLanguage((s) => s.language);
  const rows = overlayRows(lanes, axis);
  const classification = lanes.some((lane) => lane.history.some((m) => m.validationAccuracy !== null));
  const xLabel = axis === 'epoch' ? t.axisEpoch : t.axisExamples;
  const xAxis = (
    <XAxis
      dataKey="x"
      type="number"
      domain={['dataMin', 'dataMax']}
      tickFormatter={compactNumber}
      label={{ value: xLabel, position: 'insideBottom', offset: -4 }}
    />
  );
  return (
    <div className="compare-charts">
      <figure className="card compare-chart" aria-label={t.lossChart} data-chart="loss">
        <figcaption>
          <strong>{t.lossChart}</strong> <span className="hint">{t.lossChartHint}</span>
        </figcaption>
        <ResponsiveContainer width="100%" height={260}>
          <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 16, left: 0 }}>
            <CartesianGrid strokeDasharray="2 4" stroke="#e3e7ec" />
            {xAxis}
            <YAxis
              width={52}
              tickFormatter={(v: number) => v.toPrecision(2)}
              domain={[0, 'auto']}
              allowDataOverflow={false}
            />
            <Tooltip formatter={formatLoss} labelFormatter={(x) => `${xLabel} ${String(x)}`} />
            {lanes.flatMap((lane, index) => [
              <Line
                key={`t${lane.id}`}
                className={`lane-series lane-${index} train`}
                name={`${lane.label[language]} · train`}
                dataKey={`train${index}`}
                stroke={laneColor(index)}
                strokeWidth={2}
                dot={false}
                isAnimationActive={false}
                connectNulls
              />,
              <Line
                key={`v${lane.id}`}
                className={`lane-series lane-${index} validation`}
                name={`${lane.label[language]} · validation`}
                dataKey={`validation${index}`}
                stroke={laneColor(index)}
                strokeWidth={2}
                strokeDasharray="6 4"
                dot={false}
                isAnimationActive={false}
                connectNulls
              />,
            ])}
          </LineChart>
        </ResponsiveContainer>
        <ul className="chart-legend">
          {lanes.map((lane, index) => (
            <li key={lane.id}>
              <span className="swatch" style={{ background: laneColor(index) }} aria-hidden="true" />
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
          <ResponsiveContainer width="100%" height={200}>
            <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 16, left: 0 }}>
              <CartesianGrid strokeDasharray="2 4" stroke="#e3e7ec" />
              {xAxis}
              <YAxis width={52} domain={[0, 1]} tickFormatter={(v: number) => `${Math.round(v * 100)}%`} />
              <Tooltip formatter={(v) => (typeof v === 'number' ? `${(v * 100).toFixed(1)}%` : String(v))} />
              {lanes.map((lane, index) => (
                <Line
                  key={lane.id}
                  className={`lane-series lane-${index} accuracy`}
                  name={lane.label[language]}
                  dataKey={`accuracy${index}`}
                  stroke={laneColor(index)}
                  strokeWidth={2}
                  dot={false}
                  isAnimationActive={false}
                  connectNulls
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
        </figure>
      )}
    </div>
  );
}
