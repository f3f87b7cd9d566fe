import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { build, createServer, preview, type PreviewServer, type ViteDevServer } from 'vite';
import { CHROMIUM_PATH } from './chromium';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The production build, served as `vite preview` serves it (CSP and isolation headers). */
    baseUrl: string;
    /** The same build's folder, for tests that serve it their own way (offline, sub-paths). */
    builtDir: string;
    /** The dev server: only for tests that reach into the page's source modules. */
    devUrl: string;
  }
}

let site: PreviewServer | undefined;
let dev: ViteDevServer | undefined;
let builtDir: string | undefined;

function urlOf(server: {
  httpServer: import('node:http').Server | import('node:http2').Http2SecureServer | null;
}): string {
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('the server did not report its port');
  return `http://127.0.0.1:${address.port}/`;
}

/**
 * Builds the app once and serves the build for every browser test: what users load, and several
 * times quicker per page than the dev server's hundreds of module requests per fresh context.
 * Fails loudly when no browser is installed.
 */
export async function setup(project: TestProject): Promise<void> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Browser tests need Chromium at ${CHROMIUM_PATH}. Install it with: apt-get update && apt-get install -y chromium ` +
        '(or set CHROMIUM_PATH). .ci/run does this on a fresh machine.',
    );
  }
  builtDir = await mkdtemp(join(tmpdir(), 'tunelab-e2e-'));
  // vitest runs with NODE_ENV=test, which would build React's development copy and leave
  // import.meta.env.PROD false (no service worker): build the site a visitor gets, as `npm run build` does.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: 'vite.config.ts',
      logLevel: 'error',
      build: { outDir: builtDir, emptyOutDir: true },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  site = await preview({
    configFile: 'vite.config.ts',
    logLevel: 'error',
    build: { outDir: builtDir },
    preview: { port: 0, host: '127.0.0.1', open: false },
  });
  // No file watching or hot reload: an edit during a run would reload the page under test.
  dev = await createServer({
    configFile: 'vite.config.ts',
    server: { port: 0, host: '127.0.0.1', watch: null, hmr: false },
    logLevel: 'error',
  });
  await dev.listen();
  project.provide('baseUrl', urlOf(site));
  project.provide('builtDir', builtDir);
  project.provide('devUrl', urlOf(dev));
}

export async function teardown(): Promise<void> {
  await dev?.close();
  await new Promise<void>((resolve) => (site ? site.httpServer.close(() => resolve()) : resolve()));
  if (builtDir) await rm(builtDir, { recursive: true, force: true });
}
