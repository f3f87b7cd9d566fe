import { useId } from 'react';
import { HelpButton, type HelpSource } from './HelpButton';
import { RestartMark } from './RestartMark';

export interface ChoiceSelectProps<T extends string> {
  label: string;
  help?: HelpSource;
  value: T;
  choices: readonly { value: T; label: string }[];
  onChange(value: T): void;
  disabled?: boolean;
  note?: string;
  name?: string;
  restarts?: boolean;
}

export function ChoiceSelect<T extends string>({
  label,
  help,
  value,
  choices,
  onChange,
  disabled,
  note,
  name,
  restarts,
}: ChoiceSelectProps<T>) {
  const id = useId();
  return (
    <div className={`control${disabled ? ' is-disabled' : ''}`} data-control={name}>
      <div className="control-head">
        <label htmlFor={id}>{label}</label>
        {restarts && <RestartMark id={`${id}-restarts`} />}
        {help && <HelpButton label={label} text={help} />}
      </div>
      <select
        id={id}
        value={value}
        disabled={disabled}
        aria-describedby={restarts ? `${id}-restarts` : undefined}
        onChange={(event) => onChange(event.target.value as T)}
      >
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
      {note && <p className="control-note">{note}</p>}
    </div>
  );
}
