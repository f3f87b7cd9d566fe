import { memo, useState } from 'react';
import { MAX_LANES, MIN_LANES } from '../../core/lessons/lanes';
import { useCompare, type LaneState } from '../../store/compare';
import { PaceControl } from '../controls/PaceControl';
import { LaneLandscapeCard } from '../landscape/LaneLandscape';
import { BatchCalculator } from './BatchCalculator';
import { LaneCard } from './LaneCard';
import type { XAxisKind } from './laneStats';
import { useCompareMessages } from './messages';
import { OverlayCharts } from './OverlayCharts';
import { ResultsTable } from './ResultsTable';
import { addLane, pauseAll, playAll, resetAll, stepAll } from './session';
import { SweepPanel } from './SweepPanel';

/**
 * The Compare page below its lesson, `stage` parts of it (`useStages`): the toolbar, the charts,
 * each lane, the results, the landscape, the tools.
 */
// The body grows a part per frame (`useStages`), and the page redraws with each: the parts already
// shown draw again only when what they show changed.
const Landscape = memo(LaneLandscapeCard);
const Tools = memo(function Tools() {
  return (
    <div className="compare-tools">
      <SweepPanel />
      <BatchCalculator />
    </div>
  );
});
const Charts = memo(OverlayCharts);
const Results = memo(ResultsTable);

/**
 * The Compare page below its lesson, `stage` parts of it (`useStages`): the toolbar, the charts,
 * each lane, the results, the landscape, the tools.
 */
export default function CompareBody({ lanes, stage }: { lanes: readonly LaneState[]; stage: number }) {
  const base = useCompare((s) => s.base);
  const lessonId = useCompare((s) => s.lessonId);
  const [axis, setAxis] = useState<XAxisKind>('epoch');
  const shownLanes = lanes.slice(0, Math.max(0, stage - 2));
  const after = (part: number) => stage > 2 + lanes.length + part;
  return (
    <>
      {stage >= 1 && <Toolbar lanes={lanes} axis={axis} onAxis={setAxis} />}
      {stage >= 2 && <Charts lanes={lanes} axis={axis} />}
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
      {after(0) && <Results lanes={lanes} />}
      {after(1) && <Landscape />}
      {after(2) && <Tools />}
    </>
  );
}

const Toolbar = memo(function Toolbar({
  lanes,
  axis,
  onAxis,
}: {
  lanes: readonly LaneState[];
  axis: XAxisKind;
  onAxis: (axis: XAxisKind) => void;
}) {
  const t = useCompareMessages();
  const [copied, setCopied] = useState<string | null>(null);
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
        <select value={axis} onChange={(event) => onAxis(event.target.value as XAxisKind)}>
          <option value="epoch">{t.axisEpoch}</option>
          <option value="examples">{t.axisExamples}</option>
        </select>
      </label>
    </div>
  );
});
