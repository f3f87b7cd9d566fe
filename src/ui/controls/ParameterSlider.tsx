import { useId, useState, type KeyboardEvent } from 'react';
import type { NumericParameter } from '../../core/config/parameters';
import { HelpButton, type HelpSource } from './HelpButton';
import { RestartMark } from './RestartMark';
import { useControlMessages } from './messages';
import { formatValue, parseParameterInput, positionOf, sliderValues, type ParseResult } from './scale';

/**
 * Ladders by parameter: the parameters are constants and some ladders are long (β₂ has 10,000
 * steps), so each is worked out once, not on every mount of every slider.
 */
const ladders = new WeakMap<NumericParameter, number[]>();
function ladderOf(parameter: NumericParameter): number[] {
  let values = ladders.get(parameter);
  if (!values) {
    values = sliderValues(parameter);
    ladders.set(parameter, values);
  }
  return values;
}

export interface ParameterSliderProps {
  parameter: NumericParameter;
  label: string;
  help?: HelpSource;
  value: number;
  onChange(value: number): void;
  disabled?: boolean;
  /** Why it is disabled, or anything else the user should know, under the slider. */
  note?: string;
  /** Marks parameters whose change restarts the run. */
  restarts?: boolean;
}

/**
 * A hyperparameter on a native range input (keyboard, screen readers and touch for free) moving
 * over a ladder of sensible values, plus a text box for an exact one. The slider's accessible name
 * is its visible label; `aria-valuetext` carries the real value, since the slider's own value is a
 * position on the ladder.
 */
export function ParameterSlider({
  parameter,
  label,
  help,
  value,
  onChange,
  disabled,
  note,
  restarts,
}: ParameterSliderProps) {
  const t = useControlMessages();
  const id = useId();
  const values = ladderOf(parameter);
  const position = positionOf(values, value, parameter.scale);
  const allowsOff = parameter.scale === 'log' && parameter.min === 0;
  const shown = allowsOff && value === 0 ? t.off : formatValue(value);

  // The text box keeps what the user typed until it is committed (Enter or leaving the box), so
  // typing "0.0" on the way to "0.05" neither restarts a run nor gets rewritten under the cursor.
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const describe = (result: ParseResult): string | null => {
    if (result.ok) return null;
    switch (result.reason) {
      case 'empty':
        return t.empty;
      case 'not-a-number':
        return t.notANumber;
      case 'out-of-range':
        return t.outOfRange(formatValue(parameter.min), formatValue(parameter.max));
      case 'not-integer':
        return t.notInteger;
    }
  };

  const commit = () => {
    if (draft === null) return;
    const result = parseParameterInput(draft, parameter);
    if (result.ok) {
      setProblem(null);
      if (result.value !== value) onChange(result.value);
    } else {
      setProblem(`${describe(result)} ${t.keptValue(formatValue(value))}`);
    }
    setDraft(null);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') commit();
    if (event.key === 'Escape') {
      setDraft(null);
      setProblem(null);
    }
  };

  const sliderId = `${id}-slider`;
  const messageId = `${id}-message`;
  const restartId = `${id}-restarts`;
  const message = problem ?? note;
  const describedBy = [message && messageId, restarts && restartId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`control${disabled ? ' is-disabled' : ''}`} data-control={parameter.key}>
      <div className="control-head">
        <label htmlFor={sliderId}>{label}</label>
        {restarts && <RestartMark id={restartId} />}
        {help && <HelpButton label={label} text={help} />}
        <input
          className={`exact${problem ? ' invalid' : ''}`}
          type="text"
          inputMode="decimal"
          spellCheck={false}
          autoComplete="off"
          aria-label={t.exactValue(label)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={describedBy}
          disabled={disabled}
          value={draft ?? (allowsOff && value === 0 ? '0' : formatValue(value))}
          onChange={(event) => {
            setDraft(event.target.value);
            setProblem(describe(parseParameterInput(event.target.value, parameter)));
          }}
          onBlur={commit}
          onKeyDown={onKeyDown}
        />
      </div>
      <input
        id={sliderId}
        type="range"
        min={0}
        max={values.length - 1}
        step={1}
        value={position}
        disabled={disabled}
        aria-valuetext={shown}
        aria-describedby={describedBy}
        onChange={(event) => {
          setDraft(null);
          setProblem(null);
          onChange(values[Number(event.target.value)]!);
        }}
      />
      <div className="control-scale" aria-hidden="true">
        <span>{allowsOff ? t.off : formatValue(values[0]!)}</span>
        <span className="control-value">{shown}</span>
        <span>{formatValue(values.at(-1)!)}</span>
      </div>
      {message && (
        <p
          id={messageId}
          className={problem ? 'control-problem' : 'control-note'}
          role={problem ? 'alert' : undefined}
        >
          {message}
        </p>
      )}
    </div>
  );
}
