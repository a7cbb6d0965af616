import { defineConfig } from 'vitest/config';

// Two projects: pure unit tests need no services; integration tests share ONE PostgreSQL
// and ONE Temporal dev server started by the global setup.
export default defineConfig({
  test: {
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['*.test.ts', 'domain/**/*.test.ts', 'ingest/**/*.test.ts', 'scripts/**/*.test.ts'],
          // Property tests run thousands of cases; on a shared 2-core machine 5 s is not enough.
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          globalSetup: ['test/helpers/globalSetup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
