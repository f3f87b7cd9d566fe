/**
 * What the trainer endpoint needs, asked for from the engine worker's first line, all at once: its
 * scripts, and the wasm backend's binary. Imported one after the other, each script asks for the
 * next only once it has run (four levels deep before the bundle was regrouped), and tfjs asks for
 * the binary only once all of them have run and the backend initialises.
 *
 * The binary's early fetch is handed to tfjs' own request instead of a second download, so the
 * same bytes arrive sooner and compute the same numbers. Emscripten fetches it with the worker's
 * global `fetch` and compiles it as it streams; the hand-over is a `fetch` that answers that one
 * URL, once, with the response already on its way, and passes everything else to the browser's.
 * A failed early fetch fails tfjs' request as its own would have, and the engine falls back to
 * cpu as before.
 */
/**
 * Filled in by the build (vite.config.ts): the binaries' file names, beside this script. Not
 * `?url` imports, which the bundler would share with the trainer's own and so put the trainer's
 * whole chunk ahead of this script's first line. Unfilled (the dev server), nothing is fetched early.
 */
const SIMD_WASM = '__tunelab_simd_wasm__';
const PLAIN_WASM = '__tunelab_plain_wasm__';
/** Filled in by the build: the chunks the trainer endpoint's module imports, comma-separated. */
const TRAINER_CHUNKS = '__tunelab_trainer_chunks__';

/**
 * Whether this browser runs wasm SIMD: tfjs-backend-wasm's own test (its WASM_HAS_SIMD_SUPPORT
 * flag validates this module), so the binary fetched here is the one tfjs then asks for.
 */
export function hasWasmSimd(): boolean {
  try {
    return WebAssembly.validate(
      new Uint8Array([
        0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 9, 1, 7, 0, 65, 0, 253, 15, 26, 11,
      ]),
    );
  } catch {
    return false;
  }
}

const absolute = (input: RequestInfo | URL): string =>
  new URL(input instanceof Request ? input.url : String(input), self.location.href).href;

/**
 * Starts the trainer's scripts and the binary downloading now. The scripts run as they arrive, as
 * they would have as the endpoint's imports (each after the chunks it imports).
 */
export function startTrainerEarly(): void {
  if (!TRAINER_CHUNKS.startsWith('__'))
    for (const file of TRAINER_CHUNKS.split(','))
      // A failure here is the endpoint's own import's to report.
      import(/* @vite-ignore */ new URL(file, import.meta.url).href).catch(() => undefined);
  fetchWasmEarly();
}

/** Starts the binary's download now, and answers tfjs' own request for it with this one. */
function fetchWasmEarly(): void {
  if (typeof WebAssembly !== 'object' || typeof fetch !== 'function' || SIMD_WASM.startsWith('__')) return;
  const url = new URL(hasWasmSimd() ? SIMD_WASM : PLAIN_WASM, import.meta.url).href;
  const early = fetch(url, { credentials: 'same-origin' });
  // Unobserved until tfjs asks; a failure then reaches tfjs, which handles it.
  early.catch(() => undefined);
  const browserFetch = self.fetch;
  self.fetch = function (input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    if (absolute(input) !== url) return browserFetch.call(self, input, init);
    self.fetch = browserFetch;
    return early;
  };
}
