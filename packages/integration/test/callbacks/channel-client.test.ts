import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { KitHandler } from '@socialhub/webhook-kit';
import { createNodeHandler } from '@socialhub/webhook-kit/node';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createChannelCreationHandler,
  createChannelReactivationHandler,
} from '../../src/callbacks/channel-callback.js';
import { IntegrationConfigError } from '../../src/errors.js';
import { close, fakeJwt, listen } from '../helpers/http.js';

const NOW = 1_700_000_000_000;
const creation = {
  accountId: '5c9b6b2a58a855074d1d278f',
  manifestId: '5e73f56c5a45da10b6e614dd',
  userId: '5e73f5255a45da10b6e614da',
  origin: 'https://app.socialhub.io',
  iat: NOW / 1000 - 60,
  exp: NOW / 1000 + 1740,
};
const reactivation = {
  ...creation,
  channelId: '5c9c01952bdfd718307a0a53',
  uniqueName: 'test',
  networkId: '39272404',
};

interface Recorded {
  method: string;
  path: string;
  accesstoken: string | null;
  body: unknown;
}

const servers: ReturnType<typeof createServer>[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map(close));
});

/** A stand-in SocialHub that records POST /channels and answers with `answer`. */
async function socialhub(
  answer: (body: Record<string, unknown>, index: number) => { status: number; body: unknown },
) {
  const requests: Recorded[] = [];
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    let text = '';
    for await (const chunk of req) text += chunk;
    const url = new URL(req.url ?? '/', 'http://x');
    const body = JSON.parse(text || 'null');
    requests.push({
      method: req.method ?? '',
      path: url.pathname,
      accesstoken: url.searchParams.get('accesstoken'),
      body,
    });
    const reply = answer(body, requests.length - 1);
    res.writeHead(reply.status, {
      'content-type': 'application/json',
      'x-ratelimit-limit': '1000',
      'x-ratelimit-remaining': '999',
    });
    res.end(JSON.stringify(reply.body));
  });
  servers.push(server);
  return { url: await listen(server), requests };
}

const created = (body: Record<string, unknown>) => ({
  status: 201,
  body: {
    _id: `ch-${String(body.uniqueName)}`,
    accountId: creation.accountId,
    ...body,
    endpoint: { accessToken: fakeJwt({ channelId: `ch-${String(body.uniqueName)}`, iat: 1 }) },
  },
});

/** Serves a handler on a real node:http server and calls it like the customer's browser. */
async function open(handler: KitHandler, token: string) {
  const server = createServer(createNodeHandler(handler));
  servers.push(server);
  return fetch(`${await listen(server)}/callback?token=${token}`, { redirect: 'manual' });
}

describe('channel creation through @socialhub/client', () => {
  it('creates every channel with the temporary token, stores each, then redirects', async () => {
    const shub = await socialhub(created);
    const token = fakeJwt(creation);
    const order: string[] = [];
    const onChannel = vi.fn((channel: { _id: string }) => {
      order.push(`stored ${channel._id}`);
    });
    const handler = createChannelCreationHandler({
      now: () => NOW,
      onError: () => {},
      client: { baseUrl: shub.url },
      onToken: () => {
        order.push('onToken');
      },
      channels: ({ payload }) => [
        { name: 'Page A', uniqueName: 'a', networkId: `${payload.accountId}-a` },
        { name: 'Page B', uniqueName: 'b' },
      ],
      onChannel,
    });
    const res = await open(handler, token);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('https://app.socialhub.io/');
    expect(shub.requests).toEqual([
      {
        method: 'POST',
        path: '/channels',
        accesstoken: token,
        body: { name: 'Page A', uniqueName: 'a', networkId: `${creation.accountId}-a` },
      },
      {
        method: 'POST',
        path: '/channels',
        accesstoken: token,
        body: { name: 'Page B', uniqueName: 'b' },
      },
    ]);
    expect(order).toEqual(['onToken', 'stored ch-a', 'stored ch-b']);
    const [channel, context] = onChannel.mock.calls[0] as unknown as [
      { endpoint: { accessToken: string } },
      { token: { token: string }; input: unknown },
    ];
    expect(channel.endpoint.accessToken).toMatch(/^ey/);
    expect(context.token.token).toBe(token);
    expect(context.input).toEqual({
      name: 'Page A',
      uniqueName: 'a',
      networkId: `${creation.accountId}-a`,
    });
  });

  it('answers 502 channel_creation_failed when SocialHub refuses one, after storing the ones before', async () => {
    const shub = await socialhub((body, index) =>
      index === 0
        ? created(body)
        : {
            status: 403,
            body: {
              code: 'ChannelLimitReached',
              message: 'Error: Account specific channel limit reached',
            },
          },
    );
    const token = fakeJwt(creation);
    const onChannel = vi.fn();
    const handler = createChannelCreationHandler({
      now: () => NOW,
      onError: () => {},
      client: { baseUrl: shub.url },
      channels: () => [
        { name: 'A', uniqueName: 'a' },
        { name: 'B', uniqueName: 'b' },
        { name: 'C', uniqueName: 'c' },
      ],
      onChannel,
    });
    const res = await open(handler, token);
    expect(res.status).toBe(502);
    expect(res.headers.get('location')).toBeNull();
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({
      code: 'channel_creation_failed',
      message:
        '@socialhub/integration: POST /channels failed: SocialHub answered 403 ChannelLimitReached: Error: Account specific channel limit reached',
    });
    expect(text).not.toContain(token);
    expect(onChannel).toHaveBeenCalledTimes(1);
    expect(shub.requests).toHaveLength(2);
  });

  it('answers 502 when SocialHub cannot be reached, without the token in the answer', async () => {
    const gone = await socialhub(created);
    await close(servers.pop() as ReturnType<typeof createServer>);
    const token = fakeJwt(creation);
    const handler = createChannelCreationHandler({
      now: () => NOW,
      onError: () => {},
      client: { baseUrl: gone.url, retry: false },
      channels: () => [{ name: 'A', uniqueName: 'a' }],
      onChannel: () => {},
    });
    const res = await handler.handle({
      method: 'GET',
      url: `/callback?token=${token}`,
      headers: {},
      rawBody: '',
    });
    expect(res.status).toBe(502);
    expect(JSON.parse(res.body ?? '')).toMatchObject({ code: 'channel_creation_failed' });
    expect(res.body).toContain('POST /channels failed: POST');
    expect(res.body).not.toContain(token);
  });

  it('sends nothing for an expired token', async () => {
    const shub = await socialhub(created);
    const handler = createChannelCreationHandler({
      now: () => NOW + 31 * 60_000,
      onError: () => {},
      client: { baseUrl: shub.url },
      channels: () => [{ name: 'A', uniqueName: 'a' }],
      onChannel: () => {},
    });
    const res = await open(handler, fakeJwt(creation));
    expect(res.status).toBe(401);
    expect(shub.requests).toHaveLength(0);
  });

  it('rejects option mistakes at start-up', () => {
    expect(() => createChannelCreationHandler({} as never)).toThrow(IntegrationConfigError);
    expect(() => createChannelCreationHandler({ channels: () => [] } as never)).toThrow(/together/);
    expect(() => createChannelCreationHandler({ onToken: 'x' } as never)).toThrow(/function/);
    expect(() => createChannelReactivationHandler({} as never)).toThrow(IntegrationConfigError);
    expect(() =>
      createChannelReactivationHandler({ onToken: () => {}, channel: () => ({}) }),
    ).toThrow(/only with `onChannel`/);
  });
});

describe('channel reactivation through @socialhub/client', () => {
  it('reactivates the token’s channel and hands over its new token', async () => {
    const shub = await socialhub(created);
    const token = fakeJwt(reactivation);
    const onChannel = vi.fn();
    const handler = createChannelReactivationHandler({
      now: () => NOW,
      onError: () => {},
      client: { baseUrl: shub.url },
      channel: () => ({ endpoint: { expirationTime: '2026-01-01T00:00:00.000Z' } }),
      onChannel,
    });
    const res = await open(handler, token);
    expect(res.status).toBe(303);
    expect(shub.requests).toEqual([
      {
        method: 'POST',
        path: '/channels',
        accesstoken: token,
        body: {
          name: 'test',
          uniqueName: 'test',
          networkId: '39272404',
          endpoint: { expirationTime: '2026-01-01T00:00:00.000Z' },
        },
      },
    ]);
    expect(onChannel.mock.calls[0]?.[0]).toMatchObject({ _id: 'ch-test' });
  });

  it('keeps onToken alone working: no request is sent for it', async () => {
    const shub = await socialhub(created);
    const onToken = vi.fn();
    const handler = createChannelReactivationHandler({ now: () => NOW, onToken });
    const res = await open(handler, fakeJwt(reactivation));
    expect(res.status).toBe(303);
    expect(onToken).toHaveBeenCalledTimes(1);
    expect(shub.requests).toHaveLength(0);
  });
});
