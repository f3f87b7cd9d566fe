import { decodeLink, encodeLink, type DecodedLink, type LinkState } from '../../core/link';
import {
  isQuotaError,
  memoryBackend,
  openIndexedDbBackend,
  type StorageBackend,
  type StoreName,
} from './backend';
import {
  defaultRunName,
  loadDocument,
  loadRun,
  RECORD_VERSION,
  sparklineOf,
  storedRun,
  type RunRecord,
} from './records';

/**
 * Saved work: loaded once at start into memory, then every change is written to memory first and
 * to the storage after. Reads never wait for the storage, and when the storage fails (private
 * mode, quota, a browser without IndexedDB) the app keeps working from memory and says so; what
 * was saved before stays saved.
 */
export type StorageStatus =
  { mode: 'saved' } | { mode: 'memory'; reason: 'unavailable' | 'quota' | 'error'; detail: string };

export interface LoadReport {
  runs: number;
  migratedRuns: number;
  /** Saved values that could not be read and were left out (and left in the storage untouched). */
  damaged: number;
}

/** Unpinned runs beyond this many are forgotten, oldest first; pinned runs are kept. */
export const MAX_UNPINNED_RUNS = 100;

export const EXPERIMENT_KEY = 'experiment';

export type NewRun = Omit<RunRecord, 'id' | 'name' | 'pinned' | 'createdAt' | 'sparkline' | 'data'> &
  Partial<Pick<RunRecord, 'name' | 'pinned' | 'createdAt' | 'data'>>;

function newId(): string {
  // getRandomValues, unlike randomUUID, exists on pages served over plain http (a classroom LAN).
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return `${Date.now().toString(36)}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export class Persistence {
  private status_: StorageStatus;
  private readonly listeners = new Set<() => void>();
  private readonly documents = new Map<string, { kind: string; value: unknown }>();
  private readonly runs = new Map<string, RunRecord>();
  private writes: Promise<void> = Promise.resolve();

  private constructor(
    private backend: StorageBackend,
    status: StorageStatus,
    readonly report: LoadReport,
  ) {
    this.status_ = status;
  }

  /**
   * Opens the storage (IndexedDB unless told otherwise) and loads everything in it. Never
   * rejects: without a usable storage it opens in memory with a status that says why.
   */
  static async open(
    openBackend: () => Promise<StorageBackend> = () => openIndexedDbBackend(),
  ): Promise<Persistence> {
    let backend: StorageBackend;
    let status: StorageStatus = { mode: 'saved' };
    let storedDocuments: { key: string; value: unknown }[] = [];
    let storedRuns: { key: string; value: unknown }[] = [];
    try {
      backend = await openBackend();
      [storedDocuments, storedRuns] = await Promise.all([
        backend.getAll('documents'),
        backend.getAll('runs'),
      ]);
    } catch (error) {
      backend = memoryBackend();
      status = {
        mode: 'memory',
        reason: isQuotaError(error) ? 'quota' : 'unavailable',
        detail: String((error as Error)?.message ?? error),
      };
    }
    const report: LoadReport = { runs: 0, migratedRuns: 0, damaged: 0 };
    const persistence = new Persistence(backend, status, report);
    for (const { key, value } of storedDocuments) {
      const loaded = loadDocument(value);
      if (loaded.ok) persistence.documents.set(key, { kind: loaded.value.kind, value: loaded.value.value });
      else report.damaged++;
    }
    const migrated: RunRecord[] = [];
    for (const { value } of storedRuns) {
      const loaded = loadRun(value);
      if (!loaded.ok) {
        report.damaged++;
        continue;
      }
      persistence.runs.set(loaded.value.id, loaded.value);
      report.runs++;
      if (loaded.migrated) migrated.push(loaded.value);
    }
    report.migratedRuns = migrated.length;
    // Write migrated runs back in the current version, so the migration runs once.
    for (const run of migrated) persistence.write('runs', run.id, storedRun(run));
    await persistence.flush();
    return persistence;
  }

  get status(): StorageStatus {
    return this.status_;
  }

  /** Called when the status changes (the storage failed) and when runs change. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    this.listeners.forEach((listener) => listener());
  }

  /** Resolves when every write so far has reached the storage (or failed over to memory). */
  flush(): Promise<void> {
    return this.writes;
  }

  private write(store: StoreName, key: string, value: unknown | undefined): void {
    this.writes = this.writes.then(async () => {
      if (this.status_.mode !== 'saved') return;
      try {
        if (value === undefined) await this.backend.delete(store, key);
        else await this.backend.put(store, key, value);
      } catch (error) {
        // Stop writing after the first failure: a full disk stays full, and half-written history
        // is worse than a clear "not saved" while the page keeps everything in memory.
        this.status_ = {
          mode: 'memory',
          reason: isQuotaError(error) ? 'quota' : 'error',
          detail: String((error as Error)?.message ?? error),
        };
        this.notify();
      }
    });
  }

  // — documents: the current experiment, comparison lanes, tuner studies —

  loadDocument(key: string): unknown {
    return this.documents.get(key)?.value;
  }

  saveDocument(key: string, kind: string, value: unknown): void {
    this.documents.set(key, { kind, value });
    this.write('documents', key, { v: RECORD_VERSION, kind, savedAt: Date.now(), value });
  }

  deleteDocument(key: string): void {
    this.documents.delete(key);
    this.write('documents', key, undefined);
  }

  /** Keys of saved documents of one kind (e.g. every tuner study). */
  documentKeys(kind: string): string[] {
    return [...this.documents.entries()].filter(([, d]) => d.kind === kind).map(([key]) => key);
  }

  /** The experiment being worked on, kept as its share link so it loads through the link decoder. */
  saveExperiment(state: LinkState): void {
    this.saveDocument(EXPERIMENT_KEY, 'experiment', encodeLink(state));
  }

  loadExperiment(): DecodedLink | null {
    const link = this.loadDocument(EXPERIMENT_KEY);
    return typeof link === 'string' ? decodeLink(link) : null;
  }

  // — history —

  /** Runs, pinned first, then newest first. */
  listRuns(): RunRecord[] {
    return [...this.runs.values()].sort(
      (a, b) => Number(b.pinned) - Number(a.pinned) || b.createdAt - a.createdAt,
    );
  }

  getRun(id: string): RunRecord | undefined {
    return this.runs.get(id);
  }

  addRun(run: NewRun): RunRecord {
    const record: RunRecord = {
      ...run,
      id: newId(),
      name: run.name?.trim() || defaultRunName(run.config),
      pinned: run.pinned ?? false,
      createdAt: run.createdAt ?? Date.now(),
      sparkline: sparklineOf(run.history),
      data: run.data ?? null,
    };
    this.runs.set(record.id, record);
    this.write('runs', record.id, storedRun(record));
    const unpinned = this.listRuns().filter((r) => !r.pinned);
    for (const old of unpinned.slice(MAX_UNPINNED_RUNS)) this.deleteRun(old.id, false);
    this.notify();
    return record;
  }

  /** Renames or pins a run, or replaces its results (a finished run that was continued and ended again). */
  updateRun(
    id: string,
    changes: Partial<Pick<RunRecord, 'name' | 'pinned' | 'config' | 'status' | 'summary' | 'history'>>,
  ): RunRecord | undefined {
    const run = this.runs.get(id);
    if (!run) return undefined;
    const name = changes.name === undefined ? run.name : changes.name.trim().slice(0, 200) || run.name;
    const next = {
      ...run,
      ...changes,
      name,
      sparkline: changes.history ? sparklineOf(changes.history) : run.sparkline,
    };
    this.runs.set(id, next);
    this.write('runs', id, storedRun(next));
    this.notify();
    return next;
  }

  deleteRun(id: string, notify = true): void {
    if (!this.runs.delete(id)) return;
    this.write('runs', id, undefined);
    if (notify) this.notify();
  }

  close(): void {
    this.backend.close();
  }
}
