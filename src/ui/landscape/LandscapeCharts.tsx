import { useEffect, useMemo, useRef } from 'react';
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
import { formatNumber } from '../../core/config/schema';
import type { Landscape } from '../../core/landscape/landscape';
import { LANDSCAPE_SIZE, paintLandscape } from './draw';
import { useLandscapeMessages } from './messages';
import { logScale, short } from './paint';
import { LossScale } from './LossScale';

/** The parts of the "see why" views drawn with the chart library, loaded when first drawn. */

const SIZE = LANDSCAPE_SIZE;

/** One network's landscape with its path, and the cut along its last step: the playground's, or a lane's. */
export function LandscapeView({ landscape, epoch }: { landscape: Landscape; epoch: number }) {
  const t = useLandscapeMessages();
  const canvas = useRef<HTMLCanvasElement>(null);
  const scale = useMemo(() => logScale(landscape.losses), [landscape]);

  useEffect(() => {
    const element = canvas.current;
    if (element)
      paintLandscape(
        element,
        landscape,
        [{ points: landscape.path, colour: '#ffffff' }],
        scale.at,
        { axis1: t.axis1, axis2: t.axis2 },
        true,
      );
  }, [landscape, scale, t]);

  const pathLength = landscape.path.length;
  const cut = landscape.cut;
  const cutData = useMemo(
    () => (cut ? cut.ts.map((tValue, i) => ({ t: tValue, loss: cut.losses[i]! })) : []),
    [cut],
  );
  const cutMinimum = cut ? cut.ts[cut.losses.indexOf(Math.min(...cut.losses))]! : 0;
  return (
    <div className="landscape-view">
      <figure className="landscape-figure">
        <canvas
          ref={canvas}
          role="img"
          aria-label={t.summary(epoch, short(scale.low), short(scale.high), short(landscape.centerLoss))}
          data-path-points={pathLength}
          data-path-start={`${landscape.path[0]!.x},${landscape.path[0]!.y}`}
          style={{ width: SIZE, height: SIZE }}
        />
        <figcaption>
          <LossScale low={scale.low} high={scale.high} />
          <div className="subtle">
            {landscape.explainedVariance
              ? t.explained(landscape.explainedVariance[0], landscape.explainedVariance[1])
              : t.randomNote}
          </div>
        </figcaption>
      </figure>
      {cut && (
        <div className="landscape-cut">
          <h3>{t.cutTitle}</h3>
          <p className="subtle">{t.cutHelp}</p>
          <div className="landscape-cut-chart">
            <ResponsiveContainer width="100%" height={180}>
              <LineChart data={cutData} margin={{ top: 20, right: 12, bottom: 16, left: 4 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis
                  dataKey="t"
                  type="number"
                  domain={['dataMin', 'dataMax']}
                  ticks={[-3, -2, -1, 0, 1, 2]}
                  label={{ value: t.cutAxis, position: 'insideBottom', offset: -8 }}
                />
                <YAxis width="auto" tickFormatter={(v: number) => short(v)} domain={['auto', 'auto']} />
                <Tooltip formatter={(v) => formatNumber(Number(v))} labelFormatter={(v) => `t = ${v}`} />
                <ReferenceLine x={0} stroke="#c92a2a" label={{ value: t.legendNow, position: 'top' }} />
                <ReferenceLine x={-1} stroke="#868e96" strokeDasharray="4 3" />
                <Line dataKey="loss" name={t.loss} stroke="#1f3a5f" dot={false} isAnimationActive={false} />
              </LineChart>
            </ResponsiveContainer>
          </div>
          <p role="status">{cutMinimum < -0.05 ? t.overshot : t.notOvershot}</p>
        </div>
      )}
    </div>
  );
}

/** The learning-rate finder's curve: raw and smoothed loss against the rate, and the suggestion. */
export function FinderChart({
  data,
  yDomain,
  suggestion,
}: {
  data: { learningRate: number; loss: number; smoothed: number }[];
  yDomain: [number, number];
  suggestion: number | null;
}) {
  const t = useLandscapeMessages();
  return (
    <ResponsiveContainer width="100%" height={200}>
      <LineChart data={data} margin={{ top: 12, right: 12, bottom: 16, left: 4 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis
          dataKey="learningRate"
          type="number"
          scale="log"
          domain={['dataMin', 'dataMax']}
          ticks={[1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10]}
          tickFormatter={(v: number) => formatNumber(v)}
          label={{ value: t.learningRate, position: 'insideBottom', offset: -8 }}
        />
        <YAxis width="auto" tickFormatter={(v: number) => short(v)} domain={yDomain} allowDataOverflow />
        <Tooltip formatter={(v) => formatNumber(Number(v))} labelFormatter={(v) => formatNumber(Number(v))} />
        <Line dataKey="loss" name={t.rawLoss} stroke="#adb5bd" dot={false} isAnimationActive={false} />
        <Line
          dataKey="smoothed"
          name={t.smoothed}
          stroke="#1f3a5f"
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
        {suggestion !== null && <ReferenceLine x={suggestion} stroke="#c92a2a" />}
      </LineChart>
    </ResponsiveContainer>
  );
}
