/**
 * An Optuna journal opened from a file: its studies with every view, and, when a study's objective
 * is one of Tunelab's, a tuner that continues it in a worker. Parsed on this thread; the parser is pure.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { planContinuation } from '../../core/tune/continue';
import { toOptunaJournal } from '../../core/tune/export';
import { JournalError, parseOptunaJournal, type ImportedStudy } from '../../core/tune/journal';
import { TUNER_KINDS, type Trial, type TunerKind } from '../../core/tune/tuners';
import { useTune } from '../../store/tune';
import { download } from './download';
import { logByDefault } from './format';
import { useTuneMessages } from './messages';
import { tunerColor } from './race';
import { MAX_TRIALS, networkBase } from './session';
import type { ViewSeries } from './StudyViews';
import { ChartSuspense, lazyChart } from '../charts/lazy';
import { TunerClient } from './tunerClient';

const StudyViews = lazyChart(() => import('./StudyViews').then((module) => module.StudyViews));

const CONTINUING_TUNERS = TUNER_KINDS.filter((kind) => kind !== 'manual');

interface Continuation {
  tuner: TunerKind;
  /** New trials asked for. */
  total: number;
  trials: Trial[];
  status: 'running' | 'finished' | 'stopped' | 'failed';
  error: string | null;
}

export function ImportPanel() {
  const t = useTuneMessages();
  const [studies, setStudies] = useState<ImportedStudy[]>([]);
  const [chosen, setChosen] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const [tuner, setTuner] = useState<TunerKind>('tpe');
  const [moreText, setMoreText] = useState('20');
  const [continuation, setContinuation] = useState<Continuation | null>(null);
  const client = useRef<TunerClient | null>(null);

  const endClient = () => {
    client.current?.terminate();
    client.current = null;
  };
  useEffect(() => endClient, []);

  const open = async (file: File | undefined) => {
    if (!file) return;
    try {
      const found = parseOptunaJournal(await file.text());
      endClient();
      setStudies(found);
      setChosen(0);
      setContinuation(null);
      setProblem(null);
    } catch (error) {
      // The study already open stays open: a bad file loses nothing.
      if (error instanceof JournalError)
        setProblem(t.journalIssue(error.issue.code, error.issue.params.line, error.issue.params.detail));
      else setProblem(String(error));
    }
  };
  const choose = (index: number) => {
    endClient();
    setChosen(index);
    setContinuation(null);
  };
  const close = () => {
    endClient();
    setStudies([]);
    setContinuation(null);
  };

  const study = studies[chosen];
  const check = useMemo(() => (study ? planContinuation(study) : null), [study]);
  const plan = check?.ok ? check.plan : null;
  const running = continuation?.status === 'running';

  const start = () => {
    const more = Number(moreText);
    if (!plan || !Number.isInteger(more) || more < 1 || more > MAX_TRIALS) {
      setProblem(t.continueTrialsRange);
      return;
    }
    setProblem(null);
    endClient();
    const worker = new TunerClient();
    client.current = worker;
    const seed = plan.seed ?? useTune.getState().settings.seed;
    // Continuing again goes on from every trial so far: the earlier new trials are history too, and stay.
    const earlier = continuation?.trials ?? [];
    setContinuation({ tuner, total: earlier.length + more, trials: earlier, status: 'running', error: null });
    // Instant objectives stream trials faster than the views redraw: they arrive here in batches.
    let pending: Trial[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      timer = null;
      const arrived = pending;
      pending = [];
      if (worker === client.current)
        setContinuation((c) => (c ? { ...c, trials: [...c.trials, ...arrived] } : c));
    };
    const finish = (status: Continuation['status'], error: string | null) => {
      if (timer) clearTimeout(timer);
      flush();
      if (worker === client.current) setContinuation((c) => (c ? { ...c, status, error } : c));
      endClient();
    };
    void worker
      .run(
        {
          tuner,
          objective: plan.objective,
          trials: more,
          seed,
          history: [...plan.history, ...earlier],
          ...(plan.objective === 'network' ? { base: networkBase(), space: plan.space } : {}),
        },
        (event) => {
          if (event.type === 'trial') {
            pending.push(event.trial);
            timer ??= setTimeout(flush, 150);
          } else if (event.type === 'done') finish(event.reason === 'stopped' ? 'stopped' : 'finished', null);
          else finish('failed', event.message);
        },
      )
      .catch((error: unknown) => finish('failed', error instanceof Error ? error.message : String(error)));
  };

  const count = (state: string) => study?.trials.filter((trial) => trial.state === state).length ?? 0;
  const timed = study?.trials.some(
    (trial) => trial.startedAt !== null && trial.completedAt !== null && trial.completedAt > trial.startedAt,
  );
  const objectiveName = plan ? t.objectiveName(plan.objective) : '';
  const series: ViewSeries[] = study
    ? [
        { id: 'imported', label: study.name, color: tunerColor(0), trials: study.trials },
        ...(continuation && continuation.trials.length > 0
          ? [
              {
                id: 'continued',
                label: t.continueNew(t.tunerName(continuation.tuner)),
                color: tunerColor(1),
                trials: continuation.trials,
              },
            ]
          : []),
      ]
    : [];
  const exportCombined = () => {
    if (!study || !plan || !continuation) return;
    const text = toOptunaJournal(
      {
        name: study.name,
        tuner: continuation.tuner,
        space: plan.space,
        trials: [...plan.history, ...continuation.trials],
        objective: plan.objective,
        seed: plan.seed ?? useTune.getState().settings.seed,
      },
      new Date(),
    );
    download(`${study.name}.log`, text, 'application/x-ndjson');
  };

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
            disabled={running}
            onChange={(e) => void open(e.target.files?.[0])}
          />
        </label>
        {studies.length > 1 && (
          <label>
            {t.importStudy}
            <select value={chosen} disabled={running} onChange={(e) => choose(Number(e.target.value))}>
              {studies.map((s, i) => (
                <option key={s.name} value={i}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {study && (
          <button type="button" className="button" onClick={close}>
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
          {check && !check.ok && (
            <p className="hint import-view-only">
              {t.importViewOnly(
                check.issue.code,
                check.issue.params.names ??
                  (check.issue.params.objective ? t.objectiveName(check.issue.params.objective) : ''),
              )}
            </p>
          )}
          {plan && (
            <div className="import-continue">
              <p className="hint">
                {t.importContinuable(
                  objectiveName,
                  plan.identifiedBy === 'attribute',
                  plan.history.length,
                  plan.skipped,
                )}
                {plan.objective === 'network' && plan.identifiedBy === 'parameters'
                  ? ` ${t.continueNetworkNote}`
                  : ''}
              </p>
              <div className="toolbar">
                <label>
                  {t.continueTuner}
                  <select
                    value={tuner}
                    disabled={running}
                    onChange={(e) => setTuner(e.target.value as TunerKind)}
                  >
                    {CONTINUING_TUNERS.map((kind) => (
                      <option key={kind} value={kind}>
                        {t.tunerName(kind)}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  {t.continueTrials}
                  <input
                    type="number"
                    min={1}
                    max={MAX_TRIALS}
                    value={moreText}
                    disabled={running}
                    onChange={(e) => setMoreText(e.target.value)}
                  />
                </label>
                {running ? (
                  <button type="button" className="button" onClick={() => void client.current?.stop()}>
                    {t.stop}
                  </button>
                ) : (
                  <button type="button" className="button primary" onClick={start}>
                    {t.continueStart}
                  </button>
                )}
                {continuation && continuation.trials.length > 0 && !running && (
                  <button type="button" className="button" onClick={exportCombined}>
                    {t.exportCombined}
                  </button>
                )}
              </div>
              {continuation && (
                <p
                  className="hint continue-status"
                  role="status"
                  data-status={continuation.status}
                  data-trials={continuation.trials.length}
                >
                  {continuation.error
                    ? t.continueFailed(continuation.error)
                    : t.continueProgress(continuation.trials.length, continuation.total)}
                </p>
              )}
            </div>
          )}
          <ChartSuspense height="24rem">
            <StudyViews
              key={`${study.name}-${chosen}`}
              series={series}
              space={plan ? plan.space : study.space}
              logDefault={plan ? logByDefault(plan.objective) : false}
              timeline={timed ? 'clock' : 'epochs'}
              settled={!running}
            />
          </ChartSuspense>
        </>
      )}
    </section>
  );
}
