// Module by module, not the core index, which would pull TensorFlow.js into the page's main thread.
import { isFileDataset, type ExperimentConfig } from '../../core/config/parameters';
import { generateDataset, type Dataset } from '../../core/data/datasets';
import type { EpochMetrics, RunSummary } from '../../core/train/metrics';
import { curvesToCsv } from '../../core/export/curves';
import { exportExperiment, experimentToJson, type DataNote } from '../../core/export/experiment';
import { kerasScript } from '../../core/export/keras';
import { torchScript } from '../../core/export/torch';
import { emptyLinkState, encodeLink, type LinkState } from '../../core/link';
import { fileDatasetLoader } from '../../store/file-datasets';
import { downloadText, fileStem } from './download';

/** The exports a run offers, shared by the playground's toolbar and the history list. */
export interface ExportableRun {
  name: string;
  state: LinkState;
  history: readonly EpochMetrics[];
  summary: RunSummary | null;
  data: DataNote | null;
}

export function exportCurves(run: ExportableRun): void {
  downloadText(
    `${fileStem(run.name)}-curves.csv`,
    curvesToCsv({ name: run.name, history: run.history }),
    'text/csv',
  );
}

export function exportJson(run: ExportableRun): void {
  const file = exportExperiment({
    state: run.state,
    name: run.name,
    results: run.history.length > 0 ? { summary: run.summary, history: [...run.history] } : null,
    data: run.data,
  });
  downloadText(`${fileStem(run.name)}.tunelab.json`, experimentToJson(file), 'application/json');
}

async function datasetFor(config: ExperimentConfig): Promise<Dataset> {
  if (!isFileDataset(config.dataset)) return generateDataset(config);
  const loader = fileDatasetLoader(config.dataset);
  if (!loader) throw new Error(`the ${config.dataset} dataset is not available`);
  return loader(config);
}

/** The Keras script, and beside it the data as CSV when the data is too large to embed. */
export async function exportPython(config: ExperimentConfig): Promise<void> {
  const dataset = await datasetFor(config);
  const source = `${location.origin}${location.pathname}#playground/${encodeLink(emptyLinkState(config))}`;
  const result = kerasScript(config, dataset, { source });
  downloadText(result.scriptFileName, result.script, 'text/x-python');
  if (result.dataCsv) downloadText(result.dataFileName, result.dataCsv, 'text/csv');
}

/** The PyTorch script that retraces the run, printing the run's recorded losses beside its own. */
export async function exportTorch(
  config: ExperimentConfig,
  history: readonly EpochMetrics[] = [],
): Promise<void> {
  const dataset = await datasetFor(config);
  const source = `${location.origin}${location.pathname}#playground/${encodeLink(emptyLinkState(config))}`;
  const result = torchScript(config, dataset, { source, history });
  downloadText(result.scriptFileName, result.script, 'text/x-python');
}
