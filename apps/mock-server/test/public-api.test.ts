import { InfoSchema } from '@socialhub/schema/public/zod';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../src/index.js';
import { call, startMock, userToken } from './helpers.js';

describe('the public API: tokens, errors and rate-limit headers', () => {
  let mock: MockServer;
  let token: string;
  let channelId: string;
  beforeAll(async () => {
    mock = await startMock({ rateLimit: { limit: 5, windowMs: 60_000 } });
    const created = await mock.control.createChannel({ name: 'Contact form', networkId: 'form-1' });
    token = created.accessToken;
    channelId = created.channel._id;
  });
  afterAll(() => mock.close());

  it('issues HS256 channel tokens with the documented payload', () => {
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS256', typ: 'JWT' });
    const payload = decodeJwt(token);
    expect(Object.keys(payload)).toEqual(['accountId', 'channelId', 'iat']);
    expect(payload.channelId).toBe(channelId);
    expect(payload.iat).toBeTypeOf('number');
  });

  it('GET / answers { channel, manifest } valid against the contract, with rate-limit headers', async () => {
    const response = await call(mock, 'GET', '/', { token });
    expect(response.status).toBe(200);
    expect(InfoSchema.parse(response.body).channel._id).toBe(channelId);
    expect(response.body.channel.endpoint.accessToken).toBeUndefined();
    expect(response.body.manifest).toEqual({
      _id: expect.any(String),
      webhook: null,
      inbox: { ticketActions: [], rightSidebar: [] },
    });
    expect(response.headers.get('x-ratelimit-limit')).toBe('5');
    expect(Number(response.headers.get('x-ratelimit-remaining'))).toBeLessThan(5);
  });

  it.each([
    ['missing', undefined, 'missing'],
    ['garbage', 'not-a-token', 'malformed'],
    [
      'forged',
      `${'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9'}.${Buffer.from('{"accountId":"a","channelId":"b","iat":1}').toString('base64url')}.c2ln`,
      'unknown',
    ],
  ])(
    '401 AccessTokenInvalidError for a %s token, with rate-limit headers',
    async (_, bad, reason) => {
      const response = await call(mock, 'GET', '/', bad === undefined ? {} : { token: bad });
      expect(response.status).toBe(401);
      expect(response.body).toEqual({
        code: 'AccessTokenInvalidError',
        message: 'Error: Invalid access token',
        data: { reason, detail: expect.any(String) },
      });
      // The token is never echoed.
      if (bad) expect(JSON.stringify(response.body)).not.toContain(bad);
      expect(response.headers.get('x-ratelimit-limit')).not.toBeNull();
      expect(response.headers.get('x-ratelimit-remaining')).not.toBeNull();
    },
  );

  it('400 ValidationError with the issues for a body that breaks the contract', async () => {
    const response = await call(mock, 'POST', '/inbox/tickets', {
      token,
      body: { interaction: { networkItemId: 'x', message: 'hi' } },
    });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('ValidationError');
    expect(response.body.message).toMatch(/^Error: /);
    expect(response.body.data[0].path).toBe('interaction.networkItemId');
  });

  it('400 BadRequestError for malformed JSON and for a missing body', async () => {
    const malformed = await call(mock, 'PATCH', '/channel', { token, rawBody: '{"name":' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('BadRequestError');
    const missing = await call(mock, 'PATCH', '/channel', { token });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({
      code: 'ValidationError',
      message: expect.stringMatching(/body: A request body is required$/),
      data: [{ in: 'body', path: '(root)', code: 'required' }],
    });
  });

  it('400 BadRequestError for a JSON body that is not UTF-8 (public, API2 and control API), nothing stored', async () => {
    const { accessToken: token } = await mock.control.createChannel({ name: 'UTF-8' });
    // "Hi \xff" — a byte that is never UTF-8; it must not become U+FFFD in a ticket.
    const bytes = Buffer.concat([
      Buffer.from('{"interaction":{"networkItemId":"utf8-check-1","message":"Hi '),
      Buffer.from([0xff]),
      Buffer.from('"}}'),
    ]);
    const send = (path: string) =>
      fetch(new URL(path, mock.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: bytes,
      }).then(async (r) => ({ status: r.status, body: await r.json() }));
    for (const path of [
      `/inbox/tickets?accesstoken=${token}`,
      '/_mock/channels',
      `/api2/inbox/tickets/000000000000000000000000/actions/x?accesstoken=${await userToken(mock)}`,
    ]) {
      const answer = await send(path);
      expect(answer.status, path).toBe(400);
      expect(answer.body).toMatchObject({
        code: 'BadRequestError',
        message: expect.stringContaining('not valid UTF-8'),
      });
    }
    const tickets = await mock.control.listTickets();
    expect(tickets.some((t) => t.interaction.networkItemId === 'utf8-check-1')).toBe(false);
  });

  it('validation messages say what is wrong, never the raw pattern', async () => {
    const { accessToken: token } = await mock.control.createChannel({ name: 'Messages' });
    const response = await call(mock, 'POST', '/inbox/tickets', {
      token,
      body: { interaction: { networkItemId: 'a b', message: 'hi' } },
    });
    expect(response.body.data[0].message).toMatch(
      /^must be 6 to 256 characters, each one of: lower-case letters/,
    );
    expect(JSON.stringify(response.body)).not.toContain('{6,256}');
    const label = await call(mock, 'PATCH', '/manifest', {
      token,
      body: { inbox: { ticketActions: [{ id: 'a', type: 'reply', label: 'Reply' }] } },
    });
    expect(label.body.data[0]).toMatchObject({
      path: 'inbox.ticketActions.[0].label',
      message: expect.stringContaining('a label is an object with en, de and fr'),
    });
    const type = await call(mock, 'PATCH', '/manifest', {
      token,
      body: {
        inbox: {
          ticketActions: [{ id: 'a', type: 'replyx', label: { en: 'a', de: 'b', fr: 'c' } }],
        },
      },
    });
    expect(type.body.data[0]).toMatchObject({
      path: 'inbox.ticketActions.[0].type',
      message: 'type must be one of "reply", "template_reply", "button", "delete"',
    });
  });

  it('404 and 405 with { code, message }', async () => {
    expect((await call(mock, 'GET', '/nope', { token })).body.code).toBe('NotFoundError');
    const wrongMethod = await call(mock, 'PUT', '/manifest', { token, body: {} });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.body.code).toBe('MethodNotAllowedError');
  });

  it('429 TooManyRequestsError with Retry-After past the per-channel limit; other channels are not affected', async () => {
    const other = await mock.control.createChannel({ name: 'Other' });
    let limited: Awaited<ReturnType<typeof call>> | undefined;
    for (let i = 0; i < 8 && !limited; i++) {
      const response = await call(mock, 'GET', '/', { token });
      if (response.status === 429) limited = response;
    }
    expect(limited?.body).toEqual({
      code: 'TooManyRequestsError',
      message: 'Error: Too many requests.',
    });
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited?.headers.get('x-ratelimit-remaining')).toBe('0');
    expect((await call(mock, 'GET', '/', { token: other.accessToken })).status).toBe(200);
    // The limit is configurable per channel.
    await mock.control.configure({ rateLimit: { channelId, limit: 1000 } });
    const after = await call(mock, 'GET', '/', { token });
    expect(after.status).toBe(200);
    expect(after.headers.get('x-ratelimit-limit')).toBe('1000');
  });

  it('never leaks the token in an error body', async () => {
    const response = await call(mock, 'POST', '/channels', {
      token,
      body: { name: 'x', uniqueName: 'x' },
    });
    expect(response.status).toBe(401);
    expect(JSON.stringify(response.body)).not.toContain(token);
  });
});
