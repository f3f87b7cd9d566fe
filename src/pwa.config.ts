import type { VitePWAOptions } from 'vite-plugin-pwa';

/** The wasm binaries a worker may load; only the SIMD one is stored at install. */
const WASM_BINARY = /tfjs-backend-wasm(-threaded-simd|-simd)?-[\w-]+\.wasm$/;
const precachedWasm = (url: string): boolean => WASM_BINARY.exec(url)?.[1] === '-simd';

/**
 * The service worker that makes Tunelab work offline after the first visit (classrooms with poor
 * Wi-Fi). vite.config.ts passes these options to VitePWA.
 *
 * What is precached at install is what offline use needs: the page's chunks, the engine worker
 * and its one shared copy of TensorFlow.js, the digits file, and one of the wasm backend's three
 * binaries. The workers turn wasm threads off, so the threaded build is never fetched, and every
 * current browser has wasm SIMD (Chrome 91, Firefox 89, Safari 16.4); the plain binary is only for one that lacks it, and is
 * cached the first time such a browser fetches it (without it, offline, training falls back to
 * the cpu backend). Paths stay relative, so the site works from any sub-path (GitHub Pages); the
 * worker's scope is the folder the site is served from.
 */
export const pwaOptions: Partial<VitePWAOptions> = {
  registerType: 'autoUpdate',
  // The page registers it itself, after its first epoch (src/offline.ts): installing it fetches
  // everything below, which must not compete with the first visit's own loading.
  injectRegister: false,
  // The page works without a manifest; an installable app would also need icons, which we lack.
  manifest: false,
  workbox: {
    globPatterns: ['**/*.{js,mjs,css,html,json,wasm,svg,png,ico,woff2,txt,md}'],
    manifestTransforms: [
      (entries) => ({
        manifest: entries.filter((entry) => !WASM_BINARY.test(entry.url) || precachedWasm(entry.url)),
        warnings: [],
      }),
    ],
    runtimeCaching: [{ urlPattern: WASM_BINARY, handler: 'CacheFirst' }],
    navigateFallback: 'index.html',
    cleanupOutdatedCaches: true,
    clientsClaim: true,
    skipWaiting: true,
  },
  devOptions: { enabled: false },
};
