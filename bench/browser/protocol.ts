/** Messages between the bench page and its worker. */
import type { BenchSettings, StudyFigure, Throughput } from '../figures';
import type { LandscapeFigure } from '../landscape';

export interface BenchRequest {
  settings: BenchSettings;
  backends: ('cpu' | 'wasm')[];
  populations: number[];
  study: { trials: number; epochsPerTrial: number };
  /** Only the loss landscape on wasm (`npm run bench -- --only landscape`): no floor, engines or study. */
  only?: 'landscape';
}

export interface WorkerEnvironment {
  crossOriginIsolated: boolean;
  wasmThreads: boolean | null;
  wasmSimd: boolean | null;
  wasmError: string | null;
}

export type BenchMessage =
  | { kind: 'progress'; line: string }
  | {
      kind: 'done';
      /** Null only when the request asked for the landscape alone. */
      floor: Throughput | null;
      engines: Throughput[];
      study: { figure: StudyFigure; floorBeside: number } | null;
      /** The loss landscape on wasm, the page's backend (null where wasm failed to start). */
      landscape: LandscapeFigure | null;
      environment: WorkerEnvironment;
    }
  | { kind: 'failed'; message: string };
