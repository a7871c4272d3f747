import { createApi2Client, createPublicClient, unwrap } from '@socialhub/client';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockServer, type MockServer } from '../src/index.js';
import { createMswHandlers, MswHandlerError } from '../src/msw.js';
import { SECRET, startReceiver } from './helpers.js';

describe('@socialhub/mock-server/msw: handlers backed by the mock (msw setupServer)', () => {
  let mock: MockServer;
  let server: ReturnType<typeof setupServer>;
  beforeAll(async () => {
    mock = await createMockServer({ webhooks: 'fast', ui: false });
    server = setupServer(...createMswHandlers(mock, { baseUrl: 'http://socialhub.test' }));
    server.listen({ onUnhandledFrame: 'bypass' });
  });
  afterAll(async () => {
    server.close();
    await mock.close();
  });

  it('answers https://api.socialhub.io from the same state as the mock, with its errors', async () => {
    const { channel, accessToken } = await mock.control.createChannel({ name: 'Forum' });
    const client = createPublicClient({ accessToken }); // the real base URL and global fetch
    expect((await unwrap(client.GET('/'))).channel._id).toBe(channel._id);
    const body = { interaction: { networkItemId: 'question-000001', message: 'Hi?' } };
    const created = await unwrap(client.POST('/inbox/tickets', { body }));
    expect((await mock.control.listTickets({ channelId: channel._id }))[0]?._id).toBe(created._id);
    const repeat = await client.POST('/inbox/tickets', { body });
    expect(repeat.response.status).toBe(409);
    expect(repeat.error).toMatchObject({ code: 'ConflictError' });
    const raw = await fetch(`https://api.socialhub.io/inbox/tickets?accesstoken=${accessToken}`, {
      method: 'POST',
      body: '{',
    });
    expect(raw.status).toBe(400);
  });

  it('answers API2 and the stand-in base URL, and webhooks still reach a real receiver', async () => {
    const { accessToken: userToken } = await mock.control.createUser();
    const api2 = createApi2Client({ accessToken: userToken });
    const channels = await api2.GET('/channels', {});
    expect(channels.response.status).toBe(200);
    expect(Array.isArray(channels.data)).toBe(true);
    const state = await fetch('http://socialhub.test/_mock/state');
    expect(state.status).toBe(200);
    expect((await state.json()).channels.length).toBeGreaterThan(0);

    const receiver = await startReceiver();
    try {
      const { accessToken } = await mock.control.createChannel({ name: 'Hooked' });
      const client = createPublicClient({ accessToken });
      // The test request goes from the mock to the receiver: msw lets it through.
      const set = await client.PATCH('/manifest', {
        body: { webhook: { url: receiver.url, secret: SECRET } },
      });
      expect(set.response.status).toBe(200);
      expect(receiver.requests).toHaveLength(1);
    } finally {
      await receiver.close();
    }
    // Other hosts are not taken.
    const elsewhere = await fetch(`${mock.url}/_mock/state`);
    expect(elsewhere.status).toBe(200);
  });

  it('refuses base URLs that are not http(s) URLs, and what is not a mock', () => {
    expect(() => createMswHandlers(mock, { publicBaseUrl: 'api.socialhub.io' })).toThrow(
      MswHandlerError,
    );
    expect(() => createMswHandlers(mock, { api2BaseUrl: 'ftp://x/api2' })).toThrow(/http\(s\)/);
    expect(() => createMswHandlers(mock, { baseUrl: 'http://x/?a=1' })).toThrow(/query/);
    expect(() => createMswHandlers({} as never)).toThrow(/createMockServer/);
  });
});
