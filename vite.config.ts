import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { pwaOptions } from './src/pwa.config';
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_HEADER } from './src/csp.config';

// Cross-origin isolation lets the wasm backend use threads (SharedArrayBuffer); every asset we
// load is our own, so require-corp costs nothing.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** The policy as the first thing in the built page's <head>, before any script can load. */
const contentSecurityPolicy: Plugin = {
  name: 'tunelab-content-security-policy',
  apply: 'build',
  transformIndexHtml: () => [
    {
      tag: 'meta',
      attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
      injectTo: 'head-prepend',
    },
  ],
};

export default defineConfig({
  // Relative asset paths: the built site runs from any static host under any sub-path.
  base: './',
  // The service worker makes the built site work offline after the first visit (off in dev).
  plugins: [react(), VitePWA(pwaOptions), contentSecurityPolicy],
  worker: { format: 'es' },
  server: { headers: isolation },
  preview: { headers: { ...isolation, 'Content-Security-Policy': CONTENT_SECURITY_POLICY_HEADER } },
});
