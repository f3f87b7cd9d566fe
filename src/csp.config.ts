/**
 * The Content-Security-Policy of the built site: only what the app uses, all of it our own.
 *
 * - script-src 'self' 'wasm-unsafe-eval': our bundles, workers and the service worker's scripts;
 *   tfjs-backend-wasm compiles its .wasm files, which needs 'wasm-unsafe-eval' (not 'unsafe-eval').
 * - worker-src 'self': the training, tuner, sequence, CSV and weight workers, and the service worker.
 * - connect-src 'self': the .wasm files, the digits file and the service worker's precache.
 * - img-src 'self' blob:: the favicon, and a chart drawn to PNG goes through a blob: image.
 * - style-src 'self': one stylesheet; React's style props go through the CSSOM, which CSP allows.
 * - everything else 'none', so nothing can be framed, posted or embedded.
 *
 * A <meta> in index.html carries it for static hosts (GitHub Pages sets no headers). A meta
 * policy cannot say frame-ancestors (browsers ignore it there), so the header form adds it, for
 * `vite preview` and any host that can send headers. The dev server gets neither: Vite injects an
 * inline React-refresh preamble and inline <style> tags there, which this policy would refuse.
 */
const DIRECTIVES: Record<string, string> = {
  'default-src': "'none'",
  'script-src': "'self' 'wasm-unsafe-eval'",
  'worker-src': "'self'",
  'connect-src': "'self'",
  'img-src': "'self' blob:",
  'style-src': "'self'",
  'font-src': "'self'",
  'manifest-src': "'self'",
  'base-uri': "'self'",
  'form-action': "'none'",
  'object-src': "'none'",
};

const format = (directives: Record<string, string>) =>
  Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');

/** For the <meta http-equiv> of the built index.html. */
export const CONTENT_SECURITY_POLICY = format(DIRECTIVES);

/** For an HTTP header: the same, and the page may not be framed by another site. */
export const CONTENT_SECURITY_POLICY_HEADER = format({ ...DIRECTIVES, 'frame-ancestors': "'self'" });
