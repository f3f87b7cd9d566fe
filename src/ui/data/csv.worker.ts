/**
 * Parses and builds CSV datasets off the main thread: a 20,000-row file takes papaparse and the
 * checks a noticeable moment, and the page must stay responsive while it does.
 */
import * as Comlink from 'comlink';
import {
  buildCsvDataset,
  checkChoice,
  parseCsvFor,
  previewCsv,
  suggestChoice,
  summarizeColumns,
  type CsvChoice,
  type CsvTable,
  type ParseOptions,
} from '../../core/userdata/csv';

const api = {
  parse(text: string, options: ParseOptions = {}) {
    const preview = previewCsv(text, options);
    if (!preview.ok) return preview;
    return { ok: true as const, ...preview.value };
  },
  /** A file read again for a choice made earlier, with the header that choice was made on. */
  parseFor(text: string, choice: CsvChoice) {
    const parsed = parseCsvFor(text, choice);
    if (!parsed.ok) return parsed;
    return {
      ok: true as const,
      table: parsed.value,
      suggestion: suggestChoice(parsed.value),
      columns: summarizeColumns(parsed.value),
    };
  },
  check(table: CsvTable, choice: CsvChoice) {
    return checkChoice(table, choice);
  },
  build(table: CsvTable, choice: CsvChoice, settings: { validationSplit: number; seed: number }) {
    return buildCsvDataset(table, choice, settings);
  },
};

export type CsvWorkerApi = typeof api;

Comlink.expose(api);
