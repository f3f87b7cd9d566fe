import { memo, useMemo } from 'react';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type XAxisProps,
} from 'recharts';
import type { EpochMetrics } from '../../core/train/metrics';
import { formatNumber } from '../../core/config/schema';
import { compactNumber, logDomain, lossSeries, type LossPoint, type XAxisKind } from './series';
import { axisWidth, linearTickLabels, logTickLabels, tickFontPx } from './axisWidth';
import { useUi } from '../../store/ui';
import { CurveLegend, TRAIN_COLOR, VALIDATION_COLOR, type CurveLabels } from './legend';

export { CurveLegend, TRAIN_COLOR, VALIDATION_COLOR, type CurveLabels };

/** A vertical line with its words: where a setting changed mid-run. */
export interface ChartMarker {
  x: number;
  label: string;
}

export interface LossChartProps {
  history: readonly EpochMetrics[];
  /** Lines across the chart at these x values (hot changes). */
  markers?: readonly ChartMarker[];
  axis: XAxisKind;
  log: boolean;
  labels: CurveLabels;
  height?: number;
}

const TRAIN = TRAIN_COLOR;
const VALIDATION = VALIDATION_COLOR;

// Props recharts keeps in its own store are module constants or memoized: a new object or
// function on every redraw makes it replace the axis (or margin) settings and recompute
// everything that depends on them, on the main thread, for each batch of metrics.
export const CHART_MARGIN = { top: 12, right: 16, bottom: 4, left: 4 };
export const X_DOMAIN: XAxisProps['domain'] = ['dataMin', 'dataMax'];
const LINEAR_DOMAIN: XAxisProps['domain'] = [0, 'auto'];
const formatTick = (v: number) => formatNumber(v);
const formatValue = (value: unknown) =>
  Array.isArray(value) ? value.map((v) => formatNumber(Number(v))).join(' – ') : formatNumber(Number(value));
/**
 * Every tick of a y axis labelled: recharts' default ('preserveEnd') measures each label in the
 * DOM (a forced layout) on every redraw, for the axis and again for the grid, to drop labels that
 * would overlap; five evenly spaced short labels never do. The x axes keep the check: their last
 * tick is the last epoch, which can land next to the one before it.
 */
export const ALL_TICKS = 0;
/**
 * The grid draws horizontal lines only, but recharts works out the vertical ones anyway (measuring
 * the x labels) unless told there are none.
 */
export const NO_GRID_POINTS = () => [];
/** The tooltip's heading: the x axis' name and the point's x. */
export const xLabelFormatter = (name: string) => (x: unknown) => `${name} ${compactNumber(Number(x))}`;

function highestLoss(points: readonly LossPoint[]): number {
  let high = 0;
  for (const p of points) high = Math.max(high, p.train ?? 0, p.validation ?? 0);
  return high;
}

/** Train and validation loss, with the generalization gap between them shaded. */
export const LossChart = memo(function LossChart({
  history,
  axis,
  log,
  labels,
  markers,
  height = 240,
}: LossChartProps) {
  const data = useMemo(() => lossSeries(history, axis), [history, axis]);
  const domain = useMemo(() => (log ? logDomain(data) : LINEAR_DOMAIN), [data, log]);
  const presentation = useUi((s) => s.presentation);
  const yWidth = useMemo(() => {
    const labels = log ? logTickLabels(...(domain as [number, number])) : linearTickLabels(highestLoss(data));
    return axisWidth(labels, tickFontPx(presentation));
  }, [data, domain, log, presentation]);
  const labelFormatter = useMemo(() => xLabelFormatter(labels.x), [labels.x]);
  // A change's label reads away from the plot's nearer edge: written rightwards from a change in
  // the right half, it ran past the chart on a phone.
  const lastX = Math.max(data.at(-1)?.x ?? 0, ...(markers ?? []).map((marker) => marker.x));
  return (
    <>
      <CurveLegend labels={labels} />
      <ResponsiveContainer width="100%" height={height}>
        <ComposedChart data={data} margin={CHART_MARGIN}>
          <CartesianGrid stroke="#e8ecf1" vertical={false} verticalCoordinatesGenerator={NO_GRID_POINTS} />
          <XAxis
            dataKey="x"
            type="number"
            domain={X_DOMAIN}
            tickFormatter={compactNumber}
            fontSize={12}
            stroke="#7b8794"
            allowDecimals={false}
          />
          <YAxis
            scale={log ? 'log' : 'linear'}
            domain={domain as [number, number]}
            // A log axis has a tick per 1-2-5 step and needs the overlap check.
            interval={log ? 'preserveEnd' : ALL_TICKS}
            allowDataOverflow
            tickFormatter={formatTick}
            fontSize={12}
            stroke="#7b8794"
            width={yWidth}
          />
          <Tooltip formatter={formatValue} labelFormatter={labelFormatter} isAnimationActive={false} />
          {labels.gap && (
            <Area
              dataKey="gap"
              name={labels.gap}
              stroke="none"
              fill={VALIDATION}
              fillOpacity={0.14}
              isAnimationActive={false}
              connectNulls
            />
          )}
          {markers?.map((marker, index) => (
            <ReferenceLine
              key={`${index}-${marker.x}`}
              x={marker.x}
              stroke="#7b8794"
              strokeDasharray="4 3"
              // A change made before the next epoch lies past the last point: the axis reaches it.
              ifOverflow="extendDomain"
              label={{
                value: marker.label,
                position:
                  marker.x > lastX / 2
                    ? index % 2 === 0
                      ? 'insideTopRight'
                      : 'insideBottomRight'
                    : index % 2 === 0
                      ? 'insideTopLeft'
                      : 'insideBottomLeft',
                className: 'change-label',
              }}
            />
          ))}
          <Line
            dataKey="train"
            name={labels.train}
            stroke={TRAIN}
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
            connectNulls
          />
          <Line
            dataKey="validation"
            name={labels.validation}
            stroke={VALIDATION}
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
            connectNulls
          />
        </ComposedChart>
      </ResponsiveContainer>
    </>
  );
});
