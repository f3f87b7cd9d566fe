import { useId } from 'react';
import { useNetwork, useNetworkPanel } from '../../store/network';
import { useRun } from '../../store/run';
import { editParameter } from '../playground/session';
import { NetworkView } from './NetworkView';
import { useNetworkMessages } from './messages';

/** The playground's network view: the diagram, what the pointer is on, and hand edits while paused. */
export function NetworkPanel() {
  const t = useNetworkMessages();
  const id = useId();
  const shown = useNetworkPanel((s) => s.shown);
  const edits = useNetworkPanel((s) => s.edits);
  const canEdit = useRun((s) => s.phase !== 'training' && s.phase !== 'loading' && s.phase !== 'failed');
  return (
    <section className="card chart-card network-card" aria-labelledby={`${id}-title`}>
      <div className="chart-head">
        <h2 id={`${id}-title`}>{t.title}</h2>
        <button
          type="button"
          className="button small"
          aria-expanded={shown}
          onClick={() => useNetworkPanel.setState({ shown: !shown })}
        >
          {shown ? t.hide : t.show}
        </button>
      </div>
      {shown && (
        <>
          <NetworkView store={useNetwork} label={t.diagram} onEdit={editParameter} canEdit={canEdit} />
          <p className="legend">{t.legend}</p>
          <p className="note network-link-note">{t.linkNote}</p>
          {edits > 0 && (
            <p className="notice subtle" aria-live="polite">
              {t.edited(edits)}
            </p>
          )}
        </>
      )}
    </section>
  );
}
