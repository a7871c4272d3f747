import { webhookRouteKeys } from '@socialhub/schema/webhooks';
import { webhookRouteSchemas } from '@socialhub/schema/webhooks/zod';
import { describe, expect, it, vi } from 'vitest';
import { createFetchHandler } from '../src/adapters/fetch.js';
import { createTemplatesHandler } from '../src/callbacks/templates.js';
import { verifyDelivery } from '../src/core.js';
import { InvalidEventError, InvalidOptionsError } from '../src/errors.js';
import { createTestDelivery, createTestEvent, createTestTemplatesRequest } from '../src/testing.js';
import { createWebhookHandler } from '../src/webhook-handler.js';

const secret = 'consumer-secret-of-at-least-32-characters';

describe('testing helpers', () => {
  it('builds events that pass the generated schemas, with fresh uuids', () => {
    for (const name of webhookRouteKeys) {
      const event = createTestEvent(name);
      expect(webhookRouteSchemas[name].safeParse(event).success).toBe(true);
      expect(createTestEvent(name).uuid).not.toBe(event.uuid);
    }
    expect(createTestEvent('ticket_action.button', { actionId: 'like' }).actionId).toBe('like');
  });

  it('merges payload overrides deeply, so the defaults the override leaves out stay valid', () => {
    const event = createTestEvent('ticket_action.reply', { payload: { text: 'Hi' } });
    expect(event.payload.text).toBe('Hi');
    expect(event.payload.followupId).toMatch(/^[0-9a-f-]{36}$/);
    expect(webhookRouteSchemas['ticket_action.reply'].safeParse(event).success).toBe(true);
    const template = createTestEvent('ticket_action.template_reply', {
      payload: { variables: { firstName: 'Anna' } },
    });
    expect(template.payload).toMatchObject({ variables: { firstName: 'Anna' }, language: 'de' });
    expect(template.payload.networkId).toBeTypeOf('string');
    // Arrays are replaced, not merged item by item.
    const attachments = [{ name: 'a.txt', url: 'https://example.com/a.txt' }];
    expect(
      createTestEvent('ticket_action.reply', { payload: { attachments } }).payload,
    ).toMatchObject({
      attachments,
    });
  });

  it('gives each event fresh ids: a UUID followupId and uuid, ObjectIds, the current time', () => {
    const before = Date.now();
    const [a, b] = [createTestEvent('ticket_action.reply'), createTestEvent('ticket_action.reply')];
    for (const e of [a, b]) {
      expect(e.payload.followupId).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      expect(e.ticketId).toMatch(/^[a-f0-9]{24}$/);
      expect(e.time).toBeGreaterThanOrEqual(before);
    }
    expect(a.payload.followupId).not.toBe(b.payload.followupId);
    expect(a.ticketId).not.toBe(b.ticketId);
  });

  it('refuses at once, with the reason, an override the router would reject', () => {
    const build = () =>
      createTestEvent('ticket_action.reply', { payload: { followupId: 'not-a-uuid' } });
    expect(build).toThrow(InvalidEventError);
    expect(build).toThrow(
      '@socialhub/webhook-kit: event ticket_action.reply does not match its schema: payload.followupId: Invalid UUID',
    );
    let error: unknown;
    try {
      createTestEvent('channel_action.disabled', { channelId: 'abc', time: -1 });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({
      code: 'invalid_event',
      eventType: 'channel_action.disabled',
      reason: expect.stringMatching(/^channelId: .+; time: .+$/),
    });
    expect(() => createTestEvent('ticket_action.archive' as never)).toThrow(InvalidOptionsError);
  });

  it('signs deliveries the core verifies', async () => {
    const delivery = await createTestDelivery({
      secret,
      timestamp: 1_700_000_000_000,
      channelId: '5cc1afd1d62ec72e8388cb46',
    });
    expect(JSON.parse(delivery.rawBody)).toMatchObject({
      channelId: '5cc1afd1d62ec72e8388cb46',
      events: {},
    });
    await expect(
      verifyDelivery(delivery.rawBody, delivery.headers, { secret, now: () => 1_700_000_000_000 }),
    ).resolves.toBe(delivery.challenge);
  });

  it('drives a handler without a server, directly or as a fetch Request', async () => {
    const reply = vi.fn();
    const webhooks = createWebhookHandler({ secret, on: { 'ticket_action.reply': reply } });
    const event = createTestEvent('ticket_action.reply');
    const delivery = await createTestDelivery({ secret, events: { ticket_action: [event] } });

    const direct = await webhooks.handle(delivery);
    await direct.background;
    expect(reply).toHaveBeenCalledWith(
      event,
      expect.objectContaining({ eventType: 'ticket_action.reply' }),
    );

    const response = await createFetchHandler(webhooks)(
      delivery.toRequest('https://integration.test/webhook'),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('x-socialhub-challenge')).toBe(delivery.challenge);
  });

  it('builds signed templates callbacks', async () => {
    const templates = vi.fn(() => []);
    const handler = createTemplatesHandler({ secret, templates });
    const request = await createTestTemplatesRequest({
      secret,
      channelId: '5c9c01952bdfd718307a0a53',
    });
    const direct = await handler.handle(request);
    expect(direct).toMatchObject({
      status: 200,
      body: '[]',
      headers: { 'x-socialhub-challenge': request.challenge },
    });
    const viaFetch = await createFetchHandler(handler)(
      request.toRequest('https://integration.test/templates'),
    );
    expect(viaFetch.status).toBe(200);
    expect(templates).toHaveBeenLastCalledWith({ channelId: '5c9c01952bdfd718307a0a53' });
  });
});
