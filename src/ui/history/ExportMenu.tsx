import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useSavedWork } from '../../store/persistence/saved';
import { useHistoryMessages } from './messages';
import type { Issue } from '../shell/LinkIssues';

const ExportItems = lazy(() => import('./ExportItems'));
const IssueList = lazy(() => import('./IssueList'));

/** What the menu last said: a sentence, and the issues an imported file had (as codes and values). */
export type ExportMessage = { text: string; issues: Issue[] } | null;

/**
 * Export and import for the playground's toolbar. Its items (and the exporters behind them) load
 * when the menu first opens, and stay.
 */
export function ExportMenu() {
  const t = useHistoryMessages();
  const [message, setMessageState] = useState<ExportMessage>(null);
  const [opened, setOpened] = useState(false);
  const details = useRef<HTMLDetailsElement>(null);
  const note = useRef<HTMLDivElement>(null);
  const storage = useSavedWork((s) => s.status);

  // The menu, and the note an item leaves, drop over the page and close as a menu does: a press
  // anywhere else, or Escape while the focus is in them (then back to the Export button; the
  // drawer on a phone leaves that Escape alone). Listening all along, not from the toggle event
  // on: that event comes a task after the menu opened.
  useEffect(() => {
    const menu = details.current;
    if (!menu) return;
    const inside = (box: Element | null, target: EventTarget | null) =>
      box !== null && target instanceof Node && box.contains(target);
    const pressed = (event: PointerEvent) => {
      if (menu.open && !inside(menu, event.target)) menu.open = false;
      if (note.current && !inside(note.current, event.target) && !inside(menu, event.target))
        setMessageState(null);
    };
    const key = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      const focus = document.activeElement;
      // Safari does not focus a clicked summary: the page itself has the focus then.
      const inMenu = menu.open && (focus === document.body || inside(menu, focus));
      const inNote = note.current !== null && (focus === document.body || inside(note.current, focus));
      if (!inMenu && !inNote) return;
      event.preventDefault();
      menu.open = false;
      setMessageState(null);
      menu.querySelector('summary')?.focus();
    };
    document.addEventListener('pointerdown', pressed);
    document.addEventListener('keydown', key);
    return () => {
      document.removeEventListener('pointerdown', pressed);
      document.removeEventListener('keydown', key);
    };
  }, []);

  // What an item says (an import's result, a failure) replaces the menu below the button, with
  // the focus on its Dismiss (the menu's item that had the focus is gone).
  const setMessage = (next: ExportMessage) => {
    if (next && details.current) details.current.open = false;
    setMessageState(next);
  };
  useEffect(() => {
    if (message) note.current?.querySelector<HTMLButtonElement>(':scope > button')?.focus();
  }, [message]);

  return (
    <div className="export-area">
      <details
        ref={details}
        className="export-menu-details"
        onToggle={(event) => {
          if (event.currentTarget.open) {
            setOpened(true);
            setMessageState(null);
          }
        }}
      >
        <summary className="button">{t.exportTitle}</summary>
        <div className="export-menu" role="group" aria-label={t.exportTitle}>
          {opened && (
            <Suspense fallback={<span className="empty">{t.loadingMenu}</span>}>
              <ExportItems setMessage={setMessage} />
            </Suspense>
          )}
        </div>
      </details>
      {storage.mode === 'memory' && (
        <span
          className="badge"
          title={
            storage.reason === 'quota'
              ? t.storageFull
              : storage.reason === 'unavailable'
                ? t.storageUnavailable
                : t.storageError
          }
        >
          {t.notSaving}
        </span>
      )}
      {message && (
        <div
          ref={note}
          role={message.issues.length > 0 ? 'alert' : 'status'}
          className={`export-message ${message.issues.length > 0 ? 'alert' : 'notice'}`}
        >
          <span>{message.text}</span>
          {message.issues.length > 0 && (
            <Suspense fallback={null}>
              <IssueList issues={message.issues.slice(0, 8)} />
            </Suspense>
          )}
          <button type="button" className="button small" onClick={() => setMessageState(null)}>
            {t.dismiss}
          </button>
        </div>
      )}
    </div>
  );
}
