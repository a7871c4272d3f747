import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { inspect, promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type ClientLogEvent,
  createApi2Client,
  createPublicClient,
  SocialHubNetworkError,
  SocialHubTimeoutError,
  toApiError,
  unwrap,
} from '../src/index.js';
import { caught, record, secret } from './helpers/secrets.js';
import { inTurn, startServer, type TestServer } from './helpers/server.js';
import { CHANNEL_TOKEN } from './helpers/tokens.js';

const USER_TOKEN = secret('user-token-9f8e7d6c5b4a39281706');
const run = promisify(execFile);

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Every printing route of issue 12: inspect with hidden and internal state, JSON, String. */
function printed(value: unknown): string {
  const routes = [
    inspect(value, { showHidden: true, customInspect: false, depth: Infinity, getters: true }),
    inspect(value, { showHidden: true, depth: Infinity }),
    inspect(value),
    String(value),
  ];
  try {
    routes.push(JSON.stringify(value) ?? '');
  } catch {
    // A cycle: inspect above has already walked it.
  }
  return routes.join('\n');
}

function expectNoToken(value: unknown, token: string): void {
  const text = printed(value);
  expect(text).not.toContain(token);
  expect(text).not.toContain(encodeURIComponent(token));
}

const flavours = [
  {
    name: 'public client',
    token: CHANNEL_TOKEN,
    create: (baseUrl: string, extra: object = {}) =>
      createPublicClient({ accessToken: CHANNEL_TOKEN, baseUrl, retry: false, ...extra }),
  },
  {
    name: 'API2 client',
    token: USER_TOKEN,
    create: (baseUrl: string, extra: object = {}) =>
      createApi2Client({ accessToken: USER_TOKEN, baseUrl, retry: false, ...extra }),
  },
] as const;

describe.each(flavours)('the $name never hands out the token', ({ token, create }) => {
  it('in results, responses (internal state included), clones, API errors and log events', async () => {
    server = await startServer(
      inTurn(
        { status: 400, body: { code: 'ValidationError', message: 'bad' } },
        { body: { channel: { _id: 'c1' } } },
      ),
    );
    const events: ClientLogEvent[] = [];
    const client = create(server.url, { log: (event: ClientLogEvent) => events.push(event) });
    // Both clients type `GET /` differently; the path is what matters here.
    const get = client.GET as (path: string, init?: object) => Promise<{ response: Response }>;
    const failed = record('result', await get('/'));
    expectNoToken(failed, token);
    expectNoToken(failed.response, token);
    const error = record('unwrap', await caught(unwrap(failed)));
    expectNoToken(error, token);
    expectNoToken(toApiError(failed), token);
    const streamed = await get('/', { parseAs: 'stream' });
    const clone = streamed.response.clone();
    expectNoToken(streamed, token);
    expectNoToken(clone, token);
    await Promise.all([streamed.response.body?.cancel(), clone.body?.cancel()]);
    expect(events.length).toBeGreaterThan(3);
    for (const event of events) expectNoToken(event, token);
    expectNoToken(client, token);
    expect(server.requests[0]?.query.get('accesstoken')).toBe(token);
  });

  it('in network errors and timeouts, causes included', async () => {
    server = await startServer(inTurn({ delayMs: 500 }));
    const slow = create(server.url, { timeoutMs: 20 });
    const timeout = await caught(slow.GET('/' as never));
    expect(timeout).toBeInstanceOf(SocialHubTimeoutError);
    expectNoToken(timeout, token);
    const refused = create('http://127.0.0.1:9');
    const network = await caught(refused.GET('/' as never));
    expect(network).toBeInstanceOf(SocialHubNetworkError);
    expectNoToken(network, token);
    // A fetch of the caller's that fails with the Request it was given in its cause.
    const quoting = create('http://127.0.0.1:9', {
      fetch: async (request: Request) => {
        throw new TypeError('fetch failed', {
          cause: Object.assign(new Error('refused'), { request, [Symbol('req')]: request }),
        });
      },
    });
    const quoted = await caught(quoting.GET('/' as never));
    expect(quoted).toBeInstanceOf(SocialHubNetworkError);
    expectNoToken(quoted, token);
  });
});

const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));

/** Runs a Node process whose call dies uncaught; returns its stderr. */
async function dieOf(kind: 'api' | 'network' | 'timeout', flavour: 'public' | 'api2', url: string) {
  const script = `
    import { createPublicClient, createApi2Client, unwrap } from ${JSON.stringify(dist)};
    const create = ${JSON.stringify(flavour)} === 'public' ? createPublicClient : createApi2Client;
    const client = create({ accessToken: process.env.TOKEN, baseUrl: process.env.BASE, retry: false, timeoutMs: 50 });
    await unwrap(client.GET('/'));
  `;
  const base = kind === 'network' ? 'http://127.0.0.1:9' : url;
  const token = flavour === 'public' ? CHANNEL_TOKEN : USER_TOKEN;
  try {
    await run(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, TOKEN: token, BASE: base, NODE_OPTIONS: '' },
    });
  } catch (error) {
    return String((error as { stderr: string }).stderr);
  }
  throw new Error('the child process should have died');
}

describe('a process that dies of an uncaught client error prints no token', () => {
  it.each([
    ['api', 'public'],
    ['api', 'api2'],
    ['network', 'public'],
    ['network', 'api2'],
    ['timeout', 'public'],
    ['timeout', 'api2'],
  ] as const)(
    '%s error, %s client',
    async (kind, flavour) => {
      server = await startServer(
        inTurn(
          kind === 'timeout'
            ? { delayMs: 1000 }
            : { status: 404, body: { code: 'NotFoundError', message: 'no' } },
        ),
      );
      const stderr = await dieOf(kind, flavour, server.url);
      expect(stderr).toMatch(/SocialHub(Api|Network|Timeout)Error/);
      const token = flavour === 'public' ? CHANNEL_TOKEN : USER_TOKEN;
      expect(stderr).not.toContain(token);
      expect(stderr).not.toContain(encodeURIComponent(token));
    },
    20_000,
  );
});
