/**
 * Time per request, side by side in one run against one local server (in a worker thread):
 * @socialhub/client, bare openapi-fetch with the same `paths`, global `fetch`, and undici's
 * `request()`. Each contender sends the same `GET /` and `POST /inbox/tickets` (JSON body) with
 * `?accesstoken=` and reads the JSON answer. Contenders run in small interleaved batches; prints
 * the median time per request and the median ratio of each batch to the bare openapi-fetch batch
 * beside it. Not a test: it asserts nothing.
 *
 *   pnpm --filter @socialhub/bench client        (ROUNDS=9 N=2000 to change the effort)
 */
import { Worker } from 'node:worker_threads';
import { createPublicClient } from '@socialhub/client';
import type { paths } from '@socialhub/schema/public';
import createClient from 'openapi-fetch';
import { request as undiciRequest } from 'undici';

const ROUNDS = Number(process.env.ROUNDS ?? 9);
const N = Number(process.env.N ?? 2000);
const TOKEN =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhY2NvdW50SWQiOiI1ZTczZjUyNDVhNDVkYTEwYjZlNjE0ZDgiLCJjaGFubmVsSWQiOiI1ZWI0Nzk1NGE1NDViODJiNWI1MjJjY2UiLCJpYXQiOjE1ODg4ODU4NDR9.Dj8upq3l92nXMxkc_Z-BfOalgVJgOrxC0-Fns6upKaw';
const interaction = {
  networkItemId: 'question-q_0000000001',
  message: 'Hello, can someone help me?',
  interactor: { interactorId: 'u_5678986543', name: 'Jork Schrank' },
};

const worker = new Worker(new URL('./server.ts', import.meta.url), {
  execArgv: ['--import', 'tsx'],
});
const port = await new Promise<number>((resolve) => worker.once('message', resolve));
const base = `http://127.0.0.1:${port}`;

const socialhub = createPublicClient({ accessToken: TOKEN, baseUrl: base });
const bare = createClient<paths>({ baseUrl: base });
// Bare openapi-fetch has no auth; the token goes in as a query parameter the contract leaves out.
const auth = { params: { query: { accesstoken: TOKEN } as never } };

type Op = 'GET /' | 'POST /inbox/tickets';
type Contender = { name: string; run: Record<Op, () => Promise<unknown>> };

const check = (ok: boolean, what: string) => {
  if (!ok) throw new Error(`${what} failed`);
};

const contenders: Contender[] = [
  {
    name: 'bare openapi-fetch',
    run: {
      'GET /': async () => check((await bare.GET('/', auth)).data !== undefined, 'GET'),
      'POST /inbox/tickets': async () =>
        check(
          (await bare.POST('/inbox/tickets', { ...auth, body: { interaction } })).data !==
            undefined,
          'POST',
        ),
    },
  },
  {
    name: '@socialhub/client',
    run: {
      'GET /': async () => check((await socialhub.GET('/')).status === 200, 'GET'),
      'POST /inbox/tickets': async () =>
        check(
          (await socialhub.POST('/inbox/tickets', { body: { interaction } })).status === 201,
          'POST',
        ),
    },
  },
  {
    name: 'global fetch',
    run: {
      'GET /': async () => {
        const res = await fetch(`${base}/?accesstoken=${TOKEN}`);
        check((await res.json()) !== undefined, 'GET');
      },
      'POST /inbox/tickets': async () => {
        const res = await fetch(`${base}/inbox/tickets?accesstoken=${TOKEN}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ interaction }),
        });
        check((await res.json()) !== undefined, 'POST');
      },
    },
  },
  {
    name: 'undici request()',
    run: {
      'GET /': async () => {
        const { body } = await undiciRequest(`${base}/?accesstoken=${TOKEN}`);
        check((await body.json()) !== undefined, 'GET');
      },
      'POST /inbox/tickets': async () => {
        const { body } = await undiciRequest(`${base}/inbox/tickets?accesstoken=${TOKEN}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ interaction }),
        });
        check((await body.json()) !== undefined, 'POST');
      },
    },
  },
];

const BATCH = 50;

async function timeBatch(run: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < BATCH; i++) await run();
  return Number(process.hrtime.bigint() - start);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};

const ops: Op[] = ['GET /', 'POST /inbox/tickets'];
// Per contender and operation: µs per request of every batch, and the ratio of each batch to the
// bare openapi-fetch batch run right next to it (pairing cancels drifting load on a shared machine).
const perRequest = new Map<string, number[]>();
const ratios = new Map<string, number[]>();
const push = (map: Map<string, number[]>, key: string, value: number) =>
  map.set(key, [...(map.get(key) ?? []), value]);
// Warm up every contender (connections, JIT). Then interleave small batches of every contender,
// in a rotating order.
for (const c of contenders) for (const op of ops) for (let i = 0; i < 500; i++) await c.run[op]();
for (let round = 0; round < ROUNDS; round++) {
  for (let batch = 0; batch < N / BATCH; batch++) {
    for (const op of ops) {
      const times = new Map<string, number>();
      for (let k = 0; k < contenders.length; k++) {
        const c = contenders[(round + batch + k) % contenders.length] as Contender;
        times.set(c.name, await timeBatch(c.run[op]));
      }
      const bareNs = times.get('bare openapi-fetch') ?? Number.NaN;
      for (const [name, ns] of times) {
        push(perRequest, `${name}|${op}`, ns / 1000 / BATCH);
        push(ratios, `${name}|${op}`, ns / bareNs);
      }
    }
  }
}

console.log(
  `Node ${process.version}, ${ROUNDS} rounds x ${N} sequential requests per contender and operation`,
);
console.log('µs: median per request; ratio: median of paired batches against bare openapi-fetch\n');
const rows: string[][] = [['contender', ...ops.flatMap((op) => [op, 'ratio'])]];
for (const c of contenders) {
  const row = [c.name];
  for (const op of ops) {
    const key = `${c.name}|${op}`;
    row.push(
      `${median(perRequest.get(key) ?? []).toFixed(1)} µs`,
      `${median(ratios.get(key) ?? []).toFixed(2)}x`,
    );
  }
  rows.push(row);
}
const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
for (const r of rows) console.log(r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  '));

worker.postMessage('close');
