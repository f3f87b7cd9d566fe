import { useState } from 'react';
import {
  Area,
  CartesianGrid,
  Cell,
  ComposedChart,
  Line,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
  ZAxis,
} from 'recharts';
import { analyticSpace } from '../../core/tune/objectives';
import { DEFAULT_NETWORK_SPACE, type SearchSpace } from '../../core/tune/space';
import { bestSoFar, median } from '../../core/tune/study';
import type { RaceLane } from '../../store/tune';
import { useTuneMessages } from './messages';

const TUNER_COLORS = ['#1f77b4', '#e8590c', '#2b9a3e', '#8e44ad'];
const SHAPES = ['circle', 'triangle', 'square', 'diamond'] as const;

export function tunerColor(index: number): string {
  return TUNER_COLORS[index % TUNER_COLORS.length]!;
}

export function raceSpace(objective: string): SearchSpace {
  return objective === 'network'
    ? DEFAULT_NETWORK_SPACE
    : analyticSpace(objective as Parameters<typeof analyticSpace>[0]);
}

const formatValue = (value: unknown) => (typeof value === 'number' ? value.toPrecision(4) : String(value));

type Outcome = RaceLane['repeats'][number][number];

/** Per trial count: the median best-so-far over the seeds, and the band from the best to the worst seed. */
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
    out.push({ x: i + 1, y: median(values), band: [Math.min(...values), Math.max(...values)] });
  }
  return out;
}

/** Best value so far against trials (or epochs spent), one line per tuner. */
export function BestSoFarChart({ lanes }: { lanes: readonly RaceLane[] }) {
  const t = useTuneMessages();
  const [axis, setAxis] = useState<'trials' | 'epochs'>('trials');
  const repeated = lanes.some((lane) => lane.repeats.length > 1);
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
  return (
    <figure className="card tune-chart" aria-label={t.bestSoFar} data-chart="best-so-far">
      <figcaption>
        <strong>{t.bestSoFar}</strong> <span className="hint">{t.bestSoFarHint}</span>
        {repeated && <span className="hint">{t.medianBand}</span>}
        <label className="inline-control">
          {t.xAxis}
          <select value={axis} onChange={(e) => setAxis(e.target.value as 'trials' | 'epochs')}>
            <option value="trials">{t.xTrials}</option>
            <option value="epochs">{t.xEpochs}</option>
          </select>
        </label>
      </figcaption>
      <ResponsiveContainer width="100%" height={260}>
        <ComposedChart margin={{ top: 8, right: 16, bottom: 16, left: 8 }}>
          <CartesianGrid strokeDasharray="2 4" stroke="#e3e7ec" />
          <XAxis
            dataKey="x"
            type="number"
            domain={['dataMin', 'dataMax']}
            allowDuplicatedCategory={false}
            label={{ value: xLabel, position: 'insideBottom', offset: -4 }}
          />
          <YAxis width={64} tickFormatter={(v: number) => v.toPrecision(3)} domain={['auto', 'auto']} />
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
      <ul className="chart-legend">
        {lanes.map((lane, index) => (
          <li key={lane.tuner}>
            <span className="swatch" style={{ background: tunerColor(index) }} aria-hidden="true" />
            {t.tunerName(lane.tuner)}
          </li>
        ))}
      </ul>
    </figure>
  );
}

/** Maps a value to a colour from dark (best) to light (worst), on ranks so one outlier does not wash out the rest. */
function valueColors(values: readonly number[]): (value: number | null) => string {
  const sorted = [...values].sort((a, b) => a - b);
  return (value) => {
    if (value === null || sorted.length === 0) return '#c4ccd6';
    const rank = sorted.findIndex((v) => v >= value) / Math.max(1, sorted.length - 1);
    const lightness = 22 + 58 * rank;
    return `hsl(212 70% ${lightness}%)`;
  };
}

/** Every trial in the plane of two chosen settings, coloured by value, one marker shape per tuner. */
export function TrialScatter({ lanes, objective }: { lanes: readonly RaceLane[]; objective: string }) {
  const t = useTuneMessages();
  const space = raceSpace(objective);
  const names = Object.keys(space);
  const [xName, setXName] = useState(names[0]!);
  const [yName, setYName] = useState(names[1] ?? names[0]!);
  const x = names.includes(xName) ? xName : names[0]!;
  const y = names.includes(yName) ? yName : (names[1] ?? names[0]!);
  const colour = valueColors(
    lanes.flatMap((lane) => lane.trials.map((trial) => trial.value).filter((v): v is number => v !== null)),
  );
  const logX = space[x]?.type !== 'categorical' && Boolean((space[x] as { log?: boolean }).log);
  const logY = space[y]?.type !== 'categorical' && Boolean((space[y] as { log?: boolean }).log);
  return (
    <figure className="card tune-chart" aria-label={t.scatter} data-chart="scatter">
      <figcaption>
        <strong>{t.scatter}</strong> <span className="hint">{t.scatterHint}</span>
        <span className="inline-control">
          <label>
            {t.scatterX}
            <select value={x} onChange={(e) => setXName(e.target.value)}>
              {names.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t.scatterY}
            <select value={y} onChange={(e) => setYName(e.target.value)}>
              {names.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        </span>
      </figcaption>
      <ResponsiveContainer width="100%" height={300}>
        <ScatterChart margin={{ top: 8, right: 16, bottom: 16, left: 8 }}>
          <CartesianGrid strokeDasharray="2 4" stroke="#e3e7ec" />
          <XAxis
            dataKey="x"
            type="number"
            name={x}
            scale={logX ? 'log' : 'auto'}
            domain={['auto', 'auto']}
            tickFormatter={(v: number) => v.toPrecision(2)}
            label={{ value: x, position: 'insideBottom', offset: -4 }}
          />
          <YAxis
            dataKey="y"
            type="number"
            name={y}
            scale={logY ? 'log' : 'auto'}
            domain={['auto', 'auto']}
            width={64}
            tickFormatter={(v: number) => v.toPrecision(2)}
          />
          <ZAxis range={[36, 36]} />
          <Tooltip formatter={formatValue} />
          {lanes.map((lane, index) => (
            <Scatter
              key={lane.tuner}
              name={t.tunerName(lane.tuner)}
              shape={SHAPES[index % SHAPES.length]}
              isAnimationActive={false}
              data={lane.trials.map((trial) => ({
                x: Number(trial.params[x]),
                y: Number(trial.params[y]),
                value: trial.value,
              }))}
            >
              {lane.trials.map((trial) => (
                <Cell key={trial.number} fill={colour(trial.value)} stroke={tunerColor(index)} />
              ))}
            </Scatter>
          ))}
        </ScatterChart>
      </ResponsiveContainer>
      <ul className="chart-legend">
        {lanes.map((lane, index) => (
          <li key={lane.tuner}>
            <span className="swatch" style={{ background: tunerColor(index) }} aria-hidden="true" />
            {t.tunerName(lane.tuner)}
          </li>
        ))}
      </ul>
    </figure>
  );
}
