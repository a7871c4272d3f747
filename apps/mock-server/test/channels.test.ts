import { ChannelSchema } from '@socialhub/schema/public/zod';
import { decodeJwt } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockServer } from '../src/index.js';
import {
  call,
  disableChannel,
  listChannels,
  type Receiver,
  reactivateChannel,
  rotateToken,
  SECRET,
  startAddChannel,
  startMock,
  startReceiver,
} from './helpers.js';

describe('channels: creation, reactivation, update, disabling, tokens', () => {
  let mock: MockServer;
  let receiver: Receiver;
  let clock = Date.now();
  let manifestId: string;

  beforeEach(async () => {
    clock = Date.now();
    mock = await startMock({ now: () => clock });
    receiver = await startReceiver();
    const manifest = await mock.control.createManifest({
      name: 'Contact Forms',
      manifest: {
        webhook: { url: receiver.url, secret: SECRET },
        callbacks: {
          channelCreation: 'https://integration.example.com/create',
          channelReactivation: 'https://integration.example.com/reactivate',
        },
      },
    });
    manifestId = manifest._id as string;
  });
  afterEach(async () => {
    await mock.close();
    await receiver.close();
  });

  const addChannel = async (accountId?: string) =>
    startAddChannel(mock, manifestId, accountId === undefined ? {} : { accountId });

  it('"Add Channel" redirects with a 30-minute creation token of the documented payload', async () => {
    const { redirectUrl, token } = await addChannel();
    const url = new URL(redirectUrl);
    expect(`${url.origin}${url.pathname}`).toBe('https://integration.example.com/create');
    expect(url.searchParams.get('token')).toBe(token);
    const payload = decodeJwt(token);
    expect(Object.keys(payload)).toEqual([
      'accountId',
      'manifestId',
      'userId',
      'origin',
      'iat',
      'exp',
    ]);
    expect(payload.manifestId).toBe(manifestId);
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(30 * 60);
  });

  it('POST /channels creates a channel and returns its channel token; the temporary token works only there', async () => {
    const { token } = await addChannel();
    const body = {
      name: 'Form',
      uniqueName: 'Form (example.com)',
      networkId: 'form-1',
      imageUrl: 'https://example.com/logo.png',
    };
    const created = await call(mock, 'POST', '/channels', { token, body });
    expect(created.status).toBe(201);
    const channel = ChannelSchema.parse(created.body);
    expect(channel).toMatchObject({ ...body, businessHours: null });
    const accessToken = channel.endpoint?.accessToken as string;
    expect(decodeJwt(accessToken)).toMatchObject({
      channelId: channel._id,
      accountId: channel.accountId,
    });
    expect(created.headers.get('x-ratelimit-limit')).toBe('1000');
    // GET / for a reusable manifest's channel omits the manifest.
    const info = await call(mock, 'GET', '/', { token: accessToken });
    expect(info.status).toBe(200);
    expect(info.body.manifest).toBeUndefined();
    expect((await call(mock, 'GET', '/', { token })).status).toBe(401);
    expect((await call(mock, 'POST', '/channels', { token: accessToken, body })).status).toBe(401);
  });

  it('401 for an expired temporary token (30 minutes)', async () => {
    const { token } = await addChannel();
    clock += 30 * 60 * 1000 + 1000;
    const response = await call(mock, 'POST', '/channels', {
      token,
      body: { name: 'a', uniqueName: 'a' },
    });
    expect(response.status).toBe(401);
    expect(response.body.data).toEqual({ reason: 'expired', detail: expect.any(String) });
    expect(JSON.stringify(response.body)).not.toContain(token);
    // The same token on a channel route is the wrong kind, whatever its age.
    const wrong = await call(mock, 'GET', '/', { token });
    expect(wrong.body.data.reason).toBe('wrong-kind');
  });

  it('reactivates by networkId, then by uniqueName, with a new token; the old one stops working', async () => {
    const { token } = await addChannel();
    const first = await call(mock, 'POST', '/channels', {
      token,
      body: { name: 'A', uniqueName: 'A', networkId: 'n-1' },
    });
    const oldToken = first.body.endpoint.accessToken;
    expect(
      (await call(mock, 'DELETE', '/channel', { token: oldToken, query: { reason: 'expired' } }))
        .status,
    ).toBe(204);
    const disabled = await call(mock, 'GET', '/', { token: oldToken });
    expect(disabled.status).toBe(403);
    expect(disabled.body).toEqual({
      code: 'ChannelDeactivated',
      message: 'Error: Channel is deactivated',
    });

    const again = await call(mock, 'POST', '/channels', {
      token,
      body: { name: 'A2', uniqueName: 'A2', networkId: 'n-1' },
    });
    expect(again.status).toBe(201);
    expect(again.body._id).toBe(first.body._id);
    expect(again.body.name).toBe('A2');
    const newToken = again.body.endpoint.accessToken;
    expect(newToken).not.toBe(oldToken);
    expect((await call(mock, 'GET', '/', { token: oldToken })).status).toBe(401);
    expect((await call(mock, 'GET', '/', { token: newToken })).status).toBe(200);

    // Without a networkId the uniqueName is matched.
    const named = await call(mock, 'POST', '/channels', {
      token,
      body: { name: 'B', uniqueName: 'B' },
    });
    const byName = await call(mock, 'POST', '/channels', {
      token,
      body: { name: 'B again', uniqueName: 'B' },
    });
    expect(byName.body._id).toBe(named.body._id);
    const channels = await listChannels(mock);
    expect(channels.filter((c) => c.manifestId === manifestId)).toHaveLength(2);
  });

  it('409 DuplicateChannel when another account has the networkId for this manifest', async () => {
    const mine = await addChannel();
    await call(mock, 'POST', '/channels', {
      token: mine.token,
      body: { name: 'A', uniqueName: 'A', networkId: 'shared' },
    });
    const other = await mock.control.createAccount({ name: 'Other customer' });
    const theirs = await addChannel(other._id);
    const response = await call(mock, 'POST', '/channels', {
      token: theirs.token,
      body: { name: 'A', uniqueName: 'A', networkId: 'shared' },
    });
    expect(response.status).toBe(409);
    expect(response.body).toEqual({
      code: 'DuplicateChannel',
      message: 'Error: This channel has already been created in another SocialHub account',
    });
  });

  it('403 ChannelLimitReached at the account limit', async () => {
    const account = await mock.control.createAccount({ channelLimit: 1 });
    const { token } = await addChannel(account._id);
    expect(
      (await call(mock, 'POST', '/channels', { token, body: { name: 'A', uniqueName: 'A' } }))
        .status,
    ).toBe(201);
    const response = await call(mock, 'POST', '/channels', {
      token,
      body: { name: 'B', uniqueName: 'B' },
    });
    expect(response.status).toBe(403);
    expect(response.body).toEqual({
      code: 'ChannelLimitReached',
      message: 'Error: Account specific channel limit reached',
    });
  });

  it('PATCH /channel updates and keeps the token; networkId cannot be changed', async () => {
    const { channel, accessToken } = await mock.control.createChannel({
      name: 'A',
      networkId: 'n',
    });
    const updated = await call(mock, 'PATCH', '/channel', {
      token: accessToken,
      body: { name: 'B', endpoint: { expirationTime: '2030-01-01T00:00:00.000Z' } },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      _id: channel._id,
      name: 'B',
      endpoint: { expirationTime: '2030-01-01T00:00:00.000Z' },
    });
    expect(updated.body.updatedTime).toBeTypeOf('string');
    expect(updated.body.endpoint.accessToken).toBeUndefined();
    const networkId = await call(mock, 'PATCH', '/channel', {
      token: accessToken,
      body: { networkId: 'other' },
    });
    expect(networkId.status).toBe(400);
    expect((await call(mock, 'GET', '/', { token: accessToken })).status).toBe(200);
  });

  it('the customer disables a channel: 403 for its token and a channel_action webhook', async () => {
    const { token } = await addChannel();
    const created = await call(mock, 'POST', '/channels', {
      token,
      body: { name: 'A', uniqueName: 'A' },
    });
    await disableChannel(mock, created.body._id);
    expect(
      (await call(mock, 'GET', '/', { token: created.body.endpoint.accessToken })).status,
    ).toBe(403);
    await mock.control.settleDeliveries();
    const [delivery] = await receiver.waitFor(1);
    const body = JSON.parse(delivery?.body ?? '');
    expect(body).toEqual({
      manifestId,
      accountId: created.body.accountId,
      channelId: created.body._id,
      events: {
        channel_action: [
          {
            channelId: created.body._id,
            type: 'disabled',
            time: expect.any(Number),
            uuid: expect.any(String),
          },
        ],
      },
    });
  });

  it('reactivation through the manifest callback: a reactivation token, then POST /channels', async () => {
    const { token } = await addChannel();
    const created = await call(mock, 'POST', '/channels', {
      token,
      body: { name: 'A', uniqueName: 'A', networkId: 'n-9' },
    });
    await disableChannel(mock, created.body._id);
    const redirect = await reactivateChannel(mock, created.body._id);
    if (!('redirectUrl' in redirect)) throw new Error('expected a redirect');
    expect(
      redirect.redirectUrl.startsWith('https://integration.example.com/reactivate?token='),
    ).toBe(true);
    expect(redirect.payload).toMatchObject({
      channelId: created.body._id,
      uniqueName: 'A',
      networkId: 'n-9',
    });
    const again = await call(mock, 'POST', '/channels', {
      token: redirect.token,
      body: { name: 'A', uniqueName: 'A', networkId: 'n-9' },
    });
    expect(again.status).toBe(201);
    expect(again.body._id).toBe(created.body._id);
    expect((await call(mock, 'GET', '/', { token: again.body.endpoint.accessToken })).status).toBe(
      200,
    );
  });

  it('a custom channel is reactivated directly and keeps its token', async () => {
    const { channel, accessToken } = await mock.control.createChannel({ name: 'Custom' });
    await disableChannel(mock, channel._id);
    expect((await call(mock, 'GET', '/', { token: accessToken })).status).toBe(403);
    const result = await reactivateChannel(mock, channel._id);
    expect('channel' in result && result.channel.isDisabled).toBe(false);
    expect((await call(mock, 'GET', '/', { token: accessToken })).status).toBe(200);
  });

  it('"Create new Token": the old token is refused and the webhook is removed', async () => {
    const { channel, accessToken } = await mock.control.createChannel({ name: 'Custom' });
    const set = await call(mock, 'PATCH', '/manifest', {
      token: accessToken,
      body: { webhook: { url: receiver.url, secret: SECRET } },
    });
    expect(set.status).toBe(200);
    const { accessToken: fresh } = await rotateToken(mock, channel._id);
    expect(fresh).not.toBe(accessToken);
    expect((await call(mock, 'GET', '/', { token: accessToken })).status).toBe(401);
    const info = await call(mock, 'GET', '/', { token: fresh });
    expect(info.body.manifest.webhook).toBeNull();
  });
});
