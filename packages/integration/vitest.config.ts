import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    typecheck: { enabled: true, include: ['src/**/*.test-d.ts', 'test/**/*.test-d.ts'] },
    // The proof tests start PostgreSQL and child processes; give them room on a shared machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
