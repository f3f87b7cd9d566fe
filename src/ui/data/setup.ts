/**
 * Started once when the app starts (imported by src/main.tsx): makes the file datasets available
 * to the playground and keeps the user's work saved.
 */
import type { DigitImages } from '../../core/userdata/digits';
import { useLanguage } from '../../i18n';
import { registerFileDataset } from '../../store/file-datasets';
import { startAutosave } from '../../store/persistence/autosave';
import { CUSTOM_DATA_KEY, useCustomData } from '../../store/persistence/custom-data';
import { savedWork, savedWorkOnceOpen } from '../../store/persistence/saved';
import { useRoute } from '../../store/route';
import { useRun } from '../../store/run';
import type { CsvChoice } from '../../core/userdata/csv';
import { pendingAdoption } from './linked-data';
import { csvWorker } from './csvClient';

// The digits' decoder and this page's messages load when a digits or CSV dataset is first asked
// for: in the entry they were 5 KiB gzip that every first visit fetched and evaluated, and only
// file datasets use them.
const digitsModule = () => import('../../core/userdata/digits');
const dataMessages = async () =>
  (await import('./messages')).useDataMessages.in(useLanguage.getState().language);

let digits: Promise<DigitImages> | null = null;

/** The digits, fetched once per page (the service worker serves them offline). */
export function loadDigits(): Promise<DigitImages> {
  digits ??= digitsModule()
    .then(async ({ DIGITS_PATH, decodeDigitsFile }) => {
      const response = await fetch(new URL(DIGITS_PATH, document.baseURI));
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return decodeDigitsFile(await response.json());
    })
    .catch(async (error: unknown) => {
      digits = null;
      throw new Error(
        (await dataMessages()).digitsFailed(error instanceof Error ? error.message : String(error)),
      );
    });
  return digits;
}

registerFileDataset('digits', async (config) => {
  const [{ digitsDataset }, images] = await Promise.all([digitsModule(), loadDigits()]);
  return digitsDataset(images, config);
});

registerFileDataset('custom', async (config) => {
  // On a reload the playground may ask before the saved file has been read back, or before the
  // file a link carries has been checked.
  await restoreOnce();
  await pendingAdoption();
  const data = useCustomData.getState().data;
  if (!data) throw new Error((await dataMessages()).notLoaded);
  const built = await csvWorker().build(data.table, data.choice, {
    validationSplit: config.validationSplit,
    seed: config.seed,
  });
  if (!built.ok) {
    const t = await dataMessages();
    throw new Error(built.problems.map((p) => t.problem(p)).join(' '));
  }
  return built.value.dataset;
});

/** Brings back the CSV of an earlier visit, checked again as if it had just been chosen. */
async function restoreCustomData(): Promise<void> {
  const persistence = await savedWork();
  const saved = persistence.loadDocument(CUSTOM_DATA_KEY) as
    { fileName?: unknown; text?: unknown; choice?: CsvChoice } | undefined;
  if (
    !saved ||
    typeof saved.text !== 'string' ||
    typeof saved.fileName !== 'string' ||
    !saved.choice ||
    useCustomData.getState().data
  )
    return;
  const parsed = await csvWorker().parseFor(saved.text, saved.choice);
  if (!parsed.ok) return;
  const built = await csvWorker().build(parsed.table, saved.choice, { validationSplit: 0.2, seed: 1 });
  if (!built.ok || useCustomData.getState().data) return;
  useCustomData.setState({
    data: {
      fileName: saved.fileName,
      text: saved.text,
      table: parsed.table,
      columns: parsed.columns,
      choice: saved.choice,
      classNames: built.value.classNames,
    },
  });
}

let restoring: Promise<void> | null = null;

/** The CSV of an earlier visit, looked for once: when the saved work opens, or the file is asked for. */
function restoreOnce(): Promise<void> {
  restoring ??= restoreCustomData()
    .catch(() => undefined)
    .finally(() => useCustomData.setState({ restored: true }));
  return restoring;
}

/** How long a visit that opened a link waits at most before it opens the saved work. */
const OPEN_LATER_MS = 2_000;

/**
 * A visit that opened a link needs nothing saved for its first screen: the link is the experiment.
 * Its saved work opens once the run's first epoch is on screen (after that frame), or after
 * OPEN_LATER_MS when no run gets there. Opened at once, IndexedDB's first open on a fresh
 * profile (creating the database, the browser's side of it, its broadcast channel) ran while the
 * page rendered its first screen on 2 cores: bench:first-epoch, two runs of 15 visits on a slow
 * spell of the machine, Play showed 28 ms sooner without it (p = 0.02); on a fast spell no
 * difference showed (docs/benchmarks.md, eleventh session). Anything saved before then waits for
 * it (autosave.ts); History, the data page and a file dataset open it at once when they need it.
 */
function openSavedWorkAfterFirstEpoch(): void {
  let done = false;
  const open = () => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    stop();
    void savedWork();
  };
  const timer = setTimeout(open, OPEN_LATER_MS);
  const stop = useRun.subscribe((run) => {
    if (!run.first) return;
    stop();
    requestAnimationFrame(() => setTimeout(open));
  });
}

startAutosave();
// A bare visit brings back the last experiment (or comparison, or file): at once.
if (useRoute.getState().payload === '') void savedWork();
else openSavedWorkAfterFirstEpoch();
void savedWorkOnceOpen().then(restoreOnce);
