import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { unwrap } from '@socialhub/client';
import { confirmReply } from '@socialhub/client/integration';
import { createWebhookHandler } from '@socialhub/webhook-kit';
import { createNodeHandler } from '@socialhub/webhook-kit/node';
import { afterEach, describe, expect, it } from 'vitest';
import { createMockServer, MockWaitError } from '../src/index.js';
import { call, label, performAction, SECRET } from './helpers.js';

const ACTIONS = [
  { type: 'reply', id: 'reply', label: label('Reply') },
  { type: 'button', id: 'crm', label: label('Send to CRM') },
  { type: 'button', id: 'like', label: label('Like') },
];

const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
};

describe('awaitable outcomes (mock.waitForAction / waitForFollowup / waitForDelivery)', () => {
  const closers: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  /** A mock and an integration (webhook-kit + the mock's preconfigured client): replies are confirmed, "crm" fails with a reason. */
  const setUp = async (options: { answer?: number } = {}) => {
    const mock = await createMockServer({ webhooks: 'fast' });
    closers.push(() => mock.close());
    const { channel, accessToken } = await mock.control.createChannel({ name: 'Forum' });
    const client = mock.publicClient(accessToken);
    const webhooks = createWebhookHandler({
      secret: SECRET,
      on: {
        'ticket_action.reply': (event) =>
          unwrap(
            confirmReply(client, {
              ticketId: event.ticketId,
              followupId: event.payload.followupId,
              interaction: { networkItemId: `reply-${event.payload.followupId}` },
            }),
          ),
        'ticket_action.button': async (event) => {
          if (event.actionId !== 'crm') return;
          await unwrap(
            client.POST('/inbox/tickets/{ticketId}/reset/{actionId}', {
              params: { path: { ticketId: event.ticketId, actionId: event.actionId } },
              body: { reason: 'The CRM is down' },
            }),
          );
        },
      },
    });
    const node = createNodeHandler(webhooks);
    let status = 0;
    const server = createServer((req, res) => {
      if (status) {
        req.resume();
        res.writeHead(status).end();
      } else node(req, res);
    });
    const webhookUrl = await listen(server);
    closers.push(() => new Promise((resolve) => server.close(resolve)));
    await unwrap(
      client.PATCH('/manifest', {
        body: {
          webhook: { url: webhookUrl, secret: SECRET },
          inbox: { ticketActions: ACTIONS },
        } as never,
      }),
    );
    status = options.answer ?? 0;
    const ticket = await unwrap(
      client.POST('/inbox/tickets', {
        body: { interaction: { networkItemId: 'question-000001', message: 'Hi?' } },
      }),
    );
    return { mock, channelId: channel._id, ticketId: ticket._id, client };
  };

  it('waits for a reply to succeed and for its follow-up ticket, without a polling loop', async () => {
    const { mock, ticketId } = await setUp();
    const performed = await performAction(mock, ticketId, 'reply', { text: 'Hello!' });
    const action = await mock.waitForAction(performed, { outcome: 'succeeded' });
    expect(action).toMatchObject({ outcome: 'succeeded', status: 'published', actionId: 'reply' });
    const followup = await mock.waitForFollowup(performed);
    expect(followup).toMatchObject({
      followupTo: { followupToId: ticketId },
      interaction: { message: 'Hello!', networkItemId: `reply-${performed.followupId}` },
    });
    // by followupId too, and at once when it is already there
    expect(
      (await mock.waitForFollowup({ ticketId, followupId: performed.followupId ?? '' }))._id,
    ).toBe(followup._id);
    // by the manifest's action id: the newest such action when the wait starts
    const byActionId = await mock.waitForAction({ ticketId, actionId: 'reply' });
    expect(byActionId.uuid).toBe(performed.event.uuid);
    const pending = mock.waitForAction({ ticketId, actionId: 'like' }, { outcome: 'succeeded' });
    await performAction(mock, ticketId, 'like');
    expect((await pending).actionId).toBe('like');
    const delivery = await mock.waitForDelivery({ eventUuid: performed.event.uuid });
    expect(delivery).toMatchObject({ outcome: 'delivered', events: { ticket_action: 1 } });
  });

  it('performs through mock.api2Client as a community manager, and waits by the action id', async () => {
    const { mock, ticketId } = await setUp();
    const { accessToken: userToken } = await mock.control.createUser();
    const manager = mock.api2Client(userToken);
    const updated = await unwrap(
      manager.POST('/inbox/tickets/{ticketId}/actions/{actionId}', {
        params: { path: { ticketId, actionId: 'reply' } },
        body: { text: 'From the web app' },
      }),
    );
    expect(updated._id).toBe(ticketId);
    const reply = { ticketId, actionId: 'reply' };
    const action = await mock.waitForAction(reply, { outcome: 'succeeded' });
    expect(action.payload).toMatchObject({ text: 'From the web app' });
    const followup = await mock.waitForFollowup(reply);
    expect(followup.interaction.message).toBe('From the web app');
  });

  it("gives the integration's reason when an action fails, and rejects when success was expected", async () => {
    const { mock, ticketId } = await setUp();
    const first = await performAction(mock, ticketId, 'crm');
    expect(await mock.waitForAction(first)).toMatchObject({
      outcome: 'failed',
      error: 'The CRM is down',
    });
    const second = await performAction(mock, ticketId, 'crm');
    const error = await mock.waitForAction(second, { outcome: 'succeeded' }).catch((e) => e);
    expect(error).toBeInstanceOf(MockWaitError);
    expect(error).toMatchObject({ code: 'WaitOutcomeError', status: 409 });
    expect(error.message).toMatch(
      /^@socialhub\/mock-server: .*expected it to have succeeded, but button "crm" failed: The CRM is down/,
    );
    // a button the integration takes without resetting succeeds once delivered
    const like = await performAction(mock, ticketId, 'like');
    expect((await mock.waitForAction(like)).outcome).toBe('succeeded');
  });

  it('says what it saw instead when the time runs out', async () => {
    const { mock, ticketId } = await setUp({ answer: 503 });
    const performed = await performAction(mock, ticketId, 'reply', { text: 'Hello?' });
    const error = await mock.waitForAction(performed, { timeoutMs: 5 }).catch((e) => e);
    expect(error).toBeInstanceOf(MockWaitError);
    expect(error.code).toBe('WaitTimeoutError');
    expect(error.message).toMatch(
      /not seen within 5 ms; seen instead: reply "reply" still pending/,
    );
    // The 503s run out the fast retry schedule: the delivery is discarded, the action failed.
    const discarded = await mock.waitForDelivery({
      eventUuid: performed.event.uuid,
      outcome: 'discarded',
    });
    expect(discarded.attempts).toHaveLength(4);
    const followup = await mock.waitForFollowup(performed).catch((e) => e);
    expect(followup).toMatchObject({ code: 'WaitOutcomeError' });
    expect(followup.message).toMatch(/no follow-up ticket will come: .*discarded/);
    const delivered = await mock
      .waitForDelivery({ eventUuid: performed.event.uuid, outcome: 'delivered' })
      .catch((e) => e);
    expect(delivered.last).toMatchObject({
      outcome: 'discarded',
      attempts: [{ status: 503 }, {}, {}, {}],
    });
    expect(JSON.stringify(delivered.last)).not.toContain('/webhook');
    expect(delivered.message).toMatch(
      /expected delivered, but delivery .* discarded after 4 attempts, last answer 503/,
    );
  });

  it('rejects malformed input with a typed error, and pending waits when the mock closes', async () => {
    const mock = await createMockServer({ ui: false });
    await expect(mock.waitForAction({} as never)).rejects.toMatchObject({
      code: 'WaitInputError',
      message: expect.stringMatching(/(ticketId|uuid) must be a non-empty string/),
    });
    await expect(mock.waitForDelivery({}, { timeoutMs: -1 })).rejects.toThrow(/timeoutMs must be/);
    const pending = mock.waitForDelivery({ channelId: 'none' }, { timeoutMs: 10_000 });
    await mock.close();
    await expect(pending).rejects.toMatchObject({ code: 'WaitAbortedError' });
  });

  it('long-polls over HTTP: GET /_mock/wait/action answers when the outcome is there, 408 with what was seen', async () => {
    const { mock, ticketId } = await setUp();
    const performed = await performAction(mock, ticketId, 'crm');
    const waited = await call(mock, 'GET', '/_mock/wait/action', {
      query: { ticketId, uuid: performed.event.uuid, timeoutMs: '5000' },
    });
    expect(waited.status).toBe(200);
    expect(waited.body).toMatchObject({ outcome: 'failed', error: 'The CRM is down' });
    const timedOut = await call(mock, 'GET', '/_mock/wait/followup', {
      query: { ticketId, followupId: 'nope', timeoutMs: '10' },
    });
    expect(timedOut.status).toBe(408);
    expect(timedOut.body).toMatchObject({
      code: 'WaitTimeoutError',
      data: { seen: `ticket ${ticketId} has no followup nope` },
    });
    const bad = await call(mock, 'GET', '/_mock/wait/delivery', { query: { timeoutMs: 'soon' } });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('ValidationError');
    const byActionId = await call(mock, 'GET', '/_mock/wait/followup', {
      query: { ticketId, actionId: 'crm' },
    });
    expect(byActionId.status).toBe(409);
    expect(byActionId.body.message).toMatch(/a button action has no follow-up ticket/);
    const both = await call(mock, 'GET', '/_mock/wait/action', {
      query: { ticketId, actionId: 'crm', uuid: performed.event.uuid },
    });
    expect(both.status).toBe(400);
    const delivery = await call(mock, 'GET', '/_mock/wait/delivery', {
      query: { eventUuid: performed.event.uuid, outcome: 'delivered' },
    });
    expect(delivery.body).toMatchObject({ outcome: 'delivered' });
  });
});
