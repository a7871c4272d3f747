import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { describe, expect, it } from 'vitest';

// These tests check the built package (dist/) as a consumer sees it.
const run = promisify(execFile);
const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(await readFile(join(pkgDir, 'package.json'), 'utf8'));

describe('the built package', () => {
  it('has the house package shape', () => {
    expect(Object.keys(pkg.exports)).toEqual(['.', './msw', './package.json']);
    expect(Object.keys(pkg.exports['.'])[0]).toBe('types');
    expect(pkg.files).toEqual(['dist']);
    expect(pkg.sideEffects).toBe(false);
    expect(pkg.type).toBe('module');
    expect(pkg.engines.node).toBe('^22.13.0 || ^24.0.0 || >=26.0.0');
    expect(pkg.publishConfig).toEqual({ access: 'public', provenance: true });
    expect(pkg.bin).toEqual({ 'socialhub-mock': './dist/cli/main.js' });
  });

  it('passes publint', async () => {
    expect(existsSync(join(pkgDir, 'dist/index.js')), 'run the build first').toBe(true);
    const { messages } = await publint({ pkgDir, level: 'warning' });
    expect(messages).toEqual([]);
  });

  it('the bin starts with a node shebang, and the entry loads under plain Node', async () => {
    expect(
      (await readFile(join(pkgDir, 'dist/cli/main.js'), 'utf8')).startsWith(
        '#!/usr/bin/env node\n',
      ),
    ).toBe(true);
    const script = `
      const { createMockServer } = await import('@socialhub/mock-server');
      const mock = await createMockServer({ seed: 1 });
      const { accessToken } = await mock.control.createChannel({ name: 'x' });
      const response = await fetch(mock.url + '/?accesstoken=' + accessToken);
      console.log(response.status);
      await mock.close();
    `;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      cwd: pkgDir,
    });
    expect(stdout.trim()).toBe('200');
  });
});
