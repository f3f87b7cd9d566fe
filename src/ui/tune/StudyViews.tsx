/**
 * Optuna Dashboard's views of a study, for a race (one series per tuner) or an imported journal
 * (one series): history, parallel coordinates, contour, slice, importance, EDF, intermediate values
 * and timeline. Each is a focusable figure with a table toggle as its text alternative.
 */
import { useMemo, useState, type ReactNode } from 'react';
import {
  CartesianGrid,
  ComposedChart,
  Line,
  LineChart,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
  Bar,
  BarChart,
} from 'recharts';
import { useLanguage } from '../../i18n';
import { fanovaImportance } from '../../core/tune/importance';
import { parameterNames, unitFromValue, type Distribution, type SearchSpace } from '../../core/tune/space';
import type { Trial } from '../../core/tune/tuners';
import { useTuneMessages } from './messages';
import { formatTick, formatValue, logDomain, logTicks, niceDomain, niceTicks, paramLabel } from './format';

export interface ViewTrial extends Trial {
  intermediate?: [number, number][];
  startedAt?: number | null;
  completedAt?: number | null;
}

export interface ViewSeries {
  id: string;
  label: string;
  color: string;
  trials: readonly ViewTrial[];
}

interface Props {
  series: readonly ViewSeries[];
  space: SearchSpace;
  /** Start the value axes on a log scale. */
  logDefault: boolean;
  /** "clock": the trials' start and end times; "epochs": epochs spent, for instant objectives. */
  timeline: 'clock' | 'epochs';
  /** False while trials still stream in: the importance forest waits for the end. */
  settled?: boolean;
}

export interface Table {
  columns: string[];
  rows: (string | number)[][];
}

const MARGIN = { top: 12, right: 20, bottom: 28, left: 12 };

function complete(trials: readonly ViewTrial[]): ViewTrial[] {
  return trials.filter((t) => t.state === 'complete' && t.value !== null && Number.isFinite(t.value));
}

/** Dark blue (best) to yellow (worst), by rank so one outlier does not wash out the rest. */
function rankColors(values: readonly number[]): (value: number | null) => string {
  const sorted = [...values].sort((a, b) => a - b);
  return (value) => {
    if (value === null || sorted.length === 0) return '#c4ccd6';
    const rank =
      Math.max(
        0,
        sorted.findIndex((v) => v >= value),
      ) / Math.max(1, sorted.length - 1);
    return rampColor(rank);
  };
}

function rampColor(t: number): string {
  const hue = 230 - 180 * t;
  const lightness = 28 + 42 * t;
  return `hsl(${hue} 70% ${lightness}%)`;
}

function isLog(d: Distribution | undefined): boolean {
  return Boolean(d && d.type !== 'categorical' && d.log);
}

/** A y axis on a log or linear scale with nice ticks inside the chart. */
function valueAxis(values: readonly number[], log: boolean, width = 56) {
  const positive = values.filter((v) => v > 0);
  const low = Math.min(...(log ? positive : values));
  const high = Math.max(...(log ? positive : values));
  const domain = log ? logDomain(low, high) : niceDomain(low, high);
  const ticks = log ? logTicks(domain[0], domain[1]) : niceTicks(domain[0], domain[1]);
  return (
    <YAxis
      type="number"
      scale={log ? 'log' : 'linear'}
      domain={domain}
      ticks={ticks}
      allowDataOverflow
      width={width}
      tickFormatter={formatTick}
    />
  );
}

/** A dashboard chart's card: title, hint, controls, and a table toggle as its text alternative. */
export function ChartCard({
  id,
  title,
  hint,
  controls,
  table,
  children,
}: {
  id: string;
  title: string;
  hint?: string;
  controls?: ReactNode;
  table: Table;
  children: ReactNode;
}) {
  const t = useTuneMessages();
  const [asTable, setAsTable] = useState(false);
  return (
    <figure className="card tune-chart" data-chart={id} aria-label={title} tabIndex={0}>
      <figcaption>
        <strong>{title}</strong>
        {hint && <span className="hint">{hint}</span>}
        <span className="inline-control">
          {controls}
          <button
            type="button"
            className="button small"
            aria-pressed={asTable}
            onClick={() => setAsTable(!asTable)}
          >
            {t.showTable}
          </button>
        </span>
      </figcaption>
      {asTable ? (
        <div className="table-scroll chart-table">
          <table>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                {table.columns.map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, i) => (
                <tr key={i}>
                  {row.map((cell, j) => (
                    <td key={j}>{typeof cell === 'number' ? formatValue(cell) : cell}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        children
      )}
    </figure>
  );
}

function Legend({ series }: { series: readonly ViewSeries[] }) {
  if (series.length < 2) return null;
  return (
    <ul className="chart-legend">
      {series.map((s) => (
        <li key={s.id}>
          <span className="swatch" style={{ background: s.color }} aria-hidden="true" />
          {s.label}
        </li>
      ))}
    </ul>
  );
}

function LogToggle({
  log,
  setLog,
  disabled,
}: {
  log: boolean;
  setLog: (on: boolean) => void;
  disabled: boolean;
}) {
  const t = useTuneMessages();
  return (
    <label className="inline-check">
      <input
        type="checkbox"
        checked={log && !disabled}
        disabled={disabled}
        onChange={(e) => setLog(e.target.checked)}
      />
      {t.logScale}
    </label>
  );
}

/** Every view, for the given series over one search space. */
export function StudyViews({ series, space, logDefault, timeline, settled = true }: Props) {
  const values = series.flatMap((s) => complete(s.trials).map((t) => t.value!));
  const canLog = values.length > 0 && values.every((v) => v > 0);
  const [logChoice, setLog] = useState(logDefault);
  const log = logChoice && canLog;
  if (values.length === 0) return null;
  const shared = { series, space, log, setLog, canLog, settled };
  return (
    <div className="tune-views">
      <HistoryView {...shared} />
      <ParallelView {...shared} />
      <ContourView {...shared} />
      <SliceView {...shared} />
      <ImportanceView {...shared} />
      <EdfView {...shared} />
      <IntermediateView {...shared} />
      <TimelineView {...shared} timeline={timeline} />
    </div>
  );
}

interface ViewProps {
  settled: boolean;
  series: readonly ViewSeries[];
  space: SearchSpace;
  log: boolean;
  setLog: (on: boolean) => void;
  canLog: boolean;
}

function HistoryView({ series, log, setLog, canLog }: ViewProps) {
  const t = useTuneMessages();
  const all = series.flatMap((s) => complete(s.trials).map((trial) => trial.value!));
  const table: Table = {
    columns: [t.tuner, t.number, t.value, t.best],
    rows: series.flatMap((s) => {
      let best = Infinity;
      return complete(s.trials).map((trial) => {
        best = Math.min(best, trial.value!);
        return [s.label, trial.number, trial.value!, best];
      });
    }),
  };
  return (
    <ChartCard
      id="history"
      title={t.viewHistory}
      hint={t.viewHistoryHint}
      table={table}
      controls={<LogToggle log={log} setLog={setLog} disabled={!canLog} />}
    >
      <ResponsiveContainer width="100%" height={260}>
        <ComposedChart margin={MARGIN}>
          <CartesianGrid strokeDasharray="2 4" stroke="#e3e7ec" />
          <XAxis
            dataKey="x"
            type="number"
            domain={['dataMin', 'dataMax']}
            tickFormatter={formatTick}
            allowDecimals={false}
            label={{ value: t.number, position: 'insideBottom', offset: -18 }}
          />
          {valueAxis(all, log)}
          <Tooltip formatter={formatValue} />
          {series.map((s) => {
            let best = Infinity;
            const points = complete(s.trials).map((trial) => {
              best = Math.min(best, trial.value!);
              return { x: trial.number, y: trial.value!, best };
            });
            return [
              <Scatter
                key={`${s.id}-dots`}
                data={points}
                dataKey="y"
                name={s.label}
                fill={s.color}
                fillOpacity={0.45}
                isAnimationActive={false}
              />,
              <Line
                key={`${s.id}-best`}
                data={points}
                dataKey="best"
                name={`${s.label} · ${t.best}`}
                stroke={s.color}
                strokeWidth={2}
                dot={false}
                type="stepAfter"
                isAnimationActive={false}
              />,
            ];
          })}
        </ComposedChart>
      </ResponsiveContainer>
      <Legend series={series} />
    </ChartCard>
  );
}

/** A text label clamped inside the SVG's width. */
function clampX(x: number, width: number, margin = 4): number {
  return Math.max(margin, Math.min(width - margin, x));
}

function axisTicks(d: Distribution): { unit: number; label: string }[] {
  if (d.type === 'categorical')
    return d.choices.map((c, i) => ({ unit: (i + 0.5) / d.choices.length, label: String(c) }));
  const ticks = d.log ? logTicks(d.low, d.high) : niceTicks(d.low, d.high, 4);
  const chosen = ticks.length >= 2 ? ticks : [d.low, d.high];
  return chosen.map((v) => ({ unit: unitFromValue(d, v), label: formatTick(v) }));
}

function ParallelView({ series, space }: ViewProps) {
  const t = useTuneMessages();
  const language = useLanguage((s) => s.language);
  const names = parameterNames(space);
  const trials = series.flatMap((s) => complete(s.trials).map((trial) => ({ s, trial })));
  const values = trials.map(({ trial }) => trial.value!);
  const color = rankColors(values);
  const [vLow, vHigh] = niceDomain(Math.min(...values), Math.max(...values));
  const width = 760;
  const height = 300;
  const top = 24;
  const bottom = height - 44;
  const axes = names.length + 1;
  const left = 48;
  const right = width - 48;
  const xAt = (k: number) => left + ((right - left) * k) / Math.max(1, axes - 1);
  const yAt = (unit: number) => bottom - (bottom - top) * unit;
  const valueUnit = (v: number) => (vHigh > vLow ? (v - vLow) / (vHigh - vLow) : 0.5);
  const table: Table = {
    columns: [t.tuner, t.number, ...names.map((n) => paramLabel(n, language)), t.value],
    rows: trials.map(({ s, trial }) => [
      s.label,
      trial.number,
      ...names.map((n) =>
        typeof trial.params[n] === 'number' ? (trial.params[n] as number) : String(trial.params[n]),
      ),
      trial.value!,
    ]),
  };
  return (
    <ChartCard id="parallel" title={t.viewParallel} hint={t.viewParallelHint} table={table}>
      <svg viewBox={`0 0 ${width} ${height}`} className="tune-svg" role="img" aria-label={t.viewParallel}>
        {trials.map(({ s, trial }) => (
          <polyline
            key={`${s.id}-${trial.number}`}
            fill="none"
            stroke={color(trial.value)}
            strokeOpacity={0.7}
            strokeWidth={1.2}
            points={[
              ...names.map((n, k) =>
                trial.params[n] === undefined
                  ? null
                  : `${xAt(k)},${yAt(unitFromValue(space[n]!, trial.params[n]!))}`,
              ),
              `${xAt(names.length)},${yAt(valueUnit(trial.value!))}`,
            ]
              .filter(Boolean)
              .join(' ')}
          />
        ))}
        {[...names, null].map((name, k) => {
          const ticks = name
            ? axisTicks(space[name]!)
            : niceTicks(vLow, vHigh, 4).map((v) => ({ unit: valueUnit(v), label: formatTick(v) }));
          const anchor = k === 0 ? 'start' : k === axes - 1 ? 'end' : 'middle';
          return (
            <g key={name ?? 'value'} className="pc-axis">
              <line x1={xAt(k)} x2={xAt(k)} y1={top} y2={bottom} stroke="#52606d" />
              {ticks.map((tick) => (
                <text
                  key={tick.label}
                  x={xAt(k) + (k === axes - 1 ? -6 : 6)}
                  y={yAt(tick.unit) + 4}
                  fontSize={11}
                  textAnchor={k === axes - 1 ? 'end' : 'start'}
                  className="tick"
                >
                  {tick.label}
                </text>
              ))}
              <text
                x={clampX(xAt(k), width)}
                y={height - 22}
                fontSize={12}
                textAnchor={anchor}
                className="axis-name"
              >
                {name ? paramLabel(name, language) : t.value}
              </text>
            </g>
          );
        })}
      </svg>
      <ColorScale low={Math.min(...values)} high={Math.max(...values)} />
    </ChartCard>
  );
}

/** The value colour scale under a chart: best (dark) to worst (light). */
function ColorScale({ low, high }: { low: number; high: number }) {
  const t = useTuneMessages();
  const stops = Array.from({ length: 6 }, (_, i) => `${rampColor(i / 5)} ${(i / 5) * 100}%`).join(', ');
  return (
    <div className="color-scale" aria-label={t.colorScale(formatTick(low), formatTick(high))}>
      <span>{formatTick(low)}</span>
      <span className="ramp" style={{ background: `linear-gradient(to right, ${stops})` }} />
      <span>{formatTick(high)}</span>
      <span className="hint">{t.colorScaleHint}</span>
    </div>
  );
}

function ContourView({ series, space }: ViewProps) {
  const t = useTuneMessages();
  const language = useLanguage((s) => s.language);
  const names = parameterNames(space);
  const [xChoice, setX] = useState(names[0]!);
  const [yChoice, setY] = useState(names[1] ?? names[0]!);
  const x = names.includes(xChoice) ? xChoice : names[0]!;
  const y = names.includes(yChoice) ? yChoice : (names[1] ?? names[0]!);
  const points = series.flatMap((s) =>
    complete(s.trials)
      .filter((trial) => trial.params[x] !== undefined && trial.params[y] !== undefined)
      .map((trial) => ({
        u: unitFromValue(space[x]!, trial.params[x]!),
        v: unitFromValue(space[y]!, trial.params[y]!),
        value: trial.value!,
        color: s.color,
      })),
  );
  const n = 24;
  // Inverse-distance weighting on the unit square: a smooth surface through the observed points.
  const grid = useMemo(() => {
    const out: number[] = [];
    for (let j = 0; j < n; j++)
      for (let i = 0; i < n; i++) {
        const cu = (i + 0.5) / n;
        const cv = (j + 0.5) / n;
        let weights = 0;
        let sum = 0;
        for (const p of points) {
          const w = 1 / ((p.u - cu) ** 2 + (p.v - cv) ** 2 + 1e-4) ** 2;
          weights += w;
          sum += w * p.value;
        }
        out.push(weights > 0 ? sum / weights : NaN);
      }
    return out;
  }, [points, n]);
  const low = Math.min(...points.map((p) => p.value));
  const high = Math.max(...points.map((p) => p.value));
  const color = rankColors(points.map((p) => p.value));
  const width = 420;
  const height = 340;
  const frame = { left: 56, top: 12, size: Math.min(width - 56 - 16, height - 12 - 52) };
  const px = (u: number) => frame.left + u * frame.size;
  const py = (v: number) => frame.top + (1 - v) * frame.size;
  const table: Table = {
    columns: [paramLabel(x, language), paramLabel(y, language), t.value],
    rows: series.flatMap((s) =>
      complete(s.trials).map((trial) => [String(trial.params[x]), String(trial.params[y]), trial.value!]),
    ),
  };
  const select = (label: string, value: string, set: (v: string) => void) => (
    <label>
      {label}
      <select value={value} onChange={(e) => set(e.target.value)}>
        {names.map((name) => (
          <option key={name} value={name}>
            {paramLabel(name, language)}
          </option>
        ))}
      </select>
    </label>
  );
  if (names.length < 2) return null;
  return (
    <ChartCard
      id="contour"
      title={t.viewContour}
      hint={t.viewContourHint}
      table={table}
      controls={
        <>
          {select(t.scatterX, x, setX)}
          {select(t.scatterY, y, setY)}
        </>
      }
    >
      <svg viewBox={`0 0 ${width} ${height}`} className="tune-svg" role="img" aria-label={t.viewContour}>
        {grid.map((value, k) => {
          const i = k % n;
          const j = Math.floor(k / n);
          const rank = high > low ? (value - low) / (high - low) : 0;
          return (
            <rect
              key={k}
              x={px(i / n)}
              y={py((j + 1) / n)}
              width={frame.size / n + 0.5}
              height={frame.size / n + 0.5}
              fill={Number.isFinite(value) ? rampColor(Math.sqrt(Math.max(0, rank))) : '#eee'}
            />
          );
        })}
        <rect
          x={frame.left}
          y={frame.top}
          width={frame.size}
          height={frame.size}
          fill="none"
          stroke="#52606d"
        />
        {points.map((p, k) => (
          <circle
            key={k}
            cx={px(p.u)}
            cy={py(p.v)}
            r={3}
            fill={color(p.value)}
            stroke="#fff"
            strokeWidth={0.8}
          />
        ))}
        <SquareAxes
          frame={frame}
          xD={space[x]!}
          yD={space[y]!}
          xLabel={paramLabel(x, language, isLog(space[x]))}
          yLabel={paramLabel(y, language, isLog(space[y]))}
          height={height}
        />
      </svg>
      <ColorScale low={low} high={high} />
    </ChartCard>
  );
}

/** Ticks and names around a square frame in unit coordinates of two distributions. */
export function SquareAxes({
  frame,
  xD,
  yD,
  xLabel,
  yLabel,
  height,
}: {
  frame: { left: number; top: number; size: number };
  xD: Distribution;
  yD: Distribution;
  xLabel: string;
  yLabel: string;
  height: number;
}) {
  const bottom = frame.top + frame.size;
  return (
    <g className="square-axes">
      {axisTicks(xD).map((tick) => (
        <g key={`x${tick.label}`}>
          <line
            x1={frame.left + tick.unit * frame.size}
            x2={frame.left + tick.unit * frame.size}
            y1={bottom}
            y2={bottom + 4}
            stroke="#52606d"
          />
          <text
            x={frame.left + tick.unit * frame.size}
            y={bottom + 16}
            fontSize={11}
            textAnchor="middle"
            className="tick"
          >
            {tick.label}
          </text>
        </g>
      ))}
      {axisTicks(yD).map((tick) => (
        <g key={`y${tick.label}`}>
          <line
            x1={frame.left - 4}
            x2={frame.left}
            y1={frame.top + (1 - tick.unit) * frame.size}
            y2={frame.top + (1 - tick.unit) * frame.size}
            stroke="#52606d"
          />
          <text
            x={frame.left - 6}
            y={frame.top + (1 - tick.unit) * frame.size + 4}
            fontSize={11}
            textAnchor="end"
            className="tick"
          >
            {tick.label}
          </text>
        </g>
      ))}
      <text
        x={frame.left + frame.size / 2}
        y={Math.min(height - 4, bottom + 34)}
        fontSize={12}
        textAnchor="middle"
        className="axis-name"
      >
        {xLabel}
      </text>
      <text
        x={12}
        y={frame.top + frame.size / 2}
        fontSize={12}
        textAnchor="middle"
        transform={`rotate(-90 12 ${frame.top + frame.size / 2})`}
        className="axis-name"
      >
        {yLabel}
      </text>
    </g>
  );
}

function SliceView({ series, space, log, setLog, canLog }: ViewProps) {
  const t = useTuneMessages();
  const language = useLanguage((s) => s.language);
  const names = parameterNames(space);
  const [choice, setChoice] = useState(names[0]!);
  const name = names.includes(choice) ? choice : names[0]!;
  const d = space[name]!;
  const all = series.flatMap((s) => complete(s.trials).map((trial) => trial.value!));
  const categorical = d.type === 'categorical';
  const xOf = (trial: ViewTrial) =>
    categorical ? d.choices.indexOf(trial.params[name]!) : Number(trial.params[name]);
  const xTicks = categorical
    ? d.choices.map((_, i) => i)
    : d.log
      ? logTicks(d.low, d.high)
      : niceTicks(d.low, d.high, 5);
  const xDomain: [number, number] = categorical ? [-0.5, d.choices.length - 0.5] : [d.low, d.high];
  const table: Table = {
    columns: [t.tuner, paramLabel(name, language), t.value],
    rows: series.flatMap((s) =>
      complete(s.trials).map((trial) => [s.label, String(trial.params[name]), trial.value!]),
    ),
  };
  return (
    <ChartCard
      id="slice"
      title={t.viewSlice}
      hint={t.viewSliceHint}
      table={table}
      controls={
        <>
          <label>
            {t.parameter}
            <select value={name} onChange={(e) => setChoice(e.target.value)}>
              {names.map((n) => (
                <option key={n} value={n}>
                  {paramLabel(n, language)}
                </option>
              ))}
            </select>
          </label>
          <LogToggle log={log} setLog={setLog} disabled={!canLog} />
        </>
      }
    >
      <ResponsiveContainer width="100%" height={260}>
        <ScatterChart margin={MARGIN}>
          <CartesianGrid strokeDasharray="2 4" stroke="#e3e7ec" />
          <XAxis
            dataKey="x"
            type="number"
            scale={!categorical && d.log ? 'log' : 'linear'}
            domain={xDomain}
            ticks={xTicks}
            allowDataOverflow
            tickFormatter={(v: number) => (categorical ? String(d.choices[v] ?? '') : formatTick(v))}
            label={{ value: paramLabel(name, language, isLog(d)), position: 'insideBottom', offset: -18 }}
          />
          {valueAxis(all, log)}
          <Tooltip formatter={formatValue} />
          {series.map((s) => (
            <Scatter
              key={s.id}
              name={s.label}
              data={complete(s.trials).map((trial) => ({ x: xOf(trial), y: trial.value! }))}
              dataKey="y"
              fill={s.color}
              fillOpacity={0.6}
              isAnimationActive={false}
            />
          ))}
        </ScatterChart>
      </ResponsiveContainer>
      <Legend series={series} />
    </ChartCard>
  );
}

function ImportanceView({ series, space, settled }: ViewProps) {
  const t = useTuneMessages();
  const language = useLanguage((s) => s.language);
  const trials = useMemo(() => series.flatMap((s) => s.trials), [series]);
  // Fewer trees than Optuna's 64: the shares settle well before, and this runs on the page's thread,
  // so only once the trials stop streaming in.
  const importance = useMemo(
    () => (settled ? fanovaImportance(space, trials, { trees: 32, seed: 0 }) : []),
    [space, trials, settled],
  );
  const rows = importance.map((entry) => ({
    name: paramLabel(entry.name, language),
    importance: entry.importance,
  }));
  return (
    <ChartCard
      id="importance"
      title={t.viewImportance}
      hint={t.viewImportanceHint}
      table={{ columns: [t.parameter, t.importanceShare], rows: rows.map((r) => [r.name, r.importance]) }}
    >
      {!settled && <p className="hint">{t.importanceWaits}</p>}
      <ResponsiveContainer width="100%" height={Math.max(120, 40 + 32 * rows.length)}>
        <BarChart data={rows} layout="vertical" margin={{ ...MARGIN, left: 8 }}>
          <CartesianGrid strokeDasharray="2 4" stroke="#e3e7ec" />
          <XAxis type="number" domain={[0, 1]} ticks={[0, 0.25, 0.5, 0.75, 1]} tickFormatter={formatTick} />
          <YAxis type="category" dataKey="name" width="auto" tick={{ fontSize: 12 }} />
          <Tooltip formatter={formatValue} />
          <Bar dataKey="importance" name={t.importanceShare} fill="#2c5282" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

function EdfView({ series, log, setLog, canLog }: ViewProps) {
  const t = useTuneMessages();
  const all = series.flatMap((s) => complete(s.trials).map((trial) => trial.value!));
  const low = Math.min(...all);
  const high = Math.max(...all);
  const domain = log ? logDomain(low, high) : niceDomain(low, high);
  const ticks = log ? logTicks(domain[0], domain[1]) : niceTicks(domain[0], domain[1]);
  const curves = series.map((s) => {
    const sorted = complete(s.trials)
      .map((trial) => trial.value!)
      .sort((a, b) => a - b);
    return sorted.map((v, i) => ({ x: v, y: (i + 1) / sorted.length }));
  });
  return (
    <ChartCard
      id="edf"
      title={t.viewEdf}
      hint={t.viewEdfHint}
      table={{
        columns: [t.tuner, t.value, t.edfShare],
        rows: series.flatMap((s, k) => curves[k]!.map((p) => [s.label, p.x, p.y])),
      }}
      controls={<LogToggle log={log} setLog={setLog} disabled={!canLog} />}
    >
      <ResponsiveContainer width="100%" height={240}>
        <LineChart margin={MARGIN}>
          <CartesianGrid strokeDasharray="2 4" stroke="#e3e7ec" />
          <XAxis
            dataKey="x"
            type="number"
            scale={log ? 'log' : 'linear'}
            domain={domain}
            ticks={ticks}
            allowDataOverflow
            tickFormatter={formatTick}
            label={{ value: t.value, position: 'insideBottom', offset: -18 }}
          />
          <YAxis
            type="number"
            domain={[0, 1]}
            ticks={[0, 0.25, 0.5, 0.75, 1]}
            width="auto"
            tickFormatter={formatTick}
          />
          <Tooltip formatter={formatValue} />
          {series.map((s, k) => (
            <Line
              key={s.id}
              data={curves[k]}
              dataKey="y"
              name={s.label}
              stroke={s.color}
              strokeWidth={2}
              dot={false}
              type="stepAfter"
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
      <Legend series={series} />
    </ChartCard>
  );
}

function IntermediateView({ series, log, setLog, canLog }: ViewProps) {
  const t = useTuneMessages();
  // Where some trials reported curves, trials that reported none (an instant objective) are left out, not drawn as lone points.
  const reported = series.some((s) => s.trials.some((trial) => (trial.intermediate?.length ?? 0) > 0));
  const curves = series.flatMap((s) =>
    s.trials
      .filter((trial) => trial.state !== 'failed' && (!reported || (trial.intermediate?.length ?? 0) > 0))
      .map((trial) => ({
        s,
        trial,
        points: (trial.intermediate && trial.intermediate.length > 0
          ? trial.intermediate
          : trial.value !== null && trial.epochs !== null
            ? [[trial.epochs, trial.value] as [number, number]]
            : []
        ).map(([x, y]) => ({ x, y })),
      }))
      .filter((c) => c.points.length > 0),
  );
  const ys = curves.flatMap((c) => c.points.map((p) => p.y));
  const useLog = log && canLog && ys.every((v) => v > 0);
  const xs = curves.flatMap((c) => c.points.map((p) => p.x));
  const xDomain = niceDomain(Math.min(0, ...xs), Math.max(...xs));
  const lines = curves.some((c) => c.points.length > 1);
  return (
    <ChartCard
      id="intermediate"
      title={t.viewIntermediate}
      hint={lines ? t.viewIntermediateHint : t.viewRungsHint}
      table={{
        columns: [t.tuner, t.number, t.state, t.epochs, t.value],
        rows: curves.flatMap((c) =>
          c.points.map((p) => [c.s.label, c.trial.number, t.trialState(c.trial.state), p.x, p.y]),
        ),
      }}
      controls={<LogToggle log={log} setLog={setLog} disabled={!canLog} />}
    >
      <ResponsiveContainer width="100%" height={260}>
        <ComposedChart margin={MARGIN}>
          <CartesianGrid strokeDasharray="2 4" stroke="#e3e7ec" />
          <XAxis
            dataKey="x"
            type="number"
            domain={xDomain}
            ticks={niceTicks(xDomain[0], xDomain[1])}
            tickFormatter={formatTick}
            label={{ value: t.step, position: 'insideBottom', offset: -18 }}
          />
          {ys.length > 0 && valueAxis(ys, useLog)}
          <Tooltip formatter={formatValue} />
          {lines
            ? curves.map((c) => (
                <Line
                  key={`${c.s.id}-${c.trial.number}`}
                  data={c.points}
                  dataKey="y"
                  name={`${c.s.label} #${c.trial.number}`}
                  stroke={c.s.color}
                  strokeOpacity={c.trial.state === 'pruned' ? 0.45 : 0.9}
                  strokeDasharray={c.trial.state === 'pruned' ? '3 3' : undefined}
                  // A pruned trial's curve ends in a dot at the rung that stopped it (a curve of one point is only that dot).
                  dot={(props: { cx?: number; cy?: number; index?: number }) =>
                    c.trial.state === 'pruned' && props.index === c.points.length - 1 ? (
                      <circle
                        key={`end-${c.trial.number}`}
                        className="curve-end"
                        cx={props.cx}
                        cy={props.cy}
                        r={3}
                        fill={STATE_COLORS.pruned}
                      />
                    ) : (
                      <g key={`${c.trial.number}-${props.index}`} />
                    )
                  }
                  isAnimationActive={false}
                />
              ))
            : series.map((s) => (
                <Scatter
                  key={s.id}
                  name={s.label}
                  data={curves
                    .filter((c) => c.s === s)
                    .map((c) => ({ ...c.points[0]!, state: c.trial.state }))}
                  dataKey="y"
                  fill={s.color}
                  fillOpacity={0.6}
                  isAnimationActive={false}
                />
              ))}
        </ComposedChart>
      </ResponsiveContainer>
      <Legend series={series} />
    </ChartCard>
  );
}

const STATE_COLORS: Record<string, string> = {
  complete: '#2c5282',
  pruned: '#d69e2e',
  failed: '#c53030',
  running: '#a0aec0',
};

/**
 * Places each bar in the first sub-row whose last bar has ended, so trials that ran at the same time
 * (a population, a Hyperband rung) stack instead of hiding each other.
 */
export function packLanes(spans: readonly { start: number; end: number }[]): {
  lanes: number[];
  count: number;
} {
  const ends: number[] = [];
  const order = spans.map((_, i) => i).sort((a, b) => spans[a]!.start - spans[b]!.start);
  const lanes = new Array<number>(spans.length).fill(0);
  for (const i of order) {
    const { start, end } = spans[i]!;
    let lane = ends.findIndex((last) => last <= start);
    if (lane < 0) lane = ends.push(end) - 1;
    else ends[lane] = end;
    lanes[i] = lane;
  }
  return { lanes, count: Math.max(1, ends.length) };
}

function TimelineView({ series, timeline }: ViewProps & { timeline: 'clock' | 'epochs' }) {
  const t = useTuneMessages();
  const clockKnown = series.some((s) => s.trials.some((trial) => typeof trial.startedAt === 'number'));
  const [choice, setChoice] = useState(timeline);
  const mode = clockKnown ? choice : 'epochs';
  const bars = series.flatMap((s, row) => {
    if (mode === 'epochs') {
      let spent = 0;
      return s.trials.map((trial) => {
        const start = spent;
        spent += trial.epochs ?? 0;
        return { s, row, trial, start, end: spent };
      });
    }
    return s.trials
      .filter((trial) => typeof trial.startedAt === 'number')
      .map((trial) => ({
        s,
        row,
        trial,
        start: trial.startedAt!,
        end: Math.max(trial.startedAt!, trial.completedAt ?? trial.startedAt!),
      }));
  });
  if (bars.length === 0) return null;
  const origin = mode === 'clock' ? Math.min(...bars.map((b) => b.start)) : 0;
  const scale = mode === 'clock' ? 1000 : 1;
  const spans = bars.map((b) => ({ ...b, start: (b.start - origin) / scale, end: (b.end - origin) / scale }));
  const [low, high] = niceDomain(0, Math.max(1e-3, ...spans.map((b) => b.end)));
  const width = 760;
  const top = 8;
  const left = 120;
  // Room for half of the last tick's text ("10000" centred on the right edge).
  const right = width - 32;
  const xAt = (v: number) => left + ((right - left) * (v - low)) / (high - low || 1);
  // Bars thinner than a pixel would merge: spans are packed by their drawn extent, at least 1 px wide.
  const minWidth = (high - low) / (right - left);
  const packed = series.map((s) =>
    packLanes(
      spans
        .filter((b) => b.s === s)
        .map((b) => ({ start: b.start, end: Math.max(b.end, b.start + minWidth) })),
    ),
  );
  const rowHeights = packed.map((p) => 8 + Math.min(120, Math.max(18, 4 * p.count)));
  const rowTops = rowHeights.map((_, k) => top + rowHeights.slice(0, k).reduce((a, b) => a + b, 0));
  const laneOf = new Map<(typeof spans)[number], number>();
  series.forEach((s, k) =>
    spans.filter((b) => b.s === s).forEach((b, i) => laneOf.set(b, packed[k]!.lanes[i]!)),
  );
  const axisY = top + rowHeights.reduce((a, b) => a + b, 0) + 4;
  const height = axisY + 40;
  const controls = clockKnown ? (
    <label>
      {t.timelineAxis}
      <select value={mode} onChange={(e) => setChoice(e.target.value as 'clock' | 'epochs')}>
        <option value="clock">{t.timelineClock}</option>
        <option value="epochs">{t.timelineEpochs}</option>
      </select>
    </label>
  ) : undefined;
  return (
    <ChartCard
      id="timeline"
      title={t.viewTimeline}
      hint={mode === 'clock' ? t.viewTimelineHint : t.viewTimelineEpochsHint}
      controls={controls}
      table={{
        columns: [t.tuner, t.number, t.state, t.timeStart, t.timeEnd],
        rows: spans.map((b) => [b.s.label, b.trial.number, t.trialState(b.trial.state), b.start, b.end]),
      }}
    >
      <svg viewBox={`0 0 ${width} ${height}`} className="tune-svg" role="img" aria-label={t.viewTimeline}>
        {series.map((s, row) => (
          <text key={s.id} x={4} y={rowTops[row]! + 17} fontSize={12} className="tick">
            {s.label.length > 16 ? `${s.label.slice(0, 15)}…` : s.label}
          </text>
        ))}
        {spans.map((b) => {
          const lanes = packed[b.row]!.count;
          const laneHeight = (rowHeights[b.row]! - 8) / lanes;
          return (
            <rect
              key={`${b.s.id}-${b.trial.number}`}
              x={xAt(b.start)}
              y={rowTops[b.row]! + 4 + laneOf.get(b)! * laneHeight}
              width={Math.max(1, xAt(b.end) - xAt(b.start) - 0.5)}
              height={Math.max(1, laneHeight - (lanes > 1 ? 0.5 : 0))}
              fill={STATE_COLORS[b.trial.state]}
            >
              <title>{`${b.s.label} #${b.trial.number}: ${t.trialState(b.trial.state)}`}</title>
            </rect>
          );
        })}
        <line x1={left} x2={right} y1={axisY} y2={axisY} stroke="#52606d" />
        {niceTicks(low, high, 6).map((v) => (
          <text
            key={v}
            x={clampX(xAt(v), width, 12)}
            y={axisY + 16}
            fontSize={11}
            textAnchor="middle"
            className="tick"
          >
            {formatTick(v)}
          </text>
        ))}
        <text x={(left + right) / 2} y={height - 4} fontSize={12} textAnchor="middle" className="axis-name">
          {mode === 'clock' ? t.seconds : t.xEpochs}
        </text>
      </svg>
      <ul className="chart-legend">
        {(['complete', 'pruned', 'failed'] as const).map((state) => (
          <li key={state}>
            <span className="swatch" style={{ background: STATE_COLORS[state] }} aria-hidden="true" />
            {t.trialState(state)}
          </li>
        ))}
      </ul>
    </ChartCard>
  );
}
