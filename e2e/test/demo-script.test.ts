import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Runs `tsx scripts/demo.ts` as `pnpm run main` does, and collects what it prints. */
function runDemo(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the demo (`pnpm run main`)', () => {
  it('--check starts both servers, checks the whole loop, prints the URLs and stops', async () => {
    const { code, stdout, stderr } = await runDemo(['--', '--check'], {
      DEMO_SOCIALHUB_PORT: '0',
      DEMO_EXAMPLE_PORT: '0',
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^ {2}Inbox {9}http:\/\/127\.0\.0\.1:\d+\/app\/#\/inbox\/[a-f0-9]{24}$/m,
    );
    expect(stdout).toMatch(/^ {2}Contact form {2}http:\/\/127\.0\.0\.1:\d+\/$/m);
    expect(stdout).toMatch(/^ {2}Deliveries {4}http:\/\/127\.0\.0\.1:\d+\/app\/#\/deliveries$/m);
    expect(stdout).toContain('check: a reply reached the example');
    expect(stdout).toContain('check: "Add Channel" connected a channel');
    expect(stdout).toContain('demo check passed');
    // No token (a JWT) and no webhook secret (64 hex characters) is ever printed.
    expect(stdout).not.toMatch(/eyJ[\w-]+\.[\w-]+/);
    expect(stdout).not.toMatch(/[a-f0-9]{64}/);
  });

  it('DEMO_EXIT_AFTER_READY=1 does the same', async () => {
    const { code, stdout } = await runDemo([], {
      DEMO_SOCIALHUB_PORT: '0',
      DEMO_EXAMPLE_PORT: '0',
      DEMO_EXIT_AFTER_READY: '1',
    });
    expect(code).toBe(0);
    expect(stdout).toContain('demo check passed');
  });

  it('keeps running until Ctrl-C, then closes both servers and exits 0', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo.ts'], {
      cwd: ROOT,
      env: { ...process.env, DEMO_SOCIALHUB_PORT: '0', DEMO_EXAMPLE_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    const ready = new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
        if (stdout.includes('Press Ctrl-C to stop.')) resolve();
      });
    });
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    await ready;
    const inbox = /Inbox +(\S+)/.exec(stdout)?.[1] as string;
    const form = /Contact form +(\S+)/.exec(stdout)?.[1] as string;
    expect((await fetch(inbox)).status).toBe(200);
    expect((await fetch(form)).status).toBe(200);
    child.kill('SIGINT');
    expect(await closed).toBe(0);
    expect(stdout).toContain('the mock SocialHub and the example are stopped');
    await expect(fetch(inbox)).rejects.toThrow();
    await expect(fetch(form)).rejects.toThrow();
  });

  it('names the port and the variable to change when a port is taken', async () => {
    const { createServer } = await import('node:net');
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const { code, stderr } = await runDemo(['--check'], {
        DEMO_SOCIALHUB_PORT: String(port),
        DEMO_EXAMPLE_PORT: '0',
      });
      expect(code).toBe(1);
      expect(stderr).toContain(`port ${port} (the mock SocialHub) is in use`);
      expect(stderr).toContain('DEMO_SOCIALHUB_PORT');
    } finally {
      blocker.close();
    }
  });

  it('refuses a bad port and an unknown argument', async () => {
    const bad = await runDemo(['--check'], { DEMO_SOCIALHUB_PORT: 'lots' });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('DEMO_SOCIALHUB_PORT must be an integer');
    const unknown = await runDemo(['--chek'], {});
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown argument --chek');
  });
});
