import { createElement, lazy, useState, type ComponentType } from 'react';

/** A lazily loaded component that can be asked for ahead of its render, and then renders at once. */
export type PreloadableComponent<P extends object> = ComponentType<P> & {
  /** Starts loading the module (once); settles when the component can render without suspending. */
  preload(): Promise<unknown>;
};

/**
 * `React.lazy`, except that a component whose module has already arrived renders at once.
 *
 * React.lazy suspends on its first render even when its module is loaded, and React 19 shows what
 * a suspended boundary was waiting for no sooner than 300 ms after it last committed a fallback
 * (react-dom's FALLBACK_THROTTLE_MS). The playground's page chunk was in before React's first
 * render, yet its Play button came 300 ms after the header (traced: 490 ms against 190 ms).
 */
export function preloadable<P extends object>(
  load: () => Promise<{ default: ComponentType<P> }>,
): PreloadableComponent<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  const preload = () =>
    (loading ??= load().then(
      (module) => (loaded = module.default),
      (error: unknown) => {
        // A chunk that failed (offline, a new deploy) may load on a later try.
        loading = undefined;
        throw error;
      },
    ));
  const Lazy = lazy(() => preload().then((component) => ({ default: component })));
  function Preloadable(props: P) {
    // Chosen once per mount: switching from the lazy wrapper to the component itself would
    // unmount the page and lose its state.
    const [Component] = useState<ComponentType<P>>(() => loaded ?? Lazy);
    return createElement(Component, props);
  }
  return Object.assign(Preloadable, { preload });
}
