import { useEffect, useId, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { useControlMessages } from './messages';

export interface HelpText {
  /** What it does. */
  what: string;
  /** Its usual range. */
  range: string;
  /** What to watch on the charts when you move it. */
  watch: string;
}

/** Help text whose code loads on demand: `get` returns it once `load` has settled. */
export interface LazyHelpText {
  get(): HelpText | undefined;
  load(): Promise<unknown>;
}

export type HelpSource = HelpText | LazyHelpText;

const isLazy = (text: HelpSource): text is LazyHelpText => 'load' in text;

/**
 * An info popover on the native Popover API: the browser gives it light dismiss, Escape and focus
 * return, which a hand-rolled tooltip would have to reimplement.
 *
 * The popover's text is rendered when it first opens, not with the page: a closed popover is not
 * displayed (nor in the accessibility tree), and the playground's panel has dozens of them, a third
 * of the page's elements, all created in the task that first shows the page.
 */
export function HelpButton({ label, text }: { label: string; text: HelpSource }) {
  const t = useControlMessages();
  const id = useId();
  const popoverId = `help-${id.replace(/:/g, '')}`;
  const popover = useRef<HTMLDivElement>(null);
  const [opened, setOpened] = useState(false);
  // Text that loads on demand: whether its load has failed (it is asked for again at the next
  // open), and a render once it has come.
  const [failed, setFailed] = useState(false);
  const [, setLoads] = useState(0);
  const help = isLazy(text) ? text.get() : text;

  useEffect(() => {
    const element = popover.current;
    if (!element || (opened && help)) return;
    const fill = (event: Event) => {
      if ((event as ToggleEvent).newState !== 'open') return;
      // Synchronously, before the browser shows (and places) the popover, so it opens with its text.
      flushSync(() => {
        setOpened(true);
        setFailed(false);
      });
      if (isLazy(text) && !text.get())
        text.load().then(
          () => setLoads((n) => n + 1),
          () => setFailed(true),
        );
    };
    element.addEventListener('beforetoggle', fill);
    return () => element.removeEventListener('beforetoggle', fill);
  }, [opened, help, text]);

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
            {help ? (
              <dl>
                <dt>{t.whatItDoes}</dt>
                <dd>{help.what}</dd>
                <dt>{t.usualRange}</dt>
                <dd>{help.range}</dd>
                <dt>{t.whatToWatch}</dt>
                <dd>{help.watch}</dd>
              </dl>
            ) : (
              <p aria-live="polite">{failed ? t.helpFailed : t.helpLoading}</p>
            )}
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
