import { lazy, Suspense, useEffect, useId, useMemo } from 'react';
import { formatNumber } from '../../core/config/schema';
import type { Landscape } from '../../core/landscape/landscape';
import { useLandscape, type PlaneChoice } from '../../store/landscape';
import { useRun } from '../../store/run';
import { useLandscapeMessages } from './messages';
import { applySuggestedRate, findLearningRate, startLandscapeSession } from './session';
import './landscape.css';

// What draws with the chart library loads when there is something to draw: a landscape or a
// finding exists only after the user asked for it, so the panel itself (its titles, buttons and
// notes) comes with the playground and can be opened before the first epoch.
const LandscapeView = lazy(() =>
  import('./LandscapeCharts').then((module) => ({ default: module.LandscapeView })),
);
const FinderChart = lazy(() =>
  import('./LandscapeCharts').then((module) => ({ default: module.FinderChart })),
);

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
  return (
    <Suspense fallback={null}>
      <LandscapeView landscape={landscape} epoch={epoch} />
    </Suspense>
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
            <Suspense fallback={null}>
              <FinderChart data={data} yDomain={yDomain} suggestion={suggestion?.learningRate ?? null} />
            </Suspense>
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
