import { describe, expect, it, vi } from 'vitest';

// Every call to a zod builder (z.object, z.number, …) while the page's modules load is CPU spent in
// the task before first paint; the schemas are built on first validation instead.
const calls = vi.hoisted(() => ({ count: 0 }));

vi.mock('zod/mini', async (importOriginal) => {
  const real = await importOriginal<typeof import('zod/mini')>();
  // zod/mini is imported as a namespace (`import * as z`): each of its functions, counted. Classes
  // (ZodMiniType, …) are left as they are, so `new` and `instanceof` still work on them.
  const counting = Object.fromEntries(
    Object.entries(real).map(([key, value]) =>
      typeof value === 'function' && !/^[A-Z$]/.test(key)
        ? [
            key,
            (...args: unknown[]) => {
              calls.count++;
              return (value as (...a: unknown[]) => unknown)(...args);
            },
          ]
        : [key, value],
    ),
  );
  return counting;
});

describe('zod schemas', () => {
  it('are not built while the modules load, and are built once on first validation', async () => {
    // The page's static graph (every page's components), then each module that holds a schema; the
    // data setup main.tsx also imports starts saving at once, so only its schema modules are loaded.
    await import('../../src/App');
    const schema = await import('../../src/core/config/schema');
    const modules = await Promise.all([
      import('../../src/core/link/codec'),
      import('../../src/core/export/experiment'),
      import('../../src/core/sequence/config'),
      import('../../src/core/train/verdict-schema'),
      import('../../src/core/tune/space'),
      import('../../src/core/userdata/digits'),
      import('../../src/core/userdata/link-data'),
      import('../../src/store/persistence/records'),
    ]);
    expect(modules).toHaveLength(8);
    expect(calls.count).toBe(0);

    expect(schema.validateConfig({ learningRate: 0.03 }).ok).toBe(true);
    expect(schema.validateConfig({ learningRate: -1 }).ok).toBe(false);
    const built = calls.count;
    expect(built).toBeGreaterThan(0);
    expect(schema.validateConfig({ learningRate: 0.1 }).ok).toBe(true);
    expect(calls.count).toBe(built);
  });
});
