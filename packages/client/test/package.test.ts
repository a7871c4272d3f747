import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';

// These tests check the built package (dist/), as a consumer or a bundler sees it; the test
// script builds it first.
const run = promisify(execFile);
const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(await readFile(join(pkgDir, 'package.json'), 'utf8'));
const subpaths = Object.keys(pkg.exports).filter((k) => k !== './package.json');

describe('the built package', () => {
  beforeAll(() => {
    expect(existsSync(join(pkgDir, 'dist/index.js')), 'run the build first').toBe(true);
  });

  it('lists every subpath with types first, and ships only dist', () => {
    expect(subpaths).toEqual(['.', './integration']);
    for (const key of subpaths) expect(Object.keys(pkg.exports[key])[0]).toBe('types');
    expect(pkg.files).toEqual(['dist']);
    expect(pkg.sideEffects).toBe(false);
  });

  it('loads every subpath under Node', async () => {
    const script = `
      const root = await import('@socialhub/client');
      const integration = await import('@socialhub/client/integration');
      console.log(JSON.stringify([typeof root.createPublicClient, typeof integration.createTicket]));`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      cwd: pkgDir,
    });
    expect(JSON.parse(stdout)).toEqual(['function', 'function']);
  }, 30_000);

  // The size itself is measured against its budget in bench/size (`pnpm --filter @socialhub/bench size`).
  it('bundles openapi-fetch and loads no zod', async () => {
    const result = await build({
      stdin: {
        contents:
          "export * from '@socialhub/client'; export * from '@socialhub/client/integration';",
        resolveDir: pkgDir,
        loader: 'js',
      },
      bundle: true,
      minify: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((f) => f.includes('zod'))).toBe(false);
    expect(inputs.some((f) => f.includes('openapi-fetch'))).toBe(true);
  }, 30_000);
  // publint and arethetypeswrong run on the packed tarball for every published package:
  // scripts/consumer/check-package.ts, in the consumer test of `npm test`.
});
