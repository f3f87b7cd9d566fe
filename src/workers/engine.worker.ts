/**
 * The one worker entry for everything that runs the engine. The trainer, the tuner and the sequence
 * trainer are endpoints of this one bundle, picked by the worker's name
 * (`startEngineWorker`). Built as one worker, they share one chunk of TensorFlow.js that the
 * browser downloads, caches and precaches once; as separate workers they carried a copy each.
 */
import type { EngineEndpoint } from './engine';
import { startTrainerEarly } from './trainer-early';

const endpoints: Record<EngineEndpoint, () => Promise<unknown>> = {
  trainer: () => import('./trainer.worker'),
  tuner: () => import('./tuner.worker'),
  sequence: () => import('./sequence.worker'),
};

// The page posts its first calls as soon as it makes the worker, before the endpoint's module
// has loaded and started listening; they wait here and are replayed to it in order.
performance.mark('tunelab:worker-start');
const early: MessageEvent[] = [];
const hold = (event: MessageEvent): void => void early.push(event);
self.addEventListener('message', hold);

const name = (self as unknown as { name: string }).name;
const load = endpoints[name as EngineEndpoint];
if (!load) throw new Error(`no engine endpoint named "${name}"`);
// A shared link's first epoch waits on the trainer: its scripts and its wasm binary are asked for
// at once (the tuner loads wasm only for some studies, the sequence trainer never).
if (name === 'trainer') startTrainerEarly();
await load();
performance.mark('tunelab:endpoint-loaded');

self.removeEventListener('message', hold);
for (const event of early)
  self.dispatchEvent(new MessageEvent('message', { data: event.data, ports: [...event.ports] }));
