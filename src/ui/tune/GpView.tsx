import { useEffect, useRef } from 'react';
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
import type { ExplainObjective, ExplainResult } from '../../core/tune/explain';
import { useTune } from '../../store/tune';
import { useTuneMessages } from './messages';
import { showGp } from './session';

const MAX_OBSERVATIONS = 30;

/** The Bayesian tuner's model, step by step: 1-D curves with a ±2σ band, or 2-D maps. */
export function GpView() {
  const t = useTuneMessages();
  const gp = useTune((s) => s.gp);
  const seed = useTune((s) => s.settings.seed);

  useEffect(() => {
    void showGp(gp.objective, gp.observations);
    // The view follows the race's seed, so the picture matches the race's Bayesian tuner.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [seed]);

  const step = (delta: number) =>
    void showGp(gp.objective, Math.max(2, Math.min(MAX_OBSERVATIONS, gp.observations + delta)));
  return (
    <section className="card tune-gp" aria-labelledby="tune-gp-title">
      <h2 id="tune-gp-title">{t.gpTitle}</h2>
      <p className="hint">{t.gpIntro}</p>
      <div className="toolbar">
        <label>
          {t.gpObjective}
          <select
            value={gp.objective}
            onChange={(e) => void showGp(e.target.value as ExplainObjective, gp.observations)}
          >
            <option value="lr-curve">{t.gp1d}</option>
            <option value="branin">{t.gp2d}</option>
          </select>
        </label>
        <button type="button" onClick={() => step(-1)} disabled={gp.observations <= 2}>
          {t.previousStep}
        </button>
        <button type="button" onClick={() => step(1)} disabled={gp.observations >= MAX_OBSERVATIONS}>
          {t.nextStep}
        </button>
        <span role="status">
          {t.observations}: <output>{gp.observations}</output>
          {gp.loading && <span className="hint"> · {t.loading}</span>}
        </span>
      </div>
      {gp.error && <p role="alert">{gp.error}</p>}
      {gp.view && (gp.view.dimensions === 1 ? <GpCurves view={gp.view} /> : <GpMaps view={gp.view} />)}
    </section>
  );
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
      tickFormatter={(v: number) => `1e${Math.round(v)}`}
      label={{ value: t.learningRateAxis, position: 'insideBottom', offset: -4 }}
    />
  );
  const top = Math.max(...view.truth) + 0.2;
  return (
    <div className="gp-curves">
      <figure aria-label={t.gpPosterior} data-chart="gp-posterior">
        <figcaption>{t.gpPosterior}</figcaption>
        <ResponsiveContainer width="100%" height={260}>
          <ComposedChart data={rows} margin={{ top: 8, right: 16, bottom: 16, left: 8 }}>
            <CartesianGrid strokeDasharray="2 4" stroke="#e3e7ec" />
            {xAxis}
            <YAxis
              width={56}
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
      <figure aria-label={t.gpAcquisition} data-chart="gp-acquisition">
        <figcaption>{t.gpAcquisition}</figcaption>
        <ResponsiveContainer width="100%" height={140}>
          <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 16, left: 8 }}>
            <CartesianGrid strokeDasharray="2 4" stroke="#e3e7ec" />
            {xAxis}
            <YAxis width={56} tickFormatter={(v: number) => v.toExponential(0)} />
            <Line
              className="gp-acquisition"
              dataKey="acquisition"
              name={t.gpAcquisition}
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
      <Heatmap view={view} values={view.mean} label={t.mapMean} darkIsHigh={false} />
      <Heatmap view={view} values={view.std} label={t.mapStd} darkIsHigh={false} />
      <Heatmap view={view} values={view.acquisition} label={t.mapAcquisition} darkIsHigh />
      <p className="hint">{t.mapHint}</p>
    </div>
  );
}

function Heatmap({
  view,
  values,
  label,
  darkIsHigh,
}: {
  view: ExplainResult;
  values: number[];
  label: string;
  darkIsHigh: boolean;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const size = 220;
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    const n = view.axes[0]!.length;
    const low = Math.min(...values);
    const high = Math.max(...values);
    const cell = size / n;
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        const t = high > low ? (values[i + j * n]! - low) / (high - low) : 0;
        const lightness = 20 + 70 * (darkIsHigh ? 1 - t : t);
        context.fillStyle = `hsl(212 60% ${lightness}%)`;
        // Row j = 0 is the bottom of the plot.
        context.fillRect(i * cell, size - (j + 1) * cell, cell + 0.5, cell + 0.5);
      }
    }
    const [xAxis, yAxis] = view.axes as [number[], number[]];
    const toPixel = (x: number, y: number): [number, number] => [
      ((x - xAxis[0]!) / (xAxis.at(-1)! - xAxis[0]!)) * size,
      size - ((y - yAxis[0]!) / (yAxis.at(-1)! - yAxis[0]!)) * size,
    ];
    context.fillStyle = '#e8590c';
    for (const point of view.points) {
      const [px, py] = toPixel(point.params[0]!, point.params[1]!);
      context.beginPath();
      context.arc(px, py, 3.5, 0, 2 * Math.PI);
      context.fill();
    }
    const [nx, ny] = toPixel(view.next[0]!, view.next[1]!);
    context.strokeStyle = '#2b9a3e';
    context.lineWidth = 2.5;
    context.beginPath();
    context.arc(nx, ny, 7, 0, 2 * Math.PI);
    context.stroke();
  }, [view, values, darkIsHigh]);
  return (
    <figure className="gp-map">
      <figcaption>{label}</figcaption>
      <canvas ref={canvas} width={size} height={size} role="img" aria-label={label} />
    </figure>
  );
}
