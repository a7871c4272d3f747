import { createServer } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeHandler } from '../../src/adapters/node.js';
import {
  close,
  expectAdapterContract,
  listen,
  recordingHandler,
  signedHeaders,
} from '../helpers.js';
import { compactVector } from '../vectors.js';

describe('node:http adapter', () => {
  const servers: ReturnType<typeof createServer>[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map(close));
  });

  it('keeps the adapter contract on a real server', async () => {
    const recorder = recordingHandler({ maxBodyBytes: 2048 });
    const server = createServer(createNodeHandler(recorder.handler));
    servers.push(server);
    await expectAdapterContract(`${await listen(server)}/webhook`, recorder);
  });

  it('refuses a chunked body once it passes the limit, without a Content-Length', async () => {
    const recorder = recordingHandler({ maxBodyBytes: 1024 });
    const server = createServer(createNodeHandler(recorder.handler));
    servers.push(server);
    const url = await listen(server);
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 8; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(256)));
        controller.close();
      },
    });
    const res = await fetch(url, {
      method: 'POST',
      body: chunks,
      headers: signedHeaders(),
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(compactVector.bytes).toBeLessThan(1024);
  });
});

describe('adapters refuse what is not a handler', () => {
  it('with a typed InvalidOptionsError at start-up, not a crash on the first request', async () => {
    const { createFetchHandler } = await import('../../src/adapters/fetch.js');
    const { createExpressHandler } = await import('../../src/adapters/express.js');
    const { createFastifyPlugin } = await import('../../src/adapters/fastify.js');
    const { InvalidOptionsError } = await import('../../src/errors.js');
    const { createWebhookHandler } = await import('../../src/webhook-handler.js');
    for (const adapt of [createNodeHandler, createFetchHandler, createExpressHandler]) {
      expect(() => adapt(undefined as never)).toThrow(InvalidOptionsError);
      expect(() => adapt({ handle: 'no' } as never)).toThrow(/needs a handler made by/);
    }
    expect(() => createFastifyPlugin({} as never, { path: '/x' })).toThrow(InvalidOptionsError);
    const webhooks = createWebhookHandler({ secret: 's'.repeat(32), on: {} });
    expect(() => createFastifyPlugin(webhooks, {} as never)).toThrow(/\{ path \}/);
  });
});
