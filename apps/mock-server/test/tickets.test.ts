import { TicketSchema } from '@socialhub/schema/public/zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../src/index.js';
import {
  ACTIONS,
  call,
  createTicket,
  performAction,
  type Receiver,
  SECRET,
  setManifest,
  startAddChannel,
  startMock,
  startReceiver,
} from './helpers.js';

describe('the Ticket API', () => {
  let mock: MockServer;
  let receiver: Receiver;
  let token: string;
  let channelId: string;
  let n = 0;
  const nid = () => `item-${String(++n).padStart(6, '0')}`;

  beforeAll(async () => {
    mock = await startMock();
    receiver = await startReceiver();
    const created = await mock.control.createChannel({ name: 'Forum', networkId: 'owner-1' });
    token = created.accessToken;
    channelId = created.channel._id;
    await setManifest(mock, token, {
      webhook: { url: receiver.url, secret: SECRET },
      inbox: { ticketActions: ACTIONS },
    });
  });
  afterAll(async () => {
    await mock.close();
    await receiver.close();
  });

  it('creates a ticket in the documented shape', async () => {
    const interaction = {
      message: 'Hello, can someone help me?',
      createdTime: '2019-01-28T16:58:12.736Z',
      networkItemId: 'question-q_0000000001',
      url: 'http://example.com/questions/q_0000000001',
      pictures: [{ small: 'https://example.com/s.png', large: 'https://example.com/l.png' }],
      interactor: {
        interactorId: 'u_5678986543',
        name: 'Jork Schrank',
        url: 'https://example.com/u',
        picture: 'https://example.com/u.png',
      },
    };
    const response = await call(mock, 'POST', '/inbox/tickets', { token, body: { interaction } });
    expect(response.status).toBe(201);
    const ticket = TicketSchema.parse(response.body);
    expect(ticket.channelId).toBe(channelId);
    expect(ticket.interaction).toEqual({
      ...interaction,
      type: 'TICKET',
      attachments: [],
      interactor: {
        ...interaction.interactor,
        interactorId: expect.stringMatching(/^[0-9a-f]{24}$/),
      },
    });
    expect(ticket.interaction.interactor?.interactorId).not.toBe('u_5678986543');
  });

  it('409 ConflictError for a repeated networkItemId', async () => {
    const networkItemId = nid();
    await createTicket(mock, token, { networkItemId, message: 'a' });
    const again = await call(mock, 'POST', '/inbox/tickets', {
      token,
      body: { interaction: { networkItemId, message: 'b' } },
    });
    expect(again.status).toBe(409);
    expect(again.body).toEqual({
      code: 'ConflictError',
      message: 'Error: Ticket with such network item id already exists',
    });
  });

  it('the same networkItemId in another channel is fine', async () => {
    const networkItemId = nid();
    await createTicket(mock, token, { networkItemId, message: 'a' });
    const other = await mock.control.createChannel({ name: 'Other' });
    expect(
      (
        await call(mock, 'POST', '/inbox/tickets', {
          token: other.accessToken,
          body: { interaction: { networkItemId, message: 'a' } },
        })
      ).status,
    ).toBe(201);
  });

  it('100 parallel creates with one networkItemId give exactly one 201', async () => {
    const networkItemId = nid();
    const responses = await Promise.all(
      Array.from({ length: 100 }, () =>
        call(mock, 'POST', '/inbox/tickets', {
          token,
          body: { interaction: { networkItemId, message: 'race' } },
        }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(99);
  });

  it('creates a missing root as a hidden empty ticket, filled in by a later create', async () => {
    const rootId = nid();
    const child = await createTicket(mock, token, {
      networkItemId: nid(),
      message: 'child',
      root: { rootId },
    });
    expect(child.interaction.root).toEqual({ rootId, url: null, createdTime: expect.any(String) });
    const hidden = (await mock.control.listTickets({ channelId })).find(
      (t) => t.interaction.networkItemId === rootId,
    );
    expect(hidden).toMatchObject({
      isHidden: true,
      interaction: { networkItemId: rootId, attachments: [], pictures: [] },
    });
    expect(hidden?.interaction.message).toBeUndefined();
    // A second child reuses the same root.
    await createTicket(mock, token, { networkItemId: nid(), message: 'child 2', root: { rootId } });
    expect(
      (await mock.control.listTickets({ channelId })).filter(
        (t) => t.interaction.networkItemId === rootId,
      ),
    ).toHaveLength(1);
    // Creating the root for real fills the hidden ticket.
    const root = await createTicket(mock, token, {
      networkItemId: rootId,
      message: 'the post',
      url: 'https://example.com/p',
    });
    expect(root._id).toBe(hidden?._id);
    const filled = (await mock.control.listTickets({ channelId })).find((t) => t._id === root._id);
    expect(filled).toMatchObject({ isHidden: false, interaction: { message: 'the post' } });
    expect(
      (
        await call(mock, 'POST', '/inbox/tickets', {
          token,
          body: { interaction: { networkItemId: rootId, message: 'x' } },
        })
      ).status,
    ).toBe(409);
  });

  it("links tickets of one interactor; the channel owner's own tickets are not unread", async () => {
    const a = await createTicket(mock, token, {
      networkItemId: nid(),
      message: 'a',
      interactor: { interactorId: 'u-linked', name: 'A' },
    });
    const b = await createTicket(mock, token, {
      networkItemId: nid(),
      message: 'b',
      interactor: { interactorId: 'u-linked', name: 'A' },
    });
    const c = await createTicket(mock, token, {
      networkItemId: nid(),
      message: 'c',
      interactor: { interactorId: 'u-other', name: 'C' },
    });
    expect(a.interaction.interactor.interactorId).toBe(b.interaction.interactor.interactorId);
    expect(c.interaction.interactor.interactorId).not.toBe(a.interaction.interactor.interactorId);
    const own = await createTicket(mock, token, {
      networkItemId: nid(),
      message: 'mine',
      interactor: { interactorId: 'owner-1', name: 'Us' },
    });
    const tickets = await mock.control.listTickets({ channelId });
    expect(tickets.find((t) => t._id === own._id)?.isUnread).toBe(false);
    expect(tickets.find((t) => t._id === a._id)?.isUnread).toBe(true);
  });

  it('type is honoured only for channels of reusable manifests', async () => {
    const custom = await createTicket(mock, token, {
      networkItemId: nid(),
      rating: { value: 7, scale: 10 },
      type: 'REVIEW',
    });
    expect(custom.interaction.type).toBe('TICKET');
    const manifest = await mock.control.createManifest({
      name: 'Reviews',
      manifest: { callbacks: { channelCreation: 'https://e.com/c' } },
    });
    const { token: temporary } = await startAddChannel(mock, manifest._id as string);
    const created = await call(mock, 'POST', '/channels', {
      token: temporary,
      body: { name: 'R', uniqueName: 'R' },
    });
    const review = await createTicket(mock, created.body.endpoint.accessToken, {
      networkItemId: nid(),
      rating: { value: 7, scale: 10 },
      type: 'REVIEW',
    });
    expect(review.interaction.type).toBe('REVIEW');
  });

  it('PATCH updates the interaction; immutable fields are refused; ?reset=true moves it out of Done', async () => {
    const ticket = await createTicket(mock, token, {
      networkItemId: nid(),
      message: 'v1',
      interactor: { interactorId: 'u-9', name: 'Old' },
    });
    await mock.control.updateTicketState(ticket._id, { isDone: true });
    const updated = await call(mock, 'PATCH', `/inbox/tickets/${ticket._id}`, {
      token,
      query: { reset: 'true' },
      body: {
        interaction: {
          message: 'Edit: v2',
          updatedTime: '2020-01-28T16:58:12.736Z',
          pictures: [],
          interactor: { name: 'New' },
        },
      },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.updatedTime).toBeTypeOf('string');
    expect(updated.body.interaction).toMatchObject({
      message: 'Edit: v2',
      updatedTime: '2020-01-28T16:58:12.736Z',
      networkItemId: ticket.interaction.networkItemId,
      interactor: { name: 'New', interactorId: ticket.interaction.interactor.interactorId },
    });
    expect(
      (await mock.control.listTickets({ channelId })).find((t) => t._id === ticket._id)?.isDone,
    ).toBe(false);
    for (const immutable of [
      { networkItemId: 'changed-1' },
      { createdTime: '2020-01-01T00:00:00Z' },
      { root: { rootId: 'rooted-1' } },
      { interactor: { interactorId: 'x-1' } },
    ]) {
      const refused = await call(mock, 'PATCH', `/inbox/tickets/${ticket._id}`, {
        token,
        body: { interaction: immutable },
      });
      expect(refused.status).toBe(400);
    }
    expect(
      (await call(mock, 'PATCH', '/inbox/tickets/000000000000000000000000', { token, body: {} }))
        .status,
    ).toBe(404);
    expect(
      (await call(mock, 'PATCH', '/inbox/tickets/not-an-id', { token, body: {} })).status,
    ).toBe(400);
  });

  it('a ticket of another channel is not found', async () => {
    const ticket = await createTicket(mock, token, { networkItemId: nid(), message: 'x' });
    const other = await mock.control.createChannel({ name: 'Elsewhere' });
    const response = await call(mock, 'PATCH', `/inbox/tickets/${ticket._id}`, {
      token: other.accessToken,
      body: {},
    });
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ code: 'NotFoundError', message: 'Error: Ticket not found' });
  });

  it('reply success creates the follow-up ticket; a repeat or a used networkItemId is refused', async () => {
    const ticket = await createTicket(mock, token, { networkItemId: nid(), message: 'question' });
    const { followupId } = await performAction(mock, ticket._id, 'reply', {
      text: 'Our answer',
    });
    const replyId = nid();
    const success = await call(
      mock,
      'POST',
      `/inbox/tickets/${ticket._id}/replies/${followupId}/success`,
      {
        token,
        body: {
          interaction: {
            networkItemId: replyId,
            createdTime: '2019-01-28T17:02:03.153Z',
            url: 'http://example.com/a',
          },
        },
      },
    );
    expect(success.status).toBe(201);
    expect(TicketSchema.parse(success.body)).toMatchObject({
      followupTo: { followupToId: ticket._id },
      interaction: {
        networkItemId: replyId,
        createdTime: '2019-01-28T17:02:03.153Z',
        type: 'TICKET',
        message: 'Our answer',
      },
    });
    const again = await call(
      mock,
      'POST',
      `/inbox/tickets/${ticket._id}/replies/${followupId}/success`,
      { token, body: { interaction: { networkItemId: nid() } } },
    );
    expect(again.status).toBe(409);
    const second = await performAction(mock, ticket._id, 'reply', { text: 'Another' });
    const used = await call(
      mock,
      'POST',
      `/inbox/tickets/${ticket._id}/replies/${second.followupId}/success`,
      { token, body: { interaction: { networkItemId: replyId } } },
    );
    expect(used.status).toBe(409);
    expect(used.body.code).toBe('ConflictError');
    const unknown = await call(
      mock,
      'POST',
      `/inbox/tickets/${ticket._id}/replies/${crypto.randomUUID()}/success`,
      { token, body: { interaction: { networkItemId: nid() } } },
    );
    expect(unknown.status).toBe(404);
    const state = (await mock.control.listTickets({ channelId })).find((t) => t._id === ticket._id);
    expect(state?.actions.map((a) => a.status)).toEqual(['published', 'pending']);
  });

  it('action reset: followupId required for replies; buttons reset without one', async () => {
    const ticket = await createTicket(mock, token, { networkItemId: nid(), message: 'q' });
    const reply = await performAction(mock, ticket._id, 'reply', { text: 'hi' });
    await performAction(mock, ticket._id, 'like');
    const missing = await call(mock, 'POST', `/inbox/tickets/${ticket._id}/reset/reply`, {
      token,
      body: { reason: 'x' },
    });
    expect(missing.status).toBe(400);
    const reset = await call(mock, 'POST', `/inbox/tickets/${ticket._id}/reset/reply`, {
      token,
      body: { followupId: reply.followupId, reason: 'Deleted on the network' },
    });
    expect(reset.status).toBe(201);
    expect(reset.body._id).toBe(ticket._id);
    expect(reset.body.updatedTime).toBeTypeOf('string');
    const button = await call(mock, 'POST', `/inbox/tickets/${ticket._id}/reset/like`, { token });
    expect(button.status).toBe(201);
    const state = (await mock.control.listTickets({ channelId })).find((t) => t._id === ticket._id);
    expect(state?.actions.map((a) => [a.actionId, a.status, a.reason])).toEqual([
      ['reply', 'reset', 'Deleted on the network'],
      ['like', 'reset', undefined],
    ]);
    expect(
      (await call(mock, 'POST', `/inbox/tickets/${ticket._id}/reset/delete`, { token })).status,
    ).toBe(404);
  });
});
