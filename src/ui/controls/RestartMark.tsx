import { useControlMessages } from './messages';

/**
 * The ↻ beside a control whose change restarts training. Its meaning is text, not only a hover
 * title: a screen reader reads it (the control points at it with aria-describedby), and the panel
 * shows the key once at the top (RestartKey).
 */
export function RestartMark({ id }: { id?: string }) {
  const t = useControlMessages();
  return (
    <span className="restart-mark" title={t.restarts}>
      <span aria-hidden="true">↻</span>
      <span id={id} className="visually-hidden">
        {t.restarts}
      </span>
    </span>
  );
}

/** The visible key to the ↻ marks, shown once above the controls that carry them. */
export function RestartKey() {
  const t = useControlMessages();
  return (
    <p className="control-note restart-key">
      <span aria-hidden="true" className="restart-mark">
        ↻
      </span>{' '}
      {t.restarts}
    </p>
  );
}
