import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** The tests of the repository's own scripts (bootstrap, system packages, consumer checks). */
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['scripts/test/**/*.test.ts'],
  },
});
