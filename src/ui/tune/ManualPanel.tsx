import { useId, useState } from 'react';
import { formatNumber } from '../../core/config/schema';
import { unitFromValue, valueFromUnit, type Params } from '../../core/tune/space';
import { useTune } from '../../store/tune';
import { useTuneMessages } from './messages';
import { paramLabel } from './format';
import { useLanguage } from '../../i18n';
import { raceSpace } from './race';
import { proposeTrial } from './session';

/** "You" as a tuner: one control per setting of the search space, and a button that runs the trial. */
export function ManualPanel() {
  const t = useTuneMessages();
  const language = useLanguage((s) => s.language);
  const objective = useTune((s) => s.raceObjective);
  const lane = useTune((s) => s.lanes.find((l) => l.tuner === 'manual'));
  const budget = useTune((s) => s.settings.trials);
  const space = raceSpace(objective);
  const names = Object.keys(space);
  // Positions in the unit interval: log settings move in log space, as the tuners see them.
  const [units, setUnits] = useState<Record<string, number>>(() =>
    Object.fromEntries(names.map((name) => [name, 0.5])),
  );
  const [problem, setProblem] = useState<string | null>(null);
  const baseId = useId();
  if (!lane || lane.status !== 'running') return null;

  const params: Params = Object.fromEntries(
    names.map((name) => [name, valueFromUnit(space[name]!, units[name] ?? 0.5)]),
  );
  const run = async () => setProblem(await proposeTrial(params));
  return (
    <section className="card tune-manual" aria-labelledby="tune-manual-title">
      <h2 id="tune-manual-title">{t.youTitle}</h2>
      <p className="hint">{t.youIntro}</p>
      <div className="tune-manual-controls">
        {names.map((name) => {
          const d = space[name]!;
          const value = params[name]!;
          if (d.type === 'categorical') {
            return (
              <label key={name}>
                {paramLabel(name, language)}
                <select
                  value={String(value)}
                  onChange={(e) =>
                    setUnits({
                      ...units,
                      [name]: unitFromValue(
                        d,
                        d.choices.find((c) => String(c) === e.target.value)!,
                      ),
                    })
                  }
                >
                  {d.choices.map((choice) => (
                    <option key={String(choice)} value={String(choice)}>
                      {String(choice)}
                    </option>
                  ))}
                </select>
              </label>
            );
          }
          const text = formatNumber(value as number);
          const id = `${baseId}-${name}`;
          return (
            <div key={name} className="tune-manual-slider">
              <span>
                <label htmlFor={id}>{paramLabel(name, language)}</label> <output htmlFor={id}>{text}</output>
              </span>
              <input
                id={id}
                type="range"
                min={0}
                max={1}
                step={0.001}
                value={units[name] ?? 0.5}
                aria-valuetext={text}
                onChange={(e) => setUnits({ ...units, [name]: Number(e.target.value) })}
              />
            </div>
          );
        })}
      </div>
      <div className="toolbar">
        <button type="button" className="button primary" onClick={() => void run()}>
          {t.runMyTrial}
        </button>
        <span role="status">{t.yourTrials(lane.trials.length, budget)}</span>
      </div>
      {problem && (
        <p role="alert" className="tune-problem">
          {problem}
        </p>
      )}
    </section>
  );
}
