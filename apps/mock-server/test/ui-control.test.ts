import { decodeJwt } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockServer, TicketState } from '../src/index.js';
import {
  call,
  createTicket,
  disableChannel,
  honest,
  label,
  performAction,
  type Receiver,
  reactivateChannel,
  SECRET,
  setManifest,
  startAddChannel,
  startMock,
  startReceiver,
  userToken,
} from './helpers.js';

const TEMPLATES = [
  {
    name: 'Greeting',
    networkId: 'greeting',
    variables: { firstName: { type: 'string', minLength: 2 } },
    text: { en: 'Hi {{firstName}}', de: 'Hallo {{firstName}}' },
  },
];

/** The control endpoints and state the web UI is built on. */
describe('control API for the web UI', () => {
  let mock: MockServer;
  let receiver: Receiver;
  let clock: number;
  let token: string;
  let channelId: string;
  let ticketId: string;

  beforeEach(async () => {
    // The receiver checks the signature's timestamp, so the clock stays near the real one.
    clock = Date.now();
    mock = await startMock({ seed: 3, now: () => clock });
    receiver = await startReceiver();
    // The templates GET is answered with the list; deliveries as an honest webhook.
    receiver.behaviour = (request, challenge) =>
      request.method === 'GET'
        ? { status: 200, body: JSON.stringify(TEMPLATES) }
        : honest(request, challenge);
    const created = await mock.control.createChannel({ name: 'UI', networkId: 'ui-1' });
    token = created.accessToken;
    channelId = created.channel._id as string;
    await setManifest(mock, token, {
      webhook: { url: receiver.url, secret: SECRET },
      inbox: {
        ticketActions: [
          { type: 'reply', id: 'reply', label: label('Reply') },
          {
            type: 'template_reply',
            id: 'tpl',
            label: label('Template'),
            config: { templates: { url: `${receiver.url}/templates` } },
          },
          {
            type: 'button',
            id: 'crm',
            label: label('CRM'),
            config: { timeout: { duration: '2h', after: 'networkCreationTime' } },
          },
          { type: 'delete', id: 'delete', label: label('Delete') },
        ],
      },
    });
    const ticket = await createTicket(mock, token, {
      networkItemId: 'ui-ticket-1',
      message: 'Hello',
      createdTime: new Date(clock - 30 * 60_000).toISOString(),
    });
    ticketId = ticket._id;
  });
  afterEach(async () => {
    await mock.close();
    await receiver.close();
  });

  const ticketState = async (): Promise<TicketState> => {
    const tickets = await call<TicketState[]>(mock, 'GET', '/_mock/tickets', {
      query: { channelId },
    });
    const found = tickets.body.find((t) => t._id === ticketId);
    if (!found) throw new Error('ticket not listed');
    return found;
  };

  it('GET /_mock/manifests lists the manifests with the secret redacted', async () => {
    const response = await call(mock, 'GET', '/_mock/manifests');
    expect(response.status).toBe(200);
    expect(response.body).toHaveLength(1);
    expect(response.body[0]).toMatchObject({
      isReusable: false,
      webhook: { url: receiver.url, secret: '[redacted]' },
    });
    expect(JSON.stringify(response.body)).not.toContain(SECRET);
    const index = await call(mock, 'GET', '/_mock');
    const routes = index.body.routes.map(
      (r: { method: string; path: string }) => `${r.method} ${r.path}`,
    );
    expect(routes).toContain('GET /_mock/manifests');
    expect(routes).not.toContain('GET /_mock/tickets/{ticketId}/actions/{actionId}/templates');
  });

  it("GET .../actions/{actionId}/templates fetches a template_reply action's templates, signed", async () => {
    const response = await call(
      mock,
      'GET',
      `/api2/inbox/tickets/${ticketId}/actions/tpl/templates`,
      { token: await userToken(mock) },
    );
    expect(response.status).toBe(201); // as API2 documents it
    expect(response.body).toEqual(TEMPLATES);
    const get = receiver.requests.at(-1);
    expect(get?.method).toBe('GET');
    expect(get?.url).toBe(`/webhook/templates?channelId=${channelId}`);
    expect(get?.headers['x-socialhub-signature']).toMatch(/^[0-9a-f]{64}$/);
    const [delivery] = await mock.control.deliveries({ channelId, kind: 'templates' });
    expect(delivery?.outcome).toBe('delivered');
  });

  it('the templates route rejects what it cannot serve with { code, message }', async () => {
    const cases: Array<[string, number, string]> = [
      [`/api2/inbox/tickets/000000000000000000000000/actions/tpl/templates`, 404, 'NotFoundError'],
      [`/api2/inbox/tickets/${ticketId}/actions/nope/templates`, 404, 'NotFoundError'],
      [`/api2/inbox/tickets/${ticketId}/actions/reply/templates`, 400, 'ValidationError'],
    ];
    for (const [path, status, code] of cases) {
      const response = await call(mock, 'GET', path, { token: await userToken(mock) });
      expect(response.status, path).toBe(status);
      expect(response.body).toMatchObject({ code, message: expect.stringMatching(/^Error: /) });
    }
    receiver.behaviour = () => ({ status: 500 });
    const failing = await call(
      mock,
      'GET',
      `/api2/inbox/tickets/${ticketId}/actions/tpl/templates`,
      { token: await userToken(mock) },
    );
    expect(failing.status).toBe(424);
    expect(failing.body).toMatchObject({
      code: 'TemplatesCallbackError',
      data: 'Error: Request failed with status code 500',
    });
    await disableChannel(mock, channelId);
    const disabled = await call(
      mock,
      'GET',
      `/api2/inbox/tickets/${ticketId}/actions/tpl/templates`,
      { token: await userToken(mock) },
    );
    expect(disabled.status).toBe(403);
    expect(disabled.body.code).toBe('ChannelDeactivated');
  });

  it('actions carry their outcome: a delivered button succeeds, a reset fails with time and reason', async () => {
    await call(mock, 'POST', `/api2/inbox/tickets/${ticketId}/actions/crm`, {
      token: await userToken(mock),
      body: {},
    });
    let [action] = (await ticketState()).actions;
    expect(action).toMatchObject({ actionId: 'crm', status: 'pending', outcome: 'pending' });
    await mock.control.settleDeliveries();
    [action] = (await ticketState()).actions;
    expect(action).toMatchObject({ outcome: 'succeeded', delivery: { outcome: 'delivered' } });
    const [delivery] = await mock.control.deliveries({ channelId, kind: 'events' });
    expect(delivery?.eventUuids).toEqual([action?.uuid]);

    clock += 60_000;
    const reset = await call(mock, 'POST', `/inbox/tickets/${ticketId}/reset/crm`, {
      token,
      body: { reason: 'The CRM is not connected' },
    });
    expect(reset.status).toBe(201);
    [action] = (await ticketState()).actions;
    expect(action).toMatchObject({
      status: 'reset',
      outcome: 'failed',
      error: 'The CRM is not connected',
      reason: 'The CRM is not connected',
      resetTime: new Date(clock).toISOString(),
    });
  });

  it('a reply succeeds when confirmed, and fails when its delivery is discarded', async () => {
    const { followupId } = await performAction(mock, ticketId, 'reply', { text: 'Hi' });
    await mock.control.settleDeliveries();
    expect((await ticketState()).actions[0]?.outcome).toBe('pending');
    await call(mock, 'POST', `/inbox/tickets/${ticketId}/replies/${followupId}/success`, {
      token,
      body: { interaction: { networkItemId: 'ui-reply-1' } },
    });
    const confirmed = (await ticketState()).actions[0];
    expect(confirmed).toMatchObject({ status: 'published', outcome: 'succeeded' });
    expect(confirmed?.replyTicketId).toMatch(/^[0-9a-f]{24}$/);

    receiver.behaviour = () => ({ status: 503 });
    await performAction(mock, ticketId, 'delete');
    await mock.control.settleDeliveries();
    const deleted = (await ticketState()).actions[1];
    expect(deleted).toMatchObject({
      outcome: 'failed',
      delivery: { outcome: 'discarded' },
      error: expect.stringContaining('discarded'),
    });
  });

  it('tickets list when their timed actions run out (actionDeadlines)', async () => {
    const state = await ticketState();
    const created = Date.parse(state.interaction.createdTime as string);
    expect(state.actionDeadlines).toEqual({
      crm: new Date(created + 2 * 3600_000).toISOString(),
    });
    clock = created + 2 * 3600_000 + 1;
    const late = await call(mock, 'POST', `/api2/inbox/tickets/${ticketId}/actions/crm`, {
      token: await userToken(mock),
      body: {},
    });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('ActionNotAvailable');
  });

  it('reactivation takes the origin to send the customer back to, and checks it', async () => {
    const manifest = await mock.control.createManifest({
      name: 'Network',
      manifest: {
        callbacks: {
          channelCreation: 'https://integration.example.com/create',
          channelReactivation: 'https://integration.example.com/reactivate',
        },
      },
    });
    const start = await startAddChannel(mock, manifest._id as string);
    const created = await call(mock, 'POST', '/channels', {
      token: start.token,
      body: { name: 'Added', uniqueName: 'added', networkId: 'added-1' },
    });
    expect(created.status).toBe(201);
    const addedId = created.body._id as string;
    await disableChannel(mock, addedId);

    // The integration sends the customer back to the page that asked (the Referer).
    const origin = `${mock.url}/app/#/channels`;
    const response = await reactivateChannel(mock, addedId, { origin });
    if (!('redirectUrl' in response)) throw new Error('expected a redirect');
    expect(response.payload).toMatchObject({ origin, channelId: addedId });
    expect(decodeJwt(response.token).origin).toBe(origin);
    expect(new URL(response.redirectUrl).searchParams.get('token')).toBe(response.token);

    // Without a Referer, the origin is the mock UI's Channels page; custom channels come back directly.
    const plain = await reactivateChannel(mock, addedId);
    expect('payload' in plain && plain.payload.origin).toBe(`${mock.url}/app/#/channels`);
    await disableChannel(mock, channelId);
    const direct = await reactivateChannel(mock, channelId, { origin });
    expect('channel' in direct && direct.channel).toMatchObject({
      _id: channelId,
      isDisabled: false,
    });
  });
});
