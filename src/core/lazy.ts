/**
 * Builds a value on first use and keeps it. Zod schemas cost real CPU to construct, and every module the
 * page entry imports used to build its schemas at import, inside the task before first paint; a getter
 * defers that to the first validation, which happens after the page is on screen (or never).
 */
export function lazy<T>(build: () => T): () => T {
  let built = false;
  let value: T;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value;
  };
}
