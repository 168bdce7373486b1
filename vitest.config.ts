import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Says once when the real seed documents are absent (their tests are skipped).
    globalSetup: ['test/helpers/global-setup.ts'],
    // Fails any test that would reach a Temporal server it did not start.
    setupFiles: ['test/helpers/server-guard.ts'],
    // Temporal's core bridge is a native module: forks, not threads.
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Two cores: each Temporal test file starts its own server.
    maxWorkers: 2,
  },
});
