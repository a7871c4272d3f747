import { afterEach, describe, expect, it } from 'vitest';
import {
  attemptInfo,
  type ClientLogEvent,
  createApi2Client,
  createPublicClient,
  isAlreadyExists,
  type RetryOptions,
  SocialHubAlreadyExistsError,
  SocialHubApiError,
  SocialHubNetworkError,
  unwrap,
} from '../src/index.js';
import { createFakeClock } from './helpers/clock.js';
import { caught, record } from './helpers/secrets.js';
import { inTurn, type Reply, startServer, type TestServer } from './helpers/server.js';
import { CHANNEL_TOKEN } from './helpers/tokens.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const ok: Reply = { body: { channel: { _id: 'c1' } } };
const created: Reply = { status: 201, body: { _id: 't1' } };
const unavailable: Reply = { status: 503, body: { code: 'ServiceUnavailable', message: 'down' } };
const conflict: Reply = {
  status: 409,
  body: {
    code: 'ConflictError',
    message: 'Error: Ticket with such network item id already exists',
  },
};
const interaction = { networkItemId: 'question-0001', message: 'Hello' };

async function setup(replies: Reply[], retry: RetryOptions = {}, random = () => 0.5) {
  server = await startServer(inTurn(...replies));
  const clock = createFakeClock();
  const events: ClientLogEvent[] = [];
  const client = createPublicClient({
    accessToken: CHANNEL_TOKEN,
    baseUrl: server.url,
    retry: { now: clock.now, sleep: clock.sleep, random, ...retry },
    log: (event) => events.push(record('log', event)),
  });
  return { client, clock, events, requests: server.requests };
}

describe('429', () => {
  it('honours Retry-After in seconds', async () => {
    const { client, clock, requests } = await setup([
      {
        status: 429,
        headers: { 'retry-after': '2' },
        body: { code: 'TooManyRequestsError', message: 'slow' },
      },
      ok,
    ]);
    const result = await client.GET('/');
    expect(result.status).toBe(200);
    expect(clock.sleeps).toEqual([2000]);
    expect(requests).toHaveLength(2);
    expect(attemptInfo(result)?.attempts).toBe(2);
    expect(result.attempt?.attempts).toBe(2);
  });

  it('honours Retry-After as an HTTP date', async () => {
    const clock0 = createFakeClock();
    const at = new Date(clock0.now() + 7000).toUTCString();
    const { client, clock } = await setup([{ status: 429, headers: { 'retry-after': at } }, ok]);
    await client.GET('/');
    // The HTTP date has whole seconds; the fake clock starts on a whole second.
    expect(clock.sleeps).toEqual([7000]);
  });

  it('falls back to backoff without (or with a malformed) Retry-After', async () => {
    const { client, clock } = await setup([
      { status: 429 },
      { status: 429, headers: { 'retry-after': 'soon' } },
      ok,
    ]);
    await client.GET('/');
    expect(clock.sleeps).toEqual([125, 250]);
  });

  it('retries any method, POST /channels included: a 429 was not processed', async () => {
    const { client, clock, requests } = await setup([
      { status: 429, headers: { 'retry-after': '1' } },
      created,
    ]);
    const result = await client.POST('/channels', { body: { name: 'n', uniqueName: 'u' } });
    expect(result.status).toBe(201);
    expect(clock.sleeps).toEqual([1000]);
    expect(requests.map((r) => r.body)).toEqual([
      '{"name":"n","uniqueName":"u"}',
      '{"name":"n","uniqueName":"u"}',
    ]);
  });

  it('gives the 429 back when Retry-After is beyond the time bound', async () => {
    const { client, clock, requests } = await setup(
      [
        {
          status: 429,
          headers: { 'retry-after': '120' },
          body: { code: 'TooManyRequestsError', message: 'Error: Too many requests.' },
        },
      ],
      { maxElapsedMs: 60_000 },
    );
    const result = await client.GET('/');
    expect(result.status).toBe(429);
    if (result.status === 429) expect(result.error.code).toBe('TooManyRequestsError');
    expect(clock.sleeps).toEqual([]);
    expect(requests).toHaveLength(1);
  });
});

describe('502, 503, 504', () => {
  it.each([502, 503, 504])(
    'retries GET on %i with exponential backoff and full jitter',
    async (status) => {
      const randoms = [0.9, 0.1];
      const { client, clock, requests } = await setup(
        [{ status }, { status }, ok],
        { baseDelayMs: 100, maxDelayMs: 10_000 },
        () => randoms.shift() ?? 0,
      );
      const result = await client.GET('/');
      expect(result.status).toBe(200);
      expect(requests).toHaveLength(3);
      // attempt 1 -> random 0.9 * 100, attempt 2 -> random 0.1 * 200
      expect(clock.sleeps).toEqual([90, 20]);
    },
  );

  it('caps one wait at maxDelayMs', async () => {
    const { client, clock } = await setup(
      [unavailable, unavailable, unavailable, unavailable, ok],
      { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 1500 },
      () => 0.999,
    );
    await client.GET('/');
    expect(clock.sleeps.map(Math.round)).toEqual([999, 1499, 1499, 1499]);
  });

  it('honours Retry-After on 503', async () => {
    const { client, clock } = await setup([{ status: 503, headers: { 'retry-after': '3' } }, ok]);
    await client.GET('/');
    expect(clock.sleeps).toEqual([3000]);
  });

  it('retries PATCH and DELETE', async () => {
    const { client, requests } = await setup([unavailable, ok, unavailable, { status: 204 }]);
    expect((await client.PATCH('/channel', { body: { name: 'n' } })).status).toBe(200);
    expect((await client.DELETE('/channel')).status).toBe(204);
    expect(requests.map((r) => r.method)).toEqual(['PATCH', 'PATCH', 'DELETE', 'DELETE']);
    expect(requests[1]?.body).toBe('{"name":"n"}');
  });

  it('stops after maxAttempts and returns the last answer as a value', async () => {
    const { client, requests, events } = await setup([unavailable], { maxAttempts: 3 });
    const result = await client.GET('/');
    expect(result.status).toBe(503);
    expect(result.error).toEqual({ code: 'ServiceUnavailable', message: 'down' });
    expect(requests).toHaveLength(3);
    expect(events.filter((e) => e.type === 'retry').map((e) => e.attempt)).toEqual([1, 2]);
  });

  it('stops when the next wait would pass maxElapsedMs', async () => {
    const { client, clock, requests } = await setup(
      [unavailable],
      {
        maxAttempts: 10,
        baseDelayMs: 1000,
        maxDelayMs: 100_000,
        maxElapsedMs: 5000,
      },
      () => 1,
    );
    await client.GET('/');
    // waits 1000, 2000 (total 3000); the next (4000) would end at 7000 > 5000
    expect(clock.sleeps).toEqual([1000, 2000]);
    expect(requests).toHaveLength(3);
  });

  it('makes one attempt with retry: false', async () => {
    server = await startServer(inTurn(unavailable, ok));
    const client = createPublicClient({
      accessToken: CHANNEL_TOKEN,
      baseUrl: server.url,
      retry: false,
    });
    expect((await client.GET('/')).status).toBe(503);
    expect(server.requests).toHaveLength(1);
  });

  it('does not retry 500 or other errors', async () => {
    const { client, requests } = await setup([
      { status: 500, body: { code: 'InternalError', message: 'x' } },
      ok,
    ]);
    expect((await client.GET('/')).status).toBe(500);
    expect(requests).toHaveLength(1);
  });
});

describe('POST', () => {
  it('is not retried on 503 where the contract does not make it idempotent', async () => {
    const { client, requests } = await setup([unavailable, created]);
    expect((await client.POST('/channels', { body: { name: 'n', uniqueName: 'u' } })).status).toBe(
      503,
    );
    const reset = await client.POST('/inbox/tickets/{ticketId}/reset/{actionId}', {
      params: { path: { ticketId: 't1', actionId: 'reply' } },
      body: { reason: 'failed' },
    });
    expect(reset.status).toBe(201);
    expect(requests.map((r) => r.path)).toEqual(['/channels', '/inbox/tickets/t1/reset/reply']);
  });

  it('retries ticket creation and reply confirmation, replaying the same body', async () => {
    const { client, requests } = await setup([
      unavailable,
      { status: 502 },
      created,
      unavailable,
      created,
    ]);
    const ticket = await client.POST('/inbox/tickets', { body: { interaction } });
    expect(ticket.status).toBe(201);
    const reply = await client.POST('/inbox/tickets/{ticketId}/replies/{followupId}/success', {
      params: { path: { ticketId: 't1', followupId: 'f5f75b50-6764-11e9-9ce6-3507264c7519' } },
      body: { interaction: { networkItemId: 'reply-000001' } },
    });
    expect(reply.status).toBe(201);
    expect(requests).toHaveLength(5);
    const bodies = requests.slice(0, 3).map((r) => r.body);
    expect(new Set(bodies)).toEqual(new Set([JSON.stringify({ interaction })]));
    expect(requests[3]?.body).toBe(requests[4]?.body);
    expect(requests[3]?.headers['content-type']).toBe('application/json');
    expect(requests[4]?.headers['content-type']).toBe('application/json');
  });

  it('reports a 409 after a retried ticket creation as "already exists"', async () => {
    const { client } = await setup([unavailable, conflict]);
    const result = await client.POST('/inbox/tickets', { body: { interaction } });
    expect(result.status).toBe(409);
    expect(isAlreadyExists(result)).toBe(true);
    const error = await caught(unwrap(result));
    expect(error).toBeInstanceOf(SocialHubAlreadyExistsError);
    expect(error).toBeInstanceOf(SocialHubApiError);
    expect(error).toMatchObject({ status: 409, code: 'ConflictError' });
    expect((error as Error).message).toContain('already exists');
  });

  it('reports a 409 on the first attempt as a plain conflict', async () => {
    const { client } = await setup([conflict]);
    const result = await client.POST('/inbox/tickets', { body: { interaction } });
    expect(isAlreadyExists(result)).toBe(false);
    const error = await caught(unwrap(result));
    expect(error).toBeInstanceOf(SocialHubApiError);
    expect(error).not.toBeInstanceOf(SocialHubAlreadyExistsError);
    expect(error).toMatchObject({
      status: 409,
      code: 'ConflictError',
      serverMessage: 'Error: Ticket with such network item id already exists',
    });
  });

  it('reports a 409 after a retried reply confirmation as "already exists"', async () => {
    const { client } = await setup([{ destroy: true }, conflict]);
    const result = await client.POST('/inbox/tickets/{ticketId}/replies/{followupId}/success', {
      params: { path: { ticketId: 't1', followupId: 'f1' } },
      body: { interaction: { networkItemId: 'reply-000001' } },
    });
    expect(isAlreadyExists(result)).toBe(true);
  });
});

describe('API2', () => {
  it('retries its copy of ticket creation, not other POSTs', async () => {
    server = await startServer(inTurn(unavailable, created, unavailable, created));
    const api2 = createApi2Client({
      accessToken: CHANNEL_TOKEN,
      baseUrl: `${server.url}/api2`,
      retry: { sleep: async () => {} },
    });
    const ticket = await api2.POST('/public/inbox/tickets', { body: { interaction } });
    expect(ticket.status).toBe(201);
    const channel = await api2.POST('/public/channels', {
      body: { name: 'n', uniqueName: 'u' } as never,
    });
    expect(channel.status).toBe(503);
    expect(server.requests.map((r) => r.path)).toEqual([
      '/api2/public/inbox/tickets',
      '/api2/public/inbox/tickets',
      '/api2/public/channels',
    ]);
  });
});

describe('network errors', () => {
  it('are retried for GET, then succeed', async () => {
    const { client, clock, events } = await setup([{ destroy: true }, { destroy: true }, ok]);
    const result = await client.GET('/');
    expect(result.status).toBe(200);
    expect(clock.sleeps).toEqual([125, 250]);
    expect(
      events.filter((e) => e.type === 'retry').map((e) => (e as { reason: string }).reason),
    ).toEqual(['network', 'network']);
  });

  it('reject with SocialHubNetworkError (cause kept) when retries run out', async () => {
    const { client, requests, events } = await setup([{ destroy: true }], { maxAttempts: 2 });
    const error = await caught(client.GET('/'));
    expect(error).toBeInstanceOf(SocialHubNetworkError);
    expect(error).toMatchObject({ code: 'network_error', attempts: 2, method: 'GET' });
    expect((error as Error).cause).toBeInstanceOf(Error);
    expect(requests).toHaveLength(2);
    expect(events.at(-1)?.type).toBe('error');
  });

  it('are not retried for a non-idempotent POST', async () => {
    const { client, requests } = await setup([{ destroy: true }, created]);
    const error = await caught(client.POST('/channels', { body: { name: 'n', uniqueName: 'u' } }));
    expect(error).toMatchObject({ name: 'SocialHubNetworkError', attempts: 1 });
    expect(requests).toHaveLength(1);
  });

  it('reject with SocialHubNetworkError when the body breaks off after the headers', async () => {
    const { client } = await setup([{ ...ok, breakBody: true }]);
    const error = await caught(client.GET('/'));
    expect(error).toBeInstanceOf(SocialHubNetworkError);
    expect(error).toMatchObject({ method: 'GET', attempts: 1 });
    expect((error as Error).cause).toBeDefined();
  });

  it('reject for a refused connection', async () => {
    const closed = await startServer(() => ok);
    const url = closed.url;
    await closed.close();
    const client = createPublicClient({
      accessToken: CHANNEL_TOKEN,
      baseUrl: url,
      retry: { maxAttempts: 2, sleep: async () => {} },
    });
    const error = await caught(client.GET('/'));
    expect(error).toBeInstanceOf(SocialHubNetworkError);
    expect((error as Error).message).toContain(`GET ${url}/ failed after 2 attempt(s)`);
  });
});

describe('aborting', () => {
  it("rejects with the caller's reason during a wait, without another attempt", async () => {
    server = await startServer(inTurn(unavailable, ok));
    const controller = new AbortController();
    const client = createPublicClient({
      accessToken: CHANNEL_TOKEN,
      baseUrl: server.url,
      retry: {
        sleep: (_ms, signal) =>
          new Promise((_resolve, reject) => {
            signal.addEventListener('abort', () => reject(signal.reason));
            controller.abort(new Error('user gave up'));
          }),
      },
    });
    const error = await caught(client.GET('/', { signal: controller.signal }));
    expect((error as Error).message).toBe('user gave up');
    expect(server.requests).toHaveLength(1);
  });
});

describe('getAccessToken', () => {
  it('is asked again before a retry', async () => {
    server = await startServer(inTurn(unavailable, ok));
    const rotated = `${CHANNEL_TOKEN}x`;
    let calls = 0;
    const client = createPublicClient({
      baseUrl: server.url,
      getAccessToken: () => (calls++ === 0 ? CHANNEL_TOKEN : rotated),
      retry: { sleep: async () => {} },
    });
    await client.GET('/');
    expect(server.requests.map((r) => r.query.get('accesstoken'))).toEqual([
      CHANNEL_TOKEN,
      rotated,
    ]);
  });
});
