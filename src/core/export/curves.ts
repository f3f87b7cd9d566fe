import type { EpochMetrics } from '../train/metrics';
import { toCsv } from './csv-cell';

/** One run's curves with the name it gets in the file (a comparison lane, a history entry). */
export interface NamedCurves {
  name: string;
  history: readonly EpochMetrics[];
}

export const CURVE_COLUMNS = [
  'epoch',
  'examplesSeen',
  'wallTimeMs',
  'learningRate',
  'trainLoss',
  'validationLoss',
  'trainAccuracy',
  'validationAccuracy',
] as const satisfies readonly (keyof EpochMetrics)[];

/**
 * Curves as CSV, one row per epoch, in "long" form when several runs share the file (a `run`
 * column first), which pandas, R and spreadsheets pivot directly. Accuracy is empty for regression.
 * Names with commas or quotes stay one cell, and names that look like formulae stay text.
 */
export function curvesToCsv(runs: NamedCurves | readonly NamedCurves[]): string {
  const list = Array.isArray(runs) ? (runs as readonly NamedCurves[]) : [runs as NamedCurves];
  const named = list.length > 1;
  const fields = named ? ['run', ...CURVE_COLUMNS] : [...CURVE_COLUMNS];
  const data: (string | number | null)[][] = [];
  for (const run of list) {
    for (const metrics of run.history) {
      const row = CURVE_COLUMNS.map((key) => metrics[key]);
      data.push(named ? [run.name, ...row] : row);
    }
  }
  return toCsv(fields, data);
}
