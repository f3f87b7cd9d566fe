/** The main thread's handle on a tuner worker (one study at a time per worker). */
import * as Comlink from 'comlink';
import type { ExplainRequest, ExplainResult } from '../../core/tune/explain';
import type { Params } from '../../core/tune/space';
import { startEngineWorker } from '../../workers/engine';
import type { RaceEvent, RaceRequest, TunerWorkerApi } from '../../workers/tuner.worker';

export type { RaceEvent, RaceRequest } from '../../workers/tuner.worker';

export class TunerClient {
  private readonly worker: Worker;
  private readonly api: Comlink.Remote<TunerWorkerApi>;

  constructor() {
    this.worker = startEngineWorker('tuner');
    this.api = Comlink.wrap<TunerWorkerApi>(this.worker);
  }

  run(request: RaceRequest, listener: (event: RaceEvent) => void): Promise<void> {
    return this.api.run(request, Comlink.proxy(listener));
  }

  pause(): Promise<void> {
    return this.api.pause();
  }

  resume(): Promise<void> {
    return this.api.resume();
  }

  stop(): Promise<void> {
    return this.api.stop();
  }

  propose(params: Params): Promise<string | null> {
    return this.api.propose(params);
  }

  explain(request: ExplainRequest): Promise<ExplainResult> {
    return this.api.explain(request);
  }

  terminate(): void {
    this.worker.terminate();
  }
}
