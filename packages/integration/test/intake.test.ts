import { createMockServer, type MockServer } from '@socialhub/mock-server';
import { signDelivery } from '@socialhub/webhook-kit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIntegration, defineManifest, type IntegrationStore } from '../src/index.js';
import { createMemoryStore } from '../src/stores/memory-store.js';
import { waitUntil } from './helpers/network.js';
import { createTickets } from './helpers/stack.js';

const SECRET = 'k'.repeat(40);
const manifest = defineManifest({
  ticketActions: [{ type: 'button', id: 'like', label: { en: 'Like', de: 'Like', fr: 'Like' } }],
});

const delivery = (channelId: string, event: object) =>
  JSON.stringify({
    manifestId: 'a'.repeat(24),
    accountId: 'b'.repeat(24),
    channelId,
    events: { ticket_action: [event] },
  });
const buttonEvent = (ticketId: string, actionId: string, uuid: string) => ({
  ticketId,
  networkItemId: 'post-000001',
  type: 'button',
  actionId,
  payload: {},
  time: Date.now(),
  uuid,
});

describe('the webhook intake', () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await createMockServer();
  });
  afterAll(() => mock?.close());

  it('answers 503 when the store cannot be written, so SocialHub delivers again', async () => {
    const store = createMemoryStore();
    const failing: IntegrationStore = {
      ...store,
      addEvents: async () => {
        throw new Error('disk full');
      },
    };
    const errors: unknown[] = [];
    const app = createIntegration({
      manifest,
      store: failing,
      secret: SECRET,
      publicUrl: 'http://127.0.0.1:9',
      workers: { enabled: false },
      onError: (error) => errors.push(error),
      handlers: { like: () => {} },
    });
    const body = delivery(
      'c'.repeat(24),
      buttonEvent('d'.repeat(24), 'like', '6f1c2a4e-8b7d-4c3e-9a1f-2b3c4d5e6f70'),
    );
    const signed = await signDelivery(body, { secret: SECRET });
    const answer = await app.routes.webhook.handle({
      method: 'POST',
      url: '/webhook',
      headers: signed.headers,
      rawBody: body,
    });
    expect(answer.status).toBe(503);
    expect(answer.headers['x-socialhub-challenge']).toBeUndefined();
    expect(JSON.parse(answer.body ?? '')).toMatchObject({ code: 'store_failed' });
    expect(errors).toHaveLength(1);
    // An unknown event type and an event off its schema are reported and skipped; the rest is stored.
    const app2 = createIntegration({
      manifest,
      store,
      secret: SECRET,
      publicUrl: 'http://127.0.0.1:9',
      workers: { enabled: false },
      onError: (error) => errors.push(error),
      handlers: { like: () => {} },
    });
    const mixed = JSON.stringify({
      manifestId: 'a'.repeat(24),
      accountId: 'b'.repeat(24),
      channelId: 'c'.repeat(24),
      events: {
        ticket_action: [
          buttonEvent('d'.repeat(24), 'like', '6f1c2a4e-8b7d-4c3e-9a1f-2b3c4d5e6f71'),
          { type: 'reply' },
        ],
        poll_action: [{ type: 'vote', uuid: 'x' }],
      },
    });
    const signed2 = await signDelivery(mixed, { secret: SECRET });
    const ok = await app2.routes.webhook.handle({
      method: 'POST',
      url: '/webhook',
      headers: signed2.headers,
      rawBody: mixed,
    });
    expect(ok.status).toBe(200);
    expect(ok.headers['x-socialhub-challenge']).toBe(signed2.challenge);
    expect(await app2.stats()).toEqual({ pending: 1, running: 0, done: 0, failed: 0 });
    expect(errors.slice(1).map((e) => (e as { code: string }).code)).toEqual([
      'invalid_argument',
      'invalid_argument',
    ]);
  });

  it('reports an action the code has no handler for as failed, never leaving it pending', async () => {
    const { channel, accessToken } = await mock.control.createChannel({ name: 'Intake' });
    const channelId = channel._id as string;
    const [ticketId] = await createTickets(mock, accessToken, 'intake', 1);
    const store = createMemoryStore();
    const errors: unknown[] = [];
    const app = createIntegration({
      manifest,
      store,
      secret: SECRET,
      publicUrl: 'http://127.0.0.1:9',
      socialHubUrl: mock.url,
      workers: { pollMs: 20 },
      onError: (error) => errors.push(error),
      handlers: { like: () => {} },
    });
    await app.addChannel(accessToken);
    await app.start();
    const uuid = '6f1c2a4e-8b7d-4c3e-9a1f-2b3c4d5e6f72';
    const body = delivery(channelId, buttonEvent(ticketId as string, 'share', uuid));
    const signed = await signDelivery(body, { secret: SECRET });
    expect(
      (
        await app.routes.webhook.handle({
          method: 'POST',
          url: '/webhook',
          headers: signed.headers,
          rawBody: body,
        })
      ).status,
    ).toBe(200);
    await waitUntil('failed', async () => (await store.getEvent(uuid))?.status === 'failed');
    expect((await store.getEvent(uuid))?.error).toMatch(
      /^This integration has no handler for the action "share"/,
    );
    await app.close();
  });
});
