import { useId, useState } from 'react';
import { formatNumber } from '../../core/config/schema';
import { scaleLearningRate } from '../../core/lessons/lanes';
import { useCompareMessages } from './messages';

function NumberField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange(value: string): void;
}) {
  const id = useId();
  return (
    <div className="control">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}

/** The linear (lr × k) and square-root (lr × √k) rules for a batch that grows k-fold. */
export function BatchCalculator() {
  const t = useCompareMessages();
  const [learningRate, setLearningRate] = useState('0.0005');
  const [fromBatch, setFromBatch] = useState('128');
  const [toBatch, setToBatch] = useState('1024');
  let result: ReturnType<typeof scaleLearningRate> | null = null;
  let problem: string | null = null;
  try {
    result = scaleLearningRate(Number(learningRate), Number(fromBatch), Number(toBatch));
  } catch {
    problem = t.calculatorProblem;
  }
  const k = result ? formatNumber(result.factor) : '';
  return (
    <section className="card compare-calculator" aria-labelledby="compare-calculator-title">
      <h2 id="compare-calculator-title">{t.calculator}</h2>
      <p className="hint">{t.calculatorHint}</p>
      <div className="form-row">
        <NumberField label={t.learningRate} value={learningRate} onChange={setLearningRate} />
        <NumberField label={t.fromBatch} value={fromBatch} onChange={setFromBatch} />
        <NumberField label={t.toBatch} value={toBatch} onChange={setToBatch} />
      </div>
      {problem ? (
        <p role="alert" className="control-problem">
          {problem}
        </p>
      ) : (
        <dl className="calculator-results" aria-live="polite">
          <dt>{t.linearRule(k)}</dt>
          <dd data-rule="linear">{formatNumber(result!.linear)}</dd>
          <dt>{t.squareRootRule(k)}</dt>
          <dd data-rule="square-root">{formatNumber(Number(result!.squareRoot.toPrecision(4)))}</dd>
        </dl>
      )}
    </section>
  );
}
