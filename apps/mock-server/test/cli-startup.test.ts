import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { ACTIONS, call, SECRET, startReceiver } from './helpers.js';

const cli = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const run = promisify(execFile);

interface Started {
  child: ChildProcess;
  url: string;
  token: string;
  output: () => string;
  /** Resolves when the output matches. */
  waitFor(pattern: RegExp): Promise<string>;
}

function startCli(args: string[]): Promise<Started> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, '--port', '0', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const listeners = new Set<() => void>();
    const timer = setTimeout(() => reject(new Error(`the CLI did not start:\n${output}`)), 10_000);
    const started: Started = {
      child,
      url: '',
      token: '',
      output: () => output,
      waitFor: (pattern) =>
        new Promise((found, fail) => {
          const stop = setTimeout(() => {
            listeners.delete(check);
            fail(new Error(`${pattern} not printed:\n${output}`));
          }, 5000);
          const check = () => {
            const match = pattern.exec(output);
            if (!match) return;
            clearTimeout(stop);
            listeners.delete(check);
            found(match[0]);
          };
          listeners.add(check);
          check();
        }),
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      for (const listener of [...listeners]) listener();
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      const token = /access token:\n(\S+)\n/.exec(output)?.[1];
      if (url && token && /trigger --help/.test(output) && !started.url) {
        clearTimeout(timer);
        Object.assign(started, { url, token });
        resolve(started);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`the CLI exited with ${code}:\n${output}`)));
  });
}

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', () => resolve());
    child.kill('SIGTERM');
  });

describe('socialhub-mock start-up (issue 12 point 4)', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('--version and -v print the package version', async () => {
    const { version } = JSON.parse(
      await readFile(new URL('../package.json', import.meta.url), 'utf8'),
    );
    for (const flag of ['--version', '-v'])
      expect((await run(process.execPath, [cli, flag])).stdout.trim()).toBe(version);
    expect((await run(process.execPath, [cli, '--help'])).stdout).toMatch(/-v, --version/);
  });

  it.runIf(existsSync('/usr/bin/curl') || existsSync('/bin/curl'))(
    'prints a start-up hint that works when pasted into a shell, with no token in a URL',
    async () => {
      const started = await startCli([]);
      cleanups.push(() => stop(started.child));
      const lines = started.output().split('\n');
      const from = lines.findIndex((line) => line.startsWith('Try it'));
      const commands = lines.slice(from + 1, from + 3).map((line) => line.trim());
      expect(commands[0]).toMatch(/^export SOCIALHUB_TOKEN='eyJ/);
      expect(commands[1]).toMatch(/^curl /);
      expect(started.output()).not.toMatch(/accesstoken=ey/);
      const { stdout } = await run('sh', ['-c', commands.join('\n')]);
      const body = JSON.parse(stdout);
      expect(body.channel.name).toBe('Demo Channel');
    },
  );

  it('--log prints successful deliveries (query values redacted); without it only failures', async () => {
    const receiver = await startReceiver();
    cleanups.push(() => receiver.close());
    const webhookUrl = `${receiver.url}?apikey=k-secret-123`;
    const started = await startCli(['--log']);
    cleanups.push(() => stop(started.child));
    const set = await call(started, 'PATCH', '/manifest', {
      token: started.token,
      body: { webhook: { url: webhookUrl, secret: SECRET }, inbox: { ticketActions: ACTIONS } },
    });
    expect(set.status).toBe(200);
    expect(
      await started.waitFor(/webhook: test request to \S+ delivered \(200 in \d+ ms\)/),
    ).toContain('/webhook?apikey=[redacted]');
    const ticket = await call(started, 'POST', '/inbox/tickets', {
      token: started.token,
      body: { interaction: { networkItemId: 'question-000001', message: 'Hi?' } },
    });
    const user = await call(started, 'POST', '/_mock/users', { body: {} });
    await call(started, 'POST', `/api2/inbox/tickets/${ticket.body._id}/actions/like`, {
      token: user.body.accessToken,
      body: {},
    });
    await started.waitFor(/webhook: delivery of 1 ticket_action event to \S+ delivered/);
    expect(started.output()).not.toContain('k-secret-123');

    const quiet = await startCli([]);
    cleanups.push(() => stop(quiet.child));
    await call(quiet, 'PATCH', '/manifest', {
      token: quiet.token,
      body: { webhook: { url: receiver.url, secret: SECRET } },
    });
    await call(quiet, 'GET', '/_mock/wait/delivery', { query: { kind: 'test' } });
    expect(quiet.output()).not.toMatch(/delivered/);
  });
});
