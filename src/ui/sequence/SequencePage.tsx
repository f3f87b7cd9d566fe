import { useEffect } from 'react';
// The modules themselves, not the core's index: the page's main thread must not load TensorFlow.js.
import {
  SEQUENCE_LESSON_IDS,
  sequenceLesson,
  type SequenceLesson,
  type SequenceLessonId,
} from '../../core/sequence/lessons';
import { WhatHappened, type ClaimView } from '../lessons/WhatHappened';
import { SEQUENCE_TASK, tokenLabel } from '../../core/sequence/tasks';
import { useLanguage } from '../../i18n';
import { chooseLesson, useSequence, type SequenceLane } from '../../store/sequence';
import { LinkIssueAlert } from '../shell/LinkIssues';
import { openSequencePayload, startSequenceLinkSync } from './link';
import { useSequenceHelp } from './help';
import type { PageProps } from '../pages';
import { ChoiceSelect } from '../controls';
import { PaceControl } from '../controls/PaceControl';
import { LaneView } from './LaneView';
import { useSequenceFieldLabels, useSequenceMessages, useSequenceTaskNames } from './messages';
import './sequence.css';
import { SequenceControls } from './SequenceControls';
import {
  chooseExample,
  pauseTraining,
  resumeTraining,
  startSequenceSession,
  stepTraining,
  stopTraining,
  trainLanes,
} from './session';

/** The lesson's claim on the lanes just trained, once all of them have ended. */
function claimView(lesson: SequenceLesson, lanes: readonly SequenceLane[], phase: string): ClaimView {
  if (phase !== 'ended' || lanes.some((lane) => lane.summary === null)) return { kind: 'waiting' };
  if (lanes.some((lane) => lane.summary!.status === 'cancelled')) return { kind: 'not-finished' };
  return {
    kind: 'checked',
    result: lesson.claim(lanes.map((lane) => ({ history: lane.history, summary: lane.summary! }))),
  };
}

export default function SequencePage({ payload }: PageProps) {
  const t = useSequenceMessages();
  const tasks = useSequenceTaskNames();
  const language = useLanguage((state) => state.language);
  const fieldLabels = useSequenceFieldLabels();
  const help = useSequenceHelp();
  const { config, lesson, lanes, phase, examples, exampleIndex, error, unknownLesson, linkIssues } =
    useSequence();

  useEffect(() => startSequenceSession(), []);
  useEffect(() => startSequenceLinkSync(), []);
  useEffect(() => openSequencePayload(payload), [payload]);

  // A paused run is still under way: its settings stay as they were trained.
  const training = phase === 'training' || phase === 'paused';
  const lessonData = lesson ? sequenceLesson(lesson) : null;
  const text = lessonData?.text[language];
  const task = SEQUENCE_TASK[lanes[0]?.config.task ?? config.task];

  return (
    <div className="sequence-page">
      <header className="sequence-head">
        <h2>{text?.title ?? t.title}</h2>
        <p>{text?.summary ?? t.intro}</p>
      </header>
      {unknownLesson !== null && (
        <div role="alert" className="link-alert">
          {t.unknownLesson(unknownLesson, SEQUENCE_LESSON_IDS.join(', '))}
        </div>
      )}
      <LinkIssueAlert
        issues={linkIssues}
        labelOf={(field) => (Object.hasOwn(fieldLabels, field) ? fieldLabels[field]! : field)}
        onDismiss={() => useSequence.setState({ linkIssues: [] })}
      />
      <div className="sequence-layout">
        <aside className="sequence-panel" aria-label={t.settings}>
          <ChoiceSelect<string>
            label={t.mode}
            help={help.lesson}
            name="lesson"
            value={lesson ?? ''}
            disabled={training}
            choices={[
              { value: '', label: t.freePlay },
              ...SEQUENCE_LESSON_IDS.map((id) => ({
                value: id,
                label: sequenceLesson(id).text[language].title,
              })),
            ]}
            onChange={(value) => {
              const next = value === '' ? null : (value as SequenceLessonId);
              chooseLesson(next);
            }}
          />
          {text ? (
            <div className="lesson-text">
              <h3>{t.tryThis}</h3>
              <p>{text.tryThis}</p>
              <h3>{t.lookFor}</h3>
              <p>{text.lookFor}</p>
              {lessonData && (
                <WhatHappened
                  view={claimView(lessonData, lanes, phase)}
                  labels={lanes.map((lane) => lane.label ?? { en: '', zh: '' })}
                />
              )}
            </div>
          ) : (
            <SequenceControls config={config} disabled={training} />
          )}
        </aside>
        <div className="sequence-main">
          <div className="run-buttons">
            <button
              type="button"
              className="button primary"
              onClick={() =>
                phase === 'training'
                  ? pauseTraining()
                  : phase === 'paused'
                    ? resumeTraining()
                    : void trainLanes()
              }
            >
              {phase === 'training' ? t.pause : phase === 'paused' ? t.resume : t.train}
            </button>
            {training && (
              <button type="button" className="button" onClick={stopTraining}>
                {t.stop}
              </button>
            )}
            <PaceControl onStep={() => void stepTraining()} stepDisabled={phase === 'training'} />
            {examples.length > 0 && (
              <ChoiceSelect<string>
                label={t.example}
                help={help.example}
                name="example"
                value={String(exampleIndex)}
                choices={examples.map((e, i) => ({
                  value: String(i),
                  label: t.exampleOption(i, e.tokens.map(tokenLabel).join(' ')),
                }))}
                onChange={(value) => chooseExample(Number(value))}
              />
            )}
          </div>
          <p className="sequence-task">{tasks(task.id)}</p>
          {phase === 'failed' && error && <p role="alert">{t.failed(error)}</p>}
          <div
            className="sequence-lanes"
            style={{ gridTemplateColumns: `repeat(${Math.min(lanes.length, 3)}, minmax(0, 1fr))` }}
          >
            {lanes.map((lane, index) => (
              <LaneView key={index} lane={lane} index={index} training={training && lane.summary === null} />
            ))}
          </div>
          {phase === 'ended' && (
            <p className="visually-hidden" role="status">
              {t.ended}
            </p>
          )}
        </div>
      </div>
    </div>
  );
}
