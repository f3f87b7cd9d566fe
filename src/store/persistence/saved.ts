import { create } from 'zustand';
import { openIndexedDbBackend } from './backend';
import { openChannel, Persistence, type LoadReport, type RunCap, type StorageStatus } from './persistence';
import type { RunRecord } from './records';
import type { ExperimentResults, ImportedExperiment } from '../../core/export/experiment';

/**
 * The page's view of saved work: whether storage works, and the history list. The Persistence
 * object underneath is opened once per page; other features (comparison lanes, tuner studies)
 * reach it through `savedWork()` to save their own documents.
 */
export interface SavedWorkState {
  ready: boolean;
  status: StorageStatus;
  report: LoadReport | null;
  runs: RunRecord[];
  /** The limit on unpinned runs, and the runs beyond it that History offers to delete. */
  runCap: RunCap;
  overCap: RunRecord[];
}

export const useSavedWork = create<SavedWorkState>()(() => ({
  ready: false,
  status: { mode: 'saved' },
  report: null,
  runs: [],
  runCap: null,
  overCap: [],
}));

let opening: Promise<Persistence> | null = null;
let opened: Persistence | null = null;
/** Settles once something has asked for the saved work (see savedWorkOnceOpen). */
let openAsked = () => {};
const asked = new Promise<void>((resolve) => (openAsked = resolve));

/** The page's saved work, opened on first use (IndexedDB, or memory when the browser refuses it). */
export function savedWork(): Promise<Persistence> {
  opening ??= Persistence.open(() => openIndexedDbBackend(), { channel: openChannel() }).then(
    (persistence) => {
      opened = persistence;
      const sync = () =>
        useSavedWork.setState({
          status: persistence.status,
          runs: persistence.listRuns(),
          runCap: persistence.runCap,
          overCap: persistence.runsOverCap(),
        });
      persistence.subscribe(sync);
      useSavedWork.setState({ ready: true, report: persistence.report });
      sync();
      return persistence;
    },
  );
  openAsked();
  return opening;
}

/**
 * The saved work once something has opened it (`savedWork`), without opening it: for saving that
 * can wait, such as the experiment of a visit that opened a link (see src/ui/data/setup.ts).
 */
export function savedWorkOnceOpen(): Promise<Persistence> {
  return asked.then(savedWork);
}

/** The saved work if it is open already, for what must happen now or not at all (a page closing). */
export function savedWorkIfOpen(): Persistence | null {
  return opened;
}

/**
 * Keeps an imported experiment's results in the history, as the run they were: its summary's
 * status, or cancelled when the file had curves without one.
 */
export async function keepImportedRun(
  imported: Extract<ImportedExperiment, { ok: true }> & { results: ExperimentResults },
): Promise<void> {
  const summary = imported.results.summary;
  (await savedWork()).addRun({
    name: imported.name,
    config: imported.state.config,
    status: summary?.status ?? 'cancelled',
    summary,
    history: imported.results.history,
    data: imported.data,
  });
}

export async function renameRun(id: string, name: string): Promise<void> {
  (await savedWork()).updateRun(id, { name });
}

export async function pinRun(id: string, pinned: boolean): Promise<void> {
  (await savedWork()).updateRun(id, { pinned });
}

export async function deleteRun(id: string): Promise<void> {
  (await savedWork()).deleteRun(id);
}

export async function setRunCap(cap: RunCap): Promise<void> {
  (await savedWork()).setRunCap(cap);
}

/** Deletes the unpinned runs beyond the limit, after the user has seen which and asked for it. */
export async function deleteRunsOverCap(ids: readonly string[]): Promise<void> {
  const persistence = await savedWork();
  const over = new Set(persistence.runsOverCap().map((r) => r.id));
  persistence.deleteRuns(ids.filter((id) => over.has(id)));
  // "Deleted" is said once the runs are gone from the storage, not only from this page.
  await persistence.flush();
}
