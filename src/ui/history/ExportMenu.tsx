import { lazy, Suspense, useState } from 'react';
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
  const [message, setMessage] = useState<ExportMessage>(null);
  const [opened, setOpened] = useState(false);
  const storage = useSavedWork((s) => s.status);

  return (
    <div className="export-area">
      <details
        className="export-menu-details"
        onToggle={(event) => {
          if (event.currentTarget.open) setOpened(true);
        }}
      >
        <summary className="button small">{t.exportTitle}</summary>
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
          role={message.issues.length > 0 ? 'alert' : 'status'}
          className={message.issues.length > 0 ? 'alert' : 'notice'}
        >
          <span>{message.text}</span>
          {message.issues.length > 0 && (
            <Suspense fallback={null}>
              <IssueList issues={message.issues.slice(0, 8)} />
            </Suspense>
          )}
          <button type="button" className="button small" onClick={() => setMessage(null)}>
            {t.dismiss}
          </button>
        </div>
      )}
    </div>
  );
}
