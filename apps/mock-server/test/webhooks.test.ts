import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebhookDeliverySchema } from '@socialhub/schema/webhooks/zod';
import { createTemplatesHandler, verifyDelivery } from '@socialhub/webhook-kit';
import { createNodeHandler } from '@socialhub/webhook-kit/node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockServer } from '../src/index.js';
import {
  ACTIONS,
  call,
  createTicket,
  label,
  performAction,
  type Receiver,
  SECRET,
  setManifest,
  startMock,
  startReceiver,
} from './helpers.js';

describe('webhook deliveries', () => {
  let mock: MockServer;
  let receiver: Receiver;
  let token: string;
  let channelId: string;
  let ticketId: string;
  const lines: string[] = [];

  beforeEach(async (context) => {
    lines.length = 0;
    // Actions are performed over HTTP (API2): the batching test gets a window they all fit in.
    const isBatching = context.task.name.startsWith('batches');
    mock = await startMock({
      log: (line) => lines.push(line),
      ...(isBatching
        ? { webhooks: { batchWindowMs: 400, retryDelaysMs: [10, 20], timeoutMs: 2000 } }
        : {}),
    });
    receiver = await startReceiver();
    const created = await mock.control.createChannel({ name: 'Forum' });
    token = created.accessToken;
    channelId = created.channel._id;
    await setManifest(mock, token, {
      webhook: { url: receiver.url, secret: SECRET },
      inbox: { ticketActions: ACTIONS },
    });
    ticketId = (
      await createTicket(mock, token, { networkItemId: 'question-000001', message: 'Hi?' })
    )._id;
    receiver.requests.length = 0; // forget the test request
  });
  afterEach(async () => {
    await mock.close();
    await receiver.close();
  });

  it('sends compact JSON, User-Agent SocialHub, a millisecond timestamp and a signature webhook-kit verifies', async () => {
    const before = Date.now();
    const { event, followupId } = await performAction(mock, ticketId, 'reply', {
      text: 'Hello!',
    });
    await mock.control.settleDeliveries();
    const [request] = await receiver.waitFor(1);
    if (!request) throw new Error('no delivery');
    expect(request.method).toBe('POST');
    expect(request.headers['user-agent']).toBe('SocialHub');
    expect(request.headers['content-type']).toBe('application/json');
    const timestamp = Number(request.headers['x-socialhub-timestamp']);
    expect(timestamp).toBeGreaterThanOrEqual(before);
    expect(timestamp).toBeLessThanOrEqual(Date.now());
    const challenge = await verifyDelivery(request.body, request.headers, { secret: SECRET });
    expect(challenge).toMatch(/^[0-9a-f]{64}$/);
    const body = JSON.parse(request.body);
    expect(request.body).toBe(JSON.stringify(body));
    expect(WebhookDeliverySchema.parse(body)).toBeTruthy();
    expect(body).toEqual({
      manifestId: expect.any(String),
      accountId: expect.any(String),
      channelId,
      events: {
        ticket_action: [
          {
            ticketId,
            networkItemId: 'question-000001',
            type: 'reply',
            actionId: 'reply',
            payload: { followupId, text: 'Hello!' },
            time: event.time,
            uuid: event.uuid,
          },
        ],
      },
    });
    const [delivery] = await mock.control.deliveries({ channelId, kind: 'events' });
    expect(delivery).toMatchObject({ outcome: 'delivered', events: { ticket_action: 1 } });
    expect(delivery?.attempts[0]?.response?.status).toBe(200);
    expect(delivery?.attempts[0]?.isChallengeSolved).toBe(true);
    expect(JSON.stringify(delivery)).not.toContain(SECRET);
  });

  it('batches the events of one channel into one delivery', async () => {
    // Performed at once (API2 requests in parallel), so they fall in one batch window.
    await Promise.all([
      performAction(mock, ticketId, 'like'),
      performAction(mock, ticketId, 'reply', { text: 'a' }),
      performAction(mock, ticketId, 'delete'),
    ]);
    await mock.control.settleDeliveries();
    expect(receiver.requests).toHaveLength(1);
    const events = JSON.parse(receiver.requests[0]?.body ?? '').events.ticket_action;
    expect(events.map((e: { type: string }) => e.type).sort()).toEqual([
      'button',
      'delete',
      'reply',
    ]);
  });

  it('retries a non-2xx answer with backoff, then discards the events and logs it', async () => {
    receiver.behaviour = () => ({ status: 503 });
    await performAction(mock, ticketId, 'like');
    await mock.control.settleDeliveries();
    expect(receiver.requests).toHaveLength(3); // the first try and two retries
    const timestamps = receiver.requests.map((r) => Number(r.headers['x-socialhub-timestamp']));
    expect(new Set(timestamps).size).toBeGreaterThan(1); // each attempt is signed anew
    const [delivery] = await mock.control.deliveries({ channelId, kind: 'events' });
    expect(delivery?.outcome).toBe('discarded');
    expect(delivery?.attempts.map((a) => a.response?.status)).toEqual([503, 503, 503]);
    expect(lines.some((l) => /discarded after 3 attempts/.test(l))).toBe(true);
    // The webhook stays.
    expect((await call(mock, 'GET', '/', { token })).body.manifest.webhook).not.toBeNull();
  });

  it('recovers when a retry succeeds', async () => {
    let count = 0;
    receiver.behaviour = (_request, challenge) =>
      ++count === 1 ? { status: 500 } : { status: 200, ...(challenge ? { challenge } : {}) };
    await performAction(mock, ticketId, 'like');
    await mock.control.settleDeliveries();
    const [delivery] = await mock.control.deliveries({ channelId, kind: 'events' });
    expect(delivery?.outcome).toBe('delivered');
    expect(delivery?.attempts).toHaveLength(2);
  });

  it('a 2xx without the right challenge removes the webhook from the manifest', async () => {
    receiver.behaviour = () => ({ status: 200 });
    await performAction(mock, ticketId, 'like');
    await mock.control.settleDeliveries();
    expect(receiver.requests).toHaveLength(1); // no retry
    const [delivery] = await mock.control.deliveries({ channelId, kind: 'events' });
    expect(delivery?.outcome).toBe('webhook-removed');
    expect((await call(mock, 'GET', '/', { token })).body.manifest.webhook).toBeNull();
    expect(lines.some((l) => /without the right X-SocialHub-Challenge/.test(l))).toBe(true);
    // Later events have nowhere to go; that is recorded too.
    await performAction(mock, ticketId, 'delete');
    await mock.control.settleDeliveries();
    expect((await mock.control.deliveries({ channelId, kind: 'events' }))[0]?.outcome).toBe(
      'no-webhook',
    );
  });

  it('the webhook-removal log line redacts the query of the webhook URL', async () => {
    await setManifest(mock, token, {
      webhook: { url: `${receiver.url}?apikey=do-not-print-me`, secret: SECRET },
    });
    receiver.behaviour = () => ({ status: 200 });
    await performAction(mock, ticketId, 'like');
    await mock.control.settleDeliveries();
    const removal = lines.find((l) => /without the right X-SocialHub-Challenge/.test(l));
    expect(removal).toContain('?apikey=[redacted]');
    expect(lines.join('\n')).not.toContain('do-not-print-me');
  });

  it('checks reply input against the action configuration', async () => {
    await setManifest(mock, token, {
      inbox: {
        ticketActions: [
          { type: 'reply', id: 'short', label: label('Short'), config: { maxLength: 5 } },
          { type: 'reply', id: 'files', label: label('Files'), attachments: { noText: true } },
          {
            type: 'reply',
            id: 'choose',
            label: label('Choose'),
            options: [{ id: 'public', label: label('Public') }],
          },
          {
            type: 'button',
            id: 'like',
            label: label('Like'),
            config: { timeout: { duration: '1 ms', after: 'networkCreationTime' } },
          },
          { type: 'button', id: 'plain', label: label('Plain') },
        ],
      },
    });
    const file = {
      size: 10,
      name: 'a.pdf',
      extension: '.pdf',
      url: 'https://example.com/a.pdf',
      mimetype: 'application/pdf',
    };
    const cases: Array<[string, Record<string, unknown>]> = [
      ['short', { text: 'too long' }],
      ['short', {}],
      ['short', { attachments: [file] }],
      ['files', { text: 'x', attachments: [file] }],
      // (API2 takes one `attachment`: two files cannot even be sent.)
      ['choose', { text: 'x' }],
      ['choose', { text: 'x', option: 'private' }],
      ['short', { text: 'x', option: 'public' }],
      ['plain', { text: 'x' }],
    ];
    for (const [actionId, input] of cases) {
      await expect(
        performAction(mock, ticketId, actionId, input),
        `${actionId} ${JSON.stringify(input)}`,
      ).rejects.toMatchObject({ status: 400 });
    }
    await expect(performAction(mock, ticketId, 'nope', {})).rejects.toMatchObject({
      status: 404,
    });
    const old = await createTicket(mock, token, {
      networkItemId: 'old-ticket-1',
      message: 'x',
      createdTime: '2020-01-01T00:00:00.000Z',
    });
    await expect(performAction(mock, old._id, 'like')).rejects.toMatchObject({
      status: 409,
      code: 'ActionNotAvailable',
    });
    const ok = await performAction(mock, ticketId, 'choose', {
      text: 'Sure',
      option: 'public',
    });
    expect(ok.event.payload).toEqual({ followupId: ok.followupId, text: 'Sure', option: 'public' });
    const withFile = await performAction(mock, ticketId, 'files', { attachments: [file] });
    expect(withFile.event.payload).toEqual({
      followupId: withFile.followupId,
      // API2 sends the file's URL; the mock names it from the URL.
      attachments: [
        { url: file.url, name: 'a.pdf', extension: 'pdf', size: 0, mimetype: 'application/pdf' },
      ],
    });
  });

  it('template_reply fetches the templates with a signed GET and sends the chosen one', async () => {
    const templates = createTemplatesHandler({
      secret: SECRET,
      templates: () => [
        {
          name: 'Greeting',
          networkId: 'greeting',
          variables: { firstName: { type: 'string', minLength: 2 } },
          text: { en: 'Hi {{firstName}}', de: 'Hallo {{firstName}}' },
        },
      ],
    });
    const seen: string[] = [];
    const server = createServer((req, res) => {
      seen.push(req.url ?? '');
      createNodeHandler(templates)(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const templatesUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/templates`;
    try {
      await setManifest(mock, token, {
        inbox: {
          ticketActions: [
            {
              type: 'template_reply',
              id: 'tpl',
              label: label('Template'),
              config: { templates: { url: templatesUrl } },
            },
          ],
        },
      });
      await expect(
        performAction(mock, ticketId, 'tpl', {
          template: { networkId: 'greeting', language: 'en', variables: { firstName: 'A' } },
        }),
      ).rejects.toMatchObject({ status: 400 });
      await expect(
        performAction(mock, ticketId, 'tpl', {
          template: { networkId: 'greeting', language: 'fr', variables: { firstName: 'Anna' } },
        }),
      ).rejects.toMatchObject({ status: 400 });
      await expect(
        performAction(mock, ticketId, 'tpl', {
          template: { networkId: 'other', language: 'en', variables: {} },
        }),
      ).rejects.toMatchObject({ status: 400 });
      const { event, followupId } = await performAction(mock, ticketId, 'tpl', {
        template: { networkId: 'greeting', language: 'de', variables: { firstName: 'Anna' } },
      });
      expect(seen.at(-1)).toBe(`/templates?channelId=${channelId}`);
      expect(event.payload).toEqual({
        followupId,
        name: 'Greeting',
        networkId: 'greeting',
        variables: { firstName: 'Anna' },
        language: 'de',
      });
      const [get] = await mock.control.deliveries({ channelId, kind: 'templates' });
      expect(get?.request.method).toBe('GET');
      expect(get?.request.headers['user-agent']).toBe('SocialHub');
      expect(get?.outcome).toBe('delivered');
      await mock.control.settleDeliveries();
      const last = JSON.parse(receiver.requests.at(-1)?.body ?? '');
      expect(last.events.ticket_action[0].type).toBe('template_reply');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('a templates callback that fails is a 424 TemplatesCallbackError', async () => {
    await setManifest(mock, token, {
      inbox: {
        ticketActions: [
          {
            type: 'template_reply',
            id: 'tpl',
            label: label('T'),
            config: { templates: { url: `${receiver.url}/templates` } },
          },
        ],
      },
    });
    receiver.behaviour = () => ({ status: 200, body: '{"not":"a list"}' });
    await expect(
      performAction(mock, ticketId, 'tpl', {
        template: { networkId: 'x', language: 'en', variables: {} },
      }),
    ).rejects.toMatchObject({
      status: 424,
      code: 'TemplatesCallbackError',
    });
  });
});
