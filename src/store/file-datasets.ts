import type { ExperimentConfig } from '../core/config/parameters';
import type { Dataset } from '../core/data/datasets';

/**
 * Datasets that come from files (the digits, the user's CSV) are loaded by whoever owns them and
 * registered here; the playground asks for one when the experiment names it.
 */
export type FileDatasetLoader = (config: ExperimentConfig) => Promise<Dataset>;

const loaders = new Map<string, FileDatasetLoader>();
const listeners = new Set<() => void>();

export function registerFileDataset(id: 'digits' | 'custom', loader: FileDatasetLoader): void {
  loaders.set(id, loader);
  listeners.forEach((listener) => listener());
}

export function fileDatasetLoader(id: string): FileDatasetLoader | undefined {
  return loaders.get(id);
}

export function availableFileDatasets(): string[] {
  return [...loaders.keys()];
}

/** For a dataset picker that must show a file dataset once its loader is registered. */
export function onFileDatasetsChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
