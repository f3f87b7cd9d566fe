import { useId } from 'react';
import { PACES, type Pace } from '../../core/train/pace';
import { useUi } from '../../store/ui';
import { useControlMessages } from './messages';

export interface PaceControlProps {
  /** Trains one epoch; the Step button shows only where the page can step. */
  onStep?: () => void;
  /** Step is not possible now (training, or nothing to train). */
  stepDisabled?: boolean;
}

/**
 * How fast runs train on screen: as fast as possible, or about 30, 10 or 3 epochs a second (the
 * worker waits between epochs), plus Step for one epoch at a time. One setting for every page.
 */
export function PaceControl({ onStep, stepDisabled }: PaceControlProps) {
  const t = useControlMessages();
  const id = useId();
  const pace = useUi((s) => s.pace);
  const setPace = useUi((s) => s.setPace);
  const label = (value: Pace) => (value === 'fast' ? t.paceFast : t.pacePerSecond(Number(value)));
  return (
    <div className="pace-control" data-control="pace">
      <label htmlFor={id}>{t.pace}</label>
      <select id={id} value={pace} onChange={(event) => setPace(event.target.value as Pace)}>
        {PACES.map((value) => (
          <option key={value} value={value}>
            {label(value)}
          </option>
        ))}
      </select>
      {onStep && (
        <button
          type="button"
          className="button small"
          onClick={onStep}
          disabled={stepDisabled}
          title={t.stepHint}
        >
          {t.step}
        </button>
      )}
    </div>
  );
}
