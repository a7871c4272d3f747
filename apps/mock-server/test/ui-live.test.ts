import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeliveryRecord, MockServer } from '../src/index.js';
import {
  ACTIONS,
  call,
  createTicket,
  performAction,
  type Receiver,
  SECRET,
  setManifest,
  startMock,
  startReceiver,
} from './helpers.js';

interface SseEvent {
  event: string;
  // biome-ignore lint/suspicious/noExplicitAny: assertions read event data
  data: any;
}

/** Reads `GET /_mock/live` as a stream of parsed events. */
async function openLive(mock: MockServer, query = '') {
  const aborter = new AbortController();
  const response = await fetch(`${mock.url}/_mock/live${query}`, { signal: aborter.signal });
  const events: SseEvent[] = [];
  let bytes = 0;
  const waiters: Array<() => void> = [];
  const reading = (async () => {
    const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const chunk = await reader?.read().catch(() => undefined);
      if (!chunk || chunk.done) return;
      bytes += Buffer.byteLength(chunk.value);
      buffer += chunk.value;
      let end = buffer.indexOf('\n\n');
      while (end !== -1) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) events.push({ event, data: JSON.parse(data) });
        end = buffer.indexOf('\n\n');
      }
      for (const waiter of waiters.splice(0)) waiter();
    }
  })();
  const waitFor = (predicate: (e: SseEvent) => boolean, timeoutMs = 3000) =>
    new Promise<SseEvent>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no such event; saw ${events.map((e) => e.event).join(', ')}`)),
        timeoutMs,
      );
      const check = () => {
        const found = events.find(predicate);
        if (found) {
          clearTimeout(timer);
          resolve(found);
        } else waiters.push(check);
      };
      check();
    });
  return {
    response,
    events,
    waitFor,
    bytes: () => bytes,
    close: async () => {
      aborter.abort();
      await reading;
    },
  };
}

describe('GET /_mock/live: server push for the web UI', () => {
  let mock: MockServer;
  let token: string;
  let channelId: string;

  beforeEach(async () => {
    mock = await startMock({ seed: 5 });
    const created = await mock.control.createChannel({ name: 'Live', networkId: 'live-1' });
    token = created.accessToken;
    channelId = created.channel._id as string;
  });
  afterEach(async () => {
    await mock.close();
  });

  it('starts with the current channels, manifests and tickets of the channel asked for', async () => {
    await createTicket(mock, token, { networkItemId: 'item-a-000', message: 'first' });
    const live = await openLive(mock, `?channelId=${channelId}`);
    try {
      expect(live.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const channels = await live.waitFor((e) => e.event === 'channels');
      expect(channels.data.map((c: { _id: string }) => c._id)).toContain(channelId);
      const tickets = await live.waitFor((e) => e.event === 'tickets');
      expect(tickets.data).toMatchObject({ channelId, isSnapshot: true, removed: [] });
      expect(
        tickets.data.tickets.map(
          (t: { interaction: { message: string } }) => t.interaction.message,
        ),
      ).toEqual(['first']);
      await live.waitFor((e) => e.event === 'manifests');
    } finally {
      await live.close();
    }
  });

  it('pushes only the tickets that changed, and nothing of other channels', async () => {
    const other = await mock.control.createChannel({ name: 'Other', networkId: 'live-2' });
    const live = await openLive(mock, `?channelId=${channelId}`);
    try {
      await live.waitFor((e) => e.event === 'tickets');
      const ticket = await createTicket(mock, token, {
        networkItemId: 'item-b-000',
        message: 'new one',
      });
      await createTicket(mock, other.accessToken, {
        networkItemId: 'item-c-000',
        message: 'elsewhere',
      });
      const pushed = await live.waitFor((e) => e.event === 'tickets' && !e.data.isSnapshot);
      expect(pushed.data.tickets.map((t: { _id: string }) => t._id)).toEqual([ticket._id]);
      await call(mock, 'PATCH', `/_mock/tickets/${ticket._id}`, { body: { isUnread: false } });
      const read = await live.waitFor(
        (e) => e.event === 'tickets' && e.data.tickets[0]?.isUnread === false,
      );
      expect(read.data.tickets).toHaveLength(1);
      expect(
        live.events.some(
          (e) =>
            e.event === 'tickets' &&
            e.data.tickets.some((t: { channelId: string }) => t.channelId !== channelId),
        ),
      ).toBe(false);
    } finally {
      await live.close();
    }
  });

  it('sends nothing but a retry line while the state stays the same', async () => {
    const live = await openLive(mock, `?channelId=${channelId}`);
    try {
      await live.waitFor((e) => e.event === 'tickets');
      const before = live.bytes();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(live.bytes()).toBe(before);
    } finally {
      await live.close();
    }
  });

  it('tells deliveries apart by id when they change', async () => {
    const receiver = await startReceiver();
    try {
      await setManifest(mock, token, {
        webhook: { url: receiver.url, secret: SECRET },
        inbox: { ticketActions: ACTIONS },
      });
      const ticket = await createTicket(mock, token, { networkItemId: 'item-d-000', message: 'x' });
      const live = await openLive(mock);
      try {
        await live.waitFor((e) => e.event === 'channels');
        await performAction(mock, ticket._id, 'like');
        const pushed = await live.waitFor((e) => e.event === 'deliveries');
        expect(pushed.data.ids).toHaveLength(1);
      } finally {
        await live.close();
      }
    } finally {
      await receiver.close();
    }
  });

  it('never carries an access token or a webhook secret', async () => {
    const receiver = await startReceiver();
    try {
      await setManifest(mock, token, {
        webhook: { url: receiver.url, secret: SECRET },
        inbox: { ticketActions: ACTIONS },
      });
      await createTicket(mock, token, { networkItemId: 'item-s-000', message: 'x' });
      const live = await openLive(mock, `?channelId=${channelId}`);
      try {
        await live.waitFor((e) => e.event === 'tickets');
        await live.waitFor((e) => e.event === 'manifests');
        const text = JSON.stringify(live.events);
        expect(text).toContain(channelId);
        expect(text).not.toContain(SECRET);
        expect(text).not.toContain(token);
      } finally {
        await live.close();
      }
    } finally {
      await receiver.close();
    }
  });

  it('answers an unknown channel and other methods with JSON { code, message }', async () => {
    const missing = await call(mock, 'GET', '/_mock/live', { query: { channelId: 'nope' } });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ code: 'NotFoundError', message: 'Error: Channel not found' });
    const post = await call(mock, 'POST', '/_mock/live', { body: {} });
    expect(post.status).toBe(405);
    expect(post.body.code).toBe('MethodNotAllowedError');
    const below = await call(mock, 'GET', '/_mock/live/x');
    expect(below.status).toBe(404);
  });
});

describe('the deliveries debugger routes', () => {
  let mock: MockServer;
  let receiver: Receiver;
  let token: string;
  let channelId: string;
  let ticketId: string;

  beforeEach(async () => {
    mock = await startMock({ seed: 6 });
    receiver = await startReceiver();
    const created = await mock.control.createChannel({ name: 'Debug', networkId: 'dbg-1' });
    token = created.accessToken;
    channelId = created.channel._id as string;
    await setManifest(mock, token, {
      webhook: { url: receiver.url, secret: SECRET },
      inbox: { ticketActions: ACTIONS },
    });
    ticketId = (await createTicket(mock, token, { networkItemId: 'item-e-000', message: 'x' }))._id;
  });
  afterEach(async () => {
    await mock.close();
    await receiver.close();
  });

  it('records every attempt with its own signed request, the expected and the received challenge', async () => {
    let calls = 0;
    receiver.behaviour = (_r, challenge) =>
      ++calls === 1 ? { status: 503 } : { status: 200, ...(challenge ? { challenge } : {}) };
    await performAction(mock, ticketId, 'like');
    await mock.control.settleDeliveries();
    const page = await call(mock, 'GET', '/_mock/deliveries/page', {
      query: { ticketId, kind: 'events' },
    });
    expect(page.body.total).toBe(1);
    const delivery: DeliveryRecord = page.body.items[0];
    expect(delivery.outcome).toBe('delivered');
    expect(delivery.ticketIds).toEqual([ticketId]);
    expect(delivery.attempts).toHaveLength(2);
    const [first, second] = delivery.attempts;
    expect(first?.response?.status).toBe(503);
    expect(first?.receivedChallenge).toBeUndefined();
    expect(second?.receivedChallenge).toBe(second?.expectedChallenge);
    for (const attempt of delivery.attempts) {
      expect(attempt.request?.headers['x-socialhub-signature']).toMatch(/^[0-9a-f]{64}$/);
      expect(attempt.expectedChallenge).toMatch(/^[0-9a-f]{64}$/);
    }
    // Each attempt is signed anew; the secret appears nowhere.
    expect(first?.request?.headers['x-socialhub-signature']).not.toBe(
      second?.request?.headers['x-socialhub-signature'],
    );
    expect(JSON.stringify(delivery)).not.toContain(SECRET);
    expect(delivery.nextRetryTime).toBeUndefined();
  });

  it('shows when a failing delivery retries next', async () => {
    await mock.close();
    mock = await startMock({
      seed: 6,
      webhooks: { batchWindowMs: 5, retryDelaysMs: [60_000], timeoutMs: 2000 },
    });
    const created = await mock.control.createChannel({ name: 'Slow', networkId: 'dbg-2' });
    await setManifest(mock, created.accessToken, {
      webhook: { url: receiver.url, secret: SECRET },
      inbox: { ticketActions: ACTIONS },
    });
    const ticket = await createTicket(mock, created.accessToken, {
      networkItemId: 'item-f-000',
      message: 'x',
    });
    receiver.behaviour = () => ({ status: 500 });
    const requestsBefore = receiver.requests.length;
    await performAction(mock, ticket._id, 'like');
    await receiver.waitFor(requestsBefore + 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const page = await call(mock, 'GET', '/_mock/deliveries/page', {
      query: { outcome: 'pending' },
    });
    const waiting: DeliveryRecord = page.body.items[0];
    expect(Date.parse(waiting.nextRetryTime ?? '')).toBeGreaterThan(Date.now() + 50_000);
  });

  it('filters by channel, kind, outcome, event type and ticket, and pages newest first', async () => {
    for (let i = 0; i < 3; i++) {
      await performAction(mock, ticketId, 'like');
      await mock.control.settleDeliveries();
    }
    const all = await call(mock, 'GET', '/_mock/deliveries/page', { query: { channelId } });
    expect(all.body.total).toBe(4); // the test request and three deliveries
    const paged = await call(mock, 'GET', '/_mock/deliveries/page', {
      query: { channelId, kind: 'events', eventType: 'ticket_action', offset: '1', limit: '1' },
    });
    expect(paged.body).toMatchObject({ total: 3, offset: 1, limit: 1 });
    expect(paged.body.items[0].id).toBe(all.body.items[1].id);
    const none = await call(mock, 'GET', '/_mock/deliveries/page', {
      query: { eventType: 'channel_action' },
    });
    expect(none.body.total).toBe(0);
    const bad = await call(mock, 'GET', '/_mock/deliveries/page', { query: { outcome: 'great' } });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('ValidationError');
    const unknown = await call(mock, 'GET', '/_mock/deliveries/page', { query: { foo: '1' } });
    expect(unknown.status).toBe(400);
  });

  it('GET /_mock/deliveries/{id} is the permalink; Redeliver sends the same body freshly signed', async () => {
    await performAction(mock, ticketId, 'like');
    await mock.control.settleDeliveries();
    const [latest] = (await call(mock, 'GET', '/_mock/deliveries/page')).body.items;
    const one = await call(mock, 'GET', `/_mock/deliveries/${latest.id}`);
    expect(one.body).toEqual(latest);
    const count = receiver.requests.length;
    const again = await call(mock, 'POST', `/_mock/deliveries/${latest.id}/redeliver`);
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({
      redeliveryOf: latest.id,
      kind: 'events',
      ticketIds: [ticketId],
    });
    await mock.control.settleDeliveries();
    const sent = await receiver.waitFor(count + 1);
    expect(sent.at(-1)?.body).toBe(latest.request.body);
    const stored = await call(mock, 'GET', `/_mock/deliveries/${again.body.id}`);
    expect(stored.body.outcome).toBe('delivered');
    // Signed anew: the receiver (webhook-kit's verify) took it, so its own timestamp and signature.
    expect(stored.body.attempts[0].isChallengeSolved).toBe(true);
    expect(stored.body.attempts[0].request.headers['x-socialhub-signature']).toMatch(
      /^[0-9a-f]{64}$/,
    );
  });

  it('answers unknown deliveries and what cannot be sent again with { code, message }', async () => {
    const missing = await call(
      mock,
      'GET',
      '/_mock/deliveries/00000000-0000-0000-0000-000000000000',
    );
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('NotFoundError');
    const redo = await call(mock, 'POST', '/_mock/deliveries/nope/redeliver');
    expect(redo.status).toBe(404);
    const [test] = (await call(mock, 'GET', '/_mock/deliveries/page', { query: { kind: 'test' } }))
      .body.items;
    const refused = await call(mock, 'POST', `/_mock/deliveries/${test.id}/redeliver`);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/^Error: Only webhook deliveries of events/);
  });
});
