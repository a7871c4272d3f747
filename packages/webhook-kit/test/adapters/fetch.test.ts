import { type ServerType, serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { createFetchHandler } from '../../src/adapters/fetch.js';
import { expectAdapterContract, recordingHandler, signedHeaders } from '../helpers.js';
import { compactVector } from '../vectors.js';

async function serveHono(app: Hono): Promise<{ url: string; server: ServerType }> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve({ url: `http://127.0.0.1:${info.port}`, server }),
    );
  });
}

describe('fetch adapter', () => {
  const servers: ServerType[] = [];
  afterEach(async () => {
    await Promise.all(
      servers.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve()))),
    );
  });

  it('keeps the adapter contract inside a real Hono app', async () => {
    const recorder = recordingHandler({ maxBodyBytes: 2048 });
    const handle = createFetchHandler(recorder.handler);
    const app = new Hono();
    app.all('/webhook', (c) => handle(c.req.raw));
    app.post('/other', async (c) => c.json({ parsed: await c.req.json() }));
    const { url, server } = await serveHono(app);
    servers.push(server);
    await expectAdapterContract(`${url}/webhook`, recorder);
    const other = await fetch(`${url}/other`, { method: 'POST', body: '{"a":1}' });
    expect(await other.json()).toEqual({ parsed: { a: 1 } });
  });

  it('hands the background processing to waitUntil', async () => {
    const recorder = recordingHandler();
    const handle = createFetchHandler(recorder.handler);
    const kept: Promise<unknown>[] = [];
    const request = new Request('https://example.test/webhook', {
      method: 'POST',
      body: compactVector.body,
      headers: signedHeaders(),
    });
    const res = await handle(request, { waitUntil: (p) => kept.push(p) });
    expect(res.status).toBe(200);
    expect(kept).toHaveLength(1);
    await kept[0];
    expect(recorder.seen).toHaveLength(1);
  });

  it("ignores a second argument without waitUntil (Bun's server, Deno's info)", async () => {
    const recorder = recordingHandler();
    const handle = createFetchHandler(recorder.handler);
    const delivered = recorder.waitForEvents(1);
    const request = new Request('https://example.test/webhook', {
      method: 'POST',
      body: compactVector.body,
      headers: signedHeaders(),
    });
    const res = await handle(request, { remoteAddr: { hostname: '127.0.0.1' } });
    expect(res.status).toBe(200);
    await delivered;
  });
});
