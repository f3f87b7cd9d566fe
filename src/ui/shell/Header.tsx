import { LANGUAGE_NAMES, LANGUAGES, useLanguage } from '../../i18n';
import { navigate, useRoute } from '../../store/route';
import { useUi } from '../../store/ui';
import { DEFAULT_PAGE, PAGES, type PageEntry } from '../pages';
import { useShellMessages } from './messages';

/**
 * The logo (public/favicon.svg's drawing), inline: as an <img> of an SVG file, Chromium built a
 * document of its own to draw it, and a trace of the first screen had that paint take 112 ms of
 * the main thread (with more for the image's own page load) before anything else could happen.
 */
function Logo() {
  return (
    <svg viewBox="0 0 32 32" width={28} height={28} aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="6" fill="#1f3a5f" />
      <path
        d="M5 24 C 11 6, 17 6, 27 20"
        stroke="#f5a623"
        strokeWidth="3"
        fill="none"
        strokeLinecap="round"
      />
      <circle cx="11" cy="12" r="2.5" fill="#7ed6df" />
    </svg>
  );
}

/** Starts loading a page's code; a failure shows when the page is opened. */
function preloadPage(entry: PageEntry): void {
  entry.component.preload().catch(() => undefined);
}

export function Header() {
  const t = useShellMessages();
  const language = useLanguage((s) => s.language);
  const setLanguage = useLanguage((s) => s.setLanguage);
  const page = useRoute((s) => s.page) || DEFAULT_PAGE;
  const presentation = useUi((s) => s.presentation);
  const setPresentation = useUi((s) => s.setPresentation);

  return (
    <header className="app-header">
      <div className="brand">
        <Logo />
        <div>
          <h1>Tunelab</h1>
          <p className="tagline">{t.tagline}</p>
        </div>
      </div>
      <nav aria-label={t.pages} className="page-nav">
        {PAGES.map((entry) => (
          <a
            key={entry.id}
            href={`#${entry.id}`}
            aria-current={entry.id === page ? 'page' : undefined}
            // The page's code starts loading as the pointer or the focus comes to its link, so a
            // click mostly finds it there and the page shows without its loading notice.
            onPointerEnter={() => preloadPage(entry)}
            onFocus={() => preloadPage(entry)}
            onClick={(event) => {
              event.preventDefault();
              navigate(entry.id);
            }}
          >
            {entry.label[language]}
          </a>
        ))}
      </nav>
      <div className="header-tools">
        <div role="group" aria-label={t.language} className="segmented">
          {LANGUAGES.map((code) => (
            <button
              key={code}
              type="button"
              aria-pressed={language === code}
              lang={code}
              onClick={() => setLanguage(code)}
            >
              {LANGUAGE_NAMES[code]}
            </button>
          ))}
        </div>
        <button
          type="button"
          className="toggle-button"
          aria-pressed={presentation}
          title={t.presentationHint}
          onClick={() => setPresentation(!presentation)}
        >
          {t.presentation}
        </button>
      </div>
    </header>
  );
}
