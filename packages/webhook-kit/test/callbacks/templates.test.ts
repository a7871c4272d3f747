import { createServer } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createNodeHandler } from '../../src/adapters/node.js';
import { createTemplatesHandler } from '../../src/callbacks/templates.js';
import { SIGNED_GET_BODY } from '../../src/constants.js';
import { signDelivery } from '../../src/core.js';
import {
  InvalidOptionsError,
  InvalidTemplatesError,
  TemplatesCallbackError,
  type WebhookKitError,
} from '../../src/errors.js';
import type { Template } from '../../src/events.js';
import { createTestTemplatesRequest } from '../../src/testing.js';
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

  it('validates what templates() returns: a bad result reaches onError and is answered 500 JSON, on a real server', async () => {
    const errors: WebhookKitError[] = [];
    const bad = [{ ...greeting, text: 'Hello {{firstName}}' }, { name: 'No id' }];
    const server = createServer(
      createNodeHandler(
        createTemplatesHandler({
          secret: SECRET,
          templates: () => bad as never,
          onError: (error, context) => {
            errors.push(error);
            expect(context).toEqual({ channelId: '5c9c01952bdfd718307a0a53' });
          },
        }),
      ),
    );
    servers.push(server);
    const request = await createTestTemplatesRequest({
      secret: SECRET,
      channelId: '5c9c01952bdfd718307a0a53',
    });
    const res = await fetch(request.toRequest(`${await listen(server)}/templates`));
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await res.json();
    expect(body).toEqual({ code: 'invalid_templates', message: expect.any(String) });
    expect(body.message).toMatch(
      /^@socialhub\/webhook-kit: templates\(\) returned templates that do not match the contract/,
    );
    expect(body.message).toContain('[0].text:');
    expect(body.message).toContain('[1].networkId:');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(InvalidTemplatesError);
    expect(errors[0]?.cause).toBeDefined();
  });

  it('reports a throwing templates() to onError, or to console.error by default, never silently', async () => {
    const request = await createTestTemplatesRequest({ secret: SECRET, channelId: 'c1' });
    const errors: WebhookKitError[] = [];
    const failing = createTemplatesHandler({
      secret: SECRET,
      templates: async () => {
        throw new Error('database down');
      },
      onError: (error) => void errors.push(error),
    });
    const answer = await failing.handle(request);
    expect(answer.status).toBe(500);
    expect(JSON.parse(answer.body ?? '')).toMatchObject({ code: 'templates_failed' });
    expect(answer.body).not.toContain('database down');
    expect(errors[0]).toBeInstanceOf(TemplatesCallbackError);
    expect(errors[0]?.cause).toMatchObject({ message: 'database down' });

    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const silent = createTemplatesHandler({
        secret: SECRET,
        templates: () => [{ name: 1 }] as never,
      });
      expect((await silent.handle(request)).status).toBe(500);
      expect(log).toHaveBeenCalledWith(expect.any(InvalidTemplatesError));
      // A throwing onError is logged too, and the answer stays the typed one.
      const throwing = createTemplatesHandler({
        secret: SECRET,
        templates: () => {
          throw new Error('x');
        },
        onError: () => {
          throw new Error('onError failed');
        },
      });
      expect(JSON.parse((await throwing.handle(request)).body ?? '')).toMatchObject({
        code: 'templates_failed',
      });
      expect(log).toHaveBeenCalledWith(expect.objectContaining({ message: 'onError failed' }));
    } finally {
      log.mockRestore();
    }
  });

  it('serves valid templates, keeping fields the contract does not list', async () => {
    const extra = { ...greeting, description: 'kept' };
    const handler = createTemplatesHandler({ secret: SECRET, templates: () => [extra] });
    const request = await createTestTemplatesRequest({ secret: SECRET, channelId: 'c1' });
    const answer = await handler.handle(request);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body ?? '')).toEqual([extra]);
  });

  it('refuses unusable options with a typed error', () => {
    expect(() => createTemplatesHandler({ secret: SECRET } as never)).toThrow(InvalidOptionsError);
    expect(() =>
      createTemplatesHandler({ secret: SECRET, templates: () => [], onError: 1 } as never),
    ).toThrow(InvalidOptionsError);
    expect(() => createTemplatesHandler({ secret: '', templates: () => [] })).toThrow(
      InvalidOptionsError,
    );
  });
});
