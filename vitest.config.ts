import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    setupFiles: ['tests/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // End-to-end tests start processes and a browser; keep them from competing for the two cores.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
