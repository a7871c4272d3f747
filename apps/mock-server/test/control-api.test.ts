import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../src/index.js';
import {
  ACTIONS,
  call,
  createTicket,
  type Receiver,
  SECRET,
  setManifest,
  startAddChannel,
  startMock,
  startReceiver,
  userToken,
} from './helpers.js';

describe('the control API over HTTP (/_mock)', () => {
  let mock: MockServer;
  let receiver: Receiver;
  beforeAll(async () => {
    mock = await startMock({ seed: 42, demoChannel: true });
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await mock.close();
    await receiver.close();
  });

  it('GET /_mock lists its routes', async () => {
    const response = await call(mock, 'GET', '/_mock');
    expect(response.status).toBe(200);
    const paths = response.body.routes.map(
      (r: { method: string; path: string }) => `${r.method} ${r.path}`,
    );
    expect(paths).toContain('POST /_mock/channels');
    expect(paths).toContain('POST /_mock/users');
    // What a customer or community manager does goes through API2, not the control API.
    expect(paths).not.toContain('POST /_mock/tickets/{ticketId}/actions/{actionId}');
    // 18, the test tool's three waits and the clock (GET and POST), the deliveries debugger's
    // three routes and the live stream, which are served outside this table.
    expect(paths).toEqual(
      expect.arrayContaining([
        'GET /_mock/deliveries/page',
        'GET /_mock/deliveries/{deliveryId}',
        'POST /_mock/deliveries/{deliveryId}/redeliver',
        'GET /_mock/live',
      ]),
    );
    expect(paths).toHaveLength(27);
    expect(new Set(paths).size).toBe(paths.length);
  });

  it('runs the whole customer side: channel, action, deliveries, state', async () => {
    const created = await call(mock, 'POST', '/_mock/channels', {
      body: { name: 'Over HTTP', networkId: 'http-1' },
    });
    expect(created.status).toBe(201);
    const { channel, accessToken } = created.body;
    expect(channel).toMatchObject({
      name: 'Over HTTP',
      uniqueName: 'Over HTTP',
      networkId: 'http-1',
      isDisabled: false,
    });
    await setManifest(mock, accessToken, {
      webhook: { url: receiver.url, secret: SECRET },
      inbox: { ticketActions: ACTIONS },
    });
    const ticket = await createTicket(mock, accessToken, {
      networkItemId: 'http-ticket-1',
      message: 'Hi',
    });

    const user = await call(mock, 'POST', '/_mock/users', { body: { userName: 'cm@example.com' } });
    expect(user.status).toBe(201);
    expect(user.body.user).toMatchObject({ userName: 'cm@example.com' });
    const userToken = user.body.accessToken as string;
    const action = await call(mock, 'POST', `/api2/inbox/tickets/${ticket._id}/actions/reply`, {
      token: userToken,
      body: { text: 'Hello' },
    });
    expect(action.status).toBe(201);
    expect(action.body.actions[0]).toMatchObject({
      type: 'reply',
      payload: { text: 'Hello', followupId: action.body.actions[0].followupId },
    });
    expect((await call(mock, 'POST', '/_mock/deliveries/settle')).body).toEqual({ settled: true });
    const deliveries = await call(mock, 'GET', '/_mock/deliveries', {
      query: { channelId: channel._id, kind: 'events' },
    });
    expect(deliveries.body[0]).toMatchObject({
      outcome: 'delivered',
      request: { method: 'POST', url: receiver.url },
    });

    const tickets = await call(mock, 'GET', '/_mock/tickets', {
      query: { channelId: channel._id },
    });
    expect(tickets.body).toHaveLength(1);
    const patched = await call(mock, 'PATCH', `/_mock/tickets/${ticket._id}`, {
      body: { isDone: true },
    });
    expect(patched.body.isDone).toBe(true);

    const state = await call(mock, 'GET', '/_mock/state');
    expect(state.body.channels.map((c: { _id: string }) => c._id)).toContain(channel._id);
    const text = JSON.stringify(state.body);
    expect(text).not.toContain(accessToken);
    expect(text).not.toContain(SECRET);

    expect(text).not.toContain(userToken);

    const api2 = (method: string, path: string) =>
      call(mock, method, `/api2${path}`, {
        token: userToken,
        ...(method === 'POST' ? { body: {} } : {}),
      });
    expect((await api2('DELETE', `/channels/${channel._id}`)).status).toBe(204);
    expect((await api2('GET', `/channels/${channel._id}`)).body.isDisabled).toBe(true);
    expect((await api2('DELETE', `/channels/${channel._id}`)).status).toBe(403);
    const reactivated = await api2('POST', `/channels/custom?channelId=${channel._id}`);
    expect(reactivated.body.isDisabled).toBe(false);
    const rotated = await api2('POST', `/channels/custom/${channel._id}/reset`);
    expect(rotated.body.endpoint.accessToken).not.toBe(accessToken);
  });

  it('reusable manifests: create, "Add Channel", promote', async () => {
    const manifest = await call(mock, 'POST', '/_mock/manifests', {
      body: {
        name: 'Shop reviews',
        manifest: { callbacks: { channelCreation: 'http://localhost:3000/create' } },
      },
    });
    expect(manifest.status).toBe(201);
    expect(manifest.body).toMatchObject({ name: 'Shop reviews', isReusable: true, webhook: null });
    const redirect = await startAddChannel(mock, manifest.body._id);
    expect(redirect.redirectUrl).toMatch(/^http:\/\/localhost:3000\/create\?token=/);
    expect(redirect.payload.origin).toBe(`${mock.url}/app/#/channels`);
    const custom = await mock.control.createChannel({ name: 'To promote' });
    await expect(startAddChannel(mock, custom.channel.manifestId)).rejects.toMatchObject({
      status: 400,
    });
    const promote = await call(
      mock,
      'POST',
      `/_mock/manifests/${custom.channel.manifestId}/promote`,
      { body: { name: 'X' } },
    );
    expect(promote.status).toBe(400); // no channelCreation callback yet
  });

  it('rejects malformed control input with { code, message }', async () => {
    for (const [method, path, body] of [
      ['POST', '/_mock/channels', { name: '' }],
      ['POST', '/_mock/channels', { name: 'x', extra: 1 }],
      ['POST', '/_mock/channels', 'text'],
      ['POST', '/_mock/faults', { path: 'no-slash', status: 500 }],
      ['POST', '/_mock/faults', { path: '/' }],
      ['PATCH', '/_mock/config', { rateLimit: { limit: -1 } }],
      ['POST', '/_mock/accounts', { channelLimit: 1.5 }],
    ] as const) {
      const response = await call(mock, method, path, { body });
      expect(response.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(400);
      expect(response.body.code).toBe('ValidationError');
    }
    expect(
      (await call(mock, 'POST', '/_mock/channels/000000000000000000000000/disable')).status,
    ).toBe(404);
    expect(
      (await call(mock, 'POST', '/_mock/tickets/nope/actions/reply', { body: {} })).status,
    ).toBe(404);
  });

  it('injects faults per route: status, latency, a number of times', async () => {
    const token = mock.demo?.accessToken as string;
    const fault = await call(mock, 'POST', '/_mock/faults', {
      body: { method: 'GET', path: '/', status: 503, times: 2 },
    });
    expect(fault.status).toBe(201);
    const first = await call(mock, 'GET', '/', { token });
    expect(first.status).toBe(503);
    expect(first.body).toEqual({ code: 'InjectedFault', message: 'Error: Injected fault 503' });
    expect(first.headers.get('x-ratelimit-limit')).not.toBeNull();
    expect((await call(mock, 'GET', '/', { token })).status).toBe(503);
    expect((await call(mock, 'GET', '/', { token })).status).toBe(200);

    await call(mock, 'POST', '/_mock/faults', { body: { path: '/inbox/tickets/*', status: 429 } });
    const limited = await call(mock, 'PATCH', '/inbox/tickets/000000000000000000000000', {
      token,
      body: {},
    });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect((await call(mock, 'GET', '/_mock/faults')).body).toHaveLength(1);

    await call(mock, 'POST', '/_mock/faults', {
      body: { path: '/api2/{anything}', latencyMs: 150 },
    });
    const started = performance.now();
    const slow = await call(mock, 'GET', '/api2/channels', { token: await userToken(mock) });
    expect(slow.status).toBe(200);
    // API2 takes a user token; without one it is a 401 that says so.
    const anonymous = await call(mock, 'GET', '/api2/channels');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.data.reason).toBe('missing');
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);

    expect((await call(mock, 'DELETE', '/_mock/faults')).status).toBe(204);
    expect((await call(mock, 'GET', '/_mock/faults')).body).toEqual([]);
  });

  it('reset goes back to the start state, with the same demo channel id for a seed', async () => {
    const before = mock.demo?.channel._id;
    await mock.control.createChannel({ name: 'Temporary' });
    const reset = await call(mock, 'POST', '/_mock/reset');
    expect(reset.status).toBe(200);
    expect(reset.body.demo.channel._id).toBe(before);
    const state = await mock.control.state();
    expect(state.channels).toHaveLength(1);
    expect(state.tickets).toHaveLength(0);
    expect((await call(mock, 'GET', '/', { token: reset.body.demo.accessToken })).status).toBe(200);
  });
});
