import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default', './test/summary-reporter.ts'],
    projects: [
      { test: { name: 'unit', include: ['src/**/*.test.ts'], exclude: ['**/*.int.test.ts', '**/node_modules/**'], testTimeout: 60_000 } },
      {
        test: {
          name: 'int-pglite', include: ['src/**/*.int.test.ts'], testTimeout: 30_000, hookTimeout: 60_000,
          env: { SPIRE_TEST_DB: 'pglite' }, globalSetup: ['test/db-setup.ts'],
        },
      },
      {
        test: {
          name: 'int-postgres', include: ['src/**/*.int.test.ts'], testTimeout: 30_000, hookTimeout: 60_000,
          env: { SPIRE_TEST_DB: 'postgres' }, globalSetup: ['test/db-setup.ts'],
        },
      },
      {
        test: {
          name: 'browser', include: ['test/e2e/**/*.e2e.test.ts'], testTimeout: 60_000, hookTimeout: 120_000,
          env: { SPIRE_TEST_DB: 'pglite' }, globalSetup: ['test/build-web.ts'], fileParallelism: false,
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
