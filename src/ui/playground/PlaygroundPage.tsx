import { Suspense, useEffect, useState } from 'react';
import type { PageProps } from '../pages';
import { useLinkIssues } from '../../store/link-issues';
import { useExperiment } from '../../store/experiment';
import { useRun } from '../../store/run';
import { ChartsPanel } from './ChartsPanel';
import { ControlPanel } from './ControlPanel';
import { openPayload, startLinkSync } from './link';
import { usePlaygroundMessages } from './messages';
import { useParameterText } from './parameterText';
import { RunButtons, StatusReadout } from './RunBar';
import { startSession } from './session';
import { ClassroomEditor, CopyLinkButton } from './SharePanel';
import { ExportMenu } from '../history/ExportMenu';
import { LinkIssueAlert } from '../shell/LinkIssues';
import { DatasetNotes } from '../data/DatasetNotes';
import { NetworkPanel } from '../network/NetworkPanel';
import { lazyChart } from '../charts';

// Drawn with the chart library and of use only once there is a run: it loads with the charts.
const SeeWhyPanel = lazyChart(() =>
  import('../landscape/LandscapePanel').then((module) => module.SeeWhyPanel),
);

export default function PlaygroundPage({ payload }: PageProps) {
  const t = usePlaygroundMessages();
  const [drawerOpen, setDrawerOpen] = useState(false);

  useEffect(() => {
    if (!drawerOpen) return;
    const close = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !document.querySelector(':popover-open')) setDrawerOpen(false);
    };
    window.addEventListener('keydown', close);
    return () => window.removeEventListener('keydown', close);
  }, [drawerOpen]);

  useEffect(() => {
    // The link decides the experiment before the worker builds its first run from it.
    if (payload) openPayload(payload);
    const stopLink = startLinkSync();
    const stopSession = startSession();
    return () => {
      stopSession();
      stopLink();
    };
    // Later payload changes (a pasted link) are followed by the link sync itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <div className={`playground${drawerOpen ? ' drawer-open' : ''}`}>
      <LinkAlert />
      <aside className="panel" id="playground-controls" aria-label={t.controls}>
        <div className="panel-head">
          <h2>{t.controls}</h2>
          <button type="button" className="button small drawer-close" onClick={() => setDrawerOpen(false)}>
            {t.hideControls}
          </button>
        </div>
        <ControlPanel />
        <ClassroomEditor />
      </aside>
      <div className="stage">
        <div className="toolbar card">
          <RunButtons />
          <StatusReadout />
          <div className="share-tools">
            {/* In the toolbar on a phone (a button floating over the page would cover a chart). */}
            <button
              type="button"
              className="button primary drawer-toggle"
              aria-controls="playground-controls"
              aria-expanded={drawerOpen}
              onClick={() => setDrawerOpen(!drawerOpen)}
            >
              {t.showControls}
            </button>
            <CopyLinkButton />
            <ExportMenu />
          </div>
        </div>
        <RestartNotice />
        <ChartsPanel />
        <NetworkPanel />
        <Suspense fallback={null}>
          <SeeWhyPanel />
        </Suspense>
        <DatasetNotes />
      </div>
    </div>
  );
}

function LinkAlert() {
  const t = usePlaygroundMessages();
  const issues = useLinkIssues((s) => s.issues);
  const hiddenCount = useExperiment((s) => s.hidden.length);
  if (issues.length === 0 && hiddenCount === 0) return null;
  return (
    <div className="page-messages">
      <LinkIssueAlert issues={issues} onDismiss={() => useLinkIssues.setState({ issues: [] })} />
      {hiddenCount > 0 && <p className="notice subtle">{t.hiddenCount(hiddenCount)}</p>}
    </div>
  );
}

function RestartNotice() {
  const t = usePlaygroundMessages();
  const text = useParameterText();
  const keys = useRun((s) => s.restartedFor);
  if (!keys || keys.length === 0) return null;
  const what = keys.map((key) => text[key as keyof typeof text]?.label ?? key).join(', ');
  return (
    <div className="notice restart-notice" aria-live="polite">
      <span>{t.restarted(what)}</span>
      <button type="button" className="button small" onClick={() => useRun.setState({ restartedFor: null })}>
        {t.dismiss}
      </button>
    </div>
  );
}
