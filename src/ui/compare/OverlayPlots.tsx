/**
 * The compare page's plots, drawn with recharts: a module of its own, loaded once the page's frame
 * is on screen (OverlayCharts keeps their places).
 */
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { compactNumber } from '../charts/series';
import { useLanguage } from '../../i18n';
import type { LaneState, LaneStatus } from '../../store/compare';
import { MarkerShape } from './LaneKey';
import { hasMarker, laneColor, laneDash, laneMarker, overlayRows, type XAxisKind } from './laneStats';
import { useCompareMessages } from './messages';

const END_STATUSES: readonly LaneStatus[] = ['completed', 'stopped-early', 'diverged', 'cancelled'];

/** Recharts draws a line's dots with this: the lane's marker on every few points, staggered by lane. */
function markerDot(lane: number, count: number) {
  const Dot = (props: { cx?: number; cy?: number; index?: number }) => {
    const { cx, cy, index = 0 } = props;
    if (cx === undefined || cy === undefined || !Number.isFinite(cx) || !Number.isFinite(cy))
      return <g key={`${lane}-${index}`} />;
    if (!hasMarker(index, count, lane)) return <g key={`${lane}-${index}`} />;
    return (
      <g key={`${lane}-${index}`}>
        <MarkerShape shape={laneMarker(lane)} x={cx} y={cy} color={laneColor(lane)} size={3.5} />
      </g>
    );
  };
  return Dot;
}

/** Where each ended lane stopped, and why: a labelled vertical line in the lane's colour and dash. */
function endMarkers(
  lanes: readonly LaneState[],
  axis: XAxisKind,
  statusText: (status: LaneStatus) => string,
  labelOf: (lane: LaneState) => string,
) {
  return lanes.flatMap((lane, index) => {
    const last = lane.history.at(-1);
    if (!last || !END_STATUSES.includes(lane.status)) return [];
    const x = axis === 'epoch' ? last.epoch : last.examplesSeen;
    const text = `${statusText(lane.status)} · ${last.epoch}`;
    const EndLabel = (props: { viewBox?: { x?: number; y?: number } }) => {
      const lineX = props.viewBox?.x ?? 0;
      const y = (props.viewBox?.y ?? 0) + 10 + index * 14;
      return (
        <g
          className="end-marker"
          data-end-marker={lane.status}
          data-lane={index}
          aria-label={`${labelOf(lane)}: ${text}`}
          role="img"
        >
          <MarkerShape shape={laneMarker(index)} x={lineX} y={y} color={laneColor(index)} size={4} />
          <text x={lineX - 7} y={y + 4} textAnchor="end" fontSize={11} fill={laneColor(index)}>
            {text}
          </text>
        </g>
      );
    };
    return [
      <ReferenceLine
        key={`end${lane.id}`}
        x={x}
        stroke={laneColor(index)}
        strokeDasharray={laneDash(index) || '4 2'}
        ifOverflow="extendDomain"
        label={EndLabel}
      />,
    ];
  });
}

const formatLoss = (value: unknown) => (typeof value === 'number' ? value.toPrecision(3) : String(value));

/** Every quarter, always: at projector sizes the overlap check would drop 75%. */
const PERCENT_TICKS = [0, 0.25, 0.5, 0.75, 1];

interface PlotProps {
  lanes: readonly LaneState[];
  axis: XAxisKind;
  height: number;
}

function useOverlay({ lanes, axis }: PlotProps) {
  const t = useCompareMessages();
  const language = useLanguage((s) => s.language);
  const rows = overlayRows(lanes, axis);
  const xLabel = axis === 'epoch' ? t.axisEpoch : t.axisExamples;
  const statusText = (status: LaneStatus) =>
    ({
      completed: t.statusCompleted,
      'stopped-early': t.statusStoppedEarly,
      diverged: t.statusDiverged,
      cancelled: t.statusCancelled,
    })[status as 'completed'] ?? status;
  const ends = endMarkers(lanes, axis, statusText, (lane) => lane.label[language]);
  const xAxis = (
    <XAxis
      dataKey="x"
      type="number"
      domain={['dataMin', 'dataMax']}
      tickFormatter={compactNumber}
      label={{ value: xLabel, position: 'insideBottom', offset: -4 }}
    />
  );
  return { language, rows, xLabel, ends, xAxis };
}

/** Loss against epochs or examples: a colour per lane, training solid and validation dashed. */
export function LossPlot(props: PlotProps) {
  const { lanes, height } = props;
  const { language, rows, xLabel, ends, xAxis } = useOverlay(props);
  return (
    <ResponsiveContainer width="100%" height={height}>
      <LineChart data={rows} margin={{ top: 12, right: 16, bottom: 16, left: 4 }}>
        <CartesianGrid strokeDasharray="2 4" stroke="#e3e7ec" />
        {xAxis}
        <YAxis
          width="auto"
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
            dot={markerDot(index, rows.length)}
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
            dot={markerDot(index, rows.length)}
            isAnimationActive={false}
            connectNulls
          />,
        ])}
        {ends}
      </LineChart>
    </ResponsiveContainer>
  );
}

/** Validation accuracy, one line per lane in the lane's colour and dash. */
export function AccuracyPlot(props: PlotProps) {
  const { lanes, height } = props;
  const { language, rows, ends, xAxis } = useOverlay(props);
  return (
    <ResponsiveContainer width="100%" height={height}>
      <LineChart data={rows} margin={{ top: 12, right: 16, bottom: 16, left: 4 }}>
        <CartesianGrid strokeDasharray="2 4" stroke="#e3e7ec" />
        {xAxis}
        <YAxis
          width="auto"
          domain={[0, 1]}
          ticks={PERCENT_TICKS}
          interval={0}
          tickFormatter={(v: number) => `${Math.round(v * 100)}%`}
        />
        <Tooltip formatter={(v) => (typeof v === 'number' ? `${(v * 100).toFixed(1)}%` : String(v))} />
        {lanes.map((lane, index) => (
          <Line
            key={lane.id}
            className={`lane-series lane-${index} accuracy`}
            name={lane.label[language]}
            dataKey={`accuracy${index}`}
            stroke={laneColor(index)}
            strokeWidth={2}
            strokeDasharray={laneDash(index) || undefined}
            dot={markerDot(index, rows.length)}
            isAnimationActive={false}
            connectNulls
          />
        ))}
        {ends}
      </LineChart>
    </ResponsiveContainer>
  );
}
