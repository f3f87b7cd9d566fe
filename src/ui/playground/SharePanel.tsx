import { useState } from 'react';
import type { ControlKey } from '../../core/link';
import { useClassroom } from '../../store/classroom';
import { setClassroom, useExperiment } from '../../store/experiment';
import { usePlaygroundMessages } from './messages';
import { currentLink } from './link';
import { useParameterText } from './parameterText';
import { CONTROL_ORDER } from './ControlPanel';

export function CopyLinkButton() {
  const t = usePlaygroundMessages();
  const [result, setResult] = useState<'copied' | 'failed' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(currentLink());
      setResult('copied');
    } catch {
      setResult('failed');
    }
    setTimeout(() => setResult(null), 2500);
  };
  return (
    <div className="copy-link">
      <button type="button" className="button" onClick={() => void copy()}>
        {t.copyLink}
      </button>
      <span className="copy-result" aria-live="polite">
        {result === 'copied' ? t.copied : result === 'failed' ? t.copyFailed : ''}
      </span>
    </div>
  );
}

/**
 * Lets a teacher choose which controls the shared link hides or locks. Not shown to a student who
 * opened such a link (src/store/classroom.ts decides who is who).
 */
export function ClassroomEditor() {
  const student = useClassroom((s) => s.lock !== null);
  return student ? null : <ClassroomEditorPanel />;
}

function ClassroomEditorPanel() {
  const t = usePlaygroundMessages();
  const text = useParameterText();
  const hidden = useExperiment((s) => s.hidden);
  const locked = useExperiment((s) => s.locked);
  const count = hidden.length + locked.length;
  return (
    <details className="classroom">
      <summary>
        {t.classroom}
        {count > 0 && <span className="badge">{count}</span>}
      </summary>
      <p className="control-note">{t.classroomHint}</p>
      <ul className="classroom-list">
        {CONTROL_ORDER.map((key) => {
          const mode = hidden.includes(key) ? 'hidden' : locked.includes(key) ? 'locked' : 'shown';
          const id = `classroom-${key}`;
          return (
            <li key={key}>
              <label htmlFor={id}>{text[key].label}</label>
              <select
                id={id}
                value={mode}
                onChange={(event) =>
                  setClassroom(key as ControlKey, event.target.value as 'shown' | 'hidden' | 'locked')
                }
              >
                <option value="shown">{t.shown}</option>
                <option value="hidden">{t.hidden}</option>
                <option value="locked">{t.locked}</option>
              </select>
            </li>
          );
        })}
      </ul>
    </details>
  );
}
