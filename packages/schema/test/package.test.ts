import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { beforeAll, describe, expect, test } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as {
  exports: Record<string, string | Record<string, string>>;
};

const run = promisify(execFile);
const tsc = fileURLToPath(import.meta.resolve('typescript/bin/tsc'));

describe('the built package', () => {
  beforeAll(async () => {
    // publint and the example read the files the exports point at, so build them first.
    await run(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: packageDir });
  }, 120_000);

  test('the README starts with examples/quick-start.ts, which type-checks and runs', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    const example = await readFile(new URL('../examples/quick-start.ts', import.meta.url), 'utf8');
    expect(/```ts\n([\s\S]*?)```/.exec(readme)?.[1]).toBe(example);
    await run(process.execPath, [tsc, '-p', 'examples/tsconfig.json'], { cwd: packageDir });
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'examples/quick-start.ts'], {
      cwd: packageDir,
    });
    expect(stdout).toBe('get /channels getChannelsQuery\nSupport\ndisabled\n');
  }, 60_000);

  test('publint finds nothing to warn about', async () => {
    const { messages, pkg: manifest } = await publint({
      pkgDir: packageDir,
      level: 'suggestion',
      pack: 'pnpm',
      strict: true,
    });
    expect(messages.map((m) => formatMessage(m, manifest, { color: false }))).toEqual([]);
  });

  test('every subpath lists types first, and every source entry has a subpath', async () => {
    for (const [subpath, target] of Object.entries(pkg.exports)) {
      if (typeof target === 'object') expect(Object.keys(target)[0], subpath).toBe('types');
    }
    const entries = [
      '.',
      './api2',
      './api2/zod',
      './api2/operations',
      './api2/transport',
      './public',
      './public/zod',
      './public/operations',
      './public/transport',
      './webhooks',
      './webhooks/zod',
      './tokens',
    ];
    for (const entry of entries) expect(pkg.exports, entry).toHaveProperty([entry]);
    expect(Object.keys(pkg.exports).some((k) => k.includes('*'))).toBe(false);
  });
});
