import { createServer } from 'node:http';
import { createNodeHandler } from '@socialhub/webhook-kit/node';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createChannelCreationHandler,
  createChannelReactivationHandler,
} from '../../src/callbacks/channel-callback.js';
import { close, fakeJwt, listen } from '../helpers/http.js';

const NOW = 1_700_000_000_000;
const creation = (origin = 'https://app.socialhub.io') => ({
  accountId: '5c9b6b2a58a855074d1d278f',
  manifestId: '5e73f56c5a45da10b6e614dd',
  userId: '5e73f5255a45da10b6e614da',
  origin,
  iat: NOW / 1000 - 60,
  exp: NOW / 1000 + 1740,
});

describe('channel callback handlers', () => {
  const servers: ReturnType<typeof createServer>[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map(close));
  });

  it('runs onToken with the checked token, then redirects to its origin, on a real server', async () => {
    const onToken = vi.fn();
    const server = createServer(
      createNodeHandler(createChannelCreationHandler({ onToken, now: () => NOW })),
    );
    servers.push(server);
    const token = fakeJwt(creation());
    const res = await fetch(`${await listen(server)}/add?token=${token}`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('https://app.socialhub.io/');
    expect(onToken).toHaveBeenCalledWith({ token, payload: creation() });
  });

  it('does not redirect when onToken fails, the token expired, or the origin is not SocialHub', async () => {
    const failing = createChannelCreationHandler({
      now: () => NOW,
      onError: () => {},
      onToken: () => {
        throw new Error('POST /channels failed');
      },
    });
    const request = (token: string) => ({
      method: 'GET',
      url: `/add?token=${token}`,
      headers: {},
      rawBody: '',
    });
    expect((await failing.handle(request(fakeJwt(creation())))).status).toBe(500);

    const onToken = vi.fn();
    const handler = createChannelCreationHandler({
      onToken,
      now: () => NOW + 31 * 60_000,
      onError: () => {},
    });
    const expired = await handler.handle(request(fakeJwt(creation())));
    expect(expired.status).toBe(401);
    expect(JSON.parse(expired.body ?? '')).toMatchObject({ code: 'token_expired' });

    const fresh = createChannelCreationHandler({ onToken, now: () => NOW, onError: () => {} });
    for (const origin of [
      'https://evil.example',
      'http://app.socialhub.io',
      'https://socialhub.io.evil.example',
    ]) {
      const res = await fresh.handle(request(fakeJwt(creation(origin))));
      expect(res.status).toBe(400);
      expect(res.headers.location).toBeUndefined();
    }
    expect((await fresh.handle(request('not-a-jwt'))).status).toBe(400);
    expect((await fresh.handle({ ...request(''), url: '/add' })).status).toBe(400);
    expect(onToken).not.toHaveBeenCalled();
  });

  it('hands every refused callback to onError, never silently', async () => {
    const errors: unknown[] = [];
    const handler = createChannelCreationHandler({
      now: () => NOW,
      onToken: () => {
        throw new Error('database down');
      },
      onError: (error) => errors.push(error),
    });
    const request = { method: 'GET', headers: {}, rawBody: '' };
    expect((await handler.handle({ ...request, url: '/add' })).status).toBe(400);
    expect(
      (await handler.handle({ ...request, url: `/add?token=${fakeJwt(creation())}` })).status,
    ).toBe(500);
    expect(errors.map((e) => (e as Error).message)).toEqual([
      '@socialhub/integration: missing query parameter token',
      'database down',
    ]);
    // An onError that throws does not turn the answer into a crash.
    const throwing = createChannelCreationHandler({
      onToken: () => {},
      onError: () => {
        throw new Error('logger down');
      },
    });
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect((await throwing.handle({ ...request, url: '/add' })).status).toBe(400);
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
  });

  it('serves reactivation with its own payload and a custom origin check', async () => {
    const onToken = vi.fn();
    const handler = createChannelReactivationHandler({
      onToken,
      now: () => NOW,
      onError: () => {},
      isAllowedOrigin: (origin) => origin.hostname === 'socialhub.test',
    });
    const payload = {
      ...creation('https://socialhub.test'),
      channelId: '5c9c01952bdfd718307a0a53',
      uniqueName: 'test',
    };
    const res = await handler.handle({
      method: 'GET',
      url: `/re?token=${fakeJwt(payload)}`,
      headers: {},
      rawBody: '',
    });
    expect(res).toMatchObject({ status: 303, headers: { location: 'https://socialhub.test/' } });
    expect(onToken.mock.calls[0]?.[0].payload.channelId).toBe('5c9c01952bdfd718307a0a53');
  });
});
