import { useEffect, useId, useMemo, useRef } from 'react';
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
import { useLandscape, type PlaneChoice } from '../../store/landscape';
import { useRun } from '../../store/run';
import { LANDSCAPE_SIZE, paintLandscape } from './draw';
import { useLandscapeMessages } from './messages';
import { logScale, RAMP_CSS, short } from './paint';
import { applySuggestedRate, findLearningRate, startLandscapeSession } from './session';
import './landscape.css';

const SIZE = LANDSCAPE_SIZE;

/** The "see why" views under the playground's charts: the loss landscape and the learning-rate finder. */
export function SeeWhyPanel() {
  useEffect(startLandscapeSession, []);
  return (
    <div className="see-why">
      <LandscapeCard />
      <FinderCard />
    </div>
  );
}

function LandscapeCard() {
  const t = useLandscapeMessages();
  const open = useLandscape((s) => s.open);
  const plane = useLandscape((s) => s.plane);
  const landscape = useLandscape((s) => s.landscape);
  const computing = useLandscape((s) => s.computing);
  const hasEpochs = useRun((s) => s.latest !== null);
  const selectId = useId();
  const bodyId = useId();
  return (
    <section className="card landscape-card" aria-labelledby={`${bodyId}-title`}>
      <div className="see-why-head">
        <h2 id={`${bodyId}-title`}>{t.title}</h2>
        <button
          type="button"
          className="button small"
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={() => useLandscape.setState({ open: !open })}
        >
          {open ? t.hide : t.show}
        </button>
      </div>
      {open && (
        <div id={bodyId} className="landscape-body">
          <p className="subtle">{t.intro}</p>
          <label className="inline-field" htmlFor={selectId}>
            {t.plane}
            <select
              id={selectId}
              value={plane}
              onChange={(event) => useLandscape.setState({ plane: event.target.value as PlaneChoice })}
            >
              <option value="auto">{t.planeAuto}</option>
              <option value="random">{t.planeRandom}</option>
            </select>
          </label>
          {!hasEpochs || !landscape ? (
            <p className="notice subtle" role="status">
              {hasEpochs && computing ? t.computing : t.waiting}
            </p>
          ) : (
            <PlaygroundLandscape landscape={landscape} />
          )}
        </div>
      )}
    </section>
  );
}

function PlaygroundLandscape({ landscape }: { landscape: Landscape }) {
  const epoch = useLandscape((s) => s.epoch);
  return <LandscapeView landscape={landscape} epoch={epoch} />;
}

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
          <div className="landscape-scale">
            <span>{short(scale.low)}</span>
            <span className="ramp" style={{ background: RAMP_CSS }} aria-hidden="true" />
            <span>{short(scale.high)}</span>
          </div>
          <div className="subtle">{t.lossScale}</div>
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

function FinderCard() {
  const t = useLandscapeMessages();
  const finder = useLandscape((s) => s.finder);
  const running = finder.phase === 'running';
  // The test trains on the run's data, which the worker is still building while the page loads.
  const loading = useRun((s) => s.phase === 'loading');
  const finding = finder.finding;
  const data = useMemo(
    () =>
      finding
        ? finding.smoothed.map((smoothed, i) => ({
            learningRate: finding.learningRates[i]!,
            loss: finding.losses[i]!,
            smoothed,
          }))
        : [],
    [finding],
  );
  const suggestion = finding?.suggestion ?? null;
  // The blow-up at the end reaches many times the starting loss; the story is in the fall before it.
  const yDomain = useMemo((): [number, number] => {
    if (!finding || finding.smoothed.length === 0) return [0, 1];
    const low = Math.min(...finding.smoothed);
    return [Math.max(0, low * 0.9), Math.max(low * 1.1, finding.smoothed[0]! * 1.5)];
  }, [finding]);
  const rate = suggestion ? formatNumber(Number(suggestion.learningRate.toPrecision(2))) : '';
  return (
    <section className="card finder-card" aria-label={t.finderTitle}>
      <div className="see-why-head">
        <h2>{t.finderTitle}</h2>
        <button
          type="button"
          className="button small"
          disabled={running || loading}
          onClick={() => void findLearningRate()}
        >
          {t.find}
        </button>
      </div>
      <p className="subtle">{t.finderHelp}</p>
      <p role="status" className="finder-status">
        {running
          ? t.finding
          : finder.phase === 'failed'
            ? t.findFailed
            : finding
              ? suggestion
                ? t.suggestion(rate, suggestion.rule)
                : t.noSuggestion
              : ''}
      </p>
      {finding && data.length > 0 && (
        <>
          <div className="finder-chart">
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
                <YAxis
                  width="auto"
                  tickFormatter={(v: number) => short(v)}
                  domain={yDomain}
                  allowDataOverflow
                />
                <Tooltip
                  formatter={(v) => formatNumber(Number(v))}
                  labelFormatter={(v) => formatNumber(Number(v))}
                />
                <Line
                  dataKey="loss"
                  name={t.rawLoss}
                  stroke="#adb5bd"
                  dot={false}
                  isAnimationActive={false}
                />
                <Line
                  dataKey="smoothed"
                  name={t.smoothed}
                  stroke="#1f3a5f"
                  strokeWidth={2}
                  dot={false}
                  isAnimationActive={false}
                />
                {suggestion && <ReferenceLine x={suggestion.learningRate} stroke="#c92a2a" />}
              </LineChart>
            </ResponsiveContainer>
          </div>
          {suggestion && (
            <button type="button" className="button primary small" onClick={applySuggestedRate}>
              {t.useIt(rate)}
            </button>
          )}
        </>
      )}
    </section>
  );
}
