import { afterEach, describe, expect, it } from 'vitest';
import { createPublicClient, readRateLimit } from '../src/index.js';
import { inTurn, startServer, type TestServer } from './helpers/server.js';
import { CHANNEL_TOKEN } from './helpers/tokens.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('rate limit', () => {
  it('is readable after every call, success or error, on the client and the response', async () => {
    server = await startServer(
      inTurn({ body: {} }, { status: 403, body: { code: 'ChannelDeactivated', message: 'x' } }),
    );
    const client = createPublicClient({ accessToken: CHANNEL_TOKEN, baseUrl: server.url });
    expect(client.rateLimit).toBeUndefined();
    const first = await client.GET('/');
    expect(client.rateLimit).toEqual({ limit: 1000, remaining: 999 });
    expect(readRateLimit(first.response)).toEqual({ limit: 1000, remaining: 999 });
    const second = await client.GET('/');
    expect(second.status).toBe(403);
    expect(client.rateLimit).toEqual({ limit: 1000, remaining: 998 });
    expect(readRateLimit(second.response)).toEqual({ limit: 1000, remaining: 998 });
  });

  it('keeps the last value when a response has no rate limit headers', async () => {
    server = await startServer(
      inTurn(
        { body: {} },
        { body: {}, headers: { 'x-ratelimit-limit': '', 'x-ratelimit-remaining': 'many' } },
      ),
    );
    const client = createPublicClient({ accessToken: CHANNEL_TOKEN, baseUrl: server.url });
    await client.GET('/');
    const second = await client.GET('/');
    expect(readRateLimit(second.response)).toBeUndefined();
    expect(client.rateLimit).toEqual({ limit: 1000, remaining: 999 });
  });

  it('reads plain Headers too', () => {
    expect(
      readRateLimit(new Headers({ 'X-RateLimit-Limit': '10', 'X-RateLimit-Remaining': '0' })),
    ).toEqual({ limit: 10, remaining: 0 });
    expect(
      readRateLimit(new Headers({ 'X-RateLimit-Limit': '-1', 'X-RateLimit-Remaining': '0' })),
    ).toBeUndefined();
  });
});
