import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../src/index.js';
import {
  ACTIONS,
  call,
  createTicket,
  type Receiver,
  SECRET,
  setManifest,
  startMock,
  startReceiver,
} from './helpers.js';

describe('API2 over the one state', () => {
  let mock: MockServer;
  let receiver: Receiver;
  let user: string;
  let channelToken: string;
  let channelId: string;
  const api2 = (method: string, path: string, body?: unknown, query: Record<string, string> = {}) =>
    call(mock, method, `/api2${path}`, {
      token: user,
      query,
      ...(body === undefined ? {} : { body }),
    });

  beforeAll(async () => {
    mock = await startMock({
      seed: 5,
      api2: {
        overrides: {
          // The seam: a test's own answer, behind the same token check and validation.
          getTeamsSummary: (context) => ({
            status: 200,
            body: [{ _id: '0123456789abcdef01234567', name: `for ${context.user?.userName}` }],
          }),
        },
      },
    });
    receiver = await startReceiver();
    user = (await mock.control.createUser({ userName: 'cm@example.com', password: 'pw' }))
      .accessToken;
    const created = await mock.control.createChannel({ name: 'Forum' });
    channelToken = created.accessToken;
    channelId = created.channel._id;
    await setManifest(mock, channelToken, {
      webhook: { url: receiver.url, secret: SECRET },
      inbox: { ticketActions: ACTIONS },
    });
  });
  afterAll(async () => {
    await mock.close();
    await receiver.close();
  });

  it('401 without a user token, saying why; a channel token is the wrong kind', async () => {
    const missing = await call(mock, 'GET', '/api2/channels');
    expect(missing.status).toBe(401);
    expect(missing.body).toMatchObject({
      code: 'AccessTokenInvalidError',
      data: { reason: 'missing' },
    });
    const wrongKind = await call(mock, 'GET', '/api2/channels', { token: channelToken });
    expect(wrongKind.body.data.reason).toBe('wrong-kind');
    expect(JSON.stringify(wrongKind.body)).not.toContain(channelToken);
    const malformed = await call(mock, 'GET', '/api2/channels', { token: 'abc' });
    expect(malformed.body.data.reason).toBe('malformed');
    // Generated operations take a token too.
    expect((await call(mock, 'GET', '/api2/analytics/emailreports')).status).toBe(401);
    expect((await api2('GET', '/analytics/emailreports')).status).toBe(200);
  });

  it('POST /api2/users/login works for a user made with POST /_mock/users; logout ends the token', async () => {
    const refused = await call(mock, 'POST', '/api2/users/login', {
      body: { username: 'cm@example.com', password: 'wrong' },
    });
    expect(refused.status).toBe(403);
    const login = await fetch(`${mock.url}/api2/users/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'cm@example.com', password: 'pw' }),
    });
    expect(login.status).toBe(204);
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(
      /^accesstoken=[\w-]+\.[\w-]+\.[\w-]+; Path=\/api2; HttpOnly; SameSite=Strict$/,
    );
    const token = cookie.slice('accesstoken='.length, cookie.indexOf(';'));
    const users = await call(mock, 'GET', '/api2/users', { token });
    expect(users.status).toBe(200);
    expect(users.body.map((u: { userName: string }) => u.userName)).toContain('cm@example.com');
    expect(JSON.stringify(users.body)).not.toMatch(/password|accessTokens/);
    // The cookie alone authenticates too (the web UI's way).
    const byCookie = await fetch(`${mock.url}/api2/users`, {
      headers: { cookie: `accesstoken=${token}` },
    });
    expect(byCookie.status).toBe(200);
    expect((await call(mock, 'GET', '/api2/users/logout', { token })).status).toBe(204);
    expect((await call(mock, 'GET', '/api2/users', { token })).status).toBe(401);
  });

  it('channels: custom channel, list with paging and sorting, get, update, renew token, delete', async () => {
    const created = await api2('POST', '/channels/custom', { name: 'Alpha' });
    expect(created.status).toBe(201);
    const alpha = created.body;
    // The new channel's token is answered once, and works on the public API.
    const alphaToken = alpha.endpoint.accessToken as string;
    expect((await call(mock, 'GET', '/', { token: alphaToken })).status).toBe(200);
    await api2('POST', '/channels/custom', { name: 'Beta' });

    const byName = await api2('GET', '/channels', undefined, { sortBy: 'name', order: 'desc' });
    expect(byName.body.map((c: { name: string }) => c.name)).toEqual(['Forum', 'Beta', 'Alpha']);
    const page = await api2('GET', '/channels', undefined, {
      sortBy: 'name',
      offset: '1',
      count: '1',
    });
    expect(page.body.map((c: { name: string }) => c.name)).toEqual(['Beta']);
    expect(JSON.stringify(byName.body)).not.toContain(alphaToken);
    const search = await api2('GET', '/channels', undefined, { search: 'alp' });
    expect(search.body).toHaveLength(1);
    const bad = await api2('GET', '/channels', undefined, { sortBy: 'color' });
    expect(bad.status).toBe(400);
    expect(bad.body.data[0]).toMatchObject({ in: 'query', path: 'sortBy' });

    expect((await api2('GET', `/channels/${alpha._id}`)).body).toMatchObject({
      _id: alpha._id,
      name: 'Alpha',
      isDisabled: false,
    });
    expect((await api2('PATCH', `/channels/${alpha._id}`, { name: 'Alpha 2' })).body.name).toBe(
      'Alpha 2',
    );
    // The public API sees the same channel.
    expect((await call(mock, 'GET', '/', { token: alphaToken })).body.channel.name).toBe('Alpha 2');

    const renewed = await api2('POST', `/channels/custom/${alpha._id}/reset`);
    expect(renewed.status).toBe(201);
    expect((await call(mock, 'GET', '/', { token: alphaToken })).status).toBe(401);
    const newToken = renewed.body.endpoint.accessToken as string;
    expect((await call(mock, 'GET', '/', { token: newToken })).status).toBe(200);

    expect((await api2('DELETE', `/channels/${alpha._id}`)).status).toBe(204);
    expect((await call(mock, 'GET', '/', { token: newToken })).status).toBe(403);
    const active = await api2('GET', '/channels', undefined, { status: 'active' });
    expect(active.body.map((c: { _id: string }) => c._id)).not.toContain(alpha._id);
    expect((await api2('GET', '/channels/000000000000000000000000')).status).toBe(404);
  });

  it('tickets: get, tree and history; a ticket action is the signed webhook delivery', async () => {
    const root = await createTicket(mock, channelToken, {
      networkItemId: 'thread-000001',
      message: 'Root',
    });
    await createTicket(mock, channelToken, {
      networkItemId: 'thread-000002',
      message: 'Comment',
      root: { rootId: 'thread-000001' },
    });
    const got = await api2('GET', `/inbox/tickets/${root._id}`);
    expect(got.body).toMatchObject({ _id: root._id, isUnread: true, actions: [] });

    const performed = await api2('POST', `/inbox/tickets/${root._id}/actions/reply`, {
      text: 'Thanks!',
    });
    expect(performed.status).toBe(201);
    const [action] = performed.body.actions;
    expect(action).toMatchObject({ actionId: 'reply', type: 'reply', status: 'pending' });
    await mock.control.settleDeliveries();
    const delivered = receiver.requests.at(-1);
    expect(delivered?.headers['x-socialhub-signature']).toMatch(/^[0-9a-f]{64}$/);
    const event = JSON.parse(delivered?.body ?? '{}').events.ticket_action[0];
    expect(event).toMatchObject({
      ticketId: root._id,
      actionId: 'reply',
      payload: { text: 'Thanks!', followupId: action.followupId },
    });

    const tree = await api2('GET', `/inbox/tickets/${root._id}/tree`);
    expect(
      tree.body.map((t: { depth: number; interaction: { message: string } }) => [
        t.depth,
        t.interaction.message,
      ]),
    ).toEqual([
      [0, 'Root'],
      [1, 'Comment'],
    ]);
    const history = await api2('GET', `/inbox/tickets/${root._id}/history`);
    expect(history.body.map((h: { action: string }) => h.action)).toEqual([
      'created',
      'actionPerformed',
    ]);

    const unknown = await api2('POST', `/inbox/tickets/${root._id}/actions/nope`, {});
    expect(unknown.status).toBe(404);
    const invalid = await api2('POST', `/inbox/tickets/${root._id}/actions/bad%20id`, {});
    expect(invalid.status).toBe(400);
    expect(invalid.body.data[0]).toMatchObject({ in: 'path', path: 'actionId' });
    expect(invalid.body.data[0].message).not.toContain('{1,256}');
  });

  it('teams and users of the account', async () => {
    const team = await api2('POST', '/teams', { name: 'Support' });
    expect(team.status).toBe(201);
    const member = await api2('POST', '/users', {
      userName: 'agent@example.com',
      role: 'CM',
      firstName: 'A',
      lastName: 'Gent',
      email: 'agent@example.com',
      locale: 'de',
    });
    expect(member.status).toBe(200);
    // A body writes only the documented fields (API2's schemas let unknown keys through).
    const patched = await api2('PATCH', `/users/${member.body._id}`, {
      firstName: 'Agnes',
      accountId: '000000000000000000000000',
      accessTokens: ['forged'],
      _id: '111111111111111111111111',
    });
    expect(patched.body).toMatchObject({ _id: member.body._id, firstName: 'Agnes' });
    expect(patched.body.accountId).toBe(member.body.accountId);
    expect((await call(mock, 'GET', '/api2/users', { token: 'forged' })).status).toBe(401);
    const withUser = await api2('POST', `/teams/${team.body._id}/users`, {
      userIds: [member.body._id],
    });
    expect(withUser.body.users).toEqual([member.body._id]);
    const withChannel = await api2('POST', `/teams/${team.body._id}/channels`, {
      channelIds: [channelId],
    });
    expect(withChannel.body.channels).toEqual([channelId]);
    const inTeam = await api2('GET', '/channels', undefined, { teamIds: team.body._id });
    expect(inTeam.body.map((c: { _id: string }) => c._id)).toEqual([channelId]);
    expect((await api2('GET', '/teams')).body).toHaveLength(1);
    expect((await api2('DELETE', `/teams/${team.body._id}`)).status).toBe(204);
    expect((await api2('GET', '/teams')).body).toEqual([]);
  });

  it('/api2/public/... serves the public API handlers, with the channel token', async () => {
    const info = await call(mock, 'GET', '/api2/public', { token: channelToken });
    const root = await call(mock, 'GET', '/', { token: channelToken });
    expect(info.status).toBe(200);
    expect(info.body).toEqual(root.body);
    const created = await call(mock, 'POST', '/api2/public/inbox/tickets', {
      token: channelToken,
      body: { interaction: { networkItemId: 'via-api2-public-1', message: 'Hi' } },
    });
    expect(created.status).toBe(201);
    const again = await call(mock, 'POST', '/inbox/tickets', {
      token: channelToken,
      body: { interaction: { networkItemId: 'via-api2-public-1', message: 'Hi' } },
    });
    expect(again.status).toBe(409);
    expect((await call(mock, 'GET', '/api2/public', { token: user })).body.data.reason).toBe(
      'wrong-kind',
    );
  });

  it('the override seam answers after the token check and validation; faults apply to it', async () => {
    expect((await call(mock, 'GET', '/api2/teams/summary')).status).toBe(401);
    const overridden = await api2('GET', '/teams/summary');
    expect(overridden.body).toEqual([
      { _id: '0123456789abcdef01234567', name: 'for cm@example.com' },
    ]);
    await mock.control.addFault({ path: '/api2/teams/summary', status: 503, times: 1 });
    expect((await api2('GET', '/teams/summary')).status).toBe(503);
    expect((await api2('GET', '/teams/summary')).status).toBe(200);
  });

  it('accepts the one form-encoded body API2 documents', async () => {
    const response = await fetch(`${mock.url}/api2/ml/items?accesstoken=${user}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ text: 'a form', label: 'x' }),
    });
    expect(response.status).not.toBe(415);
    expect(response.status, await response.clone().text()).toBeLessThan(500);
    expect([200, 201, 204, 400]).toContain(response.status);
  });
});
