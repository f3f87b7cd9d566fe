/**
 * The Bayesian tuner's model drawn: 1-D curves with recharts, 2-D maps as SVG. A module of its own
 * so the page's controls draw before the chart library has loaded.
 */
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { ExplainResult } from '../../core/tune/explain';
import type { Distribution } from '../../core/tune/space';
import { formatTick } from './format';
import { SquareAxes } from './StudyViews';
import { useTuneMessages } from './messages';

/** The model of one step: curves for a 1-D objective, maps for a 2-D one. */
export function GpCharts({ view }: { view: ExplainResult }) {
  return view.dimensions === 1 ? <GpCurves view={view} /> : <GpMaps view={view} />;
}

function GpCurves({ view }: { view: ExplainResult }) {
  const t = useTuneMessages();
  const axis = view.axes[0]!;
  const rows = axis.map((value, i) => ({
    x: Math.log10(value),
    mean: view.mean[i]!,
    band: [view.mean[i]! - 2 * view.std[i]!, view.mean[i]! + 2 * view.std[i]!] as [number, number],
    truth: view.truth[i]!,
    acquisition: view.acquisition[i]!,
  }));
  const observed = view.points.map((p) => ({ x: Math.log10(p.params[0]!), observed: p.value }));
  const next = Math.log10(view.next[0]!);
  const xAxis = (
    <XAxis
      dataKey="x"
      type="number"
      domain={[rows[0]!.x, rows.at(-1)!.x]}
      ticks={Array.from(
        { length: Math.floor(rows.at(-1)!.x) - Math.ceil(rows[0]!.x) + 1 },
        (_, i) => Math.ceil(rows[0]!.x) + i,
      )}
      tickFormatter={(v: number) => formatTick(10 ** v)}
      label={{ value: t.learningRateAxis, position: 'insideBottom', offset: -4 }}
    />
  );
  const top = Math.max(...view.truth) + 0.2;
  return (
    <div className="gp-curves">
      <figure aria-label={t.gpPosterior} data-chart="gp-posterior">
        <figcaption>{t.gpPosterior}</figcaption>
        <ResponsiveContainer width="100%" height={260}>
          <ComposedChart data={rows} margin={{ top: 12, right: 16, bottom: 16, left: 8 }}>
            <CartesianGrid strokeDasharray="2 4" stroke="#e3e7ec" />
            {xAxis}
            <YAxis
              width="auto"
              domain={[0, Math.min(top, 3)]}
              allowDataOverflow
              tickFormatter={(v: number) => v.toPrecision(2)}
            />
            <Tooltip
              formatter={(v) =>
                Array.isArray(v)
                  ? v.map((x) => Number(x).toPrecision(3)).join(' – ')
                  : Number(v).toPrecision(3)
              }
              labelFormatter={(x) => `lr = ${(10 ** Number(x)).toPrecision(3)}`}
            />
            <Area
              className="gp-band"
              dataKey="band"
              name={t.gpBand}
              fill="#2c5282"
              fillOpacity={0.18}
              stroke="none"
              isAnimationActive={false}
            />
            <Line
              className="gp-truth"
              dataKey="truth"
              name={t.gpTruth}
              stroke="#7b8794"
              strokeDasharray="4 4"
              dot={false}
              isAnimationActive={false}
            />
            <Line
              className="gp-mean"
              dataKey="mean"
              name={t.gpMean}
              stroke="#1f3a5f"
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
            <Scatter
              className="gp-observations"
              data={observed}
              dataKey="observed"
              name={t.gpObserved}
              fill="#e8590c"
              isAnimationActive={false}
            />
            <ReferenceLine
              x={next}
              stroke="#2b9a3e"
              strokeDasharray="3 3"
              label={{ value: t.gpNext, position: 'insideTopRight' }}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </figure>
      <figure aria-label={t.acquisitionShort(view.acquisitionKind)} data-chart="gp-acquisition">
        <figcaption>{t.acquisitionShort(view.acquisitionKind)}</figcaption>
        <ResponsiveContainer width="100%" height={140}>
          <LineChart data={rows} margin={{ top: 12, right: 16, bottom: 16, left: 8 }}>
            <CartesianGrid strokeDasharray="2 4" stroke="#e3e7ec" />
            {xAxis}
            <YAxis width="auto" tickFormatter={formatTick} />
            <Line
              className="gp-acquisition"
              dataKey="acquisition"
              name={t.acquisitionShort(view.acquisitionKind)}
              stroke="#2b9a3e"
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
            <ReferenceLine x={next} stroke="#2b9a3e" strokeDasharray="3 3" />
          </LineChart>
        </ResponsiveContainer>
      </figure>
    </div>
  );
}

function GpMaps({ view }: { view: ExplainResult }) {
  const t = useTuneMessages();
  return (
    <div className="gp-maps">
      <Heatmap view={view} values={view.mean} label={t.mapMean} darkIsHigh={false} id="mean" />
      <Heatmap view={view} values={view.std} label={t.mapStd} darkIsHigh={false} id="std" />
      <Heatmap
        view={view}
        values={view.acquisition}
        label={t.acquisitionShort(view.acquisitionKind)}
        darkIsHigh
        id="acquisition"
      />
      <p className="hint">{t.mapHint}</p>
    </div>
  );
}

function shade(t: number): string {
  return `hsl(212 60% ${20 + 70 * t}%)`;
}

/** One 2-D map as SVG: cells, the frame with ticks and parameter names, a colour scale, the observations and the next point. */
function Heatmap({
  view,
  values,
  label,
  darkIsHigh,
  id,
}: {
  view: ExplainResult;
  values: number[];
  label: string;
  darkIsHigh: boolean;
  id: string;
}) {
  const n = view.axes[0]!.length;
  const low = Math.min(...values);
  const high = Math.max(...values);
  const [xAxis, yAxis] = view.axes as [number[], number[]];
  const xD: Distribution = { type: 'float', low: xAxis[0]!, high: xAxis.at(-1)! };
  const yD: Distribution = { type: 'float', low: yAxis[0]!, high: yAxis.at(-1)! };
  const width = 300;
  const height = 300;
  const frame = { left: 44, top: 10, size: 220 };
  const cell = frame.size / n;
  const toPixel = (x: number, y: number): [number, number] => [
    frame.left + ((x - xD.low) / (xD.high - xD.low)) * frame.size,
    frame.top + frame.size - ((y - yD.low) / (yD.high - yD.low)) * frame.size,
  ];
  const tone = (value: number) => {
    const t = high > low ? (value - low) / (high - low) : 0;
    return shade(darkIsHigh ? 1 - t : t);
  };
  const ring = 7;
  const [nx, ny] = toPixel(view.next[0]!, view.next[1]!);
  // The ring stays whole inside the frame; a dot marks the exact point when it sits on the edge.
  const rx = Math.min(frame.left + frame.size - ring - 1, Math.max(frame.left + ring + 1, nx));
  const ry = Math.min(frame.top + frame.size - ring - 1, Math.max(frame.top + ring + 1, ny));
  const stops = [0, 0.25, 0.5, 0.75, 1].map((k) => `${shade(darkIsHigh ? 1 - k : k)} ${k * 100}%`).join(', ');
  return (
    <figure className="gp-map" data-chart={`gp-map-${id}`}>
      <figcaption>{label}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} className="tune-svg" role="img" aria-label={label}>
        <defs>
          <clipPath id={`gp-frame-${id}`}>
            <rect x={frame.left} y={frame.top} width={frame.size} height={frame.size} />
          </clipPath>
        </defs>
        <g clipPath={`url(#gp-frame-${id})`}>
          {values.map((value, k) => (
            <rect
              key={k}
              x={frame.left + (k % n) * cell}
              y={frame.top + frame.size - (Math.floor(k / n) + 1) * cell}
              width={cell + 0.4}
              height={cell + 0.4}
              fill={tone(value)}
            />
          ))}
          {view.points.map((point, k) => {
            const [px, py] = toPixel(point.params[0]!, point.params[1]!);
            return <circle key={k} cx={px} cy={py} r={3.5} fill="#e8590c" className="gp-observation" />;
          })}
          <circle cx={nx} cy={ny} r={2} fill="#2b9a3e" />
        </g>
        <circle cx={rx} cy={ry} r={ring} fill="none" stroke="#2b9a3e" strokeWidth={2.5} className="gp-next" />
        <rect
          x={frame.left}
          y={frame.top}
          width={frame.size}
          height={frame.size}
          fill="none"
          stroke="#52606d"
        />
        <SquareAxes
          frame={frame}
          xD={xD}
          yD={yD}
          xLabel={view.names[0]!}
          yLabel={view.names[1]!}
          height={height}
        />
      </svg>
      <div className="color-scale" aria-label={`${formatTick(low)} – ${formatTick(high)}`}>
        <span>{formatTick(low)}</span>
        <span className="ramp" style={{ background: `linear-gradient(to right, ${stops})` }} />
        <span>{formatTick(high)}</span>
      </div>
    </figure>
  );
}
