import { LANGUAGE_NAMES, LANGUAGES, useLanguage } from '../../i18n';
import { navigate, useRoute } from '../../store/route';
import { useUi } from '../../store/ui';
import { DEFAULT_PAGE, PAGES } from '../pages';
import { useShellMessages } from './messages';

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
        <img src="./favicon.svg" alt="" width={28} height={28} />
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
