import { useId } from 'react';
import { useControlMessages } from './messages';

export interface HelpText {
  what: string;
  range: string;
  watch: string;
}

/**
 * An info popover on the native Popover API: the browser gives it light dismiss, Escape and focus
 * return, which a hand-rolled tooltip would have to reimplement.
 */
export function HelpButton({ label, text }: { label: string; text: HelpText }) {
  const t = useControlMessages();
  const id = useId();
  const popoverId = `help-${id.replace(/:/g, '')}`;
  return (
    <>
      <button
        type="button"
        className="help-button"
        popoverTarget={popoverId}
        aria-label={t.about(label)}
        style={{ anchorName: `--${popoverId}` } as React.CSSProperties}
      >
        ?
      </button>
      <div
        id={popoverId}
        popover="auto"
        className="help-popover"
        role="dialog"
        aria-label={label}
        style={{ positionAnchor: `--${popoverId}` } as React.CSSProperties}
      >
        <h3>{label}</h3>
        <dl>
          <dt>{t.whatItDoes}</dt>
          <dd>{text.what}</dd>
          <dt>{t.usualRange}</dt>
          <dd>{text.range}</dd>
          <dt>{t.whatToWatch}</dt>
          <dd>{text.watch}</dd>
        </dl>
        <button type="button" className="button small" popoverTarget={popoverId} popoverTargetAction="hide">
          {t.close}
        </button>
      </div>
    </>
  );
}
