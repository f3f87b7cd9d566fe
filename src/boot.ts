/**
 * The page's first script, run before React and the app's entry have loaded. On the playground
 * (the page a shared link opens) it starts the training worker at once, so TensorFlow.js and the
 * wasm backend load and compile in the worker while the main thread is still parsing, and asks
 * for the playground's chunks alongside the entry instead of after React's first render. The
 * playground's session takes that worker over (engine.ts).
 */
import { prestartEngineWorker } from './workers/engine';

performance.mark('tunelab:boot');
const page = /^#?([^/]*)/.exec(location.hash)?.[1] ?? '';
if (page === '' || page === 'playground') {
  prestartEngineWorker('trainer');
  // The same module the page list loads lazily: fetched once, evaluated once, whoever asks first.
  void import('./ui/playground/PlaygroundPage');
}
