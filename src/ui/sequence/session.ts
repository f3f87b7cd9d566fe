/**
 * The sequence page's link to its worker: starts and stops runs, and turns the worker's events
 * into store updates. No training here; the worker trains, the page renders.
 */
import * as Comlink from 'comlink';
import { recordAttention, recordEpoch, recordSummary, resetLanes, useSequence } from '../../store/sequence';
import type { SequenceWorkerApi, SequenceWorkerEvent } from '../../workers/sequence.worker';
import { epochsPerSecond } from '../../core/train/pace';
import { useUi } from '../../store/ui';
import { useLanguage } from '../../i18n';
import { useSequenceMessages } from './messages';
import { startEngineWorker } from '../../workers/engine';

let worker: Worker | null = null;
let api: Comlink.Remote<SequenceWorkerApi> | null = null;
let currentRun = 0;
let runCounter = 0;

function onEvent(event: SequenceWorkerEvent) {
  if (event.run !== currentRun) return;
  switch (event.type) {
    case 'examples':
      useSequence.setState({ examples: event.examples });
      break;
    case 'epoch':
      recordEpoch(event.lane, event.metrics);
      break;
    case 'attention':
      recordAttention(event.lane, event.maps);
      break;
    case 'done':
      recordSummary(event.lane, event.summary);
      break;
    case 'error':
      useSequence.setState({ phase: 'failed', error: event.message });
      break;
  }
}

/** Starts the worker; returns the function that ends it (the page's unmount). */
export function startSequenceSession(): () => void {
  worker = startEngineWorker('sequence');
  api = Comlink.wrap<SequenceWorkerApi>(worker);
  worker.addEventListener('error', (event) =>
    useSequence.setState({
      phase: 'failed',
      error: event.message || useSequenceMessages.in(useLanguage.getState().language).workerFailed,
    }),
  );
  void api.listen(Comlink.proxy(onEvent));
  void api.setPace(epochsPerSecond(useUi.getState().pace));
  const stopPace = useUi.subscribe((state, previous) => {
    if (state.pace !== previous.pace) void api?.setPace(epochsPerSecond(state.pace));
  });
  return () => {
    stopPace();
    const ending = worker;
    const endingApi = api;
    worker = null;
    api = null;
    currentRun = -1;
    void Promise.race([endingApi?.dispose(), new Promise((resolve) => setTimeout(resolve, 300))]).finally(
      () => ending?.terminate(),
    );
  };
}

/** Trains the lanes on screen from scratch; `paused` loads them without training, for Step. */
export async function trainLanes(paused = false): Promise<void> {
  if (!api) return;
  resetLanes(paused ? 'paused' : 'training');
  const { lanes, exampleIndex } = useSequence.getState();
  // Numbered here, before the worker answers, so late events of an older run are dropped.
  runCounter += 1;
  currentRun = runCounter;
  await api.start(
    lanes.map((lane) => lane.config),
    exampleIndex,
    currentRun,
    paused,
  );
}

export function stopTraining(): void {
  void api?.stop();
}

export function pauseTraining(): void {
  if (useSequence.getState().phase !== 'training') return;
  useSequence.setState({ phase: 'paused' });
  void api?.pause();
}

export function resumeTraining(): void {
  if (useSequence.getState().phase !== 'paused') return;
  useSequence.setState({ phase: 'training' });
  void api?.resume();
}

let stepping: Promise<void> | null = null;

/** One epoch of every lane: of the paused run, or of a new one when none is under way. */
export function stepTraining(): Promise<void> {
  stepping ??= (async () => {
    const { phase } = useSequence.getState();
    if (phase === 'training') return;
    if (phase !== 'paused') await trainLanes(true);
    await api?.step();
  })().finally(() => {
    stepping = null;
  });
  return stepping;
}

export function chooseExample(index: number): void {
  useSequence.setState({ exampleIndex: index });
  void api?.setExample(index);
}
