import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCliOptions } from '../src/cli/serve-options.js';
import { call } from './helpers.js';

// These tests run the built CLI (dist/cli/main.js), as `socialhub-mock` runs it.
const cli = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const run = promisify(execFile);

interface Started {
  child: ChildProcess;
  url: string;
  token: string;
  output: () => string;
}

function startCli(args: string[]): Promise<Started> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, '--port', '0', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the CLI did not start:\n${output}`)), 10_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      const token = /access token:\n(\S+)\n/.exec(output)?.[1];
      if (url && token) {
        clearTimeout(timer);
        resolve({ child, url, token, output: () => output });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`the CLI exited with ${code}:\n${output}`)));
  });
}

const stop = (child: ChildProcess, signal: NodeJS.Signals) =>
  new Promise<number | null>((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', (code) => resolve(code));
    child.kill(signal);
  });

describe('the socialhub-mock CLI', () => {
  let dir = '';
  beforeAll(async () => {
    expect(existsSync(cli), 'build the package first').toBe(true);
    dir = await mkdtemp(join(tmpdir(), 'socialhub-mock-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('parses its options', () => {
    expect(
      parseCliOptions([
        '--port',
        '8080',
        '--host',
        '0.0.0.0',
        '--seed',
        '7',
        '--state',
        's.json',
        '--log',
      ]),
    ).toEqual({
      help: false,
      options: {
        port: 8080,
        host: '0.0.0.0',
        seed: 7,
        stateFile: 's.json',
        log: true,
        demoChannel: true,
      },
    });
    expect(parseCliOptions(['-h'])).toEqual({ help: true });
    expect(() => parseCliOptions(['--port', 'x'])).toThrow(/--port must be an integer/);
    expect(() => parseCliOptions(['--port', '70000'])).toThrow(/--port/);
    expect(() => parseCliOptions(['--nope'])).toThrow(/@socialhub\/mock-server/);
  });

  it('prints usage for --help and exits 2 on a bad option', async () => {
    expect((await run(process.execPath, [cli, '--help'])).stdout).toMatch(/^Usage: socialhub-mock/);
    await expect(run(process.execPath, [cli, '--port', 'abc'])).rejects.toMatchObject({ code: 2 });
  });

  it('prints a ready demo channel and its token; the token works', async () => {
    const started = await startCli(['--seed', '3']);
    try {
      const info = await call(started, 'GET', '/', { token: started.token });
      expect(info.status).toBe(200);
      expect(info.body.channel.name).toBe('Demo Channel');
      expect(started.output()).not.toContain(`accesstoken=${started.token}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(started.output()).not.toMatch(/GET \/ 200/); // requests are logged only with --log
    } finally {
      await stop(started.child, 'SIGTERM');
    }
  });

  it('--log logs requests without their query string', async () => {
    const started = await startCli(['--log']);
    try {
      await call(started, 'GET', '/', { token: started.token });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(started.output()).toMatch(/GET \/ 200 /);
      // printed at start only: on its line and in the command to paste, never in the request log
      expect(started.output().split(started.token)).toHaveLength(3);
    } finally {
      await stop(started.child, 'SIGTERM');
    }
  });

  it('--state: a restart loses nothing, even after SIGKILL', async () => {
    const file = join(dir, 'state.json');
    const first = await startCli(['--state', file]);
    const created = await call(first, 'POST', '/inbox/tickets', {
      token: first.token,
      body: { interaction: { networkItemId: 'persisted-1', message: 'kept' } },
    });
    expect(created.status).toBe(201);
    const channel = await call(first, 'POST', '/_mock/channels', { body: { name: 'Second' } });
    expect(await stop(first.child, 'SIGKILL')).toBeNull();
    expect(JSON.parse(await readFile(file, 'utf8')).version).toBe(1);

    const second = await startCli(['--state', file]);
    try {
      expect(second.token).toBe(first.token);
      const again = await call(second, 'POST', '/inbox/tickets', {
        token: first.token,
        body: { interaction: { networkItemId: 'persisted-1', message: 'again' } },
      });
      expect(again.status).toBe(409);
      expect((await call(second, 'GET', '/', { token: channel.body.accessToken })).status).toBe(
        200,
      );
      const tickets = await call(second, 'GET', '/_mock/tickets');
      expect(tickets.body.map((t: { _id: string }) => t._id)).toEqual([created.body._id]);
    } finally {
      expect(await stop(second.child, 'SIGTERM')).toBe(0);
    }
  });

  it('refuses a state file that is not its own', async () => {
    const file = join(dir, 'bad.json');
    await import('node:fs/promises').then((fs) => fs.writeFile(file, '{"hello":1}'));
    await expect(
      run(process.execPath, [cli, '--port', '0', '--state', file]),
    ).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('is not a @socialhub/mock-server state'),
    });
  });
});
