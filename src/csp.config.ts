/**
 * The Content-Security-Policy of the built site: only what the app uses, all of it our own.
 *
 * - script-src 'self' 'wasm-unsafe-eval' and one hash: our bundles, workers and the service
 *   worker's scripts, and the page's one inline script (src/boot.ts, inlined by vite.config.ts so
 *   the training worker starts without a request first), allowed by its SHA-256 and nothing else;
 *   tfjs-backend-wasm compiles its .wasm files, which needs 'wasm-unsafe-eval' (not 'unsafe-eval').
 * - worker-src 'self': the training, tuner, sequence, CSV and weight workers, and the service worker.
 * - connect-src 'self': the .wasm files, the digits file and the service worker's precache.
 * - img-src 'self' blob:: the favicon, and a chart drawn to PNG goes through a blob: image.
 * - style-src 'self': one stylesheet; React's style props go through the CSSOM, which CSP allows.
 * - everything else 'none', so nothing can be framed, posted or embedded.
 *
 * A <meta> in index.html carries it for static hosts (GitHub Pages sets no headers). A meta
 * policy cannot say frame-ancestors (browsers ignore it there), so the header form adds it, for
 * `vite preview` and any host that can send headers; it is read off the built page
 * (`headerPolicyOf`), since the inline script's hash changes with every build. The dev server gets
 * neither: Vite injects an inline React-refresh preamble and inline <style> tags there, which this
 * policy would refuse.
 *
 * So index.html must reach the browser byte for byte: a host that minifies HTML or rewrites inline
 * scripts changes boot's hash, the browser refuses boot, and boot is what starts the app.
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

/**
 * For the <meta http-equiv> of the built index.html: the policy, with the page's inline scripts
 * allowed by their SHA-256 (base64, as CSP writes it).
 */
export function contentSecurityPolicy(inlineScriptHashes: readonly string[] = []): string {
  const hashes = inlineScriptHashes.map((hash) => ` 'sha256-${hash}'`).join('');
  return format({ ...DIRECTIVES, 'script-src': `'self'${hashes} 'wasm-unsafe-eval'` });
}

/** The policy a built page's <meta> carries, or null when it has none. */
export function metaPolicyOf(html: string): string | null {
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
  return meta
    ? meta[1]!
        .replace(/&#39;/g, "'")
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&')
    : null;
}

/**
 * For an HTTP header beside a built page: the page's own policy (its inline script's hash
 * included), and the page may not be framed by another site.
 */
export function headerPolicyOf(html: string): string {
  const policy = metaPolicyOf(html);
  if (!policy) throw new Error('the built index.html carries no Content-Security-Policy <meta>');
  return `${policy}; frame-ancestors 'self'`;
}
