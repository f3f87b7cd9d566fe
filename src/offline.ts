/**
 * Registers the service worker that keeps the site working offline (src/pwa.config.ts), late on
 * purpose: installing it fetches and stores every chunk and the wasm binary (2.8 MB), which on a
 * first visit competed with the page's own scripts and the training worker for the network and
 * the cores. On the playground it waits for the first epoch on screen, then for an idle moment; on
 * other pages, and on a playground whose Play is never pressed, for the page's load and a
 * quiet while after it.
 */
import { useRun } from './store/run';

/** How long after the page loads a visitor who does not train waits for offline support. */
const WITHOUT_TRAINING_MS = 10_000;

const whenIdle = (): Promise<void> =>
  new Promise((resolve) =>
    typeof requestIdleCallback === 'function'
      ? requestIdleCallback(() => resolve(), { timeout: 5_000 })
      : setTimeout(resolve, 1_000),
  );

const loaded = (): Promise<void> =>
  document.readyState === 'complete'
    ? Promise.resolve()
    : new Promise((resolve) => addEventListener('load', () => resolve(), { once: true }));

const firstEpoch = (): Promise<void> =>
  new Promise((resolve) => {
    if (useRun.getState().first) return resolve();
    const stop = useRun.subscribe((state) => {
      if (!state.first) return;
      stop();
      resolve();
    });
  });

export function registerServiceWorkerLater(): void {
  if (!('serviceWorker' in navigator)) return;
  const quietAfterLoad = loaded().then(
    () => new Promise((resolve) => setTimeout(resolve, WITHOUT_TRAINING_MS)),
  );
  void Promise.race([firstEpoch(), quietAfterLoad])
    .then(whenIdle)
    .then(() => navigator.serviceWorker.register('./sw.js', { scope: './' }))
    .catch(() => undefined);
}
