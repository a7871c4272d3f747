import { Agent, request as httpRequest } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../src/index.js';
import { ACTIONS, call, createTicket, label, startAddChannel, startMock } from './helpers.js';

const TOTAL = 10_000;
const CONCURRENCY = 16;

interface FuzzRequest {
  method: string;
  path: string;
  body?: string;
}

describe('fuzzing every route', () => {
  let mock: MockServer;
  let token = '';
  let temporary = '';
  const ids: string[] = [];

  beforeAll(async () => {
    mock = await startMock({ seed: 11, demoChannel: true, rateLimit: { limit: 1_000_000 } });
    token = mock.demo?.accessToken as string;
    await call(mock, 'PATCH', '/manifest', {
      token,
      body: {
        inbox: {
          ticketActions: [
            ...ACTIONS,
            {
              type: 'template_reply',
              id: 'tpl',
              label: label('T'),
              config: { templates: { url: 'http://127.0.0.1:9/t' } },
            },
          ],
        },
      },
    });
    const ticket = await createTicket(mock, token, {
      networkItemId: 'fuzz-root-1',
      message: 'x',
      root: { rootId: 'fuzz-root-0' },
    });
    const manifest = await mock.control.createManifest({
      name: 'Fuzz',
      manifest: { callbacks: { channelCreation: 'https://e.com/c' } },
    });
    temporary = (await startAddChannel(mock, manifest._id as string)).token;
    ids.push(
      ticket._id,
      mock.demo?.channel._id as string,
      manifest._id as string,
      crypto.randomUUID(),
    );
  });
  afterAll(() => mock.close());

  it(`answers ${TOTAL.toLocaleString('en')} fuzzed requests without a 5xx or a crash`, async () => {
    const segment = fc.oneof(
      fc.constantFrom(
        ...ids,
        'reply',
        'like',
        'delete',
        'tpl',
        '000000000000000000000000',
        '%zz',
        '..',
        '%00',
        'a'.repeat(600),
      ),
      fc.string({ maxLength: 30 }).map(encodeURIComponent),
    );
    const templates = [
      '/',
      '/manifest',
      '/channels',
      '/channel',
      '/inbox/tickets',
      '/inbox/tickets/{}',
      '/inbox/tickets/{}/replies/{}/success',
      '/inbox/tickets/{}/reset/{}',
      '/_mock',
      '/_mock/state',
      '/_mock/accounts',
      '/_mock/accounts/{}',
      '/_mock/channels',
      '/_mock/channels/{}/disable',
      '/_mock/channels/{}/reactivate',
      '/_mock/channels/{}/token',
      '/_mock/manifests',
      '/_mock/manifests/{}/promote',
      '/_mock/manifests/{}/add-channel',
      '/_mock/tickets',
      '/_mock/tickets/{}',
      '/_mock/tickets/{}/actions/{}',
      '/_mock/deliveries',
      '/_mock/faults/{}',
      '/_mock/config',
      '/api2',
      '/api2/channels',
      '/api2/channels/{}',
      '/api2/tickets/{}',
      '/api2/users/{}',
      '/api2/{}/{}',
      '/{}',
      '/{}/{}',
    ];
    const path = fc
      .tuple(fc.constantFrom(...templates), fc.array(segment, { minLength: 2, maxLength: 2 }))
      .map(([template, [a, b]]) => template.replace('{}', a ?? '').replace('{}', b ?? ''));
    const query = fc.oneof(
      fc.constant(''),
      fc
        .constantFrom(token, temporary, 'garbage', `${token}x`)
        .map((t) => `accesstoken=${encodeURIComponent(t)}`),
      fc
        .tuple(
          fc.constantFrom('reset', 'reason', 'channelId', 'kind', 'limit', 'count'),
          fc.string({ maxLength: 12 }),
        )
        .map(([k, v]) => `accesstoken=${token}&${k}=${encodeURIComponent(v)}`),
    );
    const validish = fc.constantFrom<unknown>(
      {
        interaction: {
          networkItemId: 'fuzz-item-1',
          message: 'hi',
          root: { rootId: 'fuzz-root-9' },
          interactor: { interactorId: 'u-1', name: 'n' },
        },
      },
      { interaction: { message: 'edit', interactor: { name: 'x' } } },
      { interaction: { networkItemId: 'fuzz-reply-1' } },
      { name: 'Fuzz channel', uniqueName: 'Fuzz channel', networkId: 'fuzz-net' },
      { inbox: { ticketActions: ACTIONS } },
      { webhook: null },
      { followupId: crypto.randomUUID(), reason: 'x' },
      { text: 'reply', option: 'x' },
      { template: { networkId: 'g', language: 'en', variables: {} } },
      { isDone: true },
      { rateLimit: { limit: 1_000_000 } },
      { name: 'Promoted' },
    );
    const body = fc.oneof(
      fc.constant(undefined),
      validish.map((v) => JSON.stringify(v)),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc
        .tuple(validish, fc.jsonValue())
        .map(([v, extra]) => JSON.stringify({ ...(v as object), extra })),
      fc.constantFrom(
        '{',
        '[1,',
        'null',
        '"str"',
        '1e999999',
        '{"__proto__":{"x":1}}',
        '\u0000',
        'x'.repeat(2_000_000),
      ),
    );
    const arbitrary = fc
      .record({
        method: fc.constantFrom('GET', 'POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS'),
        path,
        query,
        body,
      })
      .map(
        ({ method, path, query, body }): FuzzRequest => ({
          method,
          path: query ? `${path}?${query}` : path,
          ...(body === undefined ? {} : { body }),
        }),
      );
    const requests = fc
      .sample(arbitrary, { numRuns: TOTAL, seed: 20_260_101 })
      // Injecting faults is the one way to make the mock answer 5xx on purpose.
      .filter((r) => !r.path.startsWith('/_mock/faults'));

    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < requests.length) {
        const r = requests[next++] as FuzzRequest;
        const status = await send(mock.url, r, agent).catch((error: Error) => {
          failures.push(
            `${r.method} ${r.path.slice(0, 60)} body=${r.body?.length}: ${error.message}`,
          );
          return 0;
        });
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status >= 500)
          failures.push(`${r.method} ${r.path} ${r.body?.slice(0, 200)} → ${status}`);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    agent.destroy();

    expect([failures.length, failures.slice(0, 10)]).toEqual([0, []]);
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(requests.length);
    expect(requests.length).toBeGreaterThan(TOTAL * 0.95);
    // Enough of the requests got past validation to reach the handlers.
    const succeeded = [...statuses]
      .filter(([s]) => s >= 200 && s < 300)
      .reduce((a, [, n]) => a + n, 0);
    expect(succeeded).toBeGreaterThan(200);
    // Still alive and answering.
    expect((await call(mock, 'GET', '/_mock')).status).toBe(200);
  }, 120_000);
});

function send(base: string, r: FuzzRequest, agent: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const url = new URL(base);
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method: r.method,
        path: r.path,
        agent,
        headers:
          r.body === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(r.body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(r.body);
  });
}
