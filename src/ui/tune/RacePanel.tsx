import { useEffect, useState } from 'react';
import { OBJECTIVE_IDS, type ObjectiveId } from '../../core/tune/objectives';
import { TUNER_KINDS } from '../../core/tune/tuners';
import { runningMs, updateSettings, useTune, type RacingTuner } from '../../store/tune';
import { useTuneMessages } from './messages';
import {
  MAX_REPEATS,
  MAX_TRIALS,
  MAX_TUNERS,
  pauseRace,
  raceProgress,
  resumeRace,
  settingsProblem,
  startRace,
  stopRace,
  timeLeftMs,
} from './session';

const RACING_TUNERS: readonly RacingTuner[] = TUNER_KINDS;

/** The race's settings, its Start/Pause/Resume/Stop buttons and its progress bar. */
export function RacePanel() {
  const t = useTuneMessages();
  const settings = useTune((s) => s.settings);
  const status = useTune((s) => s.status);
  const lanes = useTune((s) => s.lanes);
  const [problem, setProblem] = useState<string | null>(null);
  const [trialsText, setTrialsText] = useState(String(settings.trials));
  const [seedText, setSeedText] = useState(String(settings.seed));
  const [epochsText, setEpochsText] = useState(settings.epochs === null ? '' : String(settings.epochs));
  const [repeatsText, setRepeatsText] = useState(String(settings.repeats));
  const active = status === 'running' || status === 'paused';

  const toggleTuner = (tuner: RacingTuner, on: boolean) => {
    const tuners = on ? [...settings.tuners, tuner] : settings.tuners.filter((k) => k !== tuner);
    // Keep the tuners in the table's order so colours stay put.
    updateSettings({ tuners: RACING_TUNERS.filter((k) => tuners.includes(k)) });
  };

  const start = () => {
    const trials = Number(trialsText);
    const seed = Number(seedText);
    const epochs = epochsText.trim() === '' ? null : Number(epochsText);
    updateSettings({ trials, seed, epochs, repeats: Number(repeatsText) });
    const found = settingsProblem(t);
    setProblem(found);
    if (!found) startRace();
  };

  return (
    <section className="card tune-settings" aria-labelledby="tune-settings-title">
      <h2 id="tune-settings-title">{t.raceSettings}</h2>
      <div className="tune-settings-grid">
        <fieldset disabled={active}>
          <legend>{t.tuners}</legend>
          {RACING_TUNERS.map((tuner) => {
            const checked = settings.tuners.includes(tuner);
            return (
              <label key={tuner} className="tune-check">
                <input
                  type="checkbox"
                  checked={checked}
                  disabled={!checked && settings.tuners.length >= MAX_TUNERS}
                  onChange={(e) => toggleTuner(tuner, e.target.checked)}
                />
                {t.tunerName(tuner)}
              </label>
            );
          })}
        </fieldset>
        <div className="tune-fields">
          <label>
            {t.objective}
            <select
              value={settings.objective}
              disabled={active}
              onChange={(e) => updateSettings({ objective: e.target.value as ObjectiveId })}
            >
              {OBJECTIVE_IDS.map((id) => (
                <option key={id} value={id}>
                  {t.objectiveName(id)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t.trials}
            <input
              type="number"
              min={1}
              max={MAX_TRIALS}
              step={1}
              value={trialsText}
              disabled={active}
              onChange={(e) => setTrialsText(e.target.value)}
            />
          </label>
          <label>
            {t.epochBudget}
            <input
              type="number"
              min={1}
              step={1}
              value={epochsText}
              disabled={active}
              onChange={(e) => setEpochsText(e.target.value)}
              aria-describedby="tune-epoch-hint"
            />
            <span id="tune-epoch-hint" className="hint">
              {t.epochBudgetHint}
            </span>
          </label>
          <label>
            {t.repeats}
            <input
              type="number"
              min={1}
              max={MAX_REPEATS}
              step={1}
              value={repeatsText}
              disabled={active}
              onChange={(e) => setRepeatsText(e.target.value)}
            />
          </label>
          <label>
            {t.seed}
            <input
              type="number"
              min={0}
              step={1}
              value={seedText}
              disabled={active}
              onChange={(e) => setSeedText(e.target.value)}
            />
          </label>
        </div>
      </div>
      {problem && (
        <p role="alert" className="tune-problem">
          {problem}
        </p>
      )}
      <div className="toolbar">
        <button type="button" className="button primary" onClick={start} disabled={active}>
          {t.start}
        </button>
        {status === 'paused' ? (
          <button type="button" className="button" onClick={resumeRace}>
            {t.resume}
          </button>
        ) : (
          <button type="button" className="button" onClick={pauseRace} disabled={status !== 'running'}>
            {t.pause}
          </button>
        )}
        <button type="button" className="button" onClick={stopRace} disabled={!active}>
          {t.stop}
        </button>
        <span className="tune-status" role="status" data-status={status}>
          {t.status(status)}
        </span>
      </div>
      {lanes.length > 0 && <RaceProgress />}
      {lanes
        .filter((lane) => lane.error)
        .map((lane) => (
          <p key={lane.tuner} role="alert" className="tune-problem">
            {t.laneFailed(t.tunerName(lane.tuner), lane.error!)}
          </p>
        ))}
    </section>
  );
}

function RaceProgress() {
  const t = useTuneMessages();
  const lanes = useTune((s) => s.lanes);
  const status = useTune((s) => s.status);
  const elapsedMs = useTune((s) => s.elapsedMs);
  const runningSince = useTune((s) => s.runningSince);
  const settings = useTune((s) => s.settings);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (status !== 'running') return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [status]);
  const done = lanes.reduce((sum, lane) => sum + lane.trials.length, 0);
  const progress = raceProgress(lanes, settings);
  const percent = Math.round(progress * 100);
  const left =
    status === 'running' ? timeLeftMs(progress, runningMs({ elapsedMs, runningSince }, now)) : null;
  return (
    <div className="tune-progress">
      <label>
        {t.progress}
        <progress max={100} value={percent} aria-valuetext={t.progressPercent(percent)} />
      </label>
      <span>
        {t.progressPercent(percent)} · {t.progressText(done, settings.trials * lanes.length)}
      </span>
      {left !== null && <span className="hint">{t.timeLeft(left / 1000)}</span>}
      <ul className="lane-progress">
        {lanes.map((lane) => {
          const pruned = lane.trials.filter((trial) => trial.state === 'pruned').length;
          const why =
            lane.status === 'failed'
              ? 'failed'
              : lane.status === 'running' || lane.status === 'waiting'
                ? 'running'
                : (lane.reason ?? (lane.status === 'stopped' ? 'stopped' : 'budget'));
          return (
            <li key={lane.tuner} data-tuner={lane.tuner} data-reason={why}>
              {t.laneProgress(t.tunerName(lane.tuner), lane.trials.length, settings.trials)} ·{' '}
              {t.stopReason(why)}
              {pruned > 0 && ` · ${t.prunedCount(pruned)}`}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
