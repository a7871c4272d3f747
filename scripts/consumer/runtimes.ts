/**
 * The non-Node runtimes the webhook-kit README names for its fetch adapter: Bun, Deno and
 * workerd (Cloudflare Workers' runtime). Each comes from the npm registry (pinned, installed once
 * into `.tools/runtimes/`), serves webhook-kit's `fetch` handler and `./core` from the installed
 * tarballs, and is sent real signed (and forged) deliveries by a probe running on Node.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './ports.ts';
import { type Started, settle, start } from './processes.ts';
import { toolsDir } from './tools-dir.ts';

const run = promisify(execFile);

/** The npm packages installed into `.tools/runtimes/`, at exact versions. */
export const RUNTIME_PACKAGES = {
  bun: '1.4.4',
  deno: '2.9.6',
  workerd: '1.20261117.1',
  // Bundles the worker for workerd, which does not resolve node_modules (wrangler does the same).
  esbuild: '0.28.2',
} as const;

/** Where the runtimes are installed. */
function runtimesDir(): string {
  return join(toolsDir(), 'runtimes');
}

function binary(name: string): string {
  return join(runtimesDir(), 'node_modules', '.bin', name);
}

/** Installs the runtimes from the npm registry unless the pinned versions are there already. */
export async function installRuntimes(): Promise<void> {
  const dir = runtimesDir();
  const manifest = `${JSON.stringify({ private: true, dependencies: RUNTIME_PACKAGES }, null, 2)}\n`;
  const file = join(dir, 'package.json');
  const installed = existsSync(file) && (await readFile(file, 'utf8')) === manifest;
  if (installed && Object.keys(RUNTIME_PACKAGES).every((name) => existsSync(binary(name)))) return;
  await mkdir(dir, { recursive: true });
  await writeFile(file, manifest);
  await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '--no-save'], {
    cwd: dir,
    maxBuffer: 16 * 1024 * 1024,
  });
}

/** The app every runtime serves: webhook-kit's fetch handler, `./core`, and what it routed. */
const APP = `
import { createWebhookHandler } from '@socialhub/webhook-kit';
import { createFetchHandler } from '@socialhub/webhook-kit/fetch';
import { cryptoImplementation, verifyDelivery } from '@socialhub/webhook-kit/core';

export function createApp(secret) {
  let events = 0;
  const handle = createFetchHandler(
    createWebhookHandler({
      secret,
      mode: 'wait',
      on: { 'channel_action.disabled': () => { events++; } },
    }),
  );
  return async (request, context) => {
    const { pathname } = new URL(request.url);
    if (pathname === '/webhook') return handle(request, context);
    if (pathname === '/core') {
      try {
        const rawBody = new Uint8Array(await request.arrayBuffer());
        return Response.json({ challenge: await verifyDelivery(rawBody, request.headers, { secret }) });
      } catch (error) {
        return Response.json({ code: error.code, message: error.message }, { status: 401 });
      }
    }
    if (pathname === '/seen') return Response.json({ events, crypto: cryptoImplementation });
    return new Response('not found', { status: 404 });
  };
}
`;

const BUN_SERVER = `
import { createApp } from './runtime-app.mjs';
const app = createApp(process.env.SOCIALHUB_WEBHOOK_SECRET);
Bun.serve({ hostname: '127.0.0.1', port: Number(process.env.PORT), fetch: (request, server) => app(request, server) });
`;

const DENO_SERVER = `
import { createApp } from './runtime-app.mjs';
const app = createApp(Deno.env.get('SOCIALHUB_WEBHOOK_SECRET'));
Deno.serve({ hostname: '127.0.0.1', port: Number(Deno.env.get('PORT')), onListen() {} }, (request, info) => app(request, info));
`;

const WORKER = `
import { createApp } from './runtime-app.mjs';
let app;
export default {
  fetch(request, env, ctx) {
    app ??= createApp(env.SOCIALHUB_WEBHOOK_SECRET);
    return app(request, ctx);
  },
};
`;

/** workerd's config: one worker, the secret as a binding read from the environment. */
const workerdConfig = (port: number) => `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [ (name = "main", worker = .worker) ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);

const worker :Workerd.Worker = (
  modules = [ (name = "worker", esModule = embed "worker.bundle.mjs") ],
  compatibilityDate = "2026-01-01",
  bindings = [ (name = "SOCIALHUB_WEBHOOK_SECRET", fromEnvironment = "SOCIALHUB_WEBHOOK_SECRET") ],
);
`;

/** Sends signed and forged deliveries to `/webhook` and `/core`; exits non-zero on a wrong answer. */
const PROBE = `
import { createTestDelivery, createTestEvent } from '@socialhub/webhook-kit/testing';

const base = \`http://127.0.0.1:\${process.env.PORT}\`;
const secret = process.env.SOCIALHUB_WEBHOOK_SECRET;
function check(ok, message) {
  if (!ok) {
    console.error(\`runtime probe: \${message}\`);
    process.exit(1);
  }
}
for (const path of ['/webhook', '/core']) {
  const delivery = await createTestDelivery({
    secret,
    events: { channel_action: [createTestEvent('channel_action.disabled')] },
  });
  const signed = await fetch(delivery.toRequest(base + path));
  const text = await signed.text();
  check(signed.status === 200, \`\${path}: a signed delivery got \${signed.status}: \${text}\`);
  const challenge =
    path === '/webhook' ? signed.headers.get('x-socialhub-challenge') : JSON.parse(text).challenge;
  check(challenge === delivery.challenge, \`\${path}: the challenge is wrong or missing\`);
  const headers = { ...delivery.headers, 'x-socialhub-signature': '0'.repeat(64) };
  const forged = await fetch(base + path, { method: 'POST', body: delivery.rawBody, headers });
  check(forged.status >= 400 && forged.status < 500, \`\${path}: a forged delivery got \${forged.status}\`);
}
const seen = await (await fetch(\`\${base}/seen\`)).json();
check(seen.events === 1, \`the handler saw \${seen.events} events, expected 1\`);
console.log(\`signed deliveries answered with their challenge and routed, forged ones refused (crypto: \${seen.crypto})\`);
`;

/** A runtime the consumer test runs webhook-kit on. */
export interface Runtime {
  name: 'Bun' | 'Deno' | 'workerd';
  /** The version it reports. */
  version: () => Promise<string>;
  /** Writes what it runs into the project and starts it listening on `port`. */
  start: (project: string, port: number, secret: string) => Promise<Started>;
}

async function firstLine(command: string, args: string[]): Promise<string> {
  const { stdout } = await run(command, args);
  return stdout.split('\n')[0]?.trim() ?? '';
}

/** Bun, Deno and workerd, each serving the same app. */
export const RUNTIMES: readonly Runtime[] = [
  {
    name: 'Bun',
    version: () => firstLine(binary('bun'), ['--version']),
    start: async (project, port, secret) => {
      await writeFile(join(project, 'bun-server.mjs'), BUN_SERVER);
      return start(binary('bun'), ['bun-server.mjs'], {
        cwd: project,
        env: { PORT: String(port), SOCIALHUB_WEBHOOK_SECRET: secret },
      });
    },
  },
  {
    name: 'Deno',
    version: async () =>
      (await firstLine(binary('deno'), ['--version'])).replace(/^deno (\S+).*/, '$1'),
    start: async (project, port, secret) => {
      await writeFile(join(project, 'deno-server.mjs'), DENO_SERVER);
      return start(
        binary('deno'),
        [
          'run',
          '--no-prompt',
          '--allow-net=127.0.0.1',
          '--allow-env',
          '--allow-read',
          'deno-server.mjs',
        ],
        {
          cwd: project,
          env: { PORT: String(port), SOCIALHUB_WEBHOOK_SECRET: secret, DENO_NO_UPDATE_CHECK: '1' },
        },
      );
    },
  },
  {
    name: 'workerd',
    version: async () =>
      (await firstLine(binary('workerd'), ['--version'])).replace(/^workerd /, ''),
    start: async (project, port, secret) => {
      await writeFile(join(project, 'worker.mjs'), WORKER);
      await run(
        binary('esbuild'),
        [
          'worker.mjs',
          '--bundle',
          '--format=esm',
          '--platform=neutral',
          '--conditions=workerd,worker,browser',
          '--main-fields=module,main',
          '--outfile=worker.bundle.mjs',
          '--log-level=warning',
        ],
        { cwd: project },
      );
      await writeFile(join(project, 'workerd.capnp'), workerdConfig(port));
      return start(binary('workerd'), ['serve', 'workerd.capnp'], {
        cwd: project,
        env: { SOCIALHUB_WEBHOOK_SECRET: secret },
      });
    },
  },
];

/**
 * Runs webhook-kit on `runtime` from the consumer project: starts it, probes it from Node with
 * real signed and forged deliveries, stops it. Returns what the probe saw.
 */
export async function runOnRuntime(
  runtime: Runtime,
  project: string,
  secret: string,
): Promise<string> {
  await writeFile(join(project, 'runtime-app.mjs'), APP);
  await writeFile(join(project, 'runtime-probe.mjs'), PROBE);
  const port = await freePort();
  const program = await runtime.start(project, port, secret);
  try {
    const settled = await settle(program, port, 30_000);
    if (settled.kind !== 'listening') {
      throw new Error(
        `${runtime.name} did not listen on ${port} (${settled.kind === 'exited' ? `exited with ${settled.code}` : 'timed out'}):\n${program.output()}`,
      );
    }
    const { stdout } = await run(process.execPath, ['runtime-probe.mjs'], {
      cwd: project,
      env: { ...process.env, PORT: String(port), SOCIALHUB_WEBHOOK_SECRET: secret },
    }).catch((error: { stdout?: string; stderr?: string }) => {
      throw new Error(
        `${error.stdout ?? ''}${error.stderr ?? ''}\n${runtime.name} printed:\n${program.output()}`,
      );
    });
    return stdout.trim();
  } finally {
    await program.stop();
  }
}
