/**
 * How a test reaches the mock, side by side in one run: the same `@socialhub/client` calls
 * (`GET /` and `POST /inbox/tickets`) over HTTP to `mock.url`, in process through `mock.fetch` (what
 * `mock.publicClient` uses), and through msw's `setupServer` with `@socialhub/mock-server/msw`.
 * Contenders run in interleaved rounds; prints the median time per request and each one's ratio
 * to HTTP. Not a test: it asserts nothing.
 *
 *   pnpm --filter @socialhub/bench mock-server:transports   (ROUNDS=7 N=300 change the effort)
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

type PublicClient = import('@socialhub/client').PublicClient;

const ROUNDS = Number(process.env.ROUNDS ?? 7);
const N = Number(process.env.N ?? 300);
const root = fileURLToPath(new URL('../../', import.meta.url));
const dist = `${root}apps/mock-server/dist`;
const { createMockServer } = (await import(
  `${dist}/index.js`
)) as typeof import('../../apps/mock-server/src/index.js');
const { createMswHandlers } = (await import(
  `${dist}/msw.js`
)) as typeof import('../../apps/mock-server/src/msw.js');
// msw is the mock-server package's (optional peer, dev) dependency, resolved from there.
const { setupServer } = createRequire(`${dist}/msw.js`)('msw/node') as typeof import('msw/node');
const { createPublicClient } = await import('@socialhub/client');

const mock = await createMockServer({ seed: 1, ui: false, rateLimit: { limit: 1e9 } });
const { accessToken } = await mock.control.createChannel({ name: 'Bench' });
const msw = setupServer(...createMswHandlers(mock));

let ticket = 0;
const contenders: Array<{ name: string; client: PublicClient; around?: [() => void, () => void] }> =
  [
    {
      name: 'HTTP (global fetch to mock.url)',
      client: createPublicClient({ accessToken, baseUrl: mock.url, retry: false }),
    },
    {
      name: 'in process (mock.publicClient)',
      client: mock.publicClient(accessToken, { retry: false }),
    },
    {
      name: 'msw setupServer (createMswHandlers)',
      client: createPublicClient({ accessToken, retry: false }),
      around: [() => msw.listen({ onUnhandledFrame: 'bypass' }), () => msw.close()],
    },
  ];
const ops = {
  'GET /': async (client: PublicClient) => {
    if ((await client.GET('/')).response.status !== 200) throw new Error('GET / failed');
  },
  'POST /inbox/tickets': async (client: PublicClient) => {
    const body = { interaction: { networkItemId: `bench-${++ticket}`, message: 'Hello?' } };
    if ((await client.POST('/inbox/tickets', { body })).response.status !== 201)
      throw new Error('POST failed');
  },
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;
console.log(
  `@socialhub/mock-server transports: ${ROUNDS} rounds × ${N} requests, median µs per request\n`,
);
console.log('| operation | contender | µs/request | ÷ HTTP |');
console.log('| --- | --- | ---: | ---: |');
for (const [op, run] of Object.entries(ops)) {
  const times = contenders.map(() => [] as number[]);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, contender] of contenders.entries()) {
      contender.around?.[0]();
      const started = performance.now();
      for (let n = 0; n < N; n++) await run(contender.client);
      times[i]?.push(((performance.now() - started) * 1000) / N);
      contender.around?.[1]();
    }
  }
  const http = median(times[0] ?? []);
  for (const [i, contender] of contenders.entries()) {
    const us = median(times[i] ?? []);
    console.log(
      `| \`${op}\` | ${contender.name} | ${us.toFixed(0)} | ${(http / us).toFixed(2)}x |`,
    );
  }
}
await mock.close();
