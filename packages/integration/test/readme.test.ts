import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createMockServer } from '@socialhub/mock-server';
import { describe, expect, it } from 'vitest';
import { freePort } from './helpers/http.js';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('the README quick start', () => {
  it('is about 30 lines, runs as written, serves the webhook and sets the manifest', async () => {
    const code = /```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    expect(code.split('\n').length).toBeLessThanOrEqual(45);
    // Inside the package folder, so that `@socialhub/integration` resolves to this package.
    const file = `${pkgDir}.readme-quick-start.mts`;
    const db = `${pkgDir}socialhub.db`;
    writeFileSync(file, code);
    const mock = await createMockServer();
    const { channel, accessToken } = await mock.control.createChannel({ name: 'README' });
    const port = await freePort();
    const child = spawn(process.execPath, ['--no-warnings', '--import', 'tsx', file], {
      cwd: pkgDir,
      env: {
        ...process.env,
        SOCIALHUB_URL: mock.url,
        SOCIALHUB_TOKEN: accessToken,
        SOCIALHUB_WEBHOOK_SECRET: 'q'.repeat(40),
        PORT: String(port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let output = '';
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk) => {
          output += chunk;
          if (output.includes('listening on')) resolve();
        });
        child.stderr.on('data', (chunk) => {
          output += chunk;
        });
        child.once('exit', (exit) => reject(new Error(`exited ${exit}: ${output}`)));
      });
      expect(output).toContain(`listening on http://127.0.0.1:${port}`);
      expect(output).not.toContain(accessToken);
      const [test] = await mock.control.deliveries({
        channelId: channel._id as string,
        kind: 'test',
      });
      expect(test?.outcome).toBe('delivered');
    } finally {
      child.kill('SIGKILL');
      await mock.close();
      rmSync(file, { force: true });
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${db}${suffix}`, { force: true });
    }
  });
});
