import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createFastifyPlugin } from '../../src/adapters/fastify.js';
import { expectAdapterContract, recordingHandler } from '../helpers.js';

describe('Fastify 5 adapter', () => {
  const apps: FastifyInstance[] = [];
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });

  it('keeps the adapter contract, leaving JSON parsing of other routes alone', async () => {
    const recorder = recordingHandler({ maxBodyBytes: 2048 });
    const app = Fastify();
    apps.push(app);
    await app.register(createFastifyPlugin(recorder.handler, { path: '/webhook' }));
    app.post('/other', async (request) => ({ parsed: request.body }));
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    await expectAdapterContract(`${url}/webhook`, recorder);
    const other = await fetch(`${url}/other`, {
      method: 'POST',
      body: '{"a":1}',
      headers: { 'content-type': 'application/json' },
    });
    expect(await other.json()).toEqual({ parsed: { a: 1 } });
  });

  it('works under a prefix', async () => {
    const recorder = recordingHandler({ maxBodyBytes: 2048 });
    const app = Fastify();
    apps.push(app);
    await app.register(createFastifyPlugin(recorder.handler, { path: '/webhook' }), {
      prefix: '/socialhub',
    });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    await expectAdapterContract(`${url}/socialhub/webhook`, recorder);
  });
});
