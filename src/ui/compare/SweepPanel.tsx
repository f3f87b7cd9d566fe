import { useEffect, useState } from 'react';
import {
  CHOICE_PARAMETER,
  NUMERIC_PARAMETER,
  NUMERIC_PARAMETERS,
  type ChoiceKey,
  type NumericKey,
} from '../../core/config/parameters';
import { formatNumber } from '../../core/config/schema';
import {
  isSweepKey,
  MAX_LANES,
  MIN_LANES,
  suggestSweepValues,
  sweepLanes,
  type SweepKey,
} from '../../core/lessons/lanes';
import { useCompare } from '../../store/compare';
import { useParameterText } from '../playground/parameterText';
import { useCompareMessages } from './messages';
import { loadLanes } from './session';

const SWEEP_KEYS: SweepKey[] = [
  'optimizer',
  'activation',
  'schedule',
  ...NUMERIC_PARAMETERS.map((p) => p.key).filter((key) => key !== 'seed'),
];

const formatValues = (values: readonly (number | string)[]) =>
  values.map((v) => (typeof v === 'number' ? formatNumber(v) : v)).join(', ');

/** "Sweep one hyperparameter": one lane per value, the base experiment otherwise. */
export function SweepPanel() {
  const t = useCompareMessages();
  const text = useParameterText();
  const base = useCompare((s) => s.base);
  const [key, setKey] = useState<SweepKey>('learningRate');
  const [count, setCount] = useState(3);
  const [values, setValues] = useState(() => formatValues(suggestSweepValues('learningRate', 3, base)));
  const [problem, setProblem] = useState<string | null>(null);

  const suggest = (nextKey: SweepKey, nextCount: number) => {
    setValues(formatValues(suggestSweepValues(nextKey, nextCount, base)));
    setProblem(null);
  };
  // A new base (a lesson, a link) brings values around its own settings.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- a new key or count re-suggests in its own handler
  useEffect(() => suggest(key, count), [base]);

  const make = () => {
    const parts = values.split(/[,，\s]+/).filter(Boolean);
    const parsed =
      key in CHOICE_PARAMETER
        ? parts
        : parts.map((part) =>
            /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(part) ? Number(part) : Number.NaN,
          );
    try {
      const lanes = sweepLanes(base, key, parsed);
      setProblem(null);
      void loadLanes(base, lanes, null);
    } catch {
      // The core's message is English; say the same thing in the page's language.
      const numeric = NUMERIC_PARAMETER[key as NumericKey];
      if (parsed.length < MIN_LANES || parsed.length > MAX_LANES)
        setProblem(t.sweepCountProblem(MIN_LANES, MAX_LANES));
      else if (numeric)
        setProblem(
          t.sweepValueProblem(
            text[key].label,
            t.numberRange(formatNumber(numeric.min), formatNumber(numeric.max), Boolean(numeric.integer)),
          ),
        );
      else
        setProblem(
          t.sweepChoiceProblem(text[key].label, CHOICE_PARAMETER[key as ChoiceKey].choices.join(', ')),
        );
    }
  };
  return (
    <section className="card compare-sweep" aria-labelledby="compare-sweep-title">
      <h2 id="compare-sweep-title">{t.sweep}</h2>
      <p className="hint">{t.sweepHint}</p>
      <div className="form-row">
        <label className="control">
          <span>{t.sweepParameter}</span>
          <select
            value={key}
            onChange={(event) => {
              const next = event.target.value;
              if (!isSweepKey(next)) return;
              setKey(next);
              suggest(next, count);
            }}
          >
            {SWEEP_KEYS.map((k) => (
              <option key={k} value={k}>
                {text[k].label}
              </option>
            ))}
          </select>
        </label>
        <label className="control">
          <span>{t.sweepCount}</span>
          <select
            value={count}
            onChange={(event) => {
              const next = Number(event.target.value);
              setCount(next);
              suggest(key, next);
            }}
          >
            {Array.from({ length: MAX_LANES - MIN_LANES + 1 }, (_, i) => MIN_LANES + i).map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label className="control grow">
          <span>{t.sweepValues}</span>
          <input
            type="text"
            value={values}
            onChange={(event) => setValues(event.target.value)}
            aria-invalid={problem ? true : undefined}
          />
        </label>
      </div>
      {problem && (
        <p role="alert" className="control-problem">
          {problem}
        </p>
      )}
      <div className="form-row">
        <button type="button" className="button small" onClick={() => suggest(key, count)}>
          {t.suggest}
        </button>
        <button type="button" className="button primary small" onClick={make}>
          {t.makeLanes}
        </button>
      </div>
    </section>
  );
}
