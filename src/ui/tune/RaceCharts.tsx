import { useState } from 'react';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { bestSoFar } from '../../core/tune/study';
import type { RaceLane } from '../../store/tune';
import {
  formatTick,
  formatValue,
  logByDefault,
  logDomain,
  logTicks,
  niceDomain,
  niceTicks,
  quantile,
} from './format';
import { useTuneMessages } from './messages';
import { ChartCard } from './StudyViews';
import { tunerColor } from './race';

type Outcome = RaceLane['repeats'][number][number];

/** Per trial count: the median best-so-far over the seeds, and the interquartile band. */
function medianAndBand(
  repeats: readonly (readonly Outcome[])[],
): { x: number; y: number; band: [number, number] }[] {
  const curves = repeats.map((trials) => {
    let best: number | null = null;
    return trials.map((trial) => {
      if (trial.state === 'complete' && trial.value !== null && (best === null || trial.value < best))
        best = trial.value;
      return best;
    });
  });
  const length = Math.max(...curves.map((curve) => curve.length));
  const out: { x: number; y: number; band: [number, number] }[] = [];
  for (let i = 0; i < length; i++) {
    const values = curves.map((curve) => curve[i]).filter((v): v is number => v !== null && v !== undefined);
    if (values.length === 0) continue;
    const sorted = values.sort((a, b) => a - b);
    out.push({ x: i + 1, y: quantile(sorted, 0.5), band: [quantile(sorted, 0.25), quantile(sorted, 0.75)] });
  }
  return out;
}

/** Best value so far against trials (or epochs spent), one line per tuner. */
export function BestSoFarChart({ lanes, objective }: { lanes: readonly RaceLane[]; objective: string }) {
  const t = useTuneMessages();
  const [axis, setAxis] = useState<'trials' | 'epochs'>('trials');
  const [logChoice, setLog] = useState<boolean | null>(null);
  const seeds = Math.max(...lanes.map((lane) => lane.repeats.length));
  const repeated = seeds > 1;
  const series = lanes.map((lane): { x: number; y: number; band?: [number, number] }[] => {
    if (axis === 'trials' && lane.repeats.length > 1) return medianAndBand(lane.repeats);
    const best = bestSoFar(lane.trials);
    let epochs = 0;
    return lane.trials
      .map((trial, i) => {
        epochs += trial.epochs ?? 0;
        return { x: axis === 'trials' ? i + 1 : epochs, y: best[i] };
      })
      .filter((point): point is { x: number; y: number } => point.y !== null && point.y !== undefined);
  });
  const xLabel = axis === 'trials' ? t.xTrials : t.xEpochs;
  const ys = series.flatMap((points) => points.flatMap((p) => (p.band ? [p.y, ...p.band] : [p.y])));
  const canLog = ys.length > 0 && ys.every((v) => v > 0);
  const log = (logChoice ?? logByDefault(objective)) && canLog;
  const yDomain = ys.length
    ? log
      ? logDomain(Math.min(...ys), Math.max(...ys))
      : niceDomain(Math.min(...ys), Math.max(...ys))
    : ([0, 1] as [number, number]);
  const yTicks = log ? logTicks(yDomain[0], yDomain[1]) : niceTicks(yDomain[0], yDomain[1]);
  const xs = series.flatMap((points) => points.map((p) => p.x));
  const xDomain = xs.length ? niceDomain(Math.min(...xs), Math.max(...xs)) : ([0, 1] as [number, number]);
  const xTicks = niceTicks(xDomain[0], xDomain[1], 6);
  return (
    <ChartCard
      id="best-so-far"
      title={t.bestSoFar}
      hint={repeated ? `${t.bestSoFarHint} ${t.seedCount(seeds)}` : t.bestSoFarHint}
      controls={
        <>
          <label className="inline-check">
            <input
              type="checkbox"
              checked={log}
              disabled={!canLog}
              onChange={(e) => setLog(e.target.checked)}
            />
            {t.logScale}
          </label>
          <label>
            {t.xAxis}
            <select value={axis} onChange={(e) => setAxis(e.target.value as 'trials' | 'epochs')}>
              <option value="trials">{t.xTrials}</option>
              <option value="epochs">{t.xEpochs}</option>
            </select>
          </label>
        </>
      }
      table={{
        columns: [t.tuner, xLabel, t.best, ...(repeated ? ['25–75%'] : [])],
        rows: lanes.flatMap((lane, index) =>
          series[index]!.map((p) => [
            t.tunerName(lane.tuner),
            p.x,
            p.y,
            ...(repeated ? [p.band ? `${formatValue(p.band[0])} – ${formatValue(p.band[1])}` : ''] : []),
          ]),
        ),
      }}
    >
      <ResponsiveContainer width="100%" height={260}>
        <ComposedChart margin={{ top: 12, right: 20, bottom: 28, left: 12 }}>
          <CartesianGrid strokeDasharray="2 4" stroke="#e3e7ec" />
          <XAxis
            dataKey="x"
            type="number"
            domain={xDomain}
            ticks={xTicks}
            allowDuplicatedCategory={false}
            tickFormatter={formatTick}
            label={{ value: xLabel, position: 'insideBottom', offset: -18 }}
          />
          <YAxis
            width="auto"
            type="number"
            scale={log ? 'log' : 'linear'}
            domain={yDomain}
            ticks={yTicks}
            allowDataOverflow
            tickFormatter={formatTick}
          />
          <Tooltip formatter={formatValue} labelFormatter={(x) => `${xLabel} ${String(x)}`} />
          {lanes.map((lane, index) =>
            series[index]!.some((point) => point.band) ? (
              <Area
                key={`band-${lane.tuner}`}
                className={`tuner-band tuner-${lane.tuner}`}
                data={series[index]}
                dataKey="band"
                stroke="none"
                fill={tunerColor(index)}
                fillOpacity={0.15}
                type="stepAfter"
                isAnimationActive={false}
                legendType="none"
                tooltipType="none"
              />
            ) : null,
          )}
          {lanes.map((lane, index) => (
            <Line
              key={lane.tuner}
              className={`tuner-series tuner-${lane.tuner}`}
              data={series[index]}
              dataKey="y"
              name={t.tunerName(lane.tuner)}
              stroke={tunerColor(index)}
              strokeWidth={2}
              dot={false}
              type="stepAfter"
              isAnimationActive={false}
            />
          ))}
        </ComposedChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
