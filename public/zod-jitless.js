// Zod compiles its object parsers with `new Function` when it may, and decides while the first
// schemas are built: its probe for eval is a Content-Security-Policy violation on every load
// (src/csp.config.ts refuses eval). Zod reads this global when it loads, so it is set by a plain
// script that runs before the app's modules. Our objects are small: parsing without compiling
// costs nothing measurable.
// Only zod classic's objects compile; the app's schemas use zod/mini, whose objects never probe, so
// this is a guard for now: a classic schema, anywhere in the page, would probe again without it.
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, { jitless: true });
