import { openDB, type IDBPDatabase } from 'idb';

/**
 * Where saved work lives. Two stores: `documents` (the current experiment, comparison lanes, tuner
 * studies: one value per key) and `runs` (the history of finished runs, one value per id).
 * The page uses IndexedDB through idb; tests and a browser without storage use the in-memory
 * backend behind the same interface.
 */
export type StoreName = 'documents' | 'runs';

export interface StorageBackend {
  readonly kind: 'indexeddb' | 'memory';
  get(store: StoreName, key: string): Promise<unknown>;
  getAll(store: StoreName): Promise<{ key: string; value: unknown }[]>;
  put(store: StoreName, key: string, value: unknown): Promise<void>;
  delete(store: StoreName, key: string): Promise<void>;
  /** Deletes several values in one transaction: all of them or, if it fails, none. */
  deleteMany(store: StoreName, keys: readonly string[]): Promise<void>;
  close(): void;
}

export const DATABASE_NAME = 'tunelab';
/**
 * IndexedDB's own version: bump it only when object stores change (the upgrade callback below
 * creates them). The shape of the values has its own version, see records.ts.
 */
export const DATABASE_VERSION = 1;

export function memoryBackend(): StorageBackend & { stores: Record<StoreName, Map<string, unknown>> } {
  const stores: Record<StoreName, Map<string, unknown>> = { documents: new Map(), runs: new Map() };
  // Values are cloned as IndexedDB clones them, so a test cannot pass by sharing an object.
  const clone = <T>(value: T): T => structuredClone(value);
  return {
    kind: 'memory',
    stores,
    async get(store, key) {
      return clone(stores[store].get(key));
    },
    async getAll(store) {
      return [...stores[store].entries()].map(([key, value]) => ({ key, value: clone(value) }));
    },
    async put(store, key, value) {
      stores[store].set(key, clone(value));
    },
    async deleteMany(store, keys) {
      for (const key of keys) stores[store].delete(key);
    },
    async delete(store, key) {
      stores[store].delete(key);
    },
    close() {},
  };
}

/** Opens IndexedDB; rejects when the browser has none or refuses it (some private modes). */
export async function openIndexedDbBackend(name = DATABASE_NAME): Promise<StorageBackend> {
  if (typeof indexedDB === 'undefined') throw new Error('IndexedDB is not available in this browser');
  const db: IDBPDatabase = await openDB(name, DATABASE_VERSION, {
    upgrade(database) {
      // Out-of-line keys: the key is the document name or the run's id.
      if (!database.objectStoreNames.contains('documents')) database.createObjectStore('documents');
      if (!database.objectStoreNames.contains('runs')) database.createObjectStore('runs');
    },
    blocking() {
      // Another tab opened a newer version: let it upgrade rather than block it.
      db.close();
    },
  });
  return {
    kind: 'indexeddb',
    async get(store, key) {
      return db.get(store, key);
    },
    async getAll(store) {
      const tx = db.transaction(store);
      const [keys, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll()]);
      await tx.done;
      return keys.map((key, i) => ({ key: String(key), value: values[i] }));
    },
    async put(store, key, value) {
      await db.put(store, value, key);
    },
    async delete(store, key) {
      await db.delete(store, key);
    },
    async deleteMany(store, keys) {
      // One transaction, not one per run: deleting a hundred runs commits in one go, so a reload
      // right after cannot find half of them still there (measured: 98 of 130 came back).
      const tx = db.transaction(store, 'readwrite');
      await Promise.all([...keys.map((key) => tx.store.delete(key)), tx.done]);
    },
    close() {
      db.close();
    },
  };
}

/** Is this failure the browser saying the storage is full? */
export function isQuotaError(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return (
    name === 'QuotaExceededError' ||
    name === 'NS_ERROR_DOM_QUOTA_REACHED' ||
    /quota/i.test(String((error as Error | null)?.message ?? ''))
  );
}
