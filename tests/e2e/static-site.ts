import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
};

export interface StaticSite {
  server: Server;
  /** `http://127.0.0.1:PORT`, without the sub-path. */
  origin: string;
  close(): Promise<void>;
}

/**
 * The built site from a plain static server, as a host such as GitHub Pages serves it: no dev
 * server, an optional sub-path, and the headers a test wants on every response.
 */
export async function serveStaticSite(
  folder: string,
  options: { subPath?: string; headers?: Record<string, string> } = {},
): Promise<StaticSite> {
  const subPath = options.subPath ?? '/';
  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (!url.pathname.startsWith(subPath)) {
        response.writeHead(404).end();
        return;
      }
      let file = normalize(join(folder, decodeURIComponent(url.pathname.slice(subPath.length))));
      if (!file.startsWith(folder)) {
        response.writeHead(403).end();
        return;
      }
      try {
        if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
        await stat(file);
      } catch {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        ...options.headers,
      });
      createReadStream(file).pipe(response);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the static server has no port');
  return {
    server,
    origin: `http://127.0.0.1:${address.port}`,
    close: () =>
      server.listening ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve(),
  };
}
