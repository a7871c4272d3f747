import { describe, expect, it, vi } from 'vitest';
import { createFetchHandler } from '../src/adapters/fetch.js';
import { createTemplatesHandler } from '../src/callbacks/templates.js';
import { verifyDelivery } from '../src/core.js';
import { eventSchemas, type WebhookEventName } from '../src/events.js';
import { createTestDelivery, createTestEvent, createTestTemplatesRequest } from '../src/testing.js';
import { createWebhookHandler } from '../src/webhook-handler.js';

const secret = 'consumer-secret-of-at-least-32-characters';

describe('testing helpers', () => {
  it('builds events that pass the generated schemas, with fresh uuids', () => {
    for (const name of Object.keys(eventSchemas) as WebhookEventName[]) {
      const event = createTestEvent(name);
      expect(eventSchemas[name].safeParse(event).success).toBe(true);
      expect(createTestEvent(name).uuid).not.toBe(event.uuid);
    }
    expect(createTestEvent('ticket_action.button', { actionId: 'like' }).actionId).toBe('like');
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
