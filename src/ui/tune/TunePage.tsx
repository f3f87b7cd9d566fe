import { useEffect, useMemo, useState } from 'react';
import {
  toOptunaJournal,
  toOptunaScript,
  toTrialsCsv,
  toTrialsJson,
  toWandbProgram,
  toWandbSweep,
  WANDB_OBJECTIVE_PROGRAM,
  type StudyExport,
} from '../../core/tune/export';
import { bestTrial } from '../../core/tune/tuners';
import { useTune } from '../../store/tune';
import { useThrottledStore } from '../charts/useThrottledStore';
import type { PageProps } from '../pages';
import { GpView } from './GpView';
import { ManualPanel } from './ManualPanel';
import { useTuneMessages } from './messages';
import { RacePanel } from './RacePanel';
import { BestSoFarChart, raceSpace, tunerColor } from './RaceCharts';
import { StudyViews, type ViewSeries } from './StudyViews';
import { logByDefault } from './format';
import { JournalError, parseOptunaJournal, type ImportedStudy } from '../../core/tune/journal';
import { closeRace } from './session';
import { TrialTable } from './TrialTable';
import './tune.css';

export default function TunePage(_props: PageProps) {
  const t = useTuneMessages();
  // Instant objectives stream hundreds of trials a second; the page redraws a few times a second.
  const lanes = useThrottledStore(useTune, (s) => s.lanes, 200);
  const raceObjective = useTune((s) => s.raceObjective);
  const status = useTune((s) => s.status);

  useEffect(() => () => closeRace(), []);
  const series = useMemo(
    (): ViewSeries[] =>
      lanes.map((lane, index) => ({
        id: lane.tuner,
        label: t.tunerName(lane.tuner),
        color: tunerColor(index),
        trials: lane.trials,
      })),
    [lanes, t],
  );

  return (
    <div className="tune-page stacked-page">
      <h1 className="page-title">{t.title}</h1>
      <p className="hint tune-intro">{t.intro}</p>
      <RacePanel />
      <ManualPanel />
      {lanes.length > 0 && (
        <>
          <BestSoFarChart lanes={lanes} objective={raceObjective} />
          <section className="tune-dashboard" aria-labelledby="tune-views-title">
            <h2 id="tune-views-title">{t.viewsTitle}</h2>
            <p className="hint">{t.viewsIntro}</p>
            <StudyViews
              series={series}
              space={raceSpace(raceObjective)}
              logDefault={logByDefault(raceObjective)}
              timeline="epochs"
              settled={status !== 'running' && status !== 'paused'}
            />
          </section>
          <ExportButtons />
          <TrialTable lanes={lanes} objective={raceObjective} />
        </>
      )}
      <ImportPanel />
      <GpView />
    </div>
  );
}

function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The study of the tuner with the best trial, in the formats of the tools people graduate to. */
function ExportButtons() {
  const t = useTuneMessages();
  const lanes = useTune((s) => s.lanes);
  const settings = useTune((s) => s.settings);
  const objective = useTune((s) => s.raceObjective);
  const status = useTune((s) => s.status);
  if (status === 'running' || status === 'paused') return null;
  const ranked = lanes
    .map((lane) => ({ lane, best: bestTrial(lane.trials)?.value ?? Infinity }))
    .sort((a, b) => a.best - b.best);
  const lane = ranked[0]?.lane;
  if (!lane || lane.trials.length === 0) return null;
  const study: StudyExport = {
    name: `${objective}-${lane.tuner}-${settings.seed}`,
    tuner: lane.tuner,
    space: raceSpace(objective),
    trials: lane.trials,
    seed: settings.seed,
    objective,
    budget: settings.trials,
  };
  const formats = [
    {
      label: t.exportOptuna,
      file: `${study.name}.py`,
      text: () => toOptunaScript(study),
      type: 'text/x-python',
    },
    {
      label: t.exportJournal,
      file: `${study.name}.log`,
      text: () => toOptunaJournal(study, new Date()),
      type: 'application/x-ndjson',
    },
    {
      label: t.exportWandb,
      file: `${study.name}-sweep.yaml`,
      text: () => toWandbSweep(study),
      type: 'text/yaml',
    },
    ...(toWandbProgram(study) === null
      ? []
      : [
          {
            label: t.exportWandbProgram,
            file: WANDB_OBJECTIVE_PROGRAM,
            text: () => toWandbProgram(study)!,
            type: 'text/x-python',
          },
        ]),
    {
      label: t.exportJson,
      file: `${study.name}.json`,
      text: () => toTrialsJson(study),
      type: 'application/json',
    },
    { label: t.exportCsv, file: `${study.name}.csv`, text: () => toTrialsCsv(study), type: 'text/csv' },
  ];
  return (
    <section className="card toolbar tune-export" aria-label={t.export}>
      <strong>{t.export}</strong> <span className="hint">({t.tunerName(lane.tuner)})</span>
      {formats.map((format) => (
        <button
          key={format.file}
          type="button"
          className="button"
          onClick={() => download(format.file, format.text(), format.type)}
        >
          {format.label}
        </button>
      ))}
    </section>
  );
}

const OBJECTIVES = ['branin', 'rosenbrock', 'hartmann6', 'lr-curve', 'network'];

/** An Optuna journal opened from a file: its studies with every view. Parsed on this thread; the parser is pure. */
function ImportPanel() {
  const t = useTuneMessages();
  const [studies, setStudies] = useState<ImportedStudy[]>([]);
  const [chosen, setChosen] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const open = async (file: File | undefined) => {
    if (!file) return;
    try {
      const found = parseOptunaJournal(await file.text());
      setStudies(found);
      setChosen(0);
      setProblem(null);
    } catch (error) {
      // The study already open stays open: a bad file loses nothing.
      if (error instanceof JournalError)
        setProblem(t.journalIssue(error.issue.code, error.issue.params.line, error.issue.params.detail));
      else setProblem(String(error));
    }
  };
  const study = studies[chosen];
  const objective =
    study && typeof study.userAttrs.tunelab_objective === 'string' ? study.userAttrs.tunelab_objective : null;
  const count = (state: string) => study?.trials.filter((trial) => trial.state === state).length ?? 0;
  const timed = study?.trials.some(
    (trial) => trial.startedAt !== null && trial.completedAt !== null && trial.completedAt > trial.startedAt,
  );
  return (
    <section className="card tune-import" aria-labelledby="tune-import-title">
      <h2 id="tune-import-title">{t.importTitle}</h2>
      <p className="hint">{t.importIntro}</p>
      <div className="toolbar">
        <label className="file-button">
          {t.importFile}
          <input
            type="file"
            accept=".log,.jsonl,.journal,.txt,application/x-ndjson,text/plain"
            onChange={(e) => void open(e.target.files?.[0])}
          />
        </label>
        {studies.length > 1 && (
          <label>
            {t.importStudy}
            <select value={chosen} onChange={(e) => setChosen(Number(e.target.value))}>
              {studies.map((s, i) => (
                <option key={s.name} value={i}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {study && (
          <button type="button" className="button" onClick={() => setStudies([])}>
            {t.importClose}
          </button>
        )}
      </div>
      {problem && (
        <p role="alert" className="tune-problem">
          {problem}
        </p>
      )}
      {study && (
        <>
          <p role="status" className="import-summary">
            <strong>{study.name}</strong> ·{' '}
            {t.importSummary(study.trials.length, count('complete'), count('pruned'), count('failed'))}
          </p>
          {study.direction === 'maximize' && <p className="hint">{t.importMaximize}</p>}
          <p className="hint">
            {objective && OBJECTIVES.includes(objective)
              ? t.importTunelab(t.objectiveName(objective))
              : t.importViewOnly}
          </p>
          <StudyViews
            key={`${study.name}-${chosen}`}
            series={[{ id: 'imported', label: study.name, color: tunerColor(0), trials: study.trials }]}
            space={study.space}
            logDefault={objective ? logByDefault(objective) : false}
            timeline={timed ? 'clock' : 'epochs'}
          />
        </>
      )}
    </section>
  );
}
