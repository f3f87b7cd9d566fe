import { FileButton } from '../controls/FileButton';
import { useEffect, useId, useRef, useState } from 'react';
import { formatNumber } from '../../core/config/schema';
import { importExperiment, MAX_NAME_CHARACTERS } from '../../core/export/experiment';
import { decodeLink, emptyLinkState, encodeLink, type LinkState } from '../../core/link';
import { restoreLanesWhenOpened, useCompare, type RestoredLane } from '../../store/compare';
import { COMPARISON_KEY } from '../../store/persistence/autosave';
import { useLanguage } from '../../i18n';
import type { RunRecord, SavedLane } from '../../store/persistence/records';
import { RUN_CAP_CHOICES, type RunCap } from '../../store/persistence/persistence';
import {
  deleteRun,
  deleteRunsOverCap,
  pinRun,
  renameRun,
  keepImportedRun,
  savedWork,
  setRunCap,
  useSavedWork,
} from '../../store/persistence/saved';
import { navigate } from '../../store/route';
import { LossChart } from '../charts';
import type { PageProps } from '../pages';
import { exportCurves, exportJson, exportPython, exportTorch, type ExportableRun } from './exports';
import { useHistoryMessages } from './messages';
import { StorageNotice } from './StorageNotice';
import { generatedRunName, runDisplayName, savedLaneName } from './runName';
import { useLinkIssueText, type Issue } from '../shell/LinkIssues';
import '../data/data.css';

/**
 * Opens the Compare page with this entry's lanes, names and curves: a saved comparison comes back
 * whole; a single run joins the comparison as it stands (open, or saved from an earlier visit).
 */
async function addToComparison(run: RunRecord): Promise<void> {
  const restoredOf = (saved: SavedLane | RunRecord): RestoredLane => ({
    name: saved.name,
    history: saved.history,
    summary: saved.summary,
    status: saved.summary?.status ?? saved.status,
  });
  if (run.comparison) {
    const state = {
      ...emptyLinkState(run.config),
      lanes: run.comparison.lanes.map((lane) => lane.config),
      lesson: run.comparison.lessonId,
    };
    const payload = encodeLink(state);
    restoreLanesWhenOpened(payload, run.comparison.lanes.map(restoredOf));
    navigate('compare', payload);
    return;
  }
  const { base, lanes } = useCompare.getState();
  let current: LinkState | null =
    lanes.length > 0 ? { ...emptyLinkState(base), lanes: lanes.map((lane) => lane.config) } : null;
  let names: (RestoredLane | null)[] = lanes.map((lane) =>
    lane.history.length > 0
      ? {
          name: lane.label.en,
          history: lane.history,
          summary: lane.summary,
          status: lane.status,
        }
      : null,
  );
  if (!current) {
    const saved = (await savedWork()).loadDocument(COMPARISON_KEY);
    if (typeof saved === 'string') current = decodeLink(saved).state;
    names = [];
  }
  // A link holds at most four lanes: the newest run replaces the last one. A comparison needs two
  // lanes: a run on its own gets a copy of itself beside it to change.
  const state = current
    ? { ...current, lanes: [...current.lanes.slice(0, 3), run.config] }
    : { ...emptyLinkState(run.config), lanes: [run.config, run.config] };
  const at = state.lanes.length - (current ? 1 : 2);
  const restored: (RestoredLane | null)[] = state.lanes.map((_, i) =>
    i === at ? restoredOf(run) : i < at ? (names[i] ?? null) : null,
  );
  const payload = encodeLink(state);
  restoreLanesWhenOpened(payload, restored);
  navigate('compare', payload);
}

const exportable = (run: RunRecord): ExportableRun => ({
  name: run.name,
  state: emptyLinkState(run.config),
  history: run.history,
  summary: run.summary,
  data: run.data,
});

export default function HistoryPage(_props: PageProps) {
  const t = useHistoryMessages();
  const ready = useSavedWork((s) => s.ready);
  const runs = useSavedWork((s) => s.runs);
  const language = useLanguage((s) => s.language);
  const renderIssue = useLinkIssueText();
  const [notice, setNotice] = useState<{ text: string; issues: Issue[]; undo?: RunRecord } | null>(null);

  useEffect(() => {
    void savedWork();
  }, []);

  const remove = async (run: RunRecord) => {
    await deleteRun(run.id);
    setNotice({ text: t.deleted(runDisplayName(run, language)), issues: [], undo: run });
  };
  const undo = async (run: RunRecord) => {
    const persistence = await savedWork();
    persistence.addRun({ ...run });
    setNotice(null);
  };

  return (
    <div className="history-page">
      <h1>{t.pageTitle}</h1>
      <p className="data-intro">{t.intro}</p>
      <StorageNotice />
      <div className="export-menu">
        <ImportButton onDone={(text, issues) => setNotice({ text, issues })} />
        <RunCapSetting />
      </div>
      <OverCapWarning onDeleted={(n) => setNotice({ text: t.deletedOverCap(n), issues: [] })} />
      {notice && (
        <div
          role={notice.issues.length > 0 ? 'alert' : 'status'}
          className={notice.issues.length > 0 ? 'alert' : 'notice'}
        >
          <span>{notice.text}</span>
          {notice.issues.length > 0 && (
            <ul>
              {notice.issues.slice(0, 8).map((issue, index) => (
                <li key={index}>{renderIssue(issue)}</li>
              ))}
            </ul>
          )}
          {notice.undo && (
            <button type="button" className="button small" onClick={() => void undo(notice.undo!)}>
              {t.undo}
            </button>
          )}
          <button type="button" className="button small" onClick={() => setNotice(null)}>
            {t.dismiss}
          </button>
        </div>
      )}
      {!ready ? <p>{t.loading}</p> : runs.length === 0 ? <p className="empty">{t.empty}</p> : null}
      <ol className="run-list" aria-label={t.pageTitle}>
        {runs.map((run) => (
          <RunItem
            key={run.id}
            run={run}
            onDelete={() => void remove(run)}
            onError={(text) => setNotice({ text, issues: [] })}
          />
        ))}
      </ol>
    </div>
  );
}

function RunCapSetting() {
  const t = useHistoryMessages();
  const id = useId();
  const cap = useSavedWork((s) => s.runCap);
  const ready = useSavedWork((s) => s.ready);
  return (
    <div className="run-cap">
      <label htmlFor={id}>{t.runCap}</label>{' '}
      <select
        id={id}
        disabled={!ready}
        value={cap === null ? 'none' : String(cap)}
        aria-describedby={`${id}-help`}
        onChange={(event) =>
          void setRunCap(event.target.value === 'none' ? null : (Number(event.target.value) as RunCap))
        }
      >
        {RUN_CAP_CHOICES.map((choice) => (
          <option key={String(choice)} value={choice === null ? 'none' : String(choice)}>
            {t.runCapValue(choice)}
          </option>
        ))}
      </select>
      <span className="data-note" id={`${id}-help`}>
        {' '}
        {t.runCapHelp}
      </span>
    </div>
  );
}

/** Says which runs are beyond the limit and deletes them only when asked. */
function OverCapWarning({ onDeleted }: { onDeleted: (n: number) => void }) {
  const t = useHistoryMessages();
  const over = useSavedWork((s) => s.overCap);
  const cap = useSavedWork((s) => s.runCap);
  if (over.length === 0 || cap === null) return null;
  const listed = over.slice(-8);
  return (
    <div role="alert" className="alert over-cap">
      <span>{t.overCap(over.length, cap)}</span>
      <ul>
        {listed.map((run) => (
          <li key={run.id}>{run.name}</li>
        ))}
      </ul>
      {over.length > listed.length && <p>{t.overCapMore(over.length - listed.length)}</p>}
      <button
        type="button"
        className="button small danger"
        onClick={() => {
          const ids = over.map((r) => r.id);
          void deleteRunsOverCap(ids).then(() => onDeleted(ids.length));
        }}
      >
        {t.deleteOverCap(over.length)}
      </button>
    </div>
  );
}

function ImportButton({ onDone }: { onDone: (text: string, issues: Issue[]) => void }) {
  const t = useHistoryMessages();
  const language = useLanguage((s) => s.language);
  const renderIssue = useLinkIssueText();
  const importFile = async (file: File) => {
    const result = importExperiment(await file.text());
    if (!result.ok) {
      onDone(t.importFailed(renderIssue(result.problem)), [result.problem]);
      return;
    }
    if (!result.results || result.results.history.length === 0) {
      // An experiment without results has nothing to list: it opens in the playground to be trained.
      navigate('playground', encodeLink(result.state));
      return;
    }
    await keepImportedRun({ ...result, results: result.results });
    onDone(t.imported(result.name || generatedRunName(result.state.config, language)), result.problems);
  };
  return (
    <FileButton
      label={t.importJson}
      accept=".json,application/json"
      onFile={(file) => void importFile(file)}
    />
  );
}

function Sparkline({ values, label }: { values: readonly number[]; label: string }) {
  const finite = values.filter(Number.isFinite);
  if (finite.length < 2) return <span className="sparkline-empty" aria-hidden="true" />;
  const width = 120;
  const height = 30;
  const low = Math.min(...finite);
  const high = Math.max(...finite);
  const span = high - low || 1;
  const points = values
    .map((v, i) =>
      Number.isFinite(v)
        ? `${((i / (values.length - 1)) * width).toFixed(1)},${(height - 2 - ((v - low) / span) * (height - 4)).toFixed(1)}`
        : null,
    )
    .filter(Boolean)
    .join(' ');
  return (
    <svg
      className="sparkline"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label}
    >
      <polyline points={points} fill="none" stroke="#e8590c" strokeWidth="1.6" />
    </svg>
  );
}

function RunItem({
  run,
  onDelete,
  onError,
}: {
  run: RunRecord;
  onDelete: () => void;
  onError: (text: string) => void;
}) {
  const t = useHistoryMessages();
  const language = useLanguage((s) => s.language);
  const id = useId();
  // A name the page generated is shown in the page's language; one the user typed, as typed.
  const shownName = runDisplayName(run, language);
  const [name, setName] = useState(shownName);
  const [curves, setCurves] = useState(false);
  const editing = useRef(false);
  useEffect(() => {
    if (!editing.current) setName(shownName);
  }, [shownName]);

  const summary = run.summary;
  const first = run.sparkline[0];
  const last = run.sparkline.at(-1);
  const date = new Date(run.createdAt).toLocaleString(language === 'zh' ? 'zh-CN' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  const value = (v: number | null | undefined) => (v === null || v === undefined ? '–' : formatNumber(v));
  const commit = () => {
    editing.current = false;
    if (name.trim() && name !== shownName) void renameRun(run.id, name);
    else setName(shownName);
  };

  return (
    <li className={`card run-item${run.pinned ? ' pinned' : ''}`} aria-labelledby={`${id}-name`}>
      <div className="run-head">
        <h2 className="visually-hidden" id={`${id}-name`}>
          {shownName}
        </h2>
        <label className="run-name">
          <span className="run-name-label">{t.name}</span>
          <input
            type="text"
            value={name}
            maxLength={MAX_NAME_CHARACTERS}
            onFocus={() => (editing.current = true)}
            onChange={(event) => setName(event.target.value)}
            onBlur={commit}
            onKeyDown={(event) => {
              if (event.key === 'Enter') event.currentTarget.blur();
              if (event.key === 'Escape') {
                setName(shownName);
                editing.current = false;
              }
            }}
          />
        </label>
        {run.pinned && <span className="badge">{t.pinned}</span>}
        <Sparkline values={run.sparkline} label={t.sparkline(value(first), value(last))} />
      </div>
      <dl className="run-facts">
        <div>
          <dt>{t.status}</dt>
          <dd data-value="status">
            {summary ? t.statusName(summary.status) : t.statusName(run.status)}
            {summary ? ` · ${t.epochs(summary.epochs)}` : ''}
          </dd>
        </div>
        <div>
          <dt>{t.bestValidationLoss}</dt>
          <dd data-value="bestValidationLoss">{value(summary?.bestValidationLoss)}</dd>
        </div>
        <div>
          <dt>{t.finalTrainLoss}</dt>
          <dd data-value="finalTrainLoss">{value(summary?.finalTrainLoss)}</dd>
        </div>
        <div>
          <dt>{t.finalValidationLoss}</dt>
          <dd data-value="finalValidationLoss">{value(summary?.finalValidationLoss)}</dd>
        </div>
        {summary?.finalValidationAccuracy !== null && summary?.finalValidationAccuracy !== undefined && (
          <div>
            <dt>{t.finalValidationAccuracy}</dt>
            <dd>{`${(summary.finalValidationAccuracy * 100).toFixed(1)}%`}</dd>
          </div>
        )}
        <div>
          <dt>{t.date}</dt>
          <dd>
            <time dateTime={new Date(run.createdAt).toISOString()}>{date}</time>
          </dd>
        </div>
      </dl>
      {run.data && <p className="data-note">{t.trainData(run.data.fileName)}</p>}
      {run.comparison && (
        <div className="data-note">
          <strong>{t.comparisonOf(run.comparison.lanes.length)}</strong>
          <ul aria-label={t.lanes}>
            {run.comparison.lanes.map((lane, index) => (
              <li key={index}>
                {savedLaneName(run, lane, language)}: {t.statusName(lane.summary?.status ?? lane.status)} ·{' '}
                {t.finalValidationLoss} {value(lane.summary?.finalValidationLoss)}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="data-actions">
        <button
          type="button"
          className="button primary small"
          onClick={() => navigate('playground', encodeLink(emptyLinkState(run.config)))}
        >
          {t.open}
        </button>
        <button type="button" className="button small" onClick={() => void addToComparison(run)}>
          {t.addToComparison}
        </button>
        <button
          type="button"
          className="button small"
          aria-expanded={curves}
          onClick={() => setCurves(!curves)}
        >
          {curves ? t.hideCurves : t.showCurves}
        </button>
        <button
          type="button"
          className="button small"
          aria-pressed={run.pinned}
          onClick={() => void pinRun(run.id, !run.pinned)}
        >
          {run.pinned ? t.unpin : t.pin}
        </button>
        <button type="button" className="button small" onClick={() => exportCurves(exportable(run))}>
          {t.exportCsv}
        </button>
        <button type="button" className="button small" onClick={() => exportJson(exportable(run))}>
          {t.exportJson}
        </button>
        <button
          type="button"
          className="button small"
          onClick={() =>
            exportPython(run.config).catch((error: unknown) =>
              onError(t.exportFailed(error instanceof Error ? error.message : String(error))),
            )
          }
        >
          {t.exportPython}
        </button>
        <button
          type="button"
          className="button small"
          onClick={() =>
            exportTorch(run.config, run.history).catch((error: unknown) =>
              onError(t.exportFailed(error instanceof Error ? error.message : String(error))),
            )
          }
        >
          {t.exportTorch}
        </button>
        <button type="button" className="button small danger" onClick={onDelete}>
          {t.remove}
        </button>
      </div>
      {curves && run.history.length > 0 && (
        <div className="run-curves">
          <LossChart
            history={run.history}
            axis="epoch"
            log={false}
            labels={{ train: t.train, validation: t.validation, x: t.xEpochs }}
            height={200}
          />
        </div>
      )}
    </li>
  );
}
