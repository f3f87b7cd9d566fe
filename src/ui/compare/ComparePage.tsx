import { lazy, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { applyRestoredLanes, useCompare } from '../../store/compare';
import { replacePayload } from '../../store/route';
import { useUi } from '../../store/ui';
import { useThrottledStore } from '../charts/useThrottledStore';
import type { PageProps } from '../pages';
import { LessonPanel } from './LessonPanel';
import { useCompareMessages } from './messages';
import { closeSession, comparisonPayload, openPayload, opensAtOnce } from './session';
import { useStages } from '../charts/stages';
import './compare.css';
import { LinkIssueAlert } from '../shell/LinkIssues';

// The toolbar, charts, lanes and tools are below a phone's first screen: their code (the lane
// cards' network view and controls, the sweep, the landscape) loads after the lesson is drawn.
const CompareBody = lazy(() => import('./CompareBody'));

export default function ComparePage({ payload }: PageProps) {
  const t = useCompareMessages();
  // Metrics arrive dozens of times a second; the page redraws a few times a second at most.
  const lanes = useThrottledStore(useCompare, (s) => s.lanes, 150);
  const base = useCompare((s) => s.base);
  const lessonId = useCompare((s) => s.lessonId);
  const issues = useCompare((s) => s.issues);
  const pace = useUi((s) => s.pace);
  const written = useRef<string | null>(null);
  // The page below its title waits for the lesson and lanes, so nothing drawn before (the
  // toolbar, the charts) is pushed down when they come.
  const [opened, setOpened] = useState(false);

  // A payload we did not write ourselves (a pasted link, Back) opens that comparison. Before the
  // first frame when it can: the lesson's text is the largest thing on a phone's first screen,
  // and drawn with the title it needs no second frame.
  useLayoutEffect(() => {
    if (payload === written.current) return;
    written.current = payload;
    const atOnce = opensAtOnce();
    const opening = openPayload(payload);
    if (atOnce) {
      applyRestoredLanes(payload);
      setOpened(true);
      return;
    }
    void opening.then(() => applyRestoredLanes(payload)).finally(() => setOpened(true));
  }, [payload]);
  // Below the lesson, the body comes a part a frame: the toolbar, the charts, each lane, the
  // results, the landscape, the tools.
  const stage = useStages(2 + lanes.length + 3, opened && lanes.length > 0);

  useEffect(() => () => void closeSession(), []);

  // The address bar always holds the comparison as it stands, so copying it shares all lanes.
  const laneConfigs = lanes.map((lane) => JSON.stringify(lane.config)).join('|');
  useEffect(() => {
    if (lanes.length === 0) return;
    const next = comparisonPayload();
    if (next === written.current) return;
    written.current = next;
    replacePayload('compare', next);
  }, [laneConfigs, base, lessonId, lanes.length, pace]);

  return (
    // Marked while parts of the body are still to come (tests wait for the whole page).
    <div className="compare-page stacked-page" data-staging={stage === Infinity ? undefined : ''}>
      <h1 className="page-title">{t.title}</h1>
      <p className="hint">{t.intro}</p>
      {opened && (
        <>
          <LinkIssueAlert
            issues={issues}
            className="card alert"
            onDismiss={() => useCompare.setState({ issues: [] })}
          />
          <LessonPanel />
          {stage >= 1 && <CompareBody lanes={lanes} stage={stage} />}
        </>
      )}
    </div>
  );
}
