import { unwrap } from '@socialhub/client';
import { afterEach, describe, expect, it } from 'vitest';
import { createMockServer, type MockServer } from '../src/index.js';

describe('mock.fetch and the preconfigured clients', () => {
  let mock: MockServer;
  afterEach(() => mock.close());

  it('serves the public API, API2, the control API and the UI in process, with no socket', async () => {
    mock = await createMockServer({ seed: 3 });
    const { channel, accessToken } = await mock.control.createChannel({ name: 'Forum' });
    const user = await mock.control.createUser();
    // Stop accepting connections: whatever still works below did not use a socket.
    await new Promise<void>((resolve) => mock.server.close(() => resolve()));
    await expect(fetch(`${mock.url}/_mock/state`)).rejects.toThrow();

    const client = mock.publicClient(accessToken);
    const info = await unwrap(client.GET('/'));
    expect(info.channel._id).toBe(channel._id);
    const body = { interaction: { networkItemId: 'question-000001', message: 'Hi?' } };
    expect((await client.POST('/inbox/tickets', { body })).response.status).toBe(201);
    const repeat = await client.POST('/inbox/tickets', { body });
    expect(repeat.response.status).toBe(409);
    expect(repeat.error).toMatchObject({ code: 'ConflictError' });
    expect(client.rateLimit?.limit).toBe(1000);
    const denied = await mock.publicClient('not-a-token', { retry: false }).GET('/');
    expect(denied.response.status).toBe(401);

    const api2 = mock.api2Client(user.accessToken);
    const channels = await api2.GET('/channels', {});
    expect(channels.response.status).toBe(200);
    expect(JSON.stringify(channels.data)).toContain(channel._id);
    expect((await mock.api2Client('not-a-user-token').GET('/channels', {})).response.status).toBe(
      401,
    );

    const state = await mock.fetch(`${mock.url}/_mock/state`);
    expect(state.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await state.json()).channels).toHaveLength(1);
    const ui = await mock.fetch('http://anywhere.test/app/');
    expect(ui.status).toBe(200);
    expect(await ui.text()).toMatch(/<html/i);
  });

  it('reads bodies as the HTTP server does: malformed JSON, too large, unknown routes, aborts', async () => {
    mock = await createMockServer({ maxBodyBytes: 64, ui: false });
    const { accessToken } = await mock.control.createChannel({ name: 'Forum' });
    const url = `${mock.url}/inbox/tickets?accesstoken=${accessToken}`;
    const malformed = await mock.fetch(url, { method: 'POST', body: '{"interaction":' });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ code: 'BadRequestError' });
    const large = await mock.fetch(url, {
      method: 'POST',
      body: JSON.stringify({ x: 'y'.repeat(100) }),
    });
    expect(large.status).toBe(413);
    const unknown = await mock.fetch(new Request(`${mock.url}/nowhere`));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ code: 'NotFoundError', message: 'Error: Not found' });
    await mock.control.addFault({ path: '/', latencyMs: 1000 });
    const controller = new AbortController();
    const slow = mock.fetch(`${mock.url}/?accesstoken=${accessToken}`, {
      signal: controller.signal,
    });
    controller.abort();
    await expect(slow).rejects.toMatchObject({ name: 'AbortError' });
  });
});
