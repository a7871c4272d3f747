import { describe, expect, it, vi } from 'vitest';
import { createMemoryDedupeStore } from '../src/dedupe.js';
import {
  EventHandlerError,
  InvalidEventError,
  InvalidOptionsError,
  type WebhookKitError,
} from '../src/index.js';
import { createTestDelivery, createTestEvent } from '../src/testing.js';
import { createWebhookHandler } from '../src/webhook-handler.js';
import { compactVector, NOW, SECRET, TIMESTAMP } from './vectors.js';

const secret = 'a-webhook-secret-of-at-least-32-characters';

describe('createWebhookHandler', () => {
  it('answers the real 409-byte delivery with its challenge and calls the typed handler', async () => {
    const reply = vi.fn();
    const webhooks = createWebhookHandler({
      secret: SECRET,
      now: () => NOW,
      on: { 'ticket_action.reply': reply },
    });
    const response = await webhooks.handle({
      method: 'POST',
      url: '/webhook',
      headers: {
        'x-socialhub-timestamp': TIMESTAMP,
        'x-socialhub-signature': compactVector.signature,
      },
      rawBody: new TextEncoder().encode(compactVector.body),
    });
    expect(response.status).toBe(200);
    expect(response.headers['x-socialhub-challenge']).toBe(compactVector.challenge);
    expect(response.body).toBe('{}');
    // Answered before any handler ran.
    expect(reply).not.toHaveBeenCalled();
    await response.background;
    expect(reply).toHaveBeenCalledTimes(1);
    const [event, context] = reply.mock.calls[0] ?? [];
    expect(event).toMatchObject({ type: 'reply', payload: { text: "Hi Anna, we're on it" } });
    expect(context).toEqual({
      manifestId: '5e73f56c5a45da10b6e614dd',
      accountId: '5e73f5245a45da10b6e614d8',
      channelId: '5eb47954a545b82b5b522cce',
      timestamp: Number(TIMESTAMP),
      eventType: 'ticket_action.reply',
    });
  });

  it('answers the test request (events: {}) and calls no handler', async () => {
    const handlers = {
      'ticket_action.reply': vi.fn(),
      'channel_action.disabled': vi.fn(),
    };
    const onUnknown = vi.fn();
    const webhooks = createWebhookHandler({ secret, on: handlers, onUnknown, mode: 'wait' });
    const delivery = await createTestDelivery({ secret });
    expect(JSON.parse(delivery.rawBody).events).toEqual({});
    const response = await webhooks.handle(delivery);
    expect(response).toMatchObject({
      status: 200,
      headers: { 'x-socialhub-challenge': delivery.challenge },
    });
    expect(response.background).toBeUndefined();
    expect(handlers['ticket_action.reply']).not.toHaveBeenCalled();
    expect(handlers['channel_action.disabled']).not.toHaveBeenCalled();
    expect(onUnknown).not.toHaveBeenCalled();
  });

  it('routes every event type to its handler', async () => {
    const calls: string[] = [];
    const on = Object.fromEntries(
      (
        [
          'ticket_action.reply',
          'ticket_action.template_reply',
          'ticket_action.button',
          'ticket_action.delete',
          'channel_action.disabled',
        ] as const
      ).map((name) => [
        name,
        (_event: unknown, { eventType }: { eventType: string }) => void calls.push(eventType),
      ]),
    );
    const webhooks = createWebhookHandler({ secret, on, mode: 'wait' });
    const delivery = await createTestDelivery({
      secret,
      events: {
        ticket_action: [
          createTestEvent('ticket_action.reply'),
          createTestEvent('ticket_action.template_reply'),
          createTestEvent('ticket_action.button'),
          createTestEvent('ticket_action.delete'),
        ],
        channel_action: [createTestEvent('channel_action.disabled')],
      },
    });
    const response = await webhooks.handle(delivery);
    expect(response.status).toBe(200);
    expect(calls.sort()).toEqual([
      'channel_action.disabled',
      'ticket_action.button',
      'ticket_action.delete',
      'ticket_action.reply',
      'ticket_action.template_reply',
    ]);
  });

  it('sends invalid events to onError and still handles the others', async () => {
    const handled: string[] = [];
    const errors: WebhookKitError[] = [];
    const webhooks = createWebhookHandler({
      secret,
      mode: 'wait',
      on: { 'ticket_action.reply': (event) => void handled.push(event.uuid) },
      onError: (error) => void errors.push(error),
    });
    const good = createTestEvent('ticket_action.reply');
    // A reply needs text or attachments, and a uuid must be a UUID. createTestEvent refuses to
    // build such events, so they are spread by hand.
    const noText = {
      ...createTestEvent('ticket_action.reply'),
      payload: { followupId: '2b9c4f0e-6d1a-4e8b-9f3c-5a7d1e2f4b6c' },
    };
    const badUuid = { ...createTestEvent('ticket_action.reply'), uuid: 'not-a-uuid' };
    const delivery = await createTestDelivery({
      secret,
      events: { ticket_action: [noText, good, badUuid] },
    });
    const response = await webhooks.handle(delivery);
    expect(response.status).toBe(200);
    expect(handled).toEqual([good.uuid]);
    expect(errors).toHaveLength(2);
    for (const error of errors) {
      expect(error).toBeInstanceOf(InvalidEventError);
      expect(error).toMatchObject({ code: 'invalid_event', eventType: 'ticket_action.reply' });
      expect(error.cause).toBeDefined();
    }
    expect(errors.map((e) => (e as InvalidEventError).reason)).toEqual([
      'payload: expected text or attachments',
      'uuid: Invalid UUID',
    ]);
  });

  it('isolates a throwing or hanging handler from the other events', async () => {
    const handled: string[] = [];
    const errors: WebhookKitError[] = [];
    let release = () => {};
    const webhooks = createWebhookHandler({
      secret,
      on: {
        'ticket_action.button': () => {
          throw new Error('network down');
        },
        'ticket_action.delete': () => new Promise<void>((resolve) => (release = resolve)),
        'ticket_action.reply': (event) => void handled.push(event.uuid),
      },
      onError: (error) => void errors.push(error),
    });
    const reply = createTestEvent('ticket_action.reply');
    const delivery = await createTestDelivery({
      secret,
      events: {
        ticket_action: [
          createTestEvent('ticket_action.button'),
          createTestEvent('ticket_action.delete'),
          reply,
        ],
      },
    });
    const response = await webhooks.handle(delivery);
    expect(response.status).toBe(200);
    await vi.waitFor(() => expect(handled).toEqual([reply.uuid]));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(EventHandlerError);
    expect(errors[0]?.cause).toEqual(new Error('network down'));
    release();
    await response.background;
  });

  it("in mode 'wait' runs handlers before answering, and answers 500 when one failed", async () => {
    const order: string[] = [];
    let fail = true;
    const webhooks = createWebhookHandler({
      secret,
      mode: 'wait',
      on: {
        'ticket_action.reply': async () => {
          await new Promise((r) => setTimeout(r, 5));
          order.push('handler');
          if (fail) throw new Error('try again');
        },
      },
      onError: () => {},
    });
    const delivery = await createTestDelivery({
      secret,
      events: { ticket_action: [createTestEvent('ticket_action.reply')] },
    });
    const first = await webhooks.handle(delivery);
    order.push('answered');
    expect(order).toEqual(['handler', 'answered']);
    expect(first.status).toBe(500);
    expect(JSON.parse(first.body ?? '')).toMatchObject({ code: 'handler_failed' });
    // SocialHub redelivers; the failed event was released from the dedupe store and runs again.
    fail = false;
    const second = await webhooks.handle(delivery);
    expect(second.status).toBe(200);
    expect(order).toEqual(['handler', 'answered', 'handler']);
  });

  it('handles a redelivered event uuid once, with a pluggable store', async () => {
    const reply = vi.fn();
    const store = createMemoryDedupeStore({ max: 2 });
    const claim = vi.spyOn(store, 'claim');
    const webhooks = createWebhookHandler({
      secret,
      mode: 'wait',
      dedupe: store,
      on: { 'ticket_action.reply': reply },
    });
    const event = createTestEvent('ticket_action.reply');
    const delivery = await createTestDelivery({
      secret,
      events: { ticket_action: [event, event] },
    });
    await webhooks.handle(delivery);
    await webhooks.handle(await createTestDelivery({ secret, events: { ticket_action: [event] } }));
    expect(reply).toHaveBeenCalledTimes(1);
    expect(claim).toHaveBeenCalledWith(event.uuid);
    const result = await (await webhooks.receive(delivery.rawBody, delivery.headers)).process();
    expect(result).toEqual({ handled: 0, duplicates: 2, unknown: 0, invalid: 0, failed: 0 });
  });

  it('handles duplicates again with dedupe: false', async () => {
    const reply = vi.fn();
    const webhooks = createWebhookHandler({
      secret,
      mode: 'wait',
      dedupe: false,
      on: { 'ticket_action.reply': reply },
    });
    const event = createTestEvent('ticket_action.reply');
    await webhooks.handle(
      await createTestDelivery({ secret, events: { ticket_action: [event, event] } }),
    );
    expect(reply).toHaveBeenCalledTimes(2);
  });

  it('passes unknown event types and unknown ticket action types to onUnknown, and acks them', async () => {
    const onUnknown = vi.fn();
    const webhooks = createWebhookHandler({ secret, mode: 'wait', on: {}, onUnknown });
    const future = { ...createTestEvent('ticket_action.button'), type: 'archive' };
    const delivery = await createTestDelivery({
      secret,
      events: { ticket_action: [future], some_future_event: [{ anything: 'goes' }] } as never,
    });
    const response = await webhooks.handle(delivery);
    expect(response.status).toBe(200);
    expect(onUnknown.mock.calls.map(([, context]) => context.eventType).sort()).toEqual([
      'some_future_event',
      'ticket_action.archive',
    ]);
  });

  it('acknowledges known events that have no handler without calling onUnknown', async () => {
    const onUnknown = vi.fn();
    const webhooks = createWebhookHandler({ secret, mode: 'wait', on: {}, onUnknown });
    const delivery = await createTestDelivery({
      secret,
      events: { ticket_action: [createTestEvent('ticket_action.delete')] },
    });
    expect((await webhooks.handle(delivery)).status).toBe(200);
    expect(onUnknown).not.toHaveBeenCalled();
  });

  it('reports a failing dedupe store through onError and answers 500 in wait mode', async () => {
    const errors: WebhookKitError[] = [];
    const reply = vi.fn();
    const webhooks = createWebhookHandler({
      secret,
      mode: 'wait',
      dedupe: {
        claim: () => Promise.reject(new Error('store unreachable')),
        release: () => {},
      },
      on: { 'ticket_action.reply': reply },
      onError: (error) => void errors.push(error),
    });
    const delivery = await createTestDelivery({
      secret,
      events: { ticket_action: [createTestEvent('ticket_action.reply')] },
    });
    const response = await webhooks.handle(delivery);
    expect(response.status).toBe(500);
    expect(reply).not.toHaveBeenCalled();
    expect(errors).toHaveLength(1);
    expect(errors[0]?.cause).toEqual(new Error('store unreachable'));
  });

  it('answers typed errors as JSON and never throws', async () => {
    const webhooks = createWebhookHandler({ secret, on: {} });
    const delivery = await createTestDelivery({ secret, timestamp: Date.now() - 10 * 60_000 });
    const stale = await webhooks.handle(delivery);
    expect(stale.status).toBe(401);
    expect(JSON.parse(stale.body ?? '')).toMatchObject({ code: 'timestamp_outside_tolerance' });
    const notJson = await webhooks.handle({
      ...(await createTestDelivery({ secret })),
      rawBody: 'x',
    });
    expect(notJson.status).toBe(401);
    const get = await webhooks.handle({ ...delivery, method: 'GET' });
    expect(get).toMatchObject({ status: 405, headers: { allow: 'POST' } });
  });

  it('rejects a signed body that is not a delivery with malformed_json', async () => {
    const { signDelivery } = await import('../src/core.js');
    const webhooks = createWebhookHandler({ secret, on: {} });
    for (const body of [
      'not json',
      '[]',
      '{"events":[]}',
      '{"manifestId":1,"accountId":"a","channelId":"c","events":{}}',
    ]) {
      const signed = await signDelivery(body, { secret });
      const response = await webhooks.handle({
        method: 'POST',
        url: '/',
        headers: signed.headers,
        rawBody: body,
      });
      expect(response.status).toBe(400);
      expect(JSON.parse(response.body ?? '')).toMatchObject({ code: 'malformed_json' });
    }
  });

  it('refuses to start without a usable secret', () => {
    expect(() => createWebhookHandler({ secrets: [], on: {} })).toThrow(InvalidOptionsError);
    expect(() => createWebhookHandler({ secret: '', on: {} })).toThrow(/non-empty/);
  });

  it('refuses unusable options at start-up with a typed error, never a bare TypeError', () => {
    const misuse = [
      () => createWebhookHandler({ secret } as never),
      () => createWebhookHandler({ secret, on: { 'ticket_action.replly': () => {} } } as never),
      () => createWebhookHandler({ secret, on: { 'ticket_action.reply': 'no' } } as never),
      () => createWebhookHandler({ secret, on: {}, onError: 'log' } as never),
      () => createWebhookHandler({ secret, on: {}, mode: 'later' } as never),
      () => createWebhookHandler({ secret, on: {}, dedupe: {} } as never),
      () => createWebhookHandler(undefined as never),
      () => createWebhookHandler({ secret, on: {}, maxBodyBytes: '1mb' } as never),
      () => createWebhookHandler({ secret, on: {}, toleranceMs: -1 }),
      () => createWebhookHandler({ secret, on: {}, now: 5 } as never),
    ];
    for (const start of misuse) {
      let thrown: unknown;
      try {
        start();
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(InvalidOptionsError);
      expect(thrown).toMatchObject({ code: 'invalid_options' });
      expect((thrown as Error).message).toMatch(/^@socialhub\/webhook-kit: /);
    }
    expect(() =>
      createWebhookHandler({ secret, on: { 'ticket_action.replly': () => {} } } as never),
    ).toThrow(/ticket_action\.replly.*known: ticket_action\.reply/);
  });

  it('accepts any secret of a rotation list', async () => {
    const webhooks = createWebhookHandler({
      secrets: ['the-next-secret-of-at-least-32-chars', secret],
      on: {},
    });
    const response = await webhooks.handle(await createTestDelivery({ secret }));
    expect(response.status).toBe(200);
  });
});
