import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { pwaOptions } from './src/pwa.config';

// Cross-origin isolation lets the wasm backend use threads (SharedArrayBuffer); every asset we
// load is our own, so require-corp costs nothing.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  // Relative asset paths: the built site runs from any static host under any sub-path.
  base: './',
  // The service worker makes the built site work offline after the first visit (off in dev).
  plugins: [react(), VitePWA(pwaOptions)],
  worker: { format: 'es' },
  server: { headers: isolation },
  preview: { headers: isolation },
});
