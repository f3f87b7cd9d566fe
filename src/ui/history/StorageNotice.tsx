import { useSavedWork } from '../../store/persistence/saved';
import { useHistoryMessages } from './messages';

/** Says plainly when work is not being saved (private mode, full disk), and what to do. */
export function StorageNotice() {
  const t = useHistoryMessages();
  const status = useSavedWork((s) => s.status);
  const damaged = useSavedWork((s) => s.report?.damaged ?? 0);
  return (
    <>
      {status.mode === 'memory' && (
        <p role="alert" className="alert storage-notice" title={status.detail}>
          {
            {
              quota: t.storageFull,
              unavailable: t.storageUnavailable,
              newer: t.storageNewer,
              error: t.storageError,
            }[status.reason]
          }
        </p>
      )}
      {damaged > 0 && <p className="notice subtle">{t.damaged(damaged)}</p>}
    </>
  );
}
