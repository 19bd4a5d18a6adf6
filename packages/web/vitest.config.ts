import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const domainSources = fileURLToPath(new URL('../domain/src/index.ts', import.meta.url));

/**
 * Two projects in one run (one report for `npm test`): unit tests of the view logic, and the
 * browser tests, which start the real registry and Chromium once per file and run one file at a
 * time (two cores; each file's registry and browser are heavy).
 */
export default defineConfig({
  resolve: { alias: { '@ccpor/domain': domainSources } },
  test: {
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts'], environment: 'node' } },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 240_000,
          pool: 'forks',
          // `npm test` runs every package's suites at once on two cores: a page may take seconds to settle.
          expect: { poll: { timeout: 20_000, interval: 100 } },
        },
      },
    ],
  },
});
