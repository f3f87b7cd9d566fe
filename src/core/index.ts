/**
 * Tunelab's engine, the public API. Pure TypeScript over TensorFlow.js: no React, no DOM. The
 * page's workers, the command line, the benchmark and the tests all import from here.
 */
export * from './config/parameters';
export * from './config/schema';
export * from './random/random';
export * from './data/datasets';
export * from './data/features';
export * from './model/network';
export * from './model/loss';
export * from './model/backprop';
export * from './train/metrics';
export * from './train/optimizer';
export * from './train/schedule';
export * from './train/population';
export * from './train/run';
export * from './train/diagnosis';
export * from './train/pace';
export { tf, useBackend, PREFERRED_BACKEND, type BackendName } from './tf';
export * from './link';
export * from './tune';
export * from './lessons';
export * from './sequence';
