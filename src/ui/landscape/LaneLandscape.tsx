import { useEffect, useId } from 'react';
import { useLanguage } from '../../i18n';
import { useCompare } from '../../store/compare';
import { useLaneLandscapes, type PlaneChoice } from '../../store/landscape';
import { ChartSuspense, lazyChart } from '../charts/lazy';
import { LANDSCAPE_SIZE } from './draw';
import { drawLaneLandscape, isMoving } from './lanes';
import { useLandscapeMessages } from './messages';
import './landscape.css';

// The picture's cut is a recharts chart: its code loads when a lane's landscape is first shown.
const LandscapeView = lazyChart(() => import('./LandscapeCharts').then((module) => module.LandscapeView));

const setView = (change: Partial<ReturnType<typeof useLaneLandscapes.getState>['view']>) =>
  useLaneLandscapes.setState((s) => ({ view: { ...s.view, ...change } }));

/** One lane's loss landscape and path, picked from the comparison's lanes: the playground's view, per lane. */
export function LaneLandscapeCard() {
  const t = useLandscapeMessages();
  const language = useLanguage((s) => s.language);
  const lanes = useCompare((s) => s.lanes);
  const view = useLaneLandscapes((s) => s.view);
  const trajectories = useLaneLandscapes((s) => s.trajectories);
  const version = useLaneLandscapes((s) => (view.laneId === null ? 0 : (s.versions[view.laneId] ?? 0)));
  const picture = useLaneLandscapes((s) => s.lane);
  const id = useId();
  const lane = lanes.find((l) => l.id === view.laneId) ?? lanes[0];
  const laneId = lane?.id ?? null;
  const hasPath = laneId !== null && Boolean(trajectories[laneId]);

  useEffect(() => {
    if (view.laneId !== laneId) setView({ laneId });
  }, [view.laneId, laneId]);
  useEffect(() => {
    const current = useCompare.getState().lanes.find((l) => l.id === laneId);
    if (view.open && current && hasPath) drawLaneLandscape(current, view.plane);
  }, [view.open, laneId, hasPath, version, view.plane]);

  const expected = laneId === null ? '' : `${laneId}.${version}/${view.plane}`;
  const shown = picture?.key === expected ? picture : null;
  return (
    <section className="card landscape-card lane-landscape" aria-labelledby={`${id}-title`}>
      <div className="see-why-head">
        <h2 id={`${id}-title`}>{t.laneTitle}</h2>
        <button
          type="button"
          className="button small"
          aria-expanded={view.open}
          aria-controls={`${id}-body`}
          onClick={() => setView({ open: !view.open })}
        >
          {view.open ? t.laneHide : t.laneShow}
        </button>
      </div>
      {view.open && (
        <div id={`${id}-body`} className="landscape-body">
          <p className="subtle">{t.laneIntro}</p>
          <label className="inline-field" htmlFor={`${id}-lane`}>
            {t.laneChoice}
            <select
              id={`${id}-lane`}
              value={laneId ?? ''}
              onChange={(event) => setView({ laneId: Number(event.target.value) })}
            >
              {lanes.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.label[language]}
                </option>
              ))}
            </select>
          </label>
          <label className="inline-field" htmlFor={`${id}-plane`}>
            {t.plane}
            <select
              id={`${id}-plane`}
              value={view.plane}
              onChange={(event) => setView({ plane: event.target.value as PlaneChoice })}
            >
              <option value="auto">{t.planeAuto}</option>
              <option value="random">{t.planeRandom}</option>
            </select>
          </label>
          {!lane || !hasPath || !shown?.picture ? (
            <p className="notice subtle" role="status">
              {!lane || !hasPath
                ? lane && isMoving(lane)
                  ? t.laneTraining
                  : t.laneWaiting
                : shown?.phase === 'failed'
                  ? t.pathsFailed
                  : t.computing}
            </p>
          ) : (
            <ChartSuspense height={`${LANDSCAPE_SIZE}px`}>
              <LandscapeView landscape={shown.picture} epoch={lane.history.at(-1)?.epoch ?? 0} />
            </ChartSuspense>
          )}
        </div>
      )}
    </section>
  );
}
