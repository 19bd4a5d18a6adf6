import type { Extension } from '@electric-sql/pglite';

// The contrib bundles are reachable only through the package's "exports" map, which the
// project's TypeScript resolution (node10) does not read; Node and jest do, so a plain
// require finds the CommonJS build, and its type is stated here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { pg_trgm } = require('@electric-sql/pglite/contrib/pg_trgm') as { pg_trgm: Extension };

/**
 * Extensions a PGlite instance needs for the search views; pass them when creating it:
 * `PGlite.create(dataDir, { extensions: pgliteViewExtensions })`. pg_trgm ships inside the
 * npm package and loads without any network access (measured; docs/performance-goals.md).
 */
export const pgliteViewExtensions: Record<string, Extension> = { pg_trgm };
