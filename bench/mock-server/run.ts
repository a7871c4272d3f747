/**
 * @socialhub/mock-server against Prism (the generic OpenAPI mock server, on the same specs) and a
 * bare node:http server, side by side in one run:
 *
 * - start-up: from spawning the process to the first answered API2 request (median of 3);
 * - requests/s and p99 latency with autocannon on loopback for `GET /`, `POST /inbox/tickets`
 *   (a unique networkItemId per request) and one API2 GET (`/api2/channels`; Prism serves the
 *   API2 document at its root, so `/channels` there).
 *
 * Each server runs in its own process; autocannon runs here. Prints ratios; asserts nothing.
 *
 * Every route is measured ROUNDS times per contender (order alternating) after a warm-up; the
 * best round counts, which damps the noise of a shared machine.
 *
 *   pnpm --filter @socialhub/bench mock-server   (SECONDS=3 ROUNDS=2 CONNECTIONS=10 change the effort)
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const SECONDS = Number(process.env.SECONDS ?? 3);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 10);
const STARTS = 3;
const ROUNDS = Number(process.env.ROUNDS ?? 2);

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = `${root}apps/mock-server/dist/cli/main.js`;
const prism = `${root}bench/node_modules/.bin/prism`;
const api2Spec = `${root}packages/schema/dist/generated/api2.openapi.gen.json`;
const publicSpec = `${root}packages/schema/dist/generated/public.openapi.gen.json`;
const bare = fileURLToPath(new URL('./bare-server.ts', import.meta.url));
const tsx = `${root}node_modules/.bin/tsx`;

/** A ticket body with a networkItemId of its own: a counter, cheaper for the client than autocannon's idReplacement. */
let ticketCount = 0;
const ticketBody = () =>
  JSON.stringify({
    interaction: {
      networkItemId: `bench-${process.pid}-${++ticketCount}`,
      message: 'Hello, can someone help me?',
      interactor: { interactorId: 'u_5678986543', name: 'Jork Schrank' },
    },
  });

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Started {
  child: ChildProcess;
  url: string;
  startupMs: number;
  output: () => string;
}

/** A user token for the mock's API2 (`POST /_mock/users`), as a test would get one. */
async function mockUserToken(url: string): Promise<string> {
  const response = await fetch(`${url}/_mock/users`, { method: 'POST' });
  if (!response.ok) throw new Error(`POST /_mock/users answered ${response.status}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/**
 * Spawns a server and waits until `probe` answers 2xx (a path, or a function that makes the
 * requests); the time taken is its start-up.
 */
async function start(
  command: string,
  args: string[],
  port: number,
  probe: string | ((url: string) => Promise<Response>),
): Promise<Started> {
  const started = performance.now();
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (c) => {
    if (output.length < 20_000) output += c;
  });
  child.stderr?.on('data', (c) => {
    if (output.length < 20_000) output += c;
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${command} exited:\n${output}`);
    if (performance.now() - started > 30_000)
      throw new Error(`${command} did not start:\n${output}`);
    try {
      const response = typeof probe === 'string' ? await fetch(`${url}${probe}`) : await probe(url);
      await response.arrayBuffer();
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    await sleep(5);
  }
  return { child, url, startupMs: performance.now() - started, output: () => output };
}

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

interface Target {
  name: string;
  start: (port: number) => Promise<Started>;
  /** Path of each benchmarked route on this target. */
  paths: { info: string; ticket: string; api2: string };
}

const targets: Target[] = [
  {
    name: '@socialhub/mock-server',
    start: (port) =>
      start(
        process.execPath,
        [cli, '--port', String(port), '--seed', '1', '--rate-limit', '1000000000'],
        port,
        // API2 takes a user token: make a user, then the first API2 answer counts.
        async (url) => fetch(`${url}/api2/channels?accesstoken=${await mockUserToken(url)}`),
      ),
    paths: { info: '/', ticket: '/inbox/tickets', api2: '/api2/channels' },
  },
  {
    name: 'Prism (public spec)',
    start: (port) =>
      start(prism, ['mock', publicSpec, '-p', String(port)], port, '/?accesstoken=x'),
    paths: { info: '/', ticket: '/inbox/tickets', api2: '' },
  },
  {
    name: 'Prism (API2 spec)',
    start: (port) =>
      start(prism, ['mock', api2Spec, '-p', String(port)], port, '/channels?accesstoken=x'),
    paths: { info: '', ticket: '', api2: '/channels' },
  },
  {
    name: 'bare node:http',
    start: (port) => start(tsx, [bare, String(port)], port, '/'),
    paths: { info: '/', ticket: '/inbox/tickets', api2: '/api2/channels' },
  },
];

interface Load {
  rps: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function load(url: string, route: 'info' | 'ticket' | 'api2'): Promise<Load> {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    ...(route === 'ticket'
      ? {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          requests: [{ setupRequest: (request: object) => ({ ...request, body: ticketBody() }) }],
        }
      : {}),
  });
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

async function main() {
  // Start-up: median of three cold starts each, one server at a time.
  const startups = new Map<string, number>();
  for (const target of targets) {
    const times: number[] = [];
    for (let i = 0; i < STARTS; i++) {
      const s = await target.start(await freePort());
      times.push(s.startupMs);
      await stop(s.child);
    }
    startups.set(target.name, median(times));
  }

  // Throughput: all servers up, then route by route, every target in turn, so that a change in
  // the machine's load during the run hits the contenders of one route alike.
  const servers = new Map<string, { started: Started; token: string; userToken: string }>();
  for (const target of targets) {
    const started = await target.start(await freePort());
    servers.set(target.name, {
      started,
      token: /access token:\n(\S+)\n/.exec(started.output())?.[1] ?? 'x',
      userToken: target.name === '@socialhub/mock-server' ? await mockUserToken(started.url) : 'x',
    });
  }
  const results = new Map<string, Partial<Record<'info' | 'ticket' | 'api2', Load>>>();
  try {
    for (const route of ['info', 'ticket', 'api2'] as const) {
      for (let round = 0; round <= ROUNDS; round++) {
        // Round 0 warms up; the order alternates; the best round of each contender counts.
        const order = round % 2 === 0 ? targets : [...targets].reverse();
        for (const target of order) {
          const path = target.paths[route];
          const server = servers.get(target.name);
          if (!path || !server) continue;
          const token = route === 'api2' ? server.userToken : server.token;
          const result = await load(`${server.started.url}${path}?accesstoken=${token}`, route);
          const best = results.get(target.name)?.[route];
          if (round > 0 && (!best || result.rps > best.rps))
            results.set(target.name, { ...results.get(target.name), [route]: result });
        }
      }
    }
  } finally {
    for (const { started } of servers.values()) await stop(started.child);
  }

  const mock = results.get('@socialhub/mock-server') ?? {};
  const bareResults = results.get('bare node:http') ?? {};
  const prismFor = (route: 'info' | 'ticket' | 'api2') =>
    (route === 'api2' ? results.get('Prism (API2 spec)') : results.get('Prism (public spec)'))?.[
      route
    ];

  const fmt = (n: number) => Math.round(n).toLocaleString('en');
  console.log(
    `\nrequests/s and p99 (autocannon, ${CONNECTIONS} connections, best of ${ROUNDS} × ${SECONDS} s, loopback, Node ${process.version})\n`,
  );
  console.log(
    '| route | @socialhub/mock-server | Prism | bare node:http | mock ÷ Prism | mock ÷ bare |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  const labels = {
    info: 'GET /',
    ticket: 'POST /inbox/tickets',
    api2: 'GET /api2/channels',
  } as const;
  for (const route of ['info', 'ticket', 'api2'] as const) {
    const m = mock[route];
    const p = prismFor(route);
    const b = bareResults[route];
    if (!m || !p || !b) continue;
    const cell = (l: Load) =>
      `${fmt(l.rps)}/s, p99 ${l.p99} ms${l.non2xx || l.errors ? ` (${l.non2xx} non-2xx, ${l.errors} errors)` : ''}`;
    console.log(
      `| ${labels[route]} | ${cell(m)} | ${cell(p)} | ${cell(b)} | ${(m.rps / p.rps).toFixed(1)}x | ${(m.rps / b.rps).toFixed(2)}x |`,
    );
  }
  const mockStart = startups.get('@socialhub/mock-server') ?? 0;
  const prismStart = startups.get('Prism (API2 spec)') ?? 0;
  const bareStart = startups.get('bare node:http') ?? 0;
  console.log(`\nstart-up to the first answered API2 request (median of ${STARTS})\n`);
  console.log('| server | start-up | ÷ Prism | ÷ bare |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const [name, ms] of startups)
    console.log(
      `| ${name} | ${fmt(ms)} ms | ${(ms / prismStart).toFixed(2)}x | ${(ms / bareStart).toFixed(2)}x |`,
    );
  console.log(
    `\ngoals: ≥ 10x Prism's throughput, ≥ 0.7x bare node:http on each route, start-up ≤ 1.5x bare node:http (here ${(mockStart / bareStart).toFixed(2)}x)`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
