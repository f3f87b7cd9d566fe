import { memo, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { EpochMetrics } from '../../core/train/metrics';
import {
  ALL_TICKS,
  CHART_MARGIN,
  CurveLegend,
  NO_GRID_POINTS,
  TRAIN_COLOR,
  VALIDATION_COLOR,
  X_DOMAIN,
  xLabelFormatter,
  type CurveLabels,
} from './LossChart';
import { accuracySeries, compactNumber, type XAxisKind } from './series';
import { axisWidth, tickFontPx } from './axisWidth';
import { useUi } from '../../store/ui';

const percent = (v: number) => `${Math.round(v * 100)}%`;
const formatValue = (value: unknown) => percent(Number(value));
const Y_DOMAIN = [0, 1];
/** The labels of an axis from 0 to 1 in five ticks. */
const Y_LABELS = [0, 0.25, 0.5, 0.75, 1].map(percent);

export const AccuracyChart = memo(function AccuracyChart({
  history,
  axis,
  labels,
  height = 200,
}: {
  history: readonly EpochMetrics[];
  axis: XAxisKind;
  labels: CurveLabels;
  height?: number;
}) {
  const data = useMemo(() => accuracySeries(history, axis), [history, axis]);
  const labelFormatter = useMemo(() => xLabelFormatter(labels.x), [labels.x]);
  const legend = useMemo(() => ({ ...labels, gap: undefined }), [labels]);
  const presentation = useUi((s) => s.presentation);
  const yWidth = useMemo(() => axisWidth(Y_LABELS, tickFontPx(presentation)), [presentation]);
  return (
    <>
      <CurveLegend labels={legend} />
      <ResponsiveContainer width="100%" height={height}>
        <LineChart data={data} margin={CHART_MARGIN}>
          <CartesianGrid stroke="#e8ecf1" vertical={false} verticalCoordinatesGenerator={NO_GRID_POINTS} />
          <XAxis
            dataKey="x"
            type="number"
            domain={X_DOMAIN}
            tickFormatter={compactNumber}
            fontSize={12}
            stroke="#7b8794"
            // Epochs and examples seen are whole numbers: a 3-epoch run has no tick at 1.75.
            allowDecimals={false}
          />
          <YAxis
            domain={Y_DOMAIN}
            interval={ALL_TICKS}
            tickFormatter={percent}
            fontSize={12}
            stroke="#7b8794"
            width={yWidth}
          />
          <Tooltip formatter={formatValue} labelFormatter={labelFormatter} isAnimationActive={false} />
          <Line
            dataKey="train"
            name={labels.train}
            stroke={TRAIN_COLOR}
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
            connectNulls
          />
          <Line
            dataKey="validation"
            name={labels.validation}
            stroke={VALIDATION_COLOR}
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
            connectNulls
          />
        </LineChart>
      </ResponsiveContainer>
    </>
  );
});
