import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Temporal's core bridge is a native module: forks, not threads.
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Two cores: each Temporal test file starts its own server.
    maxWorkers: 2,
  },
});
