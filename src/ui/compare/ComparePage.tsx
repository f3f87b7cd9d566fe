import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { MAX_LANES, MIN_LANES } from '../../core/lessons/lanes';
import { applyRestoredLanes, useCompare } from '../../store/compare';
import { replacePayload } from '../../store/route';
import { useUi } from '../../store/ui';
import { PaceControl } from '../controls/PaceControl';
import { useThrottledStore } from '../charts/useThrottledStore';
import type { PageProps } from '../pages';
import { BatchCalculator } from './BatchCalculator';
import { LaneCard } from './LaneCard';
import { LaneLandscapeCard } from '../landscape/LaneLandscape';
import { LessonPanel } from './LessonPanel';
import type { XAxisKind } from './laneStats';
import { useCompareMessages } from './messages';
import { OverlayCharts } from './OverlayCharts';
import { ResultsTable } from './ResultsTable';
import {
  addLane,
  closeSession,
  comparisonPayload,
  openPayload,
  opensAtOnce,
  pauseAll,
  playAll,
  resetAll,
  stepAll,
} from './session';
import { SweepPanel } from './SweepPanel';
import { useStages } from './stages';
import './compare.css';
import { LinkIssueAlert } from '../shell/LinkIssues';

export default function ComparePage({ payload }: PageProps) {
  const t = useCompareMessages();
  // Metrics arrive dozens of times a second; the page redraws a few times a second at most.
  const lanes = useThrottledStore(useCompare, (s) => s.lanes, 150);
  const base = useCompare((s) => s.base);
  const lessonId = useCompare((s) => s.lessonId);
  const issues = useCompare((s) => s.issues);
  const pace = useUi((s) => s.pace);
  const [axis, setAxis] = useState<XAxisKind>('epoch');
  const [copied, setCopied] = useState<string | null>(null);
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
  const shownLanes = lanes.slice(0, Math.max(0, stage - 2));
  const after = (part: number) => stage > 2 + lanes.length + part;

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

  const copyLink = async () => {
    try {
      await navigator.clipboard.writeText(location.href);
      setCopied(t.linkCopied);
    } catch {
      setCopied(t.linkInAddressBar);
    }
  };

  const anyTraining = lanes.some(
    (lane) => lane.status === 'training' || lane.status === 'loading' || lane.status === 'queued',
  );
  return (
    <div className="compare-page stacked-page">
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
          {stage >= 1 && (
            <div className="toolbar card" role="toolbar" aria-label={t.lanes}>
              <button type="button" className="button primary" onClick={playAll}>
                {t.playAll}
              </button>
              <button type="button" className="button" onClick={pauseAll} disabled={!anyTraining}>
                {t.pauseAll}
              </button>
              <button type="button" className="button" onClick={() => void resetAll()}>
                {t.resetAll}
              </button>
              <button type="button" className="button" onClick={addLane} disabled={lanes.length >= MAX_LANES}>
                {t.addLane}
              </button>
              <button type="button" className="button" onClick={() => void copyLink()}>
                {t.copyLink}
              </button>
              {copied && <span role="status">{copied}</span>}
              <PaceControl
                onStep={() => void stepAll()}
                stepDisabled={anyTraining || !lanes.some((lane) => lane.status === 'paused')}
              />
              <label className="inline-control">
                {t.xAxis}
                <select value={axis} onChange={(event) => setAxis(event.target.value as XAxisKind)}>
                  <option value="epoch">{t.axisEpoch}</option>
                  <option value="examples">{t.axisExamples}</option>
                </select>
              </label>
            </div>
          )}
          {stage >= 2 && <OverlayCharts lanes={lanes} axis={axis} />}
          {shownLanes.length > 0 && (
            <div className="lane-grid">
              {shownLanes.map((lane, index) => (
                <LaneCard
                  key={lane.id}
                  lane={lane}
                  index={index}
                  base={base}
                  canRemove={lanes.length > MIN_LANES}
                  showWeights={lessonId === 'l1-l2'}
                />
              ))}
            </div>
          )}
          {after(0) && <ResultsTable lanes={lanes} />}
          {after(1) && <LaneLandscapeCard />}
          {after(2) && (
            <div className="compare-tools">
              <SweepPanel />
              <BatchCalculator />
            </div>
          )}
        </>
      )}
    </div>
  );
}
