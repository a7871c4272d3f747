import { afterEach, describe, expect, it } from 'vitest';
import {
  type ClientLogEvent,
  createPublicClient,
  redactError,
  redactText,
  redactUrl,
  SocialHubNetworkError,
  unwrap,
} from '../src/index.js';
import { caught, reachableText, record, secret } from './helpers/secrets.js';
import { inTurn, startServer, type TestServer } from './helpers/server.js';
import { CHANNEL_TOKEN } from './helpers/tokens.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('redactUrl / redactText / redactError', () => {
  it('redacts every accesstoken parameter, in any case and position', () => {
    expect(redactUrl('https://api.socialhub.io/?accesstoken=abc.def-ghi')).toBe(
      'https://api.socialhub.io/?accesstoken=***',
    );
    expect(redactUrl(new URL('https://x.test/a?b=1&AccessToken=t0k&c=2#f'))).toBe(
      'https://x.test/a?b=1&AccessToken=***&c=2#f',
    );
    expect(redactText('GET /?accesstoken=a and /b?x=1&accesstoken=b\n')).toBe(
      'GET /?accesstoken=*** and /b?x=1&accesstoken=***\n',
    );
    expect(redactUrl('https://x.test/?accesstokens=keep')).toBe(
      'https://x.test/?accesstokens=keep',
    );
  });

  it('redacts known secrets raw and URL-encoded', () => {
    expect(redactText('token a+b/c and a%2Bb%2Fc', ['a+b/c'])).toBe('token *** and ***');
  });

  it('returns an error untouched when nothing in it is secret', () => {
    const error = new TypeError('fetch failed', { cause: new Error('ECONNREFUSED') });
    expect(redactError(error, ['s3cr3t'])).toBe(error);
  });

  it('copies an error whose message, stack, fields or causes hold a secret', () => {
    const inner = Object.assign(new Error('connect to /?accesstoken=s3cr3t-value'), {
      code: 'E_X',
      input: 'https://x.test/?accesstoken=s3cr3t-value',
    });
    const error = new TypeError('fetch failed s3cr3t-value', {
      cause: new AggregateError([inner], 'all failed'),
    });
    const copy = redactError(error, ['s3cr3t-value']);
    expect(copy).not.toBe(error);
    expect(copy).toBeInstanceOf(TypeError);
    expect(copy.message).toBe('fetch failed ***');
    expect(reachableText(copy)).not.toContain('s3cr3t-value');
    const innerCopy = (copy.cause as AggregateError).errors[0] as Error & { code: string };
    expect(innerCopy.code).toBe('E_X');
    expect(innerCopy.message).toBe('connect to /?accesstoken=***');
  });

  it('keeps a DOMException readable', () => {
    const error = new DOMException('aborted s3cr3t-value', 'AbortError');
    const copy = redactError(error, ['s3cr3t-value']);
    expect(copy.name).toBe('AbortError');
    expect(copy.message).toBe('aborted ***');
  });
});

describe('the token search itself', () => {
  it('finds a token in a cause, a field or a response url', () => {
    const token = 'needle-token-1234';
    expect(reachableText(new Error('x', { cause: new Error(`?accesstoken=${token}`) }))).toContain(
      token,
    );
    expect(reachableText({ a: { b: [token] } })).toContain(token);
    const response = new Response('');
    Object.defineProperty(response, 'url', { value: `https://x.test/?accesstoken=${token}` });
    expect(reachableText({ response })).toContain(token);
  });
});

describe('the client never shows the token', () => {
  it('in results, responses, API errors and log events', async () => {
    server = await startServer((request, index) =>
      request.method === 'GET'
        ? { body: { channel: { _id: 'c1' } } }
        : index === 0
          ? { status: 503 }
          : { status: 409, body: { code: 'ConflictError', message: 'dup' } },
    );
    const events: ClientLogEvent[] = [];
    const client = createPublicClient({
      accessToken: CHANNEL_TOKEN,
      baseUrl: server.url,
      retry: { sleep: async () => {} },
      log: (event) => events.push(record('log', event)),
    });
    const result = record(
      'result',
      await client.POST('/inbox/tickets', {
        body: { interaction: { networkItemId: 'abcdef', message: 'x' } },
      }),
    );
    expect(result.response.url).toBe(`${server.url}/inbox/tickets`);
    expect(JSON.stringify(result.response)).not.toContain('accesstoken');
    // A body left unread (parseAs: 'stream') can be cloned; the clones hide the token too.
    const unread = await client.GET('/', { parseAs: 'stream' });
    const copy = record('clone', unread.response.clone());
    expect(copy.url).toBe(`${server.url}/`);
    const copy2 = record('clone of clone', copy.clone());
    expect(copy2.url).toBe(`${server.url}/`);
    // A tee'd body is cancelled once every branch is.
    await Promise.all([unread.response, copy, copy2].map((r) => r.body?.cancel()));
    expect(await caught(unwrap(result))).toBeDefined();
    expect(events.slice(0, 5).map((e) => e.type)).toEqual([
      'request',
      'response',
      'retry',
      'request',
      'response',
    ]);
    for (const event of events.slice(0, 5)) expect(event.url).toBe(`${server.url}/inbox/tickets`);
    expect(server.requests[0]?.query.get('accesstoken')).toBe(CHANNEL_TOKEN);
  });

  it('in a network error whose cause quotes the URL', async () => {
    const client = createPublicClient({
      accessToken: CHANNEL_TOKEN,
      baseUrl: 'http://127.0.0.1:9',
      retry: false,
      fetch: async (request) => {
        throw new TypeError(`no route for ${request.url}`, {
          cause: Object.assign(new Error('ECONNREFUSED'), { url: request.url }),
        });
      },
    });
    const error = await caught(client.GET('/'));
    expect(error).toBeInstanceOf(SocialHubNetworkError);
    expect(((error as Error).cause as Error).message).toBe(
      'no route for http://127.0.0.1:9/?accesstoken=***',
    );
  });

  it('in a timeout, a refused connection and a token getter failure', async () => {
    server = await startServer(inTurn({ delayMs: 1000 }));
    const slow = createPublicClient({
      accessToken: CHANNEL_TOKEN,
      baseUrl: server.url,
      timeoutMs: 30,
      retry: false,
      log: (event) => record('log', event),
    });
    await caught(slow.GET('/'));
    const refused = createPublicClient({
      accessToken: CHANNEL_TOKEN,
      baseUrl: 'http://127.0.0.1:9',
      retry: false,
    });
    await caught(refused.GET('/'));
    const odd = secret('odd-token-from-a-vault');
    const getter = createPublicClient({
      baseUrl: 'http://127.0.0.1:9',
      getAccessToken: () => Promise.reject(new Error(`GET https://vault.test/?accesstoken=${odd}`)),
    });
    const error = await caught(getter.GET('/'));
    expect(((error as Error).cause as Error).message).toBe(
      'GET https://vault.test/?accesstoken=***',
    );
  });
});
