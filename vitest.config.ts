import { defineConfig } from 'vitest/config';
import { SlowFirstSequencer } from './test/support/slow-first-sequencer.ts';

/**
 * Files that run the same way whatever TEST_DATABASE_URL says: they start `tollbook` processes or
 * runtimes on an embedded data directory of their own (the CLI, `serve --data-dir`, kill and
 * restart of the embedded process, backup and restore) or drive the browser against the embedded
 * demo. The PostgreSQL pass would repeat them identically, so it leaves them to the PGlite pass.
 */
export const embeddedOnly = [
  'test/platform/cli-and-embedded.test.ts',
  'test/platform/process-lifecycle.test.ts',
  'test/platform/backup-restore.test.ts',
  'test/reliability/bill-run-recovery.test.ts',
  'test/reliability/bulk-issue-recovery.test.ts',
  'test/reliability/email-delivery.test.ts',
  'test/reliability/payment-import.test.ts',
  'test/reliability/session-recovery.test.ts',
  'test/reliability/webhook-delivery-kill.test.ts',
  'test/usage/cli-import.test.ts',
  'test/outputs/accounting-cli.test.ts',
  'test/e2e/**',
];

// Integration tests share a migrated database per worker; two cores, so two workers at most.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', ...(process.env.TEST_DATABASE_URL ? embeddedOnly : [])],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    // The longest files start first, so that neither worker is left with one at the end.
    sequence: { sequencer: SlowFirstSequencer },
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default', 'json'],
    outputFile: { json: '.ci/out/vitest.json' },
  },
});
