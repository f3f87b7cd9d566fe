/**
 * Parses and builds CSV datasets off the main thread: a 20,000-row file takes papaparse and the
 * checks a noticeable moment, and the page must stay responsive while it does.
 */
import * as Comlink from 'comlink';
import {
  buildCsvDataset,
  parseCsv,
  suggestChoice,
  summarizeColumns,
  type CsvChoice,
  type CsvTable,
} from '../../core/userdata/csv';

const api = {
  parse(text: string) {
    const parsed = parseCsv(text);
    if (!parsed.ok) return parsed;
    return {
      ok: true as const,
      table: parsed.value,
      suggestion: suggestChoice(parsed.value),
      columns: summarizeColumns(parsed.value),
    };
  },
  build(table: CsvTable, choice: CsvChoice, settings: { validationSplit: number; seed: number }) {
    return buildCsvDataset(table, choice, settings);
  },
};

export type CsvWorkerApi = typeof api;

Comlink.expose(api);
