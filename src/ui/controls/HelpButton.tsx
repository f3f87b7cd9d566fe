import { useEffect, useId, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { useControlMessages } from './messages';

export interface HelpText {
  what: string;
  range: string;
  watch: string;
}

/**
 * An info popover on the native Popover API: the browser gives it light dismiss, Escape and focus
 * return, which a hand-rolled tooltip would have to reimplement.
 *
 * The popover's text is rendered when it first opens, not with the page: a closed popover is not
 * displayed (nor in the accessibility tree), and the playground's panel has dozens of them, a third
 * of the page's elements, all created in the task that first shows the page.
 */
export function HelpButton({ label, text }: { label: string; text: HelpText }) {
  const t = useControlMessages();
  const id = useId();
  const popoverId = `help-${id.replace(/:/g, '')}`;
  const popover = useRef<HTMLDivElement>(null);
  const [opened, setOpened] = useState(false);

  useEffect(() => {
    const element = popover.current;
    if (opened || !element) return;
    // Synchronously, before the browser shows (and places) the popover, so it opens with its text.
    const fill = (event: Event) => {
      if ((event as ToggleEvent).newState === 'open') flushSync(() => setOpened(true));
    };
    element.addEventListener('beforetoggle', fill);
    return () => element.removeEventListener('beforetoggle', fill);
  }, [opened]);

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
        ref={popover}
        id={popoverId}
        popover="auto"
        className="help-popover"
        role="dialog"
        aria-label={label}
        style={{ positionAnchor: `--${popoverId}` } as React.CSSProperties}
      >
        {opened && (
          <>
            <h3>{label}</h3>
            <dl>
              <dt>{t.whatItDoes}</dt>
              <dd>{text.what}</dd>
              <dt>{t.usualRange}</dt>
              <dd>{text.range}</dd>
              <dt>{t.whatToWatch}</dt>
              <dd>{text.watch}</dd>
            </dl>
            <button
              type="button"
              className="button small"
              popoverTarget={popoverId}
              popoverTargetAction="hide"
            >
              {t.close}
            </button>
          </>
        )}
      </div>
    </>
  );
}
