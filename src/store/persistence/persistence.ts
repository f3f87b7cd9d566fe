import { MAX_NAME_CHARACTERS } from '../../core/export/names';
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
  { mode: 'saved' } | { mode: 'memory'; reason: 'unavailable' | 'quota' | 'error' | 'newer'; detail: string };

export interface LoadReport {
  runs: number;
  migratedRuns: number;
  /** Saved values that could not be read and were left out (and left in the storage untouched). */
  damaged: number;
}

/**
 * How many unpinned runs History keeps before it offers to delete the oldest: a setting the user
 * changes. Nothing is deleted without the user's say-so; null means no limit.
 */
export const DEFAULT_RUN_CAP = 100;
export const RUN_CAP_CHOICES = [25, 50, 100, 200, 500, null] as const;
export type RunCap = (typeof RUN_CAP_CHOICES)[number];

export const EXPERIMENT_KEY = 'experiment';
export const SETTINGS_KEY = 'settings';
/** The BroadcastChannel on which tabs of the same site tell each other what they wrote. */
export const CHANNEL_NAME = 'tunelab-saved-work';

/** What a tab says after a write: which value changed, so the others read that one again. */
interface ChangeMessage {
  store: StoreName;
  key: string;
}

/** The part of BroadcastChannel used here (tests pass their own). */
export interface ChangeChannel {
  postMessage(message: ChangeMessage): void;
  onmessage: ((event: { data: ChangeMessage }) => void) | null;
  close(): void;
}

export interface OpenOptions {
  /** A channel to the other tabs (the page passes `openChannel()`); none by default. */
  channel?: ChangeChannel | null;
}

type RunChanges = Partial<
  Pick<RunRecord, 'name' | 'pinned' | 'config' | 'status' | 'summary' | 'history' | 'comparison'>
>;

export type NewRun = Omit<
  RunRecord,
  'id' | 'name' | 'pinned' | 'createdAt' | 'sparkline' | 'data' | 'comparison'
> &
  Partial<Pick<RunRecord, 'name' | 'pinned' | 'createdAt' | 'data' | 'comparison'>>;

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
  private channel: ChangeChannel | null = null;

  private constructor(
    private backend: StorageBackend,
    status: StorageStatus,
    readonly report: LoadReport,
  ) {
    this.status_ = status;
  }

  private listen(channel: ChangeChannel | null): void {
    this.channel = channel;
    if (!channel) return;
    channel.onmessage = (event) => {
      const { store, key } = event.data ?? {};
      if ((store === 'runs' || store === 'documents') && typeof key === 'string')
        void this.reread(store, key);
    };
  }

  /** Another tab changed this value: take the stored one (or its absence) as the truth. */
  private reread(store: StoreName, key: string): Promise<void> {
    this.writes = this.writes.then(async () => {
      let stored: unknown;
      try {
        stored = await this.backend.get(store, key);
      } catch {
        return;
      }
      if (store === 'runs') {
        const loaded = stored === undefined ? null : loadRun(stored);
        if (loaded?.ok) this.runs.set(key, loaded.value);
        else if (stored === undefined) this.runs.delete(key);
      } else {
        const loaded = stored === undefined ? null : loadDocument(stored);
        if (loaded?.ok) this.documents.set(key, { kind: loaded.value.kind, value: loaded.value.value });
        else if (stored === undefined) this.documents.delete(key);
      }
      this.notify();
    });
    return this.writes;
  }

  /**
   * Opens the storage (IndexedDB unless told otherwise) and loads everything in it. Never
   * rejects: without a usable storage it opens in memory with a status that says why.
   */
  static async open(
    openBackend: () => Promise<StorageBackend> = () => openIndexedDbBackend(),
    options: OpenOptions = {},
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
        // An older copy of the app (cached) meeting the database a newer one upgraded.
        reason: isQuotaError(error) ? 'quota' : isVersionError(error) ? 'newer' : 'unavailable',
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
    if (status.mode === 'saved') persistence.listen(options.channel ?? null);
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
    this.writes = this.writes.then(() => this.writeNow(store, key, value));
  }

  private async writeNow(store: StoreName, key: string, value: unknown | undefined): Promise<void> {
    // Deletions are still written to a full storage: they are how the user makes room, and a
    // run deleted here must not come back on the next visit.
    if (this.status_.mode !== 'saved' && !(value === undefined && this.status_.reason === 'quota')) return;
    try {
      if (value === undefined) await this.backend.delete(store, key);
      else await this.backend.put(store, key, value);
      this.channel?.postMessage({ store, key });
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
      name: (run.name?.trim() || defaultRunName(run.config)).slice(0, MAX_NAME_CHARACTERS),
      pinned: run.pinned ?? false,
      createdAt: run.createdAt ?? Date.now(),
      sparkline: sparklineOf(run.history),
      data: run.data ?? null,
      comparison: run.comparison ?? null,
    };
    this.runs.set(record.id, record);
    this.write('runs', record.id, storedRun(record));
    this.notify();
    return record;
  }

  /** The limit on unpinned runs the user chose (null: none). */
  get runCap(): RunCap {
    const saved = (this.loadDocument(SETTINGS_KEY) as { runCap?: unknown } | undefined)?.runCap;
    return RUN_CAP_CHOICES.includes(saved as RunCap) ? (saved as RunCap) : DEFAULT_RUN_CAP;
  }

  setRunCap(cap: RunCap): void {
    const settings = (this.loadDocument(SETTINGS_KEY) as Record<string, unknown> | undefined) ?? {};
    this.saveDocument(SETTINGS_KEY, 'settings', { ...settings, runCap: cap });
    this.notify();
  }

  /** Unpinned runs beyond the limit, oldest last: what "delete the oldest" would remove. Never pinned ones. */
  runsOverCap(cap: RunCap = this.runCap): RunRecord[] {
    if (cap === null) return [];
    return this.listRuns()
      .filter((r) => !r.pinned)
      .slice(cap);
  }

  /**
   * Renames or pins a run, or replaces its results (a finished run that was continued and ended
   * again). Only the changed fields are written, onto the stored record as it is now: another tab
   * may have renamed it (kept) or deleted it (stays deleted) since this tab read it.
   */
  updateRun(id: string, changes: RunChanges): RunRecord | undefined {
    const run = this.runs.get(id);
    if (!run) return undefined;
    const next = applyChanges(run, changes);
    this.runs.set(id, next);
    this.writes = this.writes.then(async () => {
      if (this.status_.mode !== 'saved') return;
      let stored: unknown;
      try {
        stored = await this.backend.get('runs', id);
      } catch {
        stored = storedRun(run);
      }
      const current = stored === undefined ? null : loadRun(stored);
      if (stored === undefined) {
        this.runs.delete(id);
        this.notify();
        return;
      }
      const merged = applyChanges(current?.ok ? current.value : run, changes);
      this.runs.set(id, merged);
      await this.writeNow('runs', id, storedRun(merged));
      this.notify();
    });
    this.notify();
    return next;
  }

  /** Deletes several runs in one storage transaction (History's "delete the N oldest"). */
  deleteRuns(ids: readonly string[]): void {
    const deleted = ids.filter((id) => this.runs.delete(id));
    if (deleted.length === 0) return;
    this.writes = this.writes.then(async () => {
      if (this.status_.mode !== 'saved' && this.status_.reason !== 'quota') return;
      try {
        await this.backend.deleteMany('runs', deleted);
        for (const key of deleted) this.channel?.postMessage({ store: 'runs', key });
      } catch (error) {
        this.status_ = {
          mode: 'memory',
          reason: isQuotaError(error) ? 'quota' : 'error',
          detail: String((error as Error)?.message ?? error),
        };
        this.notify();
      }
    });
    this.notify();
  }

  deleteRun(id: string, notify = true): void {
    if (!this.runs.delete(id)) return;
    this.write('runs', id, undefined);
    if (notify) this.notify();
  }

  close(): void {
    this.channel?.close();
    this.backend.close();
  }
}

function applyChanges(run: RunRecord, changes: RunChanges): RunRecord {
  const name =
    changes.name === undefined ? run.name : changes.name.trim().slice(0, MAX_NAME_CHARACTERS) || run.name;
  return {
    ...run,
    ...changes,
    name,
    sparkline: changes.history ? sparklineOf(changes.history) : run.sparkline,
  };
}

/** A BroadcastChannel to the other tabs of this site, where the browser has one. */
export function openChannel(): ChangeChannel | null {
  if (typeof BroadcastChannel === 'undefined') return null;
  return new BroadcastChannel(CHANNEL_NAME) as unknown as ChangeChannel;
}

/** IndexedDB's answer when the database is at a higher version than the page asked for. */
function isVersionError(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === 'VersionError';
}
