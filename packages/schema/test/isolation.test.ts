import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL('..', import.meta.url));

/** Imports `entry` in a fresh Node process in which importing zod throws. */
async function importWithoutZod(entry: string): Promise<{ ok: boolean; output: string }> {
  const script = `await import(${JSON.stringify(entry)}); console.log('imported');`;
  try {
    const { stdout } = await run(
      process.execPath,
      [
        '--import',
        'tsx',
        '--import',
        './test/fixtures/forbid-zod.mjs',
        '--input-type=module',
        '-e',
        script,
      ],
      { cwd: packageDir },
    );
    return { ok: true, output: stdout };
  } catch (error) {
    return { ok: false, output: String((error as { stderr?: string }).stderr ?? error) };
  }
}

describe('type and table entries never load zod', () => {
  test.each([
    './src/index.ts',
    './src/api2/index.ts',
    './src/api2/operations.ts',
    './src/public/index.ts',
    './src/public/operations.ts',
    './src/public/transport.ts',
    './src/api2/transport.ts',
    './src/tokens/index.ts',
    './src/webhooks/index.ts',
  ])('%s', async (entry) => {
    const result = await importWithoutZod(entry);
    expect(result.output).toContain('imported');
    expect(result.ok).toBe(true);
  });

  test('the guard does catch a zod import', async () => {
    const result = await importWithoutZod('./src/webhooks/zod.ts');
    expect(result.ok).toBe(false);
    expect(result.output).toContain('forbidden import of zod');
  });
});
