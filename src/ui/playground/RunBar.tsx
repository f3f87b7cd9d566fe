import { formatNumber } from '../../core/config/schema';
import { useLanguage } from '../../i18n';
import { useExperiment } from '../../store/experiment';
import { useRun } from '../../store/run';
import { useThrottledStore } from '../charts';
import { usePlaygroundMessages } from './messages';
import { pause, play, reset, step } from './session';
import { summaryText } from './statusText';
import { diagnosisText, useDiagnosisMessages } from './diagnosisText';
import { PaceControl } from '../controls/PaceControl';

export function RunButtons() {
  const t = usePlaygroundMessages();
  const phase = useRun((s) => s.phase);
  const training = phase === 'training';
  const busy = phase === 'loading';
  return (
    <div className="run-buttons">
      <button type="button" className="button primary play" onClick={training ? pause : play}>
        <span aria-hidden="true" className="button-icon">
          {training ? '❚❚' : '▶'}
        </span>
        {training ? t.pause : t.play}
      </button>
      <button
        type="button"
        className="button"
        onClick={step}
        disabled={busy || training || phase === 'ended' || phase === 'failed'}
        title={t.stepHint}
      >
        {t.step}
      </button>
      <button type="button" className="button" onClick={reset} disabled={busy} title={t.resetHint}>
        {t.reset}
      </button>
      <PaceControl />
    </div>
  );
}

const percent = (v: number | null | undefined) =>
  v === null || v === undefined || !Number.isFinite(v) ? '–' : `${(v * 100).toFixed(1)}%`;
const loss = (v: number | null | undefined) =>
  v === null || v === undefined
    ? '–'
    : Number.isFinite(v)
      ? formatNumber(Number(v.toPrecision(4)))
      : String(v);

/** Epoch, losses, accuracy and the run's state in words, for eyes and for screen readers. */
export function StatusReadout() {
  const t = usePlaygroundMessages();
  const language = useLanguage((s) => s.language);
  const run = useThrottledStore(useRun, (s) => s, 100);
  const config = useExperiment((s) => s.config);
  const d = useDiagnosisMessages();
  const latest = run.latest;
  const classification = latest?.validationAccuracy !== null && latest?.validationAccuracy !== undefined;
  let words: string;
  switch (run.phase) {
    case 'loading':
      words = t.statusLoading;
      break;
    case 'ready':
      words = latest ? t.statusPaused : t.statusReady;
      break;
    case 'training':
      words = t.statusTraining;
      break;
    case 'paused':
      words = t.statusPaused;
      break;
    case 'ended':
      words = run.summary ? summaryText(run.summary, language) : t.statusPaused;
      break;
    case 'failed':
      words = t.statusFailed(run.error ?? '');
      break;
  }
  const gap =
    latest && Number.isFinite(latest.validationLoss - latest.trainLoss)
      ? latest.validationLoss - latest.trainLoss
      : null;
  return (
    <div
      role="status"
      aria-label={t.runStatus}
      className={`readout phase-${run.phase}${run.summary ? ` status-${run.summary.status}` : ''}`}
      data-first-epoch={run.firstEpochHeld ? 'held' : undefined}
    >
      <dl className="readout-numbers">
        <div>
          <dt>{t.epoch}</dt>
          <dd data-value="epoch">
            {latest?.epoch ?? 0}
            <span className="readout-of"> / {config.epochs}</span>
          </dd>
        </div>
        <div>
          <dt>{t.trainLoss}</dt>
          <dd data-value="train-loss">{loss(latest?.trainLoss)}</dd>
        </div>
        <div>
          <dt>{t.validationLoss}</dt>
          <dd data-value="validation-loss">{loss(latest?.validationLoss)}</dd>
        </div>
        <div title={t.gapHint}>
          <dt>{t.gap}</dt>
          <dd data-value="gap">{gap === null ? '–' : `${gap >= 0 ? '+' : ''}${loss(gap)}`}</dd>
        </div>
        {(classification || !latest) && (
          <div>
            <dt>{t.accuracy}</dt>
            <dd data-value="accuracy">{percent(latest?.validationAccuracy)}</dd>
          </div>
        )}
      </dl>
      <p className="readout-words">{words}</p>
      {run.diagnosis && run.phase !== 'failed' && (
        <p
          className="readout-diagnosis"
          data-diagnosis={run.diagnosis.code}
          data-epoch={run.diagnosis.params.epoch}
        >
          <strong>{d.diagnosisLabel}: </strong>
          {diagnosisText(run.diagnosis, language)}
        </p>
      )}
    </div>
  );
}
