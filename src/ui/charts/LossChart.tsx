import { memo, useMemo } from 'react';
import { Area, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { EpochMetrics } from '../../core';
import { formatNumber } from '../../core/config/schema';
import { compactNumber, logDomain, lossSeries, type XAxisKind } from './series';

export interface CurveLabels {
  train: string;
  validation: string;
  gap?: string;
  x: string;
}

export interface LossChartProps {
  history: readonly EpochMetrics[];
  axis: XAxisKind;
  log: boolean;
  labels: CurveLabels;
  height?: number;
}

export const TRAIN_COLOR = '#1f3a5f';
export const VALIDATION_COLOR = '#e8590c';
const TRAIN = TRAIN_COLOR;
const VALIDATION = VALIDATION_COLOR;

/**
 * The key, in HTML beside the chart rather than recharts' <Legend>, which measures itself with
 * layout reads on every redraw (a measurable share of the main thread during training).
 */
export function CurveLegend({ labels }: { labels: CurveLabels }) {
  return (
    <p className="curve-legend">
      <span className="key-line" style={{ background: TRAIN }} aria-hidden="true" /> {labels.train}
      <span className="key-line" style={{ background: VALIDATION }} aria-hidden="true" /> {labels.validation}
      {labels.gap && (
        <>
          <span className="key-band" aria-hidden="true" /> {labels.gap}
        </>
      )}
    </p>
  );
}

/** Train and validation loss, with the generalization gap between them shaded. */
export const LossChart = memo(function LossChart({ history, axis, log, labels, height = 240 }: LossChartProps) {
  const data = useMemo(() => lossSeries(history, axis), [history, axis]);
  const domain = useMemo(() => (log ? logDomain(data) : ([0, 'auto'] as const)), [data, log]);
  return (
    <>
    <CurveLegend labels={labels} />
    <ResponsiveContainer width="100%" height={height}>
      <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
        <CartesianGrid stroke="#e8ecf1" vertical={false} />
        <XAxis dataKey="x" type="number" domain={['dataMin', 'dataMax']} tickFormatter={compactNumber} fontSize={12} stroke="#7b8794" allowDecimals={false} />
        <YAxis
          scale={log ? 'log' : 'linear'}
          domain={domain as [number, number]}
          allowDataOverflow
          tickFormatter={(v: number) => formatNumber(v)}
          fontSize={12}
          stroke="#7b8794"
          width={52}
        />
        <Tooltip
          formatter={(value) => (Array.isArray(value) ? value.map((v) => formatNumber(Number(v))).join(' – ') : formatNumber(Number(value)))}
          labelFormatter={(x) => `${labels.x} ${compactNumber(Number(x))}`}
          isAnimationActive={false}
        />
        {labels.gap && <Area dataKey="gap" name={labels.gap} stroke="none" fill={VALIDATION} fillOpacity={0.14} isAnimationActive={false} connectNulls />}
        <Line dataKey="train" name={labels.train} stroke={TRAIN} strokeWidth={2} dot={false} isAnimationActive={false} connectNulls />
        <Line dataKey="validation" name={labels.validation} stroke={VALIDATION} strokeWidth={2} dot={false} isAnimationActive={false} connectNulls />
      </ComposedChart>
    </ResponsiveContainer>
    </>
  );
});
