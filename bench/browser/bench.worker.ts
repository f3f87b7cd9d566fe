/**
 * Runs the floor and the engine inside a Web Worker, where the app trains, with the same code as
 * the Node bench (bench/figures.ts).
 */
import { tf, useBackend } from '../../src/core/tf';
import { locateWasmFiles } from '../../src/workers/backend';
import {
  besideFloor,
  measureEngine,
  measureFloor,
  measureStudy,
  type StudyFigure,
  type Throughput,
} from '../figures';
import { measureLandscape, type LandscapeFigure } from '../landscape';
import type { BenchMessage, BenchRequest, WorkerEnvironment } from './protocol';

const post = (message: BenchMessage) => self.postMessage(message);

self.onmessage = async (event: MessageEvent<BenchRequest>) => {
  const { settings, backends, populations, study } = event.data;
  try {
    const environment: WorkerEnvironment = {
      crossOriginIsolated: self.crossOriginIsolated,
      wasmThreads: null,
      wasmSimd: null,
      wasmError: null,
    };
    if (event.data.only === 'landscape') {
      await locateWasmFiles();
      await useBackend('wasm');
      environment.wasmSimd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
      post({ kind: 'progress', line: 'wasm: 41×41 loss landscape…' });
      const landscape = await measureLandscape(settings.quick);
      post({ kind: 'done', floor: null, engines: [], study: null, landscape, environment });
      return;
    }
    post({ kind: 'progress', line: 'floor…' });
    const floor = await measureFloor(settings);
    const engines: Throughput[] = [];
    for (const backend of backends) {
      if (backend === 'wasm') {
        try {
          await locateWasmFiles();
          await useBackend('wasm');
          environment.wasmThreads = Boolean(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'));
          environment.wasmSimd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
        } catch (error) {
          environment.wasmError = error instanceof Error ? error.message : String(error);
          continue;
        }
      }
      for (const population of populations) {
        post({ kind: 'progress', line: `${backend}: population ${population}…` });
        engines.push(await measureEngine(backend, population, settings));
      }
    }
    // The study on the backend that trained a population of 32 faster, as in Node.
    const fastest = engines
      .filter((t) => t.population === 32)
      .sort((a, b) => b.epochsPerSecond - a.epochsPerSecond)[0];
    let studyResult: { figure: StudyFigure; floorBeside: number } | null = null;
    if (fastest && fastest.engine !== 'floor') {
      const backend = fastest.engine;
      post({ kind: 'progress', line: `${backend}: ${study.trials}-trial study…` });
      const measured = await besideFloor(settings, () =>
        measureStudy(backend, study.trials, study.epochsPerTrial),
      );
      studyResult = { figure: measured.result, floorBeside: measured.floorBeside };
    }
    let landscape: LandscapeFigure | null = null;
    if (!environment.wasmError && backends.includes('wasm')) {
      await useBackend('wasm');
      post({ kind: 'progress', line: 'wasm: 41×41 loss landscape…' });
      landscape = await measureLandscape(settings.quick);
    }
    post({ kind: 'done', floor, engines, study: studyResult, landscape, environment });
  } catch (error) {
    post({
      kind: 'failed',
      message: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error),
    });
  }
};
