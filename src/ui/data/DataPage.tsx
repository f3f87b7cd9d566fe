import { FileButton } from '../controls/FileButton';
import { useEffect, useId, useState, type DragEvent } from 'react';
import {
  detectTask,
  MAX_CSV_CHARACTERS,
  type ColumnSummary,
  type CsvChoice,
  type CsvProblem,
  type CsvResult,
  type CsvTable,
} from '../../core/userdata/csv';
import type { Task } from '../../core/data/datasets';
import { setParameter, useExperiment } from '../../store/experiment';
import { CUSTOM_DATA_KEY, useCustomData } from '../../store/persistence/custom-data';
import { savedWork } from '../../store/persistence/saved';
import { navigate } from '../../store/route';
import type { PageProps } from '../pages';
import { reset as resetPlayground } from '../playground/session';
import { csvWorker } from './csvClient';
import { useDataMessages } from './messages';
import './data.css';

interface Pending {
  fileName: string;
  text: string;
  table: CsvTable;
  columns: ColumnSummary[];
  detected: Task;
  choice: CsvChoice;
  /** The cell checks for `choice`, run when the file was read. */
  check: CsvResult<unknown>;
}

interface Refusal {
  fileName: string;
  problems: CsvProblem[];
  total: number;
}

export default function DataPage(_props: PageProps) {
  const t = useDataMessages();
  return (
    <div className="data-page">
      <h1>{t.pageTitle}</h1>
      <p className="data-intro">{t.intro}</p>
      <div className="data-grid">
        <CsvUpload />
        <DigitsCard />
      </div>
    </div>
  );
}

function DigitsCard() {
  const t = useDataMessages();
  const train = () => {
    setParameter('dataset', 'digits');
    navigate('playground');
  };
  return (
    <section className="card data-card" aria-labelledby="digits-title">
      <h2 id="digits-title">{t.digitsTitle}</h2>
      <p>{t.digitsText}</p>
      <button type="button" className="button" onClick={train}>
        {t.useDigits}
      </button>
    </section>
  );
}

export function CsvUpload() {
  const t = useDataMessages();
  const id = useId();
  const inUse = useCustomData((s) => s.data);
  const [reading, setReading] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [dragging, setDragging] = useState(false);

  const preview = async (fileName: string, text: string, hasHeader?: boolean) => {
    const parsed = await csvWorker().parse(text, hasHeader === undefined ? {} : { hasHeader });
    if (!parsed.ok) {
      setPending(null);
      setRefusal({ fileName, problems: parsed.problems, total: parsed.total });
      return;
    }
    setRefusal(null);
    setPending({
      fileName,
      text,
      table: parsed.table,
      columns: parsed.columns,
      detected: parsed.suggestion.task,
      choice: parsed.suggestion,
      check: parsed.check,
    });
  };

  const readFile = async (file: File) => {
    setReading(file.name);
    setRefusal(null);
    try {
      // A file far beyond the limit is refused before it is read into memory.
      const text =
        file.size > 2 * MAX_CSV_CHARACTERS ? 'x'.repeat(MAX_CSV_CHARACTERS + 1) : await file.text();
      await preview(file.name, text);
    } finally {
      setReading(null);
    }
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) void readFile(file);
  };

  return (
    <section className="card data-card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t.csvTitle}</h2>
      <div
        className={`drop-zone${dragging ? ' dragging' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <FileButton
          label={t.chooseFile}
          accept=".csv,.tsv,.txt,text/csv,text/plain"
          className="button primary"
          onFile={(file) => void readFile(file)}
        />
        <span className="drop-hint">{t.dropHere}</span>
      </div>
      <p className="data-note">{t.limits}</p>
      {reading && <p role="status">{t.reading(reading)}</p>}
      {refusal && <ProblemList refusal={refusal} keptName={inUse?.fileName ?? null} />}
      {pending && (
        <ColumnChooser
          key={pending.fileName + pending.table.rows.length}
          pending={pending}
          keptName={inUse?.fileName ?? null}
          onHeaderChosen={(hasHeader) => void preview(pending.fileName, pending.text, hasHeader)}
          onRefused={setRefusal}
          onAccepted={() => {
            setPending(null);
            setRefusal(null);
          }}
        />
      )}
      {inUse && !pending && <InUse />}
    </section>
  );
}

function ProblemList({ refusal, keptName }: { refusal: Refusal; keptName: string | null }) {
  const t = useDataMessages();
  const hidden = refusal.total - refusal.problems.length;
  return (
    <div role="alert" className="alert data-problems">
      <strong>{t.problemsTitle(refusal.fileName)}</strong>
      <ul>
        {refusal.problems.map((problem, index) => (
          <li key={index}>{t.problem(problem)}</li>
        ))}
      </ul>
      {hidden > 0 && <p>{t.moreProblems(hidden)}</p>}
      <p>{keptName ? t.keptPrevious(keptName) : t.noPrevious}</p>
    </div>
  );
}

function ColumnChooser({
  pending,
  keptName,
  onHeaderChosen,
  onRefused,
  onAccepted,
}: {
  pending: Pending;
  keptName: string | null;
  onHeaderChosen: (hasHeader: boolean) => void;
  onRefused: (refusal: Refusal) => void;
  onAccepted: () => void;
}) {
  const t = useDataMessages();
  const id = useId();
  const [choice, setChoice] = useState<CsvChoice>(pending.choice);
  const [checking, setChecking] = useState(false);
  // The cells are checked for each choice of columns as it is made, before "Use this data".
  const [check, setCheck] = useState<{ choice: CsvChoice; result: CsvResult<unknown> }>({
    choice: pending.choice,
    result: pending.check,
  });
  useEffect(() => {
    if (check.choice === choice) return;
    let current = true;
    void csvWorker()
      .check(pending.table, choice)
      .then((result) => {
        if (current) setCheck({ choice, result });
      });
    return () => {
      current = false;
    };
  }, [choice, check.choice, pending.table]);
  const problems = check.choice === choice && !check.result.ok ? check.result : null;
  const config = useExperiment((s) => s.config);
  const taskName = (task: Task) => (task === 'classification' ? t.classification : t.regression);

  const setLabel = (label: string) => {
    const summary = pending.columns.find((c) => c.name === label);
    const task: Task = summary ? detectTask(summary) : 'classification';
    setChoice({ label, task, features: choice.features.filter((f) => f !== label) });
  };
  const toggleFeature = (name: string, on: boolean) => {
    setChoice({
      ...choice,
      features: pending.table.columns.filter((c) => (c === name ? on : choice.features.includes(c))),
    });
  };

  const accept = async () => {
    setChecking(true);
    try {
      const built = await csvWorker().build(pending.table, choice, {
        validationSplit: config.validationSplit,
        seed: config.seed,
      });
      if (!built.ok) {
        onRefused({ fileName: pending.fileName, problems: built.problems, total: built.total });
        return;
      }
      useCustomData.setState({
        data: {
          fileName: pending.fileName,
          text: pending.text,
          table: pending.table,
          columns: pending.columns,
          choice,
          classNames: built.value.classNames,
        },
      });
      (await savedWork()).saveDocument(CUSTOM_DATA_KEY, 'custom-data', {
        fileName: pending.fileName,
        text: pending.text,
        choice,
      });
      onAccepted();
      // A new file means a new run on it, even if the playground was already on `custom`.
      if (useExperiment.getState().config.dataset === 'custom') resetPlayground();
      else setParameter('dataset', 'custom');
    } finally {
      setChecking(false);
    }
  };

  return (
    <div className="column-chooser">
      <p>
        <strong>{pending.fileName}</strong> —{' '}
        {t.rowsColumns(pending.table.rows.length, pending.table.columns.length)}
      </p>
      <fieldset className="task-choice">
        <legend>{t.firstRow}</legend>
        {pending.table.headerUnsure && (
          <p role="status" className="notice">
            {t.headerQuestion(pending.table.firstRow.join(', '))}
          </p>
        )}
        {([true, false] as const).map((header) => (
          <label key={String(header)} className="inline-check">
            <input
              type="radio"
              name={`${id}-header`}
              checked={pending.table.hasHeader === header}
              onChange={() => onHeaderChosen(header)}
            />
            {header ? t.firstRowIsHeader : t.firstRowIsData}
          </label>
        ))}
      </fieldset>
      <label className="inline-select">
        {t.label}
        <select value={choice.label} onChange={(event) => setLabel(event.target.value)}>
          {pending.table.columns.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="column-list">
        <legend>{t.features}</legend>
        {pending.table.columns
          .filter((name) => name !== choice.label)
          .map((name) => (
            <label key={name} className={`chip${choice.features.includes(name) ? ' checked' : ''}`}>
              <input
                type="checkbox"
                checked={choice.features.includes(name)}
                onChange={(event) => toggleFeature(name, event.target.checked)}
              />
              {name}
            </label>
          ))}
      </fieldset>
      <fieldset className="task-choice">
        <legend>{t.task}</legend>
        {(['classification', 'regression'] as const).map((task) => (
          <label key={task} className="inline-check">
            <input
              type="radio"
              name={`${id}-task`}
              checked={choice.task === task}
              onChange={() => setChoice({ ...choice, task })}
            />
            {taskName(task)}
          </label>
        ))}
        <p className="data-note">{t.detected(taskName(pending.detected))}</p>
      </fieldset>
      {problems && (
        <div role="alert" className="alert data-problems">
          <strong>{t.problemsBeforeUse}</strong>
          <ul>
            {problems.problems.map((problem, index) => (
              <li key={index}>{t.problem(problem)}</li>
            ))}
          </ul>
          {problems.total > problems.problems.length && (
            <p>{t.moreProblems(problems.total - problems.problems.length)}</p>
          )}
          <p>{keptName ? t.keptPrevious(keptName) : t.noPrevious}</p>
        </div>
      )}
      <button
        type="button"
        className="button primary"
        disabled={checking || problems !== null}
        onClick={() => void accept()}
      >
        {checking ? t.checking : t.useData}
      </button>
      <p className="data-note">{t.standardized}</p>
    </div>
  );
}

function InUse() {
  const t = useDataMessages();
  const data = useCustomData((s) => s.data)!;
  const forget = async () => {
    useCustomData.setState({ data: null });
    (await savedWork()).deleteDocument(CUSTOM_DATA_KEY);
    if (useExperiment.getState().config.dataset === 'custom') setParameter('dataset', 'spiral');
  };
  return (
    <div className="data-in-use" role="status">
      <p>
        <strong>{t.inUse(data.fileName)}</strong>
        <br />
        {t.rowsColumns(data.table.rows.length, data.table.columns.length)} ·{' '}
        {t.inUseDetails(
          data.choice.features.length,
          data.choice.task === 'classification' ? data.classNames.length : 0,
          data.choice.label,
        )}
      </p>
      <div className="data-actions">
        <button
          type="button"
          className="button primary"
          onClick={() => {
            setParameter('dataset', 'custom');
            navigate('playground');
          }}
        >
          {t.trainOnIt}
        </button>
        <button type="button" className="button" onClick={() => void forget()}>
          {t.forget}
        </button>
      </div>
    </div>
  );
}
