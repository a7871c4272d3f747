import { afterEach, describe, expect, it } from 'vitest';
import {
  createPublicClient,
  SocialHubConfigError,
  SocialHubTokenExpiredError,
} from '../src/index.js';
import {
  confirmReply,
  createChannel,
  createChannels,
  createTicket,
  disableChannel,
  reactivateChannel,
  removeWebhook,
  reportFailedAction,
  setInbox,
  setWebhook,
  updateChannel,
  updateTicket,
} from '../src/integration/index.js';
import { createFakeClock } from './helpers/clock.js';
import { caught, record } from './helpers/secrets.js';
import { type Recorded, type Reply, startServer, type TestServer } from './helpers/server.js';
import { CHANNEL_TOKEN, creationToken, fakeJwt, reactivationToken } from './helpers/tokens.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const ticket = {
  _id: '5eb493dcac52392e08513417',
  accountId: '5e73f5245a45da10b6e614d8',
  channelId: '5eb47954a545b82b5b522cce',
  createdTime: '2020-05-07T23:03:56.384Z',
  interaction: { networkItemId: 'question-q_0000000001' },
};

/** A small stand-in for SocialHub: answers each documented route with its success status. */
function socialhub(request: Recorded): Reply {
  const body = request.body ? JSON.parse(request.body) : undefined;
  const route = `${request.method} ${request.path}`;
  if (route === 'PATCH /manifest') {
    if (body?.webhook?.url === 'https://unreachable.example.com/webhook')
      return {
        status: 422,
        body: {
          code: 'WebhookValidationError',
          message: 'Error: An error occurred while attempting to validate the WebHook',
          data: 'Error: getaddrinfo ENOTFOUND unreachable.example.com',
        },
      };
    return { body };
  }
  if (route === 'POST /channels') {
    const channelToken = fakeJwt({ accountId: 'a1', channelId: `ch-${body.uniqueName}`, iat: 1 });
    return {
      status: 201,
      body: {
        _id: `ch-${body.uniqueName}`,
        accountId: 'a1',
        ...body,
        endpoint: { accessToken: channelToken },
      },
    };
  }
  if (route === 'PATCH /channel')
    return { body: { _id: 'c1', accountId: 'a1', name: 'n', uniqueName: 'u', ...body } };
  if (route === 'DELETE /channel') return { status: 204 };
  if (route === 'POST /inbox/tickets')
    return { status: 201, body: { ...ticket, interaction: body.interaction } };
  if (request.method === 'PATCH' && request.path.startsWith('/inbox/tickets/'))
    return { body: ticket };
  if (request.method === 'POST' && request.path.startsWith('/inbox/tickets/'))
    return { status: 201, body: ticket };
  return { status: 404, body: { code: 'NotFoundError', message: 'Error: Not found' } };
}

async function setup() {
  server = await startServer(socialhub);
  const client = createPublicClient({ accessToken: CHANNEL_TOKEN, baseUrl: server.url });
  return { client, requests: server.requests };
}

const label = { en: 'Reply', de: 'Antworten', fr: 'Répondre' };

describe('manifest helpers', () => {
  it('setWebhook sends PATCH /manifest { webhook }', async () => {
    const { client, requests } = await setup();
    const webhook = { url: 'https://example.com/webhook', secret: 's'.repeat(32) };
    const result = await setWebhook(client, webhook);
    expect(result.status).toBe(200);
    expect(requests[0]).toMatchObject({ method: 'PATCH', path: '/manifest' });
    expect(JSON.parse(requests[0]?.body ?? '')).toEqual({ webhook });
  });

  it('setWebhook surfaces the 422 data', async () => {
    const { client } = await setup();
    const result = await setWebhook(client, {
      url: 'https://unreachable.example.com/webhook',
      secret: 's'.repeat(32),
    });
    expect(result.status).toBe(422);
    if (result.status === 422)
      expect(result.error.data).toBe('Error: getaddrinfo ENOTFOUND unreachable.example.com');
  });

  it('removeWebhook sends { webhook: null }', async () => {
    const { client, requests } = await setup();
    await removeWebhook(client);
    expect(requests[0]?.body).toBe('{"webhook":null}');
  });

  it('setInbox sends both lists together', async () => {
    const { client, requests } = await setup();
    await setInbox(client, {
      ticketActions: [{ type: 'reply', id: 'reply', label }],
      rightSidebar: [{ id: 'thread', label, treeBuilder: 'flatListWithRoot' }],
    });
    expect(JSON.parse(requests[0]?.body ?? '')).toEqual({
      inbox: {
        ticketActions: [{ type: 'reply', id: 'reply', label }],
        rightSidebar: [{ id: 'thread', label, treeBuilder: 'flatListWithRoot' }],
      },
    });
  });
});

describe('ticket helpers', () => {
  it('createTicket sends POST /inbox/tickets { interaction }', async () => {
    const { client, requests } = await setup();
    const interaction = {
      networkItemId: 'question-q_0000000001',
      message: 'Hello, can someone help me?',
      interactor: { interactorId: 'u_5678986543', name: 'Jork Schrank' },
    };
    const result = await createTicket(client, interaction);
    expect(result.status).toBe(201);
    if (result.status === 201) expect(result.data._id).toBe(ticket._id);
    expect(requests[0]).toMatchObject({ method: 'POST', path: '/inbox/tickets' });
    expect(JSON.parse(requests[0]?.body ?? '')).toEqual({ interaction });
  });

  it('updateTicket sends PATCH with ?reset=true when asked', async () => {
    const { client, requests } = await setup();
    await updateTicket(client, 't 1', { message: 'Edit' }, { reset: true });
    await updateTicket(client, 't2', { message: 'Edit' });
    expect(requests[0]?.path).toBe('/inbox/tickets/t%201');
    expect(requests[0]?.query.get('reset')).toBe('true');
    expect(requests[1]?.query.has('reset')).toBe(false);
    expect(JSON.parse(requests[1]?.body ?? '')).toEqual({ interaction: { message: 'Edit' } });
  });

  it('confirmReply sends the reply-success POST', async () => {
    const { client, requests } = await setup();
    const result = await confirmReply(client, {
      ticketId: '5cc1b08ad62ec72e8388cb47',
      followupId: 'f5f75b50-6764-11e9-9ce6-3507264c7519',
      interaction: { networkItemId: 'reply-0000000001', url: 'https://example.com/r/1' },
    });
    expect(result.status).toBe(201);
    expect(requests[0]?.path).toBe(
      '/inbox/tickets/5cc1b08ad62ec72e8388cb47/replies/f5f75b50-6764-11e9-9ce6-3507264c7519/success',
    );
    expect(JSON.parse(requests[0]?.body ?? '')).toEqual({
      interaction: { networkItemId: 'reply-0000000001', url: 'https://example.com/r/1' },
    });
  });

  it('reportFailedAction sends the reset POST with only the given fields', async () => {
    const { client, requests } = await setup();
    await reportFailedAction(client, {
      ticketId: 't1',
      actionId: 'reply-as-comment',
      followupId: 'f1',
      reason: 'deleted on the network',
    });
    await reportFailedAction(client, { ticketId: 't1', actionId: 'like-button' });
    expect(requests[0]?.path).toBe('/inbox/tickets/t1/reset/reply-as-comment');
    expect(JSON.parse(requests[0]?.body ?? '')).toEqual({
      followupId: 'f1',
      reason: 'deleted on the network',
    });
    expect(requests[1]?.body).toBe('{}');
  });
});

describe('channel helpers', () => {
  it('updateChannel sends PATCH /channel', async () => {
    const { client, requests } = await setup();
    const result = await updateChannel(client, { imageUrl: 'https://example.com/new-logo.png' });
    expect(result.status).toBe(200);
    expect(requests[0]).toMatchObject({ method: 'PATCH', path: '/channel' });
    expect(JSON.parse(requests[0]?.body ?? '')).toEqual({
      imageUrl: 'https://example.com/new-logo.png',
    });
  });

  it('disableChannel sends DELETE /channel with the reason', async () => {
    const { client, requests } = await setup();
    const result = await disableChannel(client, { reason: 'Access token expired' });
    expect(result.status).toBe(204);
    expect(requests[0]?.method).toBe('DELETE');
    expect(requests[0]?.query.get('reason')).toBe('Access token expired');
    await disableChannel(client);
    expect(requests[1]?.query.has('reason')).toBe(false);
  });
});

describe('channel creation with a temporary token', () => {
  const clock = createFakeClock();

  it('createChannel sends POST /channels with the temporary token, not the client’s', async () => {
    const { client, requests } = await setup();
    const token = creationToken();
    const result = await createChannel(client, {
      token,
      channel: { name: 'Contact Form', uniqueName: 'cf', networkId: 'cf-1' },
      now: clock.now,
    });
    expect(result.status).toBe(201);
    if (result.status === 201) expect(result.data.endpoint?.accessToken).toMatch(/^ey/);
    expect(requests[0]?.query.get('accesstoken')).toBe(token);
    expect(JSON.parse(requests[0]?.body ?? '')).toEqual({
      name: 'Contact Form',
      uniqueName: 'cf',
      networkId: 'cf-1',
    });
  });

  it('refuses an expired token before calling', async () => {
    const { client, requests } = await setup();
    const expired = creationToken({ exp: clock.now() / 1000 - 1 });
    const error = await caught(
      createChannel(client, {
        token: expired,
        channel: { name: 'n', uniqueName: 'u' },
        now: clock.now,
      }),
    );
    expect(error).toBeInstanceOf(SocialHubTokenExpiredError);
    expect((error as SocialHubTokenExpiredError).expiredAt.getTime()).toBe(clock.now() - 1000);
    expect(requests).toHaveLength(0);
  });

  it('refuses a malformed token before calling', async () => {
    const { client, requests } = await setup();
    const error = await caught(
      createChannel(client, { token: 'not-a-jwt', channel: { name: 'n', uniqueName: 'u' } }),
    );
    expect(error).toMatchObject({ name: 'SocialHubTokenError', code: 'invalid_token' });
    expect(requests).toHaveLength(0);
  });

  it('createChannels creates each channel in order', async () => {
    const { client, requests } = await setup();
    const results = await createChannels(client, {
      token: creationToken(),
      channels: [
        { name: 'Page A', uniqueName: 'a' },
        { name: 'Page B', uniqueName: 'b' },
      ],
      now: clock.now,
    });
    expect(results.map((r) => r.status)).toEqual([201, 201]);
    expect(requests.map((r) => JSON.parse(r.body).uniqueName)).toEqual(['a', 'b']);
  });

  it('reactivateChannel sends the token’s uniqueName and networkId, overridable', async () => {
    const { client, requests } = await setup();
    const token = reactivationToken();
    await reactivateChannel(client, { token, now: clock.now });
    await reactivateChannel(client, {
      token,
      channel: { name: 'Renamed', imageUrl: 'https://example.com/logo.png' },
      now: clock.now,
    });
    expect(requests[0]?.query.get('accesstoken')).toBe(token);
    expect(JSON.parse(requests[0]?.body ?? '')).toEqual({
      name: 'test',
      uniqueName: 'test',
      networkId: '39272404',
    });
    expect(JSON.parse(requests[1]?.body ?? '')).toEqual({
      name: 'Renamed',
      uniqueName: 'test',
      networkId: '39272404',
      imageUrl: 'https://example.com/logo.png',
    });
  });

  it('reactivateChannel refuses a creation token (no channelId/uniqueName)', async () => {
    const { client, requests } = await setup();
    const error = await caught(
      reactivateChannel(client, { token: creationToken(), now: clock.now }),
    );
    expect(error).toMatchObject({ name: 'SocialHubTokenError' });
    expect(requests).toHaveLength(0);
  });
});

describe('bad input', () => {
  it.each([
    [
      'a missing client',
      () => createTicket(undefined as never, { networkItemId: 'abcdef', message: 'x' }),
    ],
    ['a non-object interaction', () => createTicket({ PATCH: () => 0 } as never, 'x' as never)],
    ['an empty ticketId', () => updateTicket(createPublicClient({ accessToken: 't-1' }), '', {})],
    [
      'a missing followupId',
      () =>
        confirmReply(createPublicClient({ accessToken: 't-1' }), {
          ticketId: 't',
          interaction: { networkItemId: 'abcdef' },
        } as never),
    ],
    [
      'a missing actionId',
      () =>
        reportFailedAction(createPublicClient({ accessToken: 't-1' }), { ticketId: 't' } as never),
    ],
    ['a null webhook', () => setWebhook(createPublicClient({ accessToken: 't-1' }), null as never)],
    [
      'channels that are not a list',
      () =>
        createChannels(createPublicClient({ accessToken: 't-1' }), {
          token: 'a.b.c',
          channels: 'x' as never,
        }),
    ],
  ])('rejects %s with SocialHubConfigError', async (_name, call) => {
    const error = record('bad input', await caught(call()));
    expect(error).toBeInstanceOf(SocialHubConfigError);
    expect(error).toMatchObject({ code: 'invalid_argument' });
  });
});
