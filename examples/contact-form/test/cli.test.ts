import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { MockServer } from '@socialhub/mock-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { controlOk, postForm, SECRET, startMock, ticketsOf } from './helpers.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));

/** Runs `src/main.ts` with `env`; resolves with its output once `until` shows up or it exits. */
function run(env: Record<string, string>, until: RegExp) {
  const child = spawn(tsx, ['src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const done = new Promise<{ output: string; code: number | null }>((resolve) => {
    const check = () => until.test(output) && resolve({ output, code: null });
    child.stdout.on('data', (chunk) => {
      output += chunk;
      check();
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
      check();
    });
    child.on('exit', (code) => resolve({ output, code }));
  });
  return { child, done };
}

describe('the CLI (src/main.ts)', () => {
  let mock: MockServer;
  let child: ChildProcess | undefined;
  beforeEach(async () => {
    mock = await startMock();
  });
  afterEach(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await mock.close();
  });

  it('sets the manifest, prints the URLs to open and never the token or the secret', async () => {
    const { channel, accessToken } = await controlOk(mock, 'POST', '/_mock/channels', {
      name: 'CLI',
    });
    const started = run(
      { SOCIALHUB_URL: mock.url, SOCIALHUB_TOKEN: accessToken, WEBHOOK_SECRET: SECRET, PORT: '0' },
      /add channel +\S+/,
    );
    child = started.child;
    const { output, code } = await started.done;
    expect(code, output).toBeNull();
    expect(output).toContain('manifest set');
    expect(output).not.toContain(accessToken);
    expect(output).not.toContain(SECRET);
    const url = /contact form +(http:\/\/\S+)\//.exec(output)?.[1] as string;
    expect(
      (await postForm({ url }, { name: 'Cli', email: 'cli@example.com', message: 'Hi' })).status,
    ).toBe(200);
    expect(await ticketsOf(mock, channel._id)).toHaveLength(1);
  });

  it('exits 1 with the usage when WEBHOOK_SECRET is missing, and with a reason for a bad token', async () => {
    const missing = await run({}, /$^/).done;
    expect(missing.code).toBe(1);
    expect(missing.output).toContain('WEBHOOK_SECRET is not set');
    const bad = await run(
      { WEBHOOK_SECRET: SECRET, SOCIALHUB_TOKEN: 'not-a-token', PORT: '0' },
      /$^/,
    ).done;
    expect(bad.code).toBe(1);
    expect(bad.output).toContain('accessToken is not a channel token');
    expect(bad.output).not.toContain('not-a-token');
  });
});
