import { Component, Suspense, useLayoutEffect, type ReactNode } from 'react';
import { useLanguage } from './i18n';
import { useRoute } from './store/route';
import { useUi } from './store/ui';
import { pageById } from './ui/pages';
import { Header } from './ui/shell/Header';
import { useShellMessages } from './ui/shell/messages';
import './ui/styles/app.css';

/** Keeps a page that throws from taking the header (and the way to other pages) with it. */
class PageBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

export function App() {
  const t = useShellMessages();
  const routePage = useRoute((s) => s.page);
  const routePayload = useRoute((s) => s.payload);
  const language = useLanguage((s) => s.language);
  const presentation = useUi((s) => s.presentation);
  const page = pageById(routePage);
  const Page = page.component;

  // Layout effects: they run before the browser lays out the first render. As effects they ran
  // after it, and a visit in Chinese (or in presentation mode) was laid out twice at the start,
  // first with the page's lang still "en" (a Japanese fallback font) and then again in zh-CN.
  useLayoutEffect(() => {
    document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
    document.title = `Tunelab — ${t.tagline}`;
  }, [language, t]);
  useLayoutEffect(() => {
    document.documentElement.classList.toggle('presentation', presentation);
  }, [presentation]);

  return (
    <div className="app">
      <Header />
      <main className="app-main">
        <PageBoundary
          key={page.id}
          fallback={
            <p role="alert" className="page-error">
              {t.pageFailed}
            </p>
          }
        >
          <Suspense fallback={<p className="page-loading">{t.loadingPage}</p>}>
            <Page payload={page.id === routePage ? routePayload : ''} />
          </Suspense>
        </PageBoundary>
      </main>
    </div>
  );
}
