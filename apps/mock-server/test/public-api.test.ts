import { InfoSchema } from '@socialhub/schema/public/zod';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../src/index.js';
import { call, startMock } from './helpers.js';

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
    ['missing', undefined],
    ['garbage', 'not-a-token'],
    [
      'forged',
      `${'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9'}.${Buffer.from('{"accountId":"a","channelId":"b","iat":1}').toString('base64url')}.c2ln`,
    ],
  ])('401 AccessTokenInvalidError for a %s token, with rate-limit headers', async (_, bad) => {
    const response = await call(mock, 'GET', '/', bad === undefined ? {} : { token: bad });
    expect(response.status).toBe(401);
    expect(response.body).toEqual({
      code: 'AccessTokenInvalidError',
      message: 'Error: Invalid access token',
    });
    expect(response.headers.get('x-ratelimit-limit')).not.toBeNull();
    expect(response.headers.get('x-ratelimit-remaining')).not.toBeNull();
  });

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
    expect(missing.body).toEqual({
      code: 'ValidationError',
      message: 'Error: The request body is required',
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
