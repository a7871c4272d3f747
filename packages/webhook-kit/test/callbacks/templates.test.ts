import { createServer } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createNodeHandler } from '../../src/adapters/node.js';
import { createTemplatesHandler } from '../../src/callbacks/templates.js';
import { SIGNED_GET_BODY } from '../../src/constants.js';
import { signDelivery } from '../../src/core.js';
import type { Template } from '../../src/events.js';
import { close, listen } from '../helpers.js';
import { NOW, SECRET, TIMESTAMP, vectors } from '../vectors.js';

const greeting: Template = {
  name: 'Test Greeting',
  networkId: 'test_greeting',
  variables: { firstName: { type: 'string', minLength: 2, maxLength: 12 } },
  text: { en: 'Hello {{firstName}}', de: 'Hallo {{firstName}}', fr: 'Bienvenue {{firstName}}' },
};
const emptyBodyVector = vectors.find((v) => v.body === '');

describe('createTemplatesHandler', () => {
  const servers: ReturnType<typeof createServer>[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map(close));
  });

  it('signs a GET over the empty string, as the shared vector does', () => {
    expect(SIGNED_GET_BODY).toBe('');
    expect(emptyBodyVector?.bytes).toBe(0);
  });

  it('verifies the signed GET and answers the templates of the channel, on a real server', async () => {
    const templates = vi.fn(async () => [greeting]);
    const server = createServer(
      createNodeHandler(createTemplatesHandler({ secret: SECRET, now: () => NOW, templates })),
    );
    servers.push(server);
    const url = `${await listen(server)}/templates?channelId=5c9c01952bdfd718307a0a53`;
    const res = await fetch(url, {
      headers: {
        'x-socialhub-timestamp': TIMESTAMP,
        'x-socialhub-signature': emptyBodyVector?.signature ?? '',
      },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-socialhub-challenge')).toBe(emptyBodyVector?.challenge);
    expect(await res.json()).toEqual([greeting]);
    expect(templates).toHaveBeenCalledWith({ channelId: '5c9c01952bdfd718307a0a53' });

    const unsigned = await fetch(url);
    expect(unsigned.status).toBe(400);
    const post = await fetch(url, { method: 'POST', body: '{}' });
    expect(post.status).toBe(405);
    expect(templates).toHaveBeenCalledTimes(1);
  });

  it('rejects a bad signature and a missing channelId', async () => {
    const handler = createTemplatesHandler({ secret: SECRET, templates: () => [greeting] });
    const signed = await signDelivery(SIGNED_GET_BODY, { secret: SECRET });
    const bad = await handler.handle({
      method: 'GET',
      url: '/t?channelId=x',
      headers: { ...signed.headers, 'x-socialhub-signature': '0'.repeat(64) },
      rawBody: '',
    });
    expect(bad.status).toBe(401);
    const missing = await handler.handle({
      method: 'GET',
      url: '/t',
      headers: signed.headers,
      rawBody: '',
    });
    expect(missing.status).toBe(400);
    expect(JSON.parse(missing.body ?? '')).toMatchObject({ code: 'missing_parameter' });
  });
});
