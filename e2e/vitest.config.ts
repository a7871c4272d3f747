import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One Chromium and one demo stack at a time: the flows are heavier than unit tests and CI has 2 cores.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // In CI a browser flow that fails once runs once more (a consistent failure still fails):
    // timing on a loaded 2-core machine is not what these tests are about.
    retry: process.env.CI ? 1 : 0,
  },
});
