import { lazy, memo, Suspense, useState } from 'react';
import {
  CHOICE_PARAMETER,
  CHOICE_PARAMETERS,
  MAX_HIDDEN_LAYERS,
  MAX_UNITS,
  NUMERIC_PARAMETER,
  NUMERIC_PARAMETERS,
  type ChoiceKey,
  type ExperimentConfig,
  type NumericKey,
} from '../../core/config/parameters';
import { laneDifferences } from '../../core/lessons/lanes';
import { useLanguage } from '../../i18n';
import type { LaneState, LaneStatus } from '../../store/compare';
import { ChoiceSelect, ParameterSlider } from '../controls';
import { PARAMETER_HELP } from '../playground/parameterHelp';
import { useChoiceText, useParameterText } from '../playground/parameterText';
import { LaneKey } from './LaneKey';
import { laneColor } from './laneStats';
import { useCompareMessages } from './messages';
import { networkOf, pauseLane, planeOf, playLane, removeLane, resetLane, setLaneConfig } from './session';
import { useNetworkMessages } from '../network/messages';
// The diagram's own styles, there before its code: the lane's blank stands in its place.
import '../network/network.css';
import { WeightHistogramView } from './WeightHistogramView';

type Translator = ReturnType<typeof useCompareMessages>;

export function statusText(t: Translator, status: LaneStatus): string {
  const table: Record<LaneStatus, string> = {
    idle: t.statusIdle,
    queued: t.statusQueued,
    loading: t.statusLoading,
    training: t.statusTraining,
    paused: t.statusPaused,
    completed: t.statusCompleted,
    'stopped-early': t.statusStoppedEarly,
    diverged: t.statusDiverged,
    cancelled: t.statusCancelled,
    failed: t.statusFailed,
  };
  return table[status];
}

/** Settings a lane may change; the seed stays shared, or the comparison would not be fair. */
const EDITABLE: (keyof ExperimentConfig)[] = [
  ...CHOICE_PARAMETERS.map((p) => p.key).filter((key) => key !== 'dataset'),
  'hiddenLayers',
  ...NUMERIC_PARAMETERS.map((p) => p.key).filter((key) => key !== 'seed'),
];

function LaneEditor({ lane }: { lane: LaneState }) {
  const t = useCompareMessages();
  const text = useParameterText();
  const choiceText = useChoiceText();
  const [key, setKey] = useState<keyof ExperimentConfig>('learningRate');
  const [layersDraft, setLayersDraft] = useState<string | null>(null);
  const [layersProblem, setLayersProblem] = useState(false);
  const set = <K extends keyof ExperimentConfig>(k: K, value: ExperimentConfig[K]) =>
    setLaneConfig(lane.id, { ...lane.config, [k]: value });
  const language = useLanguage((s) => s.language);
  const help = (k: keyof ExperimentConfig) => PARAMETER_HELP[language][k];

  let control;
  if (key === 'hiddenLayers') {
    const commit = () => {
      if (layersDraft === null) return;
      const parts = layersDraft.trim() === '' ? [] : layersDraft.split(',').map((part) => part.trim());
      const units = parts.map(Number);
      const ok =
        units.length <= MAX_HIDDEN_LAYERS &&
        parts.every((part, i) => /^\d+$/.test(part) && units[i]! >= 1 && units[i]! <= MAX_UNITS);
      setLayersProblem(!ok);
      if (ok) set('hiddenLayers', units);
      setLayersDraft(null);
    };
    control = (
      <label className="control">
        <span>{t.hiddenLayersInput}</span>
        <input
          type="text"
          value={layersDraft ?? lane.config.hiddenLayers.join(',')}
          onChange={(event) => setLayersDraft(event.target.value)}
          onBlur={commit}
          onKeyDown={(event) => event.key === 'Enter' && commit()}
          aria-invalid={layersProblem || undefined}
        />
        {layersProblem && (
          <span role="alert" className="control-problem">
            {t.hiddenLayersProblem}
          </span>
        )}
      </label>
    );
  } else if (key in CHOICE_PARAMETER) {
    const choice = CHOICE_PARAMETER[key as ChoiceKey];
    control = (
      <ChoiceSelect
        label={text[key].label}
        help={help(key)}
        value={String(lane.config[key])}
        choices={choice.choices.map((value) => ({ value, label: choiceText(key, value) }))}
        onChange={(value) => set(key as ChoiceKey, value as never)}
      />
    );
  } else {
    const parameter = NUMERIC_PARAMETER[key as NumericKey];
    control = (
      <ParameterSlider
        parameter={parameter}
        label={text[key].label}
        help={help(key)}
        value={lane.config[key as NumericKey]}
        onChange={(value) => set(key as NumericKey, value)}
      />
    );
  }
  return (
    <>
      <label className="control">
        <span>{t.parameter}</span>
        <select value={key} onChange={(event) => setKey(event.target.value as keyof ExperimentConfig)}>
          {EDITABLE.map((k) => (
            <option key={k} value={k}>
              {text[k].label}
            </option>
          ))}
        </select>
      </label>
      {control}
    </>
  );
}

/**
 * "Change a setting", folded: its controls are made when it is first opened. A card mounts with
 * the page, and a slider and a select of every setting, hidden in each card, were a good part of
 * the card's first render on a phone.
 */
function LaneEditorFold({ lane }: { lane: LaneState }) {
  const t = useCompareMessages();
  const [opened, setOpened] = useState(false);
  return (
    <details className="lane-editor" onToggle={(event) => event.currentTarget.open && setOpened(true)}>
      <summary>{t.change}</summary>
      {opened && <LaneEditor lane={lane} />}
    </details>
  );
}

// A lane's pictures draw what its worker sends: their code (the canvases' painting, the network
// diagram) loads when a lane first starts, not with the page.
const BoundaryCanvas = lazy(() =>
  import('../charts/BoundaryCanvas').then((module) => ({ default: module.BoundaryCanvas })),
);
const NetworkView = lazy(() =>
  import('../network/NetworkView').then((module) => ({ default: module.NetworkView })),
);

/**
 * The lane's decision boundary and network diagram once it has started; until then (and while
 * their code loads) a blank of the boundary's size and name, and the diagram's "not yet". A canvas
 * costs its 2D context and a frame's copy of its pixels the moment it mounts, four at once on a
 * page that only opened; a lane that has not started has nothing to draw.
 */
function LaneViews({
  laneId,
  started,
  boundaryLabel,
  networkLabel,
  notYet,
  running,
}: {
  laneId: number;
  started: boolean;
  boundaryLabel: string;
  networkLabel: string;
  notYet: string;
  running: boolean;
}) {
  const blank = <div className="boundary-canvas boundary-blank" role="img" aria-label={boundaryLabel} />;
  const noNetwork = <p className="empty network-empty">{notYet}</p>;
  return (
    <>
      <div className="lane-thumbnail" data-running={running || undefined}>
        {started ? (
          <Suspense fallback={blank}>
            <BoundaryCanvas store={planeOf(laneId)} label={boundaryLabel} />
          </Suspense>
        ) : (
          blank
        )}
      </div>
      <div className="lane-network">
        {started ? (
          <Suspense fallback={noNetwork}>
            <NetworkView store={networkOf(laneId)} label={networkLabel} compact />
          </Suspense>
        ) : (
          noNetwork
        )}
      </div>
    </>
  );
}

// A lane that did not change is not drawn again when another one does (or when a card is added).
export const LaneCard = memo(function LaneCard({
  lane,
  index,
  base,
  canRemove,
  showWeights,
}: {
  lane: LaneState;
  index: number;
  base: ExperimentConfig;
  canRemove: boolean;
  showWeights: boolean;
}) {
  const t = useCompareMessages();
  const networkText = useNetworkMessages();
  const language = useLanguage((s) => s.language);
  const label = lane.label[language];
  const chips = laneDifferences(base, lane.config, language);
  const epoch = lane.history.at(-1)?.epoch ?? 0;
  const running = lane.status === 'training' || lane.status === 'loading' || lane.status === 'queued';
  return (
    <section
      className="card lane-card"
      aria-label={label}
      data-lane={index}
      data-status={lane.status}
      style={{ borderTopColor: laneColor(index) }}
    >
      <header className="lane-head">
        <LaneKey index={index} />
        <h3>{label}</h3>
      </header>
      <p className="lane-status">
        <span className={`status status-${lane.status}`}>{statusText(t, lane.status)}</span>{' '}
        <span className="lane-epoch" data-epoch={epoch}>
          {t.epochOf(epoch, lane.config.epochs)}
        </span>
      </p>
      {lane.error && (
        <p role="alert" className="control-problem">
          {lane.error}
        </p>
      )}
      <ul className="change-chips" aria-label={t.changes}>
        {chips.length === 0 ? (
          <li className="change-chip muted">{t.sameAsBase}</li>
        ) : (
          chips.map((chip) => (
            <li key={chip.key} className="change-chip">
              {chip.text}
            </li>
          ))
        )}
      </ul>
      <div className="lane-buttons">
        <button
          type="button"
          className="button small"
          onClick={() => playLane(lane.id)}
          disabled={!(lane.status === 'idle' || lane.status === 'paused')}
        >
          {t.play}
        </button>
        <button
          type="button"
          className="button small"
          onClick={() => pauseLane(lane.id)}
          disabled={lane.status !== 'training'}
        >
          {t.pause}
        </button>
        <button
          type="button"
          className="button small"
          onClick={() => resetLane(lane.id)}
          disabled={lane.status === 'idle'}
        >
          {t.reset}
        </button>
        {canRemove && (
          <button type="button" className="button small" onClick={() => removeLane(lane.id)}>
            {t.remove}
          </button>
        )}
      </div>
      <LaneViews
        laneId={lane.id}
        started={lane.status !== 'idle'}
        boundaryLabel={t.boundaryOf(label)}
        networkLabel={networkText.diagramOf(label)}
        notYet={networkText.notYet}
        running={running}
      />
      {showWeights && <WeightHistogramView lane={lane} label={label} />}
      <LaneEditorFold lane={lane} />
    </section>
  );
});
