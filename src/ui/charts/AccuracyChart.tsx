import { memo, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { EpochMetrics } from '../../core';
import { CurveLegend, TRAIN_COLOR, VALIDATION_COLOR, type CurveLabels } from './LossChart';
import { accuracySeries, compactNumber, type XAxisKind } from './series';

const percent = (v: number) => `${Math.round(v * 100)}%`;

export const AccuracyChart = memo(function AccuracyChart({ history, axis, labels, height = 200 }: { history: readonly EpochMetrics[]; axis: XAxisKind; labels: CurveLabels; height?: number }) {
  const data = useMemo(() => accuracySeries(history, axis), [history, axis]);
  return (
    <>
    <CurveLegend labels={{ ...labels, gap: undefined }} />
    <ResponsiveContainer width="100%" height={height}>
      <LineChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
        <CartesianGrid stroke="#e8ecf1" vertical={false} />
        <XAxis dataKey="x" type="number" domain={['dataMin', 'dataMax']} tickFormatter={compactNumber} fontSize={12} stroke="#7b8794" />
        <YAxis domain={[0, 1]} tickFormatter={percent} fontSize={12} stroke="#7b8794" width={52} />
        <Tooltip formatter={(value) => percent(Number(value))} labelFormatter={(x) => `${labels.x} ${compactNumber(Number(x))}`} isAnimationActive={false} />
        <Line dataKey="train" name={labels.train} stroke={TRAIN_COLOR} strokeWidth={2} dot={false} isAnimationActive={false} connectNulls />
        <Line dataKey="validation" name={labels.validation} stroke={VALIDATION_COLOR} strokeWidth={2} dot={false} isAnimationActive={false} connectNulls />
      </LineChart>
    </ResponsiveContainer>
    </>
  );
});
