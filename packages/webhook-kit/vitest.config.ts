import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      // The package `imports` map points at dist/; tests run on the sources.
      '#crypto': here('./src/crypto/crypto-node.ts'),
      // TEMP until @socialhub/schema publishes its exports map.
      '@socialhub/schema/webhooks/zod': here('../schema/src/webhooks/zod.ts'),
      '@socialhub/schema/public/zod': here('../schema/src/public/zod.ts'),
    },
  },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    typecheck: {
      enabled: true,
      include: ['src/**/*.test-d.ts', 'test/**/*.test-d.ts'],
      tsconfig: './tsconfig.tmp.json',
    },
  },
});
