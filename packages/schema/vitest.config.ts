import { defineConfig } from 'vitest/config';

/** Unit tests in test/*.test.ts; type tests in test/*.test-d.ts run through tsc (typecheck mode). */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    typecheck: {
      enabled: true,
      include: ['test/**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
    },
  },
});
