import { useEffect, useId, useMemo, useRef } from 'react';
import type { SharedLandscape } from '../../core/landscape/landscape';
import { useLanguage } from '../../i18n';
import { useCompare, type LaneState } from '../../store/compare';
import { useLaneLandscapes } from '../../store/landscape';
import { LaneKey } from '../compare/LaneKey';
import { laneColor, laneDash } from '../compare/laneStats';
import { LANDSCAPE_SIZE, paintLandscape } from './draw';
import { drawSharedPaths, isMoving, PATH_LESSONS, surfaceKey } from './lanes';
import { useLandscapeMessages } from './messages';
import { logScale, short } from './paint';
import { LossScale } from './LossScale';
import './landscape.css';

/**
 * A lesson's lanes walking on one surface: every lane's path on a plane shared by all of them,
 * with what to look for in the picture. Only for the lessons whose lanes differ in how they walk.
 */
export function LessonPaths({ lessonId }: { lessonId: string }) {
  const t = useLandscapeMessages();
  const titleId = useId();
  const lanes = useCompare((s) => s.lanes);
  const trajectories = useLaneLandscapes((s) => s.trajectories);
  const versions = useLaneLandscapes((s) => s.versions);
  const shared = useLaneLandscapes((s) => s.shared);
  const applies = PATH_LESSONS.includes(lessonId);
  const oneSurface = lanes.every((lane) => surfaceKey(lane.config) === surfaceKey(lanes[0]!.config));
  const ready = lanes.length > 0 && !lanes.some(isMoving) && lanes.every((lane) => trajectories[lane.id]);
  const request = lanes.map((lane) => `${lane.id}.${versions[lane.id] ?? 0}`).join(',');

  useEffect(() => {
    if (applies && oneSurface && ready) drawSharedPaths(useCompare.getState().lanes);
  }, [applies, oneSurface, ready, request]);

  if (!applies) return null;
  const lookFor = t.lessonPicture(lessonId);
  let body;
  if (!oneSurface) body = <p className="notice subtle">{t.pathsDifferentSurface}</p>;
  else if (!ready || !shared || shared.key !== request || !shared.picture)
    body = (
      <p className="notice subtle" role="status">
        {!ready
          ? t.pathsWaiting
          : shared?.key === request && shared.phase === 'failed'
            ? t.pathsFailed
            : t.pathsComputing}
      </p>
    );
  else body = <SharedPicture landscape={shared.picture} lanes={lanes} />;
  return (
    <section className="lesson-paths" aria-labelledby={titleId}>
      <h3 id={titleId}>{t.pathsTitle}</h3>
      <p>{lookFor}</p>
      {body}
    </section>
  );
}

function SharedPicture({ landscape, lanes }: { landscape: SharedLandscape; lanes: readonly LaneState[] }) {
  const t = useLandscapeMessages();
  const language = useLanguage((s) => s.language);
  const canvas = useRef<HTMLCanvasElement>(null);
  const scale = useMemo(() => logScale(landscape.losses), [landscape]);
  const paths = useMemo(
    () =>
      landscape.paths.map((points, index) => ({
        points,
        colour: laneColor(index),
        dash: laneDash(index).split(' ').filter(Boolean).map(Number),
        markEnd: true,
      })),
    [landscape],
  );
  useEffect(() => {
    const element = canvas.current;
    if (element)
      paintLandscape(element, landscape, paths, scale.at, { axis1: t.axis1, axis2: t.axis2 }, false);
  }, [landscape, paths, scale, t]);
  return (
    <div className="landscape-view">
      <figure className="landscape-figure">
        <canvas
          ref={canvas}
          role="img"
          aria-label={t.pathsSummary(
            landscape.paths.length,
            short(scale.low),
            short(scale.high),
            short(landscape.originLoss),
          )}
          data-paths={landscape.paths.length}
          style={{ width: LANDSCAPE_SIZE, height: LANDSCAPE_SIZE }}
        />
        <figcaption>
          <LossScale low={scale.low} high={scale.high} />
        </figcaption>
      </figure>
      <div className="lesson-paths-key">
        <ul aria-label={t.pathsKey}>
          {lanes.map((lane, index) => (
            <li key={lane.id}>
              <LaneKey index={index} /> {lane.label[language]}
              {landscape.outside.includes(index) && <span className="subtle"> — {t.leavesPicture}</span>}
            </li>
          ))}
        </ul>
        <p className="subtle">{t.pathsStart}</p>
        <p className="subtle">
          {landscape.explainedVariance
            ? t.pathsExplained(landscape.explainedVariance[0], landscape.explainedVariance[1])
            : t.pathsRandom}
        </p>
      </div>
    </div>
  );
}
