import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['domain/**/*.test.ts', 'ingest/**/*.test.ts', 'test/**/*.test.ts', 'api/**/*.test.ts', 'db/**/*.test.ts', 'workflows/**/*.test.ts', 'scripts/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});
