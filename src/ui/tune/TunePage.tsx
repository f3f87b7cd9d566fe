import { useEffect, useMemo } from 'react';
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
import { ChartSuspense, lazyChart } from '../charts/lazy';
import { useThrottledStore } from '../charts/useThrottledStore';
import type { PageProps } from '../pages';
import { GpView } from './GpView';
import { ManualPanel } from './ManualPanel';
import { useTuneMessages } from './messages';
import { RacePanel } from './RacePanel';
import { raceSpace, tunerColor } from './race';
import type { ViewSeries } from './StudyViews';
import { logByDefault } from './format';
import { download } from './download';
import { ImportPanel } from './ImportPanel';
import { closeRace } from './session';
import { TrialTable } from './TrialTable';
import './tune.css';

// The race's charts appear once a race has trials; the page's controls draw without the chart library.
const BestSoFarChart = lazyChart(() => import('./RaceCharts').then((module) => module.BestSoFarChart));
const StudyViews = lazyChart(() => import('./StudyViews').then((module) => module.StudyViews));

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
          <ChartSuspense height="22rem">
            <BestSoFarChart lanes={lanes} objective={raceObjective} />
          </ChartSuspense>
          <section className="tune-dashboard" aria-labelledby="tune-views-title">
            <h2 id="tune-views-title">{t.viewsTitle}</h2>
            <p className="hint">{t.viewsIntro}</p>
            <ChartSuspense height="24rem">
              <StudyViews
                series={series}
                space={raceSpace(raceObjective)}
                logDefault={logByDefault(raceObjective)}
                timeline={raceObjective === 'network' ? 'clock' : 'epochs'}
                settled={status !== 'running' && status !== 'paused'}
              />
            </ChartSuspense>
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
