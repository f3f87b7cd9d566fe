import { lazy, Suspense, useEffect, useMemo } from 'react';
import { useTune } from '../../store/tune';
import { ChartSuspense, lazyChart } from '../charts/lazy';
import { useStages } from '../charts/stages';
import { useThrottledStore } from '../charts/useThrottledStore';
import type { PageProps } from '../pages';
import { ManualPanel } from './ManualPanel';
import { useTuneMessages } from './messages';
import { RacePanel } from './RacePanel';
import { raceSpace, tunerColor } from './race';
import type { ViewSeries } from './StudyViews';
import { logByDefault } from './format';
import { closeRace } from './session';
import { TrialTable } from './TrialTable';
import './tune.css';

// The race's charts appear once a race has trials; the page's controls draw without the chart library.
const BestSoFarChart = lazyChart(() => import('./RaceCharts').then((module) => module.BestSoFarChart));
const StudyViews = lazyChart(() => import('./StudyViews').then((module) => module.StudyViews));
// Below a phone's first screen, or shown only once a race has ended: their code (the journal
// reader, the exporters, the Gaussian-process view) loads after the race's settings are drawn.
const loadExport = () => import('./ExportButtons');
const ExportButtons = lazy(loadExport);
const ImportPanel = lazy(() => import('./ImportPanel').then((module) => ({ default: module.ImportPanel })));
const GpView = lazy(() => import('./GpView').then((module) => ({ default: module.GpView })));

export default function TunePage(_props: PageProps) {
  const t = useTuneMessages();
  // Instant objectives stream hundreds of trials a second; the page redraws a few times a second.
  const lanes = useThrottledStore(useTune, (s) => s.lanes, 200);
  const raceObjective = useTune((s) => s.raceObjective);
  const status = useTune((s) => s.status);

  useEffect(() => () => closeRace(), []);
  // The import and the model's view come a part a frame after the first (useStages).
  const stage = useStages(2, true);
  const raced = lanes.length > 0;
  useEffect(() => {
    if (raced) void loadExport();
  }, [raced]);
  const series = useMemo(
    (): ViewSeries[] =>
      lanes.map((lane, index) => ({
        id: lane.tuner,
        label: t.tunerName(lane.tuner),
        color: tunerColor(index),
        trials: lane.trials,
      })),
    [lanes, t],
  );

  return (
    // Marked while parts of the page are still to come (tests wait for the whole page).
    <div className="tune-page stacked-page" data-staging={stage === Infinity ? undefined : ''}>
      <h1 className="page-title">{t.title}</h1>
      <p className="hint tune-intro">{t.intro}</p>
      <RacePanel />
      <ManualPanel />
      {lanes.length > 0 && (
        <>
          <ChartSuspense height="22rem">
            <BestSoFarChart lanes={lanes} objective={raceObjective} />
          </ChartSuspense>
          <section className="tune-dashboard" aria-labelledby="tune-views-title">
            <h2 id="tune-views-title">{t.viewsTitle}</h2>
            <p className="hint">{t.viewsIntro}</p>
            <ChartSuspense height="24rem">
              <StudyViews
                series={series}
                space={raceSpace(raceObjective)}
                logDefault={logByDefault(raceObjective)}
                timeline={raceObjective === 'network' ? 'clock' : 'epochs'}
                settled={status !== 'running' && status !== 'paused'}
              />
            </ChartSuspense>
          </section>
          {/* Loaded when the race started; shown once it has ended. */}
          <Suspense fallback={null}>
            <ExportButtons />
          </Suspense>
          <TrialTable lanes={lanes} objective={raceObjective} />
        </>
      )}
      {stage >= 1 && <ImportPanel />}
      {stage >= 2 && <GpView />}
    </div>
  );
}
