import { afterEach, describe, expect, it } from 'vitest';
import { createPublicClient, SocialHubTimeoutError } from '../src/index.js';
import { caught } from './helpers/secrets.js';
import { inTurn, type Reply, startServer, type TestServer } from './helpers/server.js';
import { CHANNEL_TOKEN } from './helpers/tokens.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const ok: Reply = { body: { channel: { _id: 'c1' } } };

// Bounds are short but leave a loaded machine time to deliver the request first.
describe('timeouts (real timers, short bounds)', () => {
  it('time out an attempt whose answer does not start in timeoutMs', async () => {
    server = await startServer(inTurn({ ...ok, delayMs: 2000 }));
    const client = createPublicClient({
      accessToken: CHANNEL_TOKEN,
      baseUrl: server.url,
      timeoutMs: 50,
      retry: false,
    });
    const error = await caught(client.GET('/'));
    expect(error).toBeInstanceOf(SocialHubTimeoutError);
    expect(error).toMatchObject({ code: 'timeout', scope: 'attempt', timeoutMs: 50, attempts: 1 });
    expect((error as Error).cause).toMatchObject({ name: 'TimeoutError' });
  });

  it('cover the response body: a body that stalls after the headers times out', async () => {
    server = await startServer(inTurn({ ...ok, stallBodyMs: 2000 }));
    const client = createPublicClient({
      accessToken: CHANNEL_TOKEN,
      baseUrl: server.url,
      timeoutMs: 100,
      retry: false,
    });
    const error = await caught(client.GET('/'));
    expect(error).toMatchObject({ name: 'SocialHubTimeoutError', scope: 'attempt' });
  });

  it('are retried for GET like network errors', async () => {
    server = await startServer(inTurn({ ...ok, delayMs: 2000 }, ok));
    const client = createPublicClient({
      accessToken: CHANNEL_TOKEN,
      baseUrl: server.url,
      timeoutMs: 300,
      retry: { sleep: async () => {} },
    });
    const result = await client.GET('/');
    expect(result.status).toBe(200);
    expect(server.requests).toHaveLength(2);
  });

  it('are not retried for a non-idempotent POST', async () => {
    server = await startServer(inTurn({ status: 201, body: {}, delayMs: 2000 }));
    const client = createPublicClient({
      accessToken: CHANNEL_TOKEN,
      baseUrl: server.url,
      timeoutMs: 300,
      retry: { sleep: async () => {} },
    });
    const error = await caught(client.POST('/channels', { body: { name: 'n', uniqueName: 'u' } }));
    expect(error).toMatchObject({ name: 'SocialHubTimeoutError', attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });

  it('bound the whole call by maxElapsedMs, retries included', async () => {
    server = await startServer(inTurn({ ...ok, delayMs: 2000 }));
    const client = createPublicClient({
      accessToken: CHANNEL_TOKEN,
      baseUrl: server.url,
      timeoutMs: 10_000,
      retry: { maxElapsedMs: 150, sleep: async () => {} },
    });
    const started = Date.now();
    const error = await caught(client.GET('/'));
    expect(error).toMatchObject({ name: 'SocialHubTimeoutError', scope: 'total', timeoutMs: 150 });
    expect(Date.now() - started).toBeLessThan(1900);
  });
});

describe('timeouts under garbage collection', () => {
  it('still abort when the collector runs while the request is in flight', async () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    expect(gc, 'vitest runs with --expose-gc').toBeTypeOf('function');
    server = await startServer(async () => {
      // Collect, then let finalizers run, a few times over.
      for (let i = 0; i < 5; i++) {
        gc?.();
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      return { ...ok, delayMs: 1500 };
    });
    const client = createPublicClient({
      accessToken: CHANNEL_TOKEN,
      baseUrl: server.url,
      timeoutMs: 100,
      retry: false,
    });
    for (let i = 0; i < 3; i++) {
      const started = Date.now();
      const error = await caught(client.GET('/'));
      expect(error).toBeInstanceOf(SocialHubTimeoutError);
      expect(Date.now() - started).toBeLessThan(1400);
    }
  });
});
