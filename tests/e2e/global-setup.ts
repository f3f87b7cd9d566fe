import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { createServer, type ViteDevServer } from 'vite';
import { CHROMIUM_PATH } from './chromium';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

let server: ViteDevServer | undefined;

/**
 * Serves the app once for every browser test; fails loudly when no browser is installed. No file
 * watching or hot reload: an edit during a run would reload the page under test and lose its state.
 */
export async function setup(project: TestProject): Promise<void> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Browser tests need Chromium at ${CHROMIUM_PATH}. Install it with: apt-get update && apt-get install -y chromium ` +
        '(or set CHROMIUM_PATH). .ci/run does this on a fresh machine.',
    );
  }
  server = await createServer({
    configFile: 'vite.config.ts',
    server: { port: 0, host: '127.0.0.1', watch: null, hmr: false },
    logLevel: 'error',
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('the dev server did not report its port');
  project.provide('baseUrl', `http://127.0.0.1:${address.port}/`);
}

export async function teardown(): Promise<void> {
  await server?.close();
}
