import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createApi2Client,
  createPublicClient,
  SocialHubAccessTokenError,
  SocialHubConfigError,
} from '../src/index.js';
import { caught, record, secret } from './helpers/secrets.js';
import { startServer, type TestServer } from './helpers/server.js';
import { CHANNEL_TOKEN } from './helpers/tokens.js';

let server: TestServer;
beforeEach(async () => {
  server = await startServer(() => ({ body: { channel: { _id: 'c1' } } }));
});
afterEach(() => server.close());

describe('accesstoken', () => {
  it('is sent as a query parameter on every request, never as a header', async () => {
    const client = createPublicClient({ accessToken: CHANNEL_TOKEN, baseUrl: server.url });
    await client.GET('/');
    await client.PATCH('/channel', { body: { name: 'n' } });
    await client.DELETE('/channel', { params: { query: { reason: 'gone' } } });
    expect(server.requests).toHaveLength(3);
    for (const request of server.requests) {
      expect(request.query.get('accesstoken')).toBe(CHANNEL_TOKEN);
      expect(request.query.getAll('accesstoken')).toHaveLength(1);
      expect(JSON.stringify(request.headers)).not.toContain(CHANNEL_TOKEN);
      expect(request.headers.authorization).toBeUndefined();
    }
    expect(server.requests[2]?.url).toBe(
      `/channel?reason=gone&accesstoken=${encodeURIComponent(CHANNEL_TOKEN)}`,
    );
  });

  it('encodes a token with reserved characters', async () => {
    const odd = secret('a+b/c=d&e#f g');
    const client = createPublicClient({ accessToken: odd, baseUrl: server.url });
    await client.GET('/');
    expect(server.requests[0]?.query.get('accesstoken')).toBe(odd);
  });

  it('keeps a base path of baseUrl', async () => {
    const client = createPublicClient({ accessToken: CHANNEL_TOKEN, baseUrl: `${server.url}/v1/` });
    await client.GET('/');
    expect(server.requests[0]?.path).toBe('/v1/');
  });

  it('calls an async getAccessToken before every request, so rotation takes effect', async () => {
    const tokens = [secret('token-one-1234'), secret('token-two-5678')];
    let calls = 0;
    const client = createPublicClient({
      baseUrl: server.url,
      getAccessToken: async () => tokens[calls++ % 2] as string,
    });
    await client.GET('/');
    await client.GET('/');
    expect(server.requests.map((r) => r.query.get('accesstoken'))).toEqual(tokens);
    expect(calls).toBe(2);
  });

  it('reports a getAccessToken that throws or returns nothing, without sending', async () => {
    const leaky = secret('leaky-token-9999');
    const throwing = createPublicClient({
      baseUrl: server.url,
      getAccessToken: () => {
        throw new Error(`vault refused ?accesstoken=${leaky}`);
      },
    });
    const error = await caught(throwing.GET('/'));
    expect(error).toBeInstanceOf(SocialHubAccessTokenError);
    expect((error as SocialHubAccessTokenError).code).toBe('access_token_unavailable');
    expect(((error as Error).cause as Error).message).toBe('vault refused ?accesstoken=***');

    const empty = createPublicClient({ baseUrl: server.url, getAccessToken: async () => '' });
    expect(await caught(empty.GET('/'))).toBeInstanceOf(SocialHubAccessTokenError);
    expect(server.requests).toHaveLength(0);
  });

  it('sends User-Agent when asked', async () => {
    const client = createPublicClient({
      accessToken: CHANNEL_TOKEN,
      baseUrl: server.url,
      userAgent: 'my-integration/1.0',
    });
    await client.GET('/');
    expect(server.requests[0]?.headers['user-agent']).toBe('my-integration/1.0');
  });

  it('withAccessToken gives a client with the same options and another token', async () => {
    const other = secret('temporary-token-4321');
    const client = createPublicClient({ accessToken: CHANNEL_TOKEN, baseUrl: server.url });
    await client.withAccessToken(other).GET('/');
    await client.GET('/');
    expect(server.requests.map((r) => r.query.get('accesstoken'))).toEqual([other, CHANNEL_TOKEN]);
  });

  it('lets the API2 client go without a token (login routes)', async () => {
    const api2 = createApi2Client({ baseUrl: server.url });
    await api2.POST('/users/login', { body: { username: 'u', password: 'p' } as never });
    expect(server.requests[0]?.path).toBe('/users/login');
    expect(server.requests[0]?.query.has('accesstoken')).toBe(false);
    const withToken = createApi2Client({ baseUrl: server.url, accessToken: CHANNEL_TOKEN });
    await withToken.GET('/accounts/{id}', { params: { path: { id: '5e73f5245a45da10b6e614d8' } } });
    expect(server.requests[1]?.url).toBe(
      `/accounts/5e73f5245a45da10b6e614d8?accesstoken=${CHANNEL_TOKEN}`,
    );
  });
});

describe('options', () => {
  const bad: [string, unknown][] = [
    ['no token', {}],
    ['both token kinds', { accessToken: 'a-token', getAccessToken: () => 'b' }],
    ['an empty token', { accessToken: ' ' }],
    ['a non-function getter', { getAccessToken: 'x' }],
    ['a relative baseUrl', { accessToken: 't', baseUrl: '/api' }],
    ['a baseUrl with a query', { accessToken: 't', baseUrl: 'https://x.test/?a=1' }],
    ['an ftp baseUrl', { accessToken: 't', baseUrl: 'ftp://x.test' }],
    ['a non-function fetch', { accessToken: 't', fetch: 'fetch' }],
    ['a zero timeout', { accessToken: 't', timeoutMs: 0 }],
    ['a NaN timeout', { accessToken: 't', timeoutMs: Number.NaN }],
    ['zero attempts', { accessToken: 't', retry: { maxAttempts: 0 } }],
    ['fractional attempts', { accessToken: 't', retry: { maxAttempts: 1.5 } }],
    ['a negative delay', { accessToken: 't', retry: { baseDelayMs: -1 } }],
    ['a retry that is not an object', { accessToken: 't', retry: 3 }],
    ['a non-function clock', { accessToken: 't', retry: { now: 5 } }],
    ['a non-string userAgent', { accessToken: 't', userAgent: 5 }],
    ['not an object', null],
  ];
  it.each(bad)('rejects %s with SocialHubConfigError', (_name, options) => {
    let thrown: unknown;
    try {
      createPublicClient(options as never);
    } catch (error) {
      thrown = record('options', error);
    }
    expect(thrown).toBeInstanceOf(SocialHubConfigError);
    expect((thrown as Error).message).toMatch(/^@socialhub\/client: /);
    expect((thrown as SocialHubConfigError).code).toBe('invalid_options');
  });

  it('defaults to the contracts’ servers', () => {
    expect(createPublicClient({ accessToken: 't-token' }).baseUrl).toBe('https://api.socialhub.io');
    expect(createApi2Client({}).baseUrl).toBe('https://app.socialhub.io/api2');
  });
});
