/**
 * The client's own cost per call, without a network: @socialhub/client against bare openapi-fetch
 * (same `paths`, token as a query parameter), both answered by an in-memory `globalThis.fetch`.
 * Measures CPU time (`process.cpuUsage`), not wall time, so other processes on a shared machine
 * move it less than the request benchmark; interleaved batches, median of paired ratios. Not a
 * test: it asserts nothing.
 *
 *   pnpm --filter @socialhub/bench client:overhead        (ROUNDS=30 N=2000 to change the effort)
 */
import { createPublicClient } from '@socialhub/client';
import type { paths } from '@socialhub/schema/public';
import createClient from 'openapi-fetch';

const ROUNDS = Number(process.env.ROUNDS ?? 30);
const N = Number(process.env.N ?? 2000);
const TOKEN =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhY2NvdW50SWQiOiI1ZTczZjUyNDVhNDVkYTEwYjZlNjE0ZDgiLCJjaGFubmVsSWQiOiI1ZWI0Nzk1NGE1NDViODJiNWI1MjJjY2UiLCJpYXQiOjE1ODg4ODU4NDR9.Dj8upq3l92nXMxkc_Z-BfOalgVJgOrxC0-Fns6upKaw';
const BODY = JSON.stringify({ channel: { _id: '5eb47954a545b82b5b522cce', name: 'Forum' } });
const HEADERS = {
  'content-type': 'application/json',
  'x-ratelimit-limit': '1000',
  'x-ratelimit-remaining': '999',
};

// Both contenders end in globalThis.fetch (the client calls it with a URL and init when no
// `fetch` option is given; openapi-fetch with its Request).
globalThis.fetch = async () => new Response(BODY, { status: 200, headers: HEADERS });
const base = 'http://127.0.0.1:1';
const bare = createClient<paths>({ baseUrl: base });
const socialhub = createPublicClient({ accessToken: TOKEN, baseUrl: base });
const auth = { params: { query: { accesstoken: TOKEN } as never } };

const contenders: [string, () => Promise<{ data?: unknown }>][] = [
  ['bare openapi-fetch', () => bare.GET('/', auth)],
  ['@socialhub/client', () => socialhub.GET('/')],
];

async function cpuPerCall(run: () => Promise<{ data?: unknown }>): Promise<number> {
  const start = process.cpuUsage();
  for (let i = 0; i < N; i++) if ((await run()).data === undefined) throw new Error('no data');
  const used = process.cpuUsage(start);
  return (used.user + used.system) / N;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
for (const [, run] of contenders) for (let i = 0; i < 2000; i++) await run();
const times: number[][] = contenders.map(() => []);
const ratios: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const order = round % 2 === 0 ? [0, 1] : [1, 0];
  const pair: number[] = [];
  for (const k of order) {
    const us = await cpuPerCall((contenders[k] as (typeof contenders)[number])[1]);
    pair[k] = us;
    times[k]?.push(us);
  }
  ratios.push((pair[1] as number) / (pair[0] as number));
}
console.log(
  `Node ${process.version}, ${ROUNDS} rounds x ${N} calls of GET / per contender, in-memory fetch`,
);
console.log(`bare openapi-fetch  ${median(times[0] ?? []).toFixed(2)} µs CPU per call  1.00x`);
console.log(
  `@socialhub/client   ${median(times[1] ?? []).toFixed(2)} µs CPU per call  ${median(ratios).toFixed(2)}x`,
);
