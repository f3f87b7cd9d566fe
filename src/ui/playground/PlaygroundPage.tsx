import { lazy, memo, Suspense, useEffect, useState, useSyncExternalStore } from 'react';
import type { PageProps } from '../pages';
import { useLinkIssues } from '../../store/link-issues';
import { useExperiment } from '../../store/experiment';
import { useRun } from '../../store/run';
import { ChartsPanel } from './ChartsPanel';
import { ControlPanel } from './ControlPanel';
import { openPayload, PAGE_ID, startLinkSync, writeLinkWhenIdle } from './link';
import { useRoute } from '../../store/route';
import { usePlaygroundMessages } from './messages';
import { useParameterText } from './parameterText';
import { RunButtons, StatusReadout } from './RunBar';
import { startSession } from './session';
import { ClassroomEditor, CopyLinkButton } from './SharePanel';
import { AfterFirstEpoch, useAfterFirstScreenSettles } from './later';
import { useHistoryMessages } from '../history/messages';
import { WhenNear } from '../charts/lazy';
// The export menu's and the file datasets' styles, with the page as before their code went lazy.
import '../data/data.css';

// Below everything, so it comes after the first paint; its charts load only once there is
// something to draw, so it can be opened before the first epoch without the chart library.
const SeeWhyPanel = lazy(() =>
  import('../landscape/LandscapePanel').then((module) => ({ default: module.SeeWhyPanel })),
);

// Not on the first screen, or not needed in its first second: their code (the exporters, the data
// page's upload, the network diagram, the link's issue texts) loads after the page has painted, so
// the playground's first render and the chunks started with it are the controls, the run bar and
// the boundary alone.
const ExportMenu = lazy(() =>
  import('../history/ExportMenu').then((module) => ({ default: module.ExportMenu })),
);
const LinkIssueAlert = lazy(() =>
  import('../shell/LinkIssues').then((module) => ({ default: module.LinkIssueAlert })),
);
const DatasetNotes = lazy(() =>
  import('../data/DatasetNotes').then((module) => ({ default: module.DatasetNotes })),
);
const NetworkPanel = lazy(() =>
  import('../network/NetworkPanel').then((module) => ({ default: module.NetworkPanel })),
);

/** The network card's height while its code loads (about the default network's, on a phone and wider). */
const NETWORK_PLACE = '560px';
const networkPlace = <div className="chart-pending" style={{ height: NETWORK_PLACE }} />;

/** Opens the link, then follows the experiment into the address bar and the worker. Returns the stop. */
function start(payload: string): () => void {
  // The link decides the experiment before the worker builds its first run from it.
  if (payload) openPayload(payload);
  const stopLink = startLinkSync();
  const stopSession = startSession();
  return () => {
    stopSession();
    stopLink();
  };
}

/**
 * The first visit starts as soon as the page's code has run, before React renders the page: the
 * worker builds the run while the page renders (hundreds of milliseconds on a slow phone, more
 * now that the render yields to input), and the page's first render already shows the link's
 * experiment instead of rendering every control a second time for it.
 */
let started: (() => void) | null = (() => {
  const route = useRoute.getState();
  if (route.page !== '' && route.page !== PAGE_ID) return null;
  return start(route.page === PAGE_ID ? route.payload : '');
})();

export default function PlaygroundPage({ payload }: PageProps) {
  useEffect(() => {
    const stop = started ?? start(payload);
    started = null;
    const cancelWrite = writeLinkWhenIdle();
    return () => {
      cancelWrite();
      stop();
    };
    // Later payload changes (a pasted link) are followed by the link sync itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return <Playground />;
}

/** Below this width the controls live in a drawer (the narrow-screen rules of app.css). */
const DRAWER_QUERY = '(width < 820px)';

function subscribeToDrawerLayout(changed: () => void): () => void {
  const query = matchMedia(DRAWER_QUERY);
  query.addEventListener('change', changed);
  return () => query.removeEventListener('change', changed);
}

/** Whether the window is narrow enough for the controls' drawer. */
function useDrawerLayout(): boolean {
  return useSyncExternalStore(
    subscribeToDrawerLayout,
    () => matchMedia(DRAWER_QUERY).matches,
    () => false,
  );
}

/**
 * The page without its props, memoized: the page writes the address bar's payload soon after it
 * starts (writeLinkWhenIdle), which re-renders the page with the new payload, and the payload
 * matters only to the page's first effect; re-rendered, every control rendered again in one task of
 * the main thread.
 */
const Playground = memo(function Playground() {
  const t = usePlaygroundMessages();
  const [drawerOpen, setDrawerOpen] = useState(false);

  useEffect(() => {
    if (!drawerOpen) return;
    const close = (event: KeyboardEvent) => {
      // An Escape that closed something inside the drawer (a menu, a popover) leaves it open.
      if (event.key === 'Escape' && !event.defaultPrevented && !document.querySelector(':popover-open'))
        setDrawerOpen(false);
    };
    window.addEventListener('keydown', close);
    return () => window.removeEventListener('keydown', close);
  }, [drawerOpen]);

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
        <Controls drawerOpen={drawerOpen} />
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
            <AfterFirstEpoch fallback={<ExportPlace />}>
              <Suspense fallback={<ExportPlace />}>
                <ExportMenu />
              </Suspense>
            </AfterFirstEpoch>
          </div>
        </div>
        <RestartNotice />
        <ChartsPanel />
        {/* Below the boundary and the curves: it mounts when scrolled near (at once on most desktops),
            once the first epoch is on screen or the page is quiet. */}
        <AfterFirstEpoch fallback={networkPlace}>
          <WhenNear height={NETWORK_PLACE}>
            <Suspense fallback={networkPlace}>
              <NetworkPanel />
            </Suspense>
          </WhenNear>
        </AfterFirstEpoch>
        <AfterFirstEpoch>
          <Suspense fallback={null}>
            <SeeWhyPanel />
          </Suspense>
        </AfterFirstEpoch>
        <FileDatasetNotes />
      </div>
    </div>
  );
});

/**
 * The controls, once they may come. On a phone they wait in their closed drawer until it first
 * opens: they are most of the page's elements, and a phone that creates them all before anyone
 * asks holds its first screen (and a tap on Play) behind them. Wider, they come in a render of
 * their own once the first screen has settled (useAfterFirstScreenSettles): created with the run
 * bar and the boundary, they were most of a 250 ms render and of the layout after it, and Play
 * showed only once all of it was done. Once shown they stay, so a control keeps its state. A
 * component of its own, so the page around it does not render again when they come.
 */
function Controls({ drawerOpen }: { drawerOpen: boolean }) {
  const drawer = useDrawerLayout();
  const settled = useAfterFirstScreenSettles();
  const [shown, setShown] = useState(false);
  if ((drawerOpen || (!drawer && settled)) && !shown) setShown(true);
  if (!shown) return null;
  return (
    <>
      <ControlPanel />
      <ClassroomEditor />
    </>
  );
}

function LinkAlert() {
  const t = usePlaygroundMessages();
  const issues = useLinkIssues((s) => s.issues);
  const hiddenCount = useExperiment((s) => s.hidden.length);
  if (issues.length === 0 && hiddenCount === 0) return null;
  return (
    <div className="page-messages">
      {issues.length > 0 && (
        <Suspense fallback={null}>
          <LinkIssueAlert issues={issues} onDismiss={() => useLinkIssues.setState({ issues: [] })} />
        </Suspense>
      )}
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

/** The export menu's button, unseen, holding its place in the toolbar while the menu's code loads. */
function ExportPlace() {
  const t = useHistoryMessages();
  return (
    <div className="export-area" aria-hidden="true">
      <span className="button" style={{ visibility: 'hidden' }}>
        {t.exportTitle}
      </span>
    </div>
  );
}

/** The notes under the charts exist for file datasets only (the digits, the user's CSV). */
function FileDatasetNotes() {
  const fromFile = useExperiment((s) => s.config.dataset === 'digits' || s.config.dataset === 'custom');
  if (!fromFile) return null;
  return (
    <Suspense fallback={null}>
      <DatasetNotes />
    </Suspense>
  );
}
