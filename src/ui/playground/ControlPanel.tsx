import { startTransition, useEffect, useId, useState, useSyncExternalStore } from 'react';
import {
  CHOICE_PARAMETERS,
  FEATURES,
  isFileDataset,
  MAX_HIDDEN_LAYERS,
  MAX_UNITS,
  NUMERIC_PARAMETER,
  NUMERIC_PARAMETERS,
  RESTART_KEYS,
  type ChoiceParameter,
  type ExperimentConfig,
  type FeatureId,
  type NumericParameter,
  type ParameterGroup,
} from '../../core/config/parameters';
import { FEATURE_LABELS } from '../../core/data/features';
import {
  ChoiceSelect,
  HelpButton,
  parseParameterInput,
  ParameterSlider,
  RestartKey,
  RestartMark,
} from '../controls';
import { useControlMessages } from '../controls/messages';
import { availableFileDatasets, onFileDatasetsChange } from '../../store/file-datasets';
import { setParameter, useExperiment } from '../../store/experiment';
import { useIsClassification } from '../../store/persistence/custom-data';
import { useLanguage } from '../../i18n';
import { useRun, waitingForFirstEpoch } from '../../store/run';
import { usePlaygroundMessages } from './messages';
import { lazyParameterHelp, loadParameterHelp, useChoiceText, useParameterText } from './parameterText';
import { useAfterFirstEpochOrQuiet } from './later';

const GROUPS: {
  id: ParameterGroup;
  title: 'groupData' | 'groupNetwork' | 'groupOptimizer' | 'groupRegularization' | 'groupTraining';
}[] = [
  { id: 'data', title: 'groupData' },
  { id: 'network', title: 'groupNetwork' },
  { id: 'optimizer', title: 'groupOptimizer' },
  { id: 'regularization', title: 'groupRegularization' },
  { id: 'training', title: 'groupTraining' },
];

/** The controls of a group, in order: its choices, then its numbers; the seed has its own control. */
type Item =
  | { kind: 'choice'; key: ChoiceParameter['key']; parameter: ChoiceParameter }
  | { kind: 'numeric'; key: NumericParameter['key']; parameter: NumericParameter }
  | { kind: 'features'; key: 'features' }
  | { kind: 'layers'; key: 'hiddenLayers' }
  | { kind: 'seed'; key: 'seed' };

function itemsOf(group: ParameterGroup): Item[] {
  const items: Item[] = [];
  if (group === 'network')
    items.push({ kind: 'features', key: 'features' }, { kind: 'layers', key: 'hiddenLayers' });
  for (const p of CHOICE_PARAMETERS)
    if (p.group === group) items.push({ kind: 'choice', key: p.key, parameter: p });
  for (const p of NUMERIC_PARAMETERS) {
    if (p.group !== group) continue;
    items.push(
      p.key === 'seed' ? { kind: 'seed', key: 'seed' } : { kind: 'numeric', key: p.key, parameter: p },
    );
  }
  return items;
}

const GROUP_ITEMS = Object.fromEntries(GROUPS.map((g) => [g.id, itemsOf(g.id)])) as Record<
  ParameterGroup,
  Item[]
>;

/** Every control in the order the panel shows them (the classroom editor lists them the same way). */
export const CONTROL_ORDER: (keyof ExperimentConfig)[] = GROUPS.flatMap((g) =>
  GROUP_ITEMS[g.id].map((item) => item.key),
);

const restarts = (key: keyof ExperimentConfig) => RESTART_KEYS.includes(key);

export function ControlPanel() {
  const t = usePlaygroundMessages();
  const config = useExperiment((s) => s.config);
  const hidden = useExperiment((s) => s.hidden);
  const locked = useExperiment((s) => s.locked);
  // The "?" texts load once the first epoch is on screen or the page is quiet (or when one opens).
  const helpWanted = useAfterFirstEpochOrQuiet();
  useEffect(() => {
    if (helpWanted) loadParameterHelp().catch(() => undefined);
  }, [helpWanted]);
  // One group per task: created at once, the five groups were one long render, one commit and one
  // layout (in a loaded trace, 600 ms of render slices and a 200 ms layout), and a Play pressed
  // meanwhile waited for all of it. Groups come in below the ones shown, so nothing already on
  // screen moves. A run waiting for its first epoch holds the groups still to come, so its first
  // epoch does not wait behind their renders and layouts.
  const waitingForEpoch = useRun(waitingForFirstEpoch);
  const [groupsShown, setGroupsShown] = useState(1);
  useEffect(() => {
    if (groupsShown >= GROUPS.length || waitingForEpoch) return;
    const timer = setTimeout(() => startTransition(() => setGroupsShown((shown) => shown + 1)));
    return () => clearTimeout(timer);
  }, [groupsShown, waitingForEpoch]);

  return (
    <div className="control-groups">
      <RestartKey />
      {GROUPS.slice(0, groupsShown).map((group) => {
        const items = GROUP_ITEMS[group.id].filter((item) => !hidden.includes(item.key));
        if (items.length === 0) return null;
        return (
          <section key={group.id} className="control-group" aria-labelledby={`group-${group.id}`}>
            <h2 id={`group-${group.id}`}>{t[group.title]}</h2>
            {items.map((item) => (
              <ControlItem key={item.key} item={item} config={config} locked={locked.includes(item.key)} />
            ))}
          </section>
        );
      })}
    </div>
  );
}

function useFileDatasets(): string {
  // A joined string so the snapshot compares by value.
  return useSyncExternalStore(
    onFileDatasetsChange,
    () => availableFileDatasets().join(','),
    () => '',
  );
}

function ControlItem({ item, config, locked }: { item: Item; config: ExperimentConfig; locked: boolean }) {
  const t = usePlaygroundMessages();
  const text = useParameterText();
  const language = useLanguage((s) => s.language);
  const choiceText = useChoiceText();
  const fileDatasets = useFileDatasets();
  const classification = useIsClassification(config.dataset);
  const lockedNote = locked ? t.lockedNote : undefined;

  switch (item.kind) {
    case 'choice': {
      const p = item.parameter;
      const choices = p.choices
        .filter(
          (value) =>
            p.key !== 'dataset' ||
            !isFileDataset(value as ExperimentConfig['dataset']) ||
            fileDatasets.split(',').includes(value) ||
            value === config.dataset,
        )
        .map((value) => ({ value, label: choiceText(p.key, value) }));
      return (
        <ChoiceSelect
          name={p.key}
          label={text[p.key].label}
          help={lazyParameterHelp(language, p.key)}
          value={config[p.key]}
          choices={choices}
          disabled={locked}
          note={lockedNote}
          restarts={restarts(p.key)}
          onChange={(value) => setParameter(p.key, value as never)}
        />
      );
    }
    case 'numeric': {
      const p = item.parameter;
      let note = lockedNote;
      let disabled = locked;
      if (p.optimizers && !p.optimizers.includes(config.optimizer)) {
        disabled = true;
        note ??= t.onlyFor(p.optimizers.map((o) => choiceText('optimizer', o)).join(', '));
      } else if (p.schedules && !p.schedules.includes(config.schedule)) {
        disabled = true;
        note ??= t.onlyForSchedule(p.schedules.map((s) => choiceText('schedule', s)).join(', '));
      } else if (p.key === 'labelSmoothing' && !classification) {
        disabled = true;
        note ??= t.onlyForClassification;
      } else if ((p.key === 'points' || p.key === 'noise') && config.dataset === 'custom') {
        // A file has the rows it has, with the noise it has.
        disabled = true;
        note ??= t.notForFile;
      }
      return (
        <ParameterSlider
          parameter={p}
          label={text[p.key].label}
          help={lazyParameterHelp(language, p.key)}
          value={config[p.key]}
          disabled={disabled}
          note={note}
          restarts={restarts(p.key)}
          onChange={(value) => setParameter(p.key, value)}
        />
      );
    }
    case 'features':
      return <FeaturePicker config={config} locked={locked} />;
    case 'layers':
      return <LayerEditor config={config} locked={locked} />;
    case 'seed':
      return <SeedControl value={config.seed} locked={locked} />;
  }
}

function FeaturePicker({ config, locked }: { config: ExperimentConfig; locked: boolean }) {
  const t = usePlaygroundMessages();
  const text = useParameterText().features;
  const help = lazyParameterHelp(
    useLanguage((s) => s.language),
    'features',
  );
  const fromFile = isFileDataset(config.dataset);
  const toggle = (feature: FeatureId, on: boolean) => {
    const next = on
      ? FEATURES.filter((f) => f === feature || config.features.includes(f))
      : config.features.filter((f) => f !== feature);
    if (next.length > 0) setParameter('features', next);
  };
  return (
    <fieldset className="control features" data-control="features" disabled={locked || fromFile}>
      <legend className="control-head">
        <span>{text.label}</span>
        <RestartMark />
        <HelpButton label={text.label} text={help} />
      </legend>
      <div className="chips">
        {FEATURES.map((feature) => {
          const checked = config.features.includes(feature);
          return (
            <label key={feature} className={`chip${checked ? ' checked' : ''}`}>
              <input
                type="checkbox"
                checked={checked}
                disabled={checked && config.features.length === 1}
                onChange={(event) => toggle(feature, event.target.checked)}
              />
              {FEATURE_LABELS[feature]}
            </label>
          );
        })}
      </div>
      {fromFile && <p className="control-note">{t.featuresFromFile}</p>}
      {locked && <p className="control-note">{t.lockedNote}</p>}
    </fieldset>
  );
}

function LayerEditor({ config, locked }: { config: ExperimentConfig; locked: boolean }) {
  const t = usePlaygroundMessages();
  const text = useParameterText().hiddenLayers;
  const help = lazyParameterHelp(
    useLanguage((s) => s.language),
    'hiddenLayers',
  );
  const layers = config.hiddenLayers;
  const id = useId();
  const set = (next: number[]) => setParameter('hiddenLayers', next);
  return (
    <fieldset className="control layers" data-control="hiddenLayers" disabled={locked}>
      <legend className="control-head">
        <span>{text.label}</span>
        <RestartMark />
        <HelpButton label={text.label} text={help} />
      </legend>
      {layers.length === 0 && <p className="control-note">{t.noHiddenLayers}</p>}
      <ol className="layer-list">
        {layers.map((units, index) => (
          <li key={index} className="layer-row">
            <label htmlFor={`${id}-${index}`}>{t.layer(index + 1)}</label>
            <input
              id={`${id}-${index}`}
              type="range"
              min={1}
              max={MAX_UNITS}
              value={units}
              aria-valuetext={String(units)}
              onChange={(event) => set(layers.map((u, i) => (i === index ? Number(event.target.value) : u)))}
            />
            <span className="layer-units" aria-hidden="true">
              {units}
            </span>
            <button
              type="button"
              className="button small icon"
              aria-label={t.removeLayer(index + 1)}
              title={t.removeLayer(index + 1)}
              onClick={() => set(layers.filter((_, i) => i !== index))}
            >
              ×
            </button>
          </li>
        ))}
      </ol>
      <div className="layer-foot">
        <button
          type="button"
          className="button small"
          disabled={layers.length >= MAX_HIDDEN_LAYERS}
          onClick={() => set([...layers, layers.at(-1) ?? 8])}
        >
          + {t.addLayer}
        </button>
        <span className="control-note">{t.layersNote(layers.length, MAX_HIDDEN_LAYERS)}</span>
      </div>
      {locked && <p className="control-note">{t.lockedNote}</p>}
    </fieldset>
  );
}

function randomSeed(): number {
  // The UI may draw a fresh seed from the platform; runs stay reproducible because the seed
  // itself is part of the experiment and of its link.
  return crypto.getRandomValues(new Uint32Array(1))[0]! % 1_000_000;
}

function SeedControl({ value, locked }: { value: number; locked: boolean }) {
  const t = usePlaygroundMessages();
  const tc = useControlMessages();
  const text = useParameterText().seed;
  const help = lazyParameterHelp(
    useLanguage((s) => s.language),
    'seed',
  );
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => setDraft(null), [value]);
  const p = NUMERIC_PARAMETER.seed;
  const commit = () => {
    if (draft === null) return;
    const result = parseParameterInput(draft, p);
    if (result.ok) {
      setProblem(null);
      setParameter('seed', result.value);
    } else {
      setProblem(
        `${result.reason === 'out-of-range' ? tc.outOfRange('0', String(p.max)) : tc.notInteger} ${tc.keptValue(String(value))}`,
      );
    }
    setDraft(null);
  };
  return (
    <div className="control" data-control="seed">
      <div className="control-head">
        <label htmlFor={id}>{text.label}</label>
        <RestartMark id={`${id}-restarts`} />
        <HelpButton label={text.label} text={help} />
      </div>
      <div className="seed-row">
        <input
          id={id}
          className={`seed-input${problem ? ' invalid' : ''}`}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          disabled={locked}
          value={draft ?? String(value)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={`${id}-restarts`}
          onChange={(event) => setDraft(event.target.value)}
          onBlur={commit}
          onKeyDown={(event) => {
            if (event.key === 'Enter') commit();
          }}
        />
        <button
          type="button"
          className="button small"
          disabled={locked}
          onClick={() => setParameter('seed', randomSeed())}
        >
          {t.newSeed}
        </button>
      </div>
      {problem && (
        <p className="control-problem" role="alert">
          {problem}
        </p>
      )}
      {locked && <p className="control-note">{t.lockedNote}</p>}
    </div>
  );
}
