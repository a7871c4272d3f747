/**
 * A load-independent cross-check of `run.ts` (Linux only): the CPU time the server process itself
 * spends per request (user + system, from `/proc/<pid>/stat`), @socialhub/mock-server against the
 * bare node:http server, on the same three routes. On a shared, busy machine requests/s swing with
 * the neighbours' load; a server's own CPU time per request does much less. Prints; asserts nothing.
 *
 *   pnpm --filter @socialhub/mock-server... build && tsx bench/mock-server/cpu.ts   (REQUESTS=20000)
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const REQUESTS = Number(process.env.REQUESTS ?? 20_000);
const root = fileURLToPath(new URL('../../', import.meta.url));
/** Clock ticks per second of `/proc/<pid>/stat` (USER_HZ, 100 on Linux). */
const USER_HZ = 100;

const cpuMs = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / USER_HZ;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let ticketCount = 0;
const ticketBody = () =>
  JSON.stringify({
    interaction: {
      networkItemId: `cpu-${process.pid}-${++ticketCount}`,
      message: 'Hello, can someone help me?',
      interactor: { interactorId: 'u_5678986543', name: 'Jork Schrank' },
    },
  });

type Route = 'info' | 'ticket' | 'api2';

async function measure(
  name: string,
  args: string[],
  port: number,
  paths: (url: string) => Promise<Record<Route, string>>,
): Promise<Record<Route, number>> {
  const child = spawn(process.execPath, args, { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; ; i++) {
      try {
        await fetch(`${url}/`);
        break;
      } catch {
        if (i > 600) throw new Error(`${name} did not start`);
        await sleep(50);
      }
    }
    const routes = await paths(url);
    const result = {} as Record<Route, number>;
    for (const route of ['info', 'ticket', 'api2'] as const) {
      const options = {
        url: `${url}${routes[route]}`,
        connections: 10,
        ...(route === 'ticket'
          ? {
              method: 'POST' as const,
              headers: { 'content-type': 'application/json' },
              requests: [
                { setupRequest: (request: object) => ({ ...request, body: ticketBody() }) },
              ],
            }
          : {}),
      };
      await autocannon({ ...options, amount: Math.ceil(REQUESTS / 5) }); // warm-up
      const before = cpuMs(child.pid as number);
      const run = await autocannon({ ...options, amount: REQUESTS });
      if (run.non2xx > 0) throw new Error(`${name} ${route}: ${run.non2xx} non-2xx answers`);
      result[route] = ((cpuMs(child.pid as number) - before) * 1000) / REQUESTS;
    }
    return result;
  } finally {
    child.kill();
  }
}

const port = 46_000 + (process.pid % 1000);
const mock = await measure(
  '@socialhub/mock-server',
  [
    `${root}apps/mock-server/dist/cli/main.js`,
    '--port',
    String(port),
    '--rate-limit',
    '1000000000',
  ],
  port,
  async (url) => {
    const post = (path: string, body: object) =>
      fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then((r) => r.json() as Promise<{ accessToken: string }>);
    const user = await post('/_mock/users', {});
    const channel = await post('/_mock/channels', { name: 'CPU' });
    return {
      info: `/?accesstoken=${channel.accessToken}`,
      ticket: `/inbox/tickets?accesstoken=${channel.accessToken}`,
      api2: `/api2/channels?accesstoken=${user.accessToken}`,
    };
  },
);
const bare = await measure(
  'bare node:http',
  [
    '--import',
    'tsx',
    fileURLToPath(new URL('./bare-server.ts', import.meta.url)),
    String(port + 1),
  ],
  port + 1,
  async () => ({ info: '/', ticket: '/inbox/tickets', api2: '/api2/channels' }),
);

console.log(
  `\nserver CPU time per request (${REQUESTS} requests, 10 connections, Node ${process.version})\n`,
);
console.log('| route | @socialhub/mock-server | bare node:http | bare ÷ mock |');
console.log('| --- | ---: | ---: | ---: |');
const labels = { info: 'GET /', ticket: 'POST /inbox/tickets', api2: 'GET /api2/channels' };
for (const route of ['info', 'ticket', 'api2'] as const)
  console.log(
    `| ${labels[route]} | ${mock[route].toFixed(1)} µs | ${bare[route].toFixed(1)} µs | ${(bare[route] / mock[route]).toFixed(2)}x |`,
  );
