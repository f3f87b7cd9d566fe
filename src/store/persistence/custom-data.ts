import { create } from 'zustand';
import type { CsvChoice, CsvTable, ColumnSummary } from '../../core/userdata/csv';
import type { DataNote } from '../../core/export/experiment';
import { isClassification, type DatasetId } from '../../core/config/parameters';

/**
 * The user's CSV that the `custom` dataset trains on: the file's text, its table and the chosen
 * columns. It changes only when a new file has been read and checked without problems, so a bad
 * file never replaces a good one. The text is saved (documents store, key `custom-data`) so a
 * reload keeps the data; it never leaves the browser.
 */
export interface CustomData {
  fileName: string;
  text: string;
  table: CsvTable;
  columns: ColumnSummary[];
  choice: CsvChoice;
  /** Class names in class order (classification). */
  classNames: string[];
}

export interface CustomDataState {
  data: CustomData | null;
  /** The saved file of an earlier visit has been looked for (so "no data" now means none). */
  restored: boolean;
}

export const useCustomData = create<CustomDataState>()(() => ({ data: null, restored: false }));

export const CUSTOM_DATA_KEY = 'custom-data';

export function dataNoteOf(data: CustomData | null): DataNote | null {
  if (!data) return null;
  return {
    fileName: data.fileName,
    features: data.choice.features,
    label: data.choice.label,
    task: data.choice.task,
    rows: data.table.rows.length,
  };
}

/**
 * Does this dataset classify? The user's CSV classifies or regresses as its label column was
 * chosen, which the dataset's name alone cannot say.
 */
export function useIsClassification(dataset: DatasetId): boolean {
  const task = useCustomData((s) => s.data?.choice.task ?? null);
  return dataset === 'custom' ? task === 'classification' : isClassification(dataset);
}

/** The class names of the user's CSV, when the playground trains on it as classification. */
export function useCustomClassNames(dataset: DatasetId): readonly string[] {
  const names = useCustomData((s) => (s.data?.choice.task === 'classification' ? s.data.classNames : null));
  return dataset === 'custom' && names ? names : NO_NAMES;
}

const NO_NAMES: readonly string[] = [];
