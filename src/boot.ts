/**
 * The page's first script, a few hundred bytes that run before React and the page's chunks have
 * loaded: on the playground (the page a shared link opens) it starts the training worker at once,
 * so TensorFlow.js and the wasm backend load and compile in the worker while the main thread is
 * still parsing and rendering. The playground's session takes that worker over (engine.ts).
 */
import { prestartEngineWorker } from './workers/engine';

performance.mark('tunelab:boot');
const page = /^#?([^/]*)/.exec(location.hash)?.[1] ?? '';
if (page === '' || page === 'playground') prestartEngineWorker('trainer');
