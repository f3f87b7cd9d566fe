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
import { download } from './download';
import { useTuneMessages } from './messages';
import { raceSpace } from './race';

/** The study of the tuner with the best trial, in the formats of the tools people graduate to. */
export default function ExportButtons() {
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
