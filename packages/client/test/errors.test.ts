import { afterEach, describe, expect, it } from 'vitest';
import {
  createPublicClient,
  SocialHubApiError,
  SocialHubError,
  toApiError,
  unwrap,
} from '../src/index.js';
import { caught } from './helpers/secrets.js';
import { inTurn, type Reply, startServer, type TestServer } from './helpers/server.js';
import { CHANNEL_TOKEN } from './helpers/tokens.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientAnswering(...replies: Reply[]) {
  server = await startServer(inTurn(...replies));
  return createPublicClient({ accessToken: CHANNEL_TOKEN, baseUrl: server.url, retry: false });
}

describe('documented errors are values typed by status', () => {
  it('401 AccessTokenInvalidError', async () => {
    const client = await clientAnswering({
      status: 401,
      body: { code: 'AccessTokenInvalidError', message: 'Error: Invalid access token' },
    });
    const result = await client.GET('/');
    expect(result.status).toBe(401);
    expect(result.data).toBeUndefined();
    if (result.status !== 401) throw new Error('narrowing');
    const code: 'AccessTokenInvalidError' = result.error.code;
    expect(code).toBe('AccessTokenInvalidError');
  });

  it('422 WebhookValidationError keeps data', async () => {
    const client = await clientAnswering({
      status: 422,
      body: {
        code: 'WebhookValidationError',
        message: 'Error: An error occurred while attempting to validate the WebHook',
        data: 'Error: certificate has expired',
      },
    });
    const result = await client.PATCH('/manifest', {
      body: { webhook: { url: 'https://example.com/hook', secret: 'x'.repeat(32) } },
    });
    if (result.status !== 422) throw new Error(`expected 422, got ${result.status}`);
    const data: string | undefined = result.error.data;
    expect(data).toBe('Error: certificate has expired');
  });

  it('an undocumented status falls to the default Error body', async () => {
    const client = await clientAnswering({
      status: 404,
      body: { code: 'NotFoundError', message: 'Error: Not found' },
    });
    const result = await client.PATCH('/inbox/tickets/{ticketId}', {
      params: { path: { ticketId: 'nope' } },
      body: {},
    });
    expect(result.status).toBe(404);
    expect(result.error).toEqual({ code: 'NotFoundError', message: 'Error: Not found' });
  });
});

describe('unwrap()', () => {
  it('resolves to data on success, from a result or its promise', async () => {
    const client = await clientAnswering({ body: { channel: { _id: 'c1' } } });
    const info = await unwrap(client.GET('/'));
    expect(info.channel._id).toBe('c1');
    const again = await unwrap(await client.GET('/'));
    expect(again).toEqual({ channel: { _id: 'c1' } });
  });

  it('throws SocialHubApiError with status, code, message, data', async () => {
    const client = await clientAnswering({
      status: 422,
      body: {
        code: 'WebhookValidationError',
        message: 'Error: The WebHook failed',
        data: 'ENOTFOUND',
      },
    });
    const error = await caught(unwrap(client.PATCH('/manifest', { body: { webhook: null } })));
    expect(error).toBeInstanceOf(SocialHubApiError);
    expect(error).toBeInstanceOf(SocialHubError);
    expect(error).toMatchObject({
      name: 'SocialHubApiError',
      status: 422,
      code: 'WebhookValidationError',
      data: 'ENOTFOUND',
      serverMessage: 'Error: The WebHook failed',
      method: 'PATCH',
      rateLimit: { limit: 1000, remaining: 999 },
    });
    expect((error as Error).message).toBe(
      `@socialhub/client: PATCH ${server?.url}/manifest answered 422 WebhookValidationError: Error: The WebHook failed`,
    );
    expect((error as SocialHubApiError).url).toBe(`${server?.url}/manifest`);
  });

  it('copes with an error body that is not SocialHub JSON, or empty', async () => {
    const client = await clientAnswering(
      { status: 502, body: '<html>Bad gateway</html>', headers: { 'content-type': 'text/html' } },
      { status: 500 },
    );
    const html = (await caught(unwrap(client.GET('/')))) as SocialHubApiError;
    expect(html).toMatchObject({ status: 502, code: 'http_502', body: '<html>Bad gateway</html>' });
    expect(html.data).toBeUndefined();
    const empty = (await caught(unwrap(client.GET('/')))) as SocialHubApiError;
    expect(empty).toMatchObject({ status: 500, code: 'http_500' });
  });

  it('resolves to undefined for 204', async () => {
    const client = await clientAnswering({ status: 204 });
    await expect(unwrap(client.DELETE('/channel'))).resolves.toBeUndefined();
  });

  it('toApiError works on a result from elsewhere', () => {
    const error = toApiError({
      error: { code: 'X', message: 'm' },
      response: new Response('{}', { status: 400 }),
    });
    expect(error).toMatchObject({ status: 400, code: 'X', method: 'request to' });
  });
});
