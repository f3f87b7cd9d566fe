import { memo, useId } from 'react';
import { isLessonId } from '../../core/lessons/lanes';
import { LESSON_IDS, LESSONS } from '../../core/lessons/lessons';
import { useLanguage } from '../../i18n';
import { useCompare } from '../../store/compare';
import { LessonPaths } from '../landscape/LessonPaths';
import { WhatHappened } from '../lessons/WhatHappened';
import { useLessonClaim } from './lessonClaim';
import { useCompareMessages } from './messages';
import { loadLesson } from './session';

/**
 * The lessons picker and the open lesson's text. It reads the stores itself, so the page's own
 * redraws (a part of the body added per frame) pass it by.
 */
export const LessonPanel = memo(function LessonPanel() {
  const t = useCompareMessages();
  const id = useId();
  const language = useLanguage((s) => s.language);
  const lessonId = useCompare((s) => s.lessonId);
  const lesson = lessonId && isLessonId(lessonId) ? LESSONS[lessonId] : null;
  const text = lesson?.text[language];
  const lanes = useCompare((s) => s.lanes);
  const claim = useLessonClaim(lessonId, lanes);
  return (
    <section className="card lesson-panel" aria-labelledby={`${id}-title`}>
      <div className="control">
        <label htmlFor={id}>{t.lesson}</label>
        <select
          id={id}
          value={lessonId ?? ''}
          onChange={(event) => {
            if (event.target.value) void loadLesson(event.target.value);
            else useCompare.setState({ lessonId: null });
          }}
        >
          <option value="">{t.noLesson}</option>
          {LESSON_IDS.map((lesson) => (
            <option key={lesson} value={lesson}>
              {LESSONS[lesson].text[language].title}
            </option>
          ))}
        </select>
      </div>
      {text && (
        <div className="lesson-text" lang={language} data-lesson={lessonId}>
          <h2 id={`${id}-title`}>{text.title}</h2>
          <p>{text.summary}</p>
          <h3>{t.whatToTry}</h3>
          <p>{text.tryThis}</p>
          <h3>{t.whatToLookFor}</h3>
          <p>{text.lookFor}</p>
          {claim && <WhatHappened view={claim} labels={lanes.map((lane) => lane.label)} />}
          {lessonId && <LessonPaths lessonId={lessonId} />}
        </div>
      )}
      {!text && (
        <h2 id={`${id}-title`} className="visually-hidden">
          {t.lesson}
        </h2>
      )}
    </section>
  );
});
