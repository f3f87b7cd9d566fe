/**
 * Started once when the app starts (imported by src/main.tsx): makes the file datasets available
 * to the playground and keeps the user's work saved.
 */
import { decodeDigitsFile, digitsDataset, DIGITS_PATH, type DigitImages } from '../../core/userdata/digits';
import { useLanguage } from '../../i18n';
import { registerFileDataset } from '../../store/file-datasets';
import { startAutosave } from '../../store/persistence/autosave';
import { CUSTOM_DATA_KEY, useCustomData } from '../../store/persistence/custom-data';
import { savedWork } from '../../store/persistence/saved';
import type { CsvChoice } from '../../core/userdata/csv';
import { pendingAdoption } from './linked-data';
import { csvWorker } from './csvClient';
import { useDataMessages } from './messages';

let digits: Promise<DigitImages> | null = null;

/** The digits, fetched once per page (the service worker serves them offline). */
export function loadDigits(): Promise<DigitImages> {
  digits ??= fetch(new URL(DIGITS_PATH, document.baseURI))
    .then((response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.json();
    })
    .then(decodeDigitsFile)
    .catch((error: unknown) => {
      digits = null;
      throw new Error(
        useDataMessages
          .in(useLanguage.getState().language)
          .digitsFailed(error instanceof Error ? error.message : String(error)),
      );
    });
  return digits;
}

registerFileDataset('digits', async (config) => digitsDataset(await loadDigits(), config));

registerFileDataset('custom', async (config) => {
  // On a reload the playground may ask before the saved file has been read back, or before the
  // file a link carries has been checked.
  await restoring;
  await pendingAdoption();
  const data = useCustomData.getState().data;
  if (!data) throw new Error(useDataMessages.in(useLanguage.getState().language).notLoaded);
  const built = await csvWorker().build(data.table, data.choice, {
    validationSplit: config.validationSplit,
    seed: config.seed,
  });
  if (!built.ok) {
    const t = useDataMessages.in(useLanguage.getState().language);
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

startAutosave();
const restoring: Promise<void> = restoreCustomData()
  .catch(() => undefined)
  .finally(() => useCustomData.setState({ restored: true }));
