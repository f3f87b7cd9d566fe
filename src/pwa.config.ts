import type { VitePWAOptions } from 'vite-plugin-pwa';

/**
 * The service worker that makes Tunelab work offline after the first visit (classrooms with poor
 * Wi-Fi). To wire it in, in vite.config.ts:
 *
 *   import { VitePWA } from 'vite-plugin-pwa';
 *   import { pwaOptions } from './src/pwa.config';
 *   plugins: [react(), VitePWA(pwaOptions)],
 *
 * Everything the app needs is precached at install: the bundles (tfjs makes the main chunk larger
 * than workbox's 2 MiB default, hence the raised limit), the workers, the digits file and the
 * .wasm files if a backend ships them. Paths stay relative, so the site works from any sub-path
 * (GitHub Pages); the worker's scope is the folder the site is served from.
 */
export const pwaOptions: Partial<VitePWAOptions> = {
  registerType: 'autoUpdate',
  // A small registerSW.js script tag added to index.html; no code in the app needed.
  injectRegister: 'script',
  // The page works without a manifest; an installable app would also need icons, which we lack.
  manifest: false,
  workbox: {
    globPatterns: ['**/*.{js,mjs,css,html,json,wasm,svg,png,ico,woff2,txt,md}'],
    maximumFileSizeToCacheInBytes: 20 * 1024 * 1024,
    navigateFallback: 'index.html',
    cleanupOutdatedCaches: true,
    clientsClaim: true,
    skipWaiting: true,
  },
  devOptions: { enabled: false },
};
