import { defineConfig } from 'vitest/config';

// Integration tests share a migrated database per worker; two cores, so two workers at most.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default', 'json'],
    outputFile: { json: '.ci/out/vitest.json' },
  },
});
