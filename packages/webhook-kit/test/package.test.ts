import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compactVector, NOW, SECRET, TIMESTAMP } from './vectors.js';

// These tests check the built package (dist/), as a consumer or a bundler sees it; the test
// script builds it first.
const run = promisify(execFile);
const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(await readFile(join(pkgDir, 'package.json'), 'utf8'));
const subpaths = Object.keys(pkg.exports).filter((k) => k !== './package.json');

const verifyScript = (specifier: string) => `
  const kit = await import(${JSON.stringify(specifier)});
  const challenge = await kit.verifyDelivery(${JSON.stringify(compactVector.body)}, {
    'x-socialhub-timestamp': ${JSON.stringify(TIMESTAMP)},
    'x-socialhub-signature': ${JSON.stringify(compactVector.signature)},
  }, { secret: ${JSON.stringify(SECRET)}, now: () => ${NOW} });
  console.log(JSON.stringify({ crypto: kit.cryptoImplementation, challenge }));
`;

describe('the built package', () => {
  let tmp = '';
  beforeAll(async () => {
    expect(existsSync(join(pkgDir, 'dist/index.js')), 'run the build first').toBe(true);
    tmp = await mkdtemp(join(tmpdir(), 'webhook-kit-'));
  });
  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it('lists every subpath with types first, and ships only dist', () => {
    expect(subpaths).toEqual([
      '.',
      './core',
      './node',
      './fetch',
      './express',
      './fastify',
      './testing',
    ]);
    for (const key of subpaths) expect(Object.keys(pkg.exports[key])[0]).toBe('types');
    expect(pkg.files).toEqual(['dist']);
    expect(pkg.sideEffects).toBe(false);
  });

  it('selects node:crypto under Node and verifies the shared vector', async () => {
    const { stdout } = await run(
      process.execPath,
      ['--input-type=module', '-e', verifyScript('@socialhub/webhook-kit')],
      {
        cwd: pkgDir,
      },
    );
    expect(JSON.parse(stdout)).toEqual({ crypto: 'node', challenge: compactVector.challenge });
  });

  it('loads every subpath under Node', async () => {
    const script = `for (const s of ${JSON.stringify(subpaths.map((s) => s.replace('.', '@socialhub/webhook-kit')))}) await import(s); console.log('ok');`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      cwd: pkgDir,
    });
    expect(stdout.trim()).toBe('ok');
  });

  it('selects Web Crypto for a browser / worker bundle, which verifies the same vector', async () => {
    const outfile = join(tmp, 'bundle.mjs');
    const result = await build({
      stdin: { contents: verifyScript('@socialhub/webhook-kit'), resolveDir: pkgDir, loader: 'js' },
      bundle: true,
      platform: 'browser',
      format: 'esm',
      outfile,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((f) => f.endsWith('dist/crypto/crypto-web.js'))).toBe(true);
    expect(inputs.some((f) => f.endsWith('dist/crypto/crypto-node.js'))).toBe(false);
    const { stdout } = await run(process.execPath, [
      '--input-type=module',
      '-e',
      `await import(${JSON.stringify(pathToFileURL(outfile).href)})`,
    ]);
    expect(JSON.parse(stdout)).toEqual({ crypto: 'web', challenge: compactVector.challenge });
  });
  // publint and arethetypeswrong run on the packed tarball for every published package:
  // scripts/consumer/check-package.ts, in the consumer test of `npm test`.
});
