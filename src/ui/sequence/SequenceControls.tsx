import { useId, useState } from 'react';
import { ChoiceSelect, HelpButton, ParameterSlider, type HelpText } from '../controls';
// The modules themselves, not the core's index: the page's main thread must not load TensorFlow.js.
import { OPTIMIZER_SPECS, type OptimizerHyperparameter } from '../../core/config/optimizers';
import { OPTIMIZERS, SCHEDULES, type NumericParameter } from '../../core/config/parameters';
import {
  DEFAULT_SEQUENCE_CONFIG,
  HEAD_COUNTS,
  SEQUENCE_NUMERIC_PARAMETER,
  SEQUENCE_NUMERIC_PARAMETERS,
  type SequenceConfig,
  type SequenceModelKind,
  type SequenceNumericParameter,
} from '../../core/sequence/config';
import { SEQUENCE_TASKS, type SequenceTaskId } from '../../core/sequence/tasks';

import { setSequenceConfig } from '../../store/sequence';
import { useSequenceMessages, useSequenceParameterNames, useSequenceTaskNames } from './messages';
import { useSequenceHelp } from './help';
import { useChoiceText } from '../playground/parameterText';

/**
 * The shared slider reads only the range fields of a parameter row; a sequence row has them all,
 * and the slider uses the key only to tag its element.
 */
function asSliderParameter(p: SequenceNumericParameter): NumericParameter {
  return {
    ...p,
    group: 'training',
    defaultValue: DEFAULT_SEQUENCE_CONFIG[p.key],
    hot: false,
  } as unknown as NumericParameter;
}

// The seed gets a number box: a slider over 0…2³¹ would be a ladder of two billion steps.
const SLIDERS = SEQUENCE_NUMERIC_PARAMETERS.filter((p) => p.key !== 'seed').map((p) => ({
  row: p,
  slider: asSliderParameter(p),
}));

function SeedInput({
  value,
  disabled,
  help,
  onChange,
}: {
  value: number;
  disabled: boolean;
  help: HelpText;
  onChange(value: number): void;
}) {
  const t = useSequenceMessages();
  const names = useSequenceParameterNames();
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const max = SEQUENCE_NUMERIC_PARAMETER.seed.max;
  const commit = () => {
    if (draft === null) return;
    const number = Number(draft);
    if (draft.trim() !== '' && Number.isInteger(number) && number >= 0 && number <= max) {
      setProblem(null);
      onChange(number);
    } else setProblem(t.seedProblem(max, value));
    setDraft(null);
  };
  return (
    <div className="control" data-control="seed">
      <div className="control-head">
        <label htmlFor={id}>{names.seed}</label>
        <HelpButton label={names.seed} text={help} />
      </div>
      <input
        id={id}
        type="number"
        min={0}
        max={max}
        step={1}
        disabled={disabled}
        value={draft ?? String(value)}
        aria-invalid={problem ? true : undefined}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') commit();
        }}
      />
      {problem && (
        <p className="control-problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}

/** Does the chosen optimizer read this hyperparameter? */
const reads =
  (key: OptimizerHyperparameter) =>
  (c: SequenceConfig): boolean =>
    (OPTIMIZER_SPECS[c.optimizer].reads as readonly string[]).includes(key);

/** Which optimizer or schedule a setting belongs to: the control greys out otherwise. */
const ONLY_FOR: Partial<Record<keyof SequenceConfig, (c: SequenceConfig) => boolean>> = {
  momentum: reads('momentum'),
  rmsDecay: reads('rmsDecay'),
  beta1: reads('beta1'),
  beta2: reads('beta2'),
  epsilon: reads('epsilon'),
  warmupEpochs: (c) => c.schedule === 'warmup',
  decayEvery: (c) => c.schedule === 'step',
  decayFactor: (c) => c.schedule === 'step',
};

/** Keeps width a multiple of heads, the one cross-field rule a slider cannot express. */
export function withValidWidth(config: SequenceConfig): SequenceConfig {
  if (config.width % config.heads === 0) return config;
  return { ...config, width: Math.max(config.heads, Math.round(config.width / config.heads) * config.heads) };
}

export function SequenceControls({ config, disabled }: { config: SequenceConfig; disabled: boolean }) {
  const t = useSequenceMessages();
  const names = useSequenceParameterNames();
  const tasks = useSequenceTaskNames();
  const help = useSequenceHelp();
  const choiceText = useChoiceText();
  const change = (changes: Partial<SequenceConfig>) => {
    let next = withValidWidth({ ...config, ...changes });
    if (changes.minSequenceLength !== undefined && next.minSequenceLength > next.maxSequenceLength)
      next = { ...next, maxSequenceLength: next.minSequenceLength };
    if (changes.maxSequenceLength !== undefined && next.maxSequenceLength < next.minSequenceLength)
      next = { ...next, minSequenceLength: next.maxSequenceLength };
    setSequenceConfig(next);
  };
  return (
    <div className="sequence-controls">
      <ChoiceSelect<SequenceModelKind>
        label={t.model}
        help={help.model}
        name="model"
        value={config.model}
        disabled={disabled}
        choices={[
          { value: 'transformer', label: t.modelTransformer },
          { value: 'lstm', label: t.modelLstm },
        ]}
        onChange={(model) => change({ model })}
      />
      <ChoiceSelect<SequenceTaskId>
        label={t.task}
        help={help.task}
        name="task"
        value={config.task}
        disabled={disabled}
        choices={SEQUENCE_TASKS.map((id) => ({ value: id, label: tasks(id) }))}
        onChange={(task) => change({ task })}
      />
      <ChoiceSelect<string>
        label={t.heads}
        help={help.heads}
        name="heads"
        value={String(config.heads)}
        disabled={disabled || config.model === 'lstm'}
        note={config.model === 'lstm' ? t.lstmOnly : undefined}
        choices={HEAD_COUNTS.map((h) => ({ value: String(h), label: String(h) }))}
        onChange={(heads) => change({ heads: Number(heads) as SequenceConfig['heads'] })}
      />
      <ChoiceSelect<SequenceConfig['optimizer']>
        label={t.optimizer}
        help={help.optimizer}
        name="optimizer"
        value={config.optimizer}
        disabled={disabled}
        choices={OPTIMIZERS.map((o) => ({ value: o, label: choiceText('optimizer', o) }))}
        onChange={(optimizer) => change({ optimizer })}
      />
      <ChoiceSelect<SequenceConfig['schedule']>
        label={t.schedule}
        help={help.schedule}
        name="schedule"
        value={config.schedule}
        disabled={disabled}
        choices={SCHEDULES.map((s) => ({ value: s, label: choiceText('schedule', s) }))}
        onChange={(schedule) => change({ schedule })}
      />
      {SLIDERS.map(({ row, slider }) => {
        const lstmOff = row.model === 'transformer' && config.model === 'lstm';
        const inactive = ONLY_FOR[row.key] ? !ONLY_FOR[row.key]!(config) : false;
        return (
          <ParameterSlider
            key={row.key}
            parameter={slider}
            label={names(row.key)}
            help={help[row.key]}
            value={config[row.key]}
            disabled={disabled || lstmOff || inactive}
            note={lstmOff ? t.lstmOnly : undefined}
            onChange={(value) => change({ [row.key]: value })}
          />
        );
      })}
      <SeedInput
        value={config.seed}
        help={help.seed}
        disabled={disabled}
        onChange={(seed) => change({ seed })}
      />
    </div>
  );
}
