import { create } from 'zustand';
import type { CsvChoice, CsvTable, ColumnSummary } from '../../core/userdata/csv';
import type { DataNote } from '../../core/export/experiment';

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
