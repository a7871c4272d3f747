import { ManifestSchema } from '@socialhub/schema/public/zod';
import { verifyDelivery } from '@socialhub/webhook-kit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MockServer } from '../src/index.js';
import {
  call,
  closedPort,
  label,
  type Receiver,
  SECRET,
  startMock,
  startReceiver,
} from './helpers.js';

describe('PATCH /manifest', () => {
  let mock: MockServer;
  let receiver: Receiver;
  let token: string;
  let channelId: string;
  beforeAll(async () => {
    mock = await startMock();
    receiver = await startReceiver();
  });
  beforeEach(async () => {
    const created = await mock.control.createChannel({ name: `c-${Math.random()}` });
    token = created.accessToken;
    channelId = created.channel._id;
  });
  afterAll(async () => {
    await mock.close();
    await receiver.close();
  });

  const patch = (body: unknown) => call(mock, 'PATCH', '/manifest', { token, body });

  it('{} changes nothing and returns the full manifest', async () => {
    const response = await patch({});
    expect(response.status).toBe(200);
    expect(ManifestSchema.parse(response.body)).toEqual({
      _id: expect.any(String),
      webhook: null,
      inbox: { ticketActions: [], rightSidebar: [] },
    });
  });

  it('sets every documented field; top-level fields replace the stored ones', async () => {
    const inbox = {
      ticketActions: [
        {
          type: 'reply',
          id: 'reply-id',
          label: label('Reply'),
          config: {
            maxLength: 150,
            approvalProcess: true,
            timeout: { duration: '24h', after: 'networkCreationTime' },
          },
          attachments: { noText: true },
          options: [{ id: 'public', label: label('Public'), description: 'Visible to all' }],
        },
        {
          type: 'template_reply',
          id: 'tpl',
          label: label('Template'),
          config: { templates: { url: 'https://example.com/t' } },
        },
        { type: 'button', id: 'like', label: label('Like'), config: { forceTagging: false } },
        { type: 'delete', id: 'delete', label: label('Delete'), config: { forceTagging: true } },
      ],
      rightSidebar: [{ id: 'tab', label: label('Tab'), treeBuilder: 'flatListWithRoot' }],
    };
    const branding = {
      icon: 'https://example.com/i.png',
      fallback: 'https://example.com/f.png',
      color: '#3b5998',
    };
    const callbacks = { channelCreation: 'https://example.com/create' };
    const response = await patch({ inbox, branding, callbacks });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ inbox, branding, callbacks, webhook: null });
    const replaced = await patch({ inbox: { ticketActions: [] } });
    expect(replaced.body.inbox).toEqual({ ticketActions: [] });
    expect(replaced.body.branding).toEqual(branding);
  });

  it.each([
    [
      'a label without fr',
      { inbox: { ticketActions: [{ type: 'button', id: 'b', label: { en: 'a', de: 'b' } }] } },
    ],
    [
      'an action id outside the pattern',
      { inbox: { ticketActions: [{ type: 'button', id: 'a b', label: label('x') }] } },
    ],
    [
      'two actions with one id',
      {
        inbox: {
          ticketActions: [
            { type: 'button', id: 'x', label: label('x') },
            { type: 'reply', id: 'x', label: label('y') },
          ],
        },
      },
    ],
    [
      'maxLength on a button',
      {
        inbox: {
          ticketActions: [{ type: 'button', id: 'b', label: label('x'), config: { maxLength: 5 } }],
        },
      },
    ],
    [
      'maxLength on a template_reply',
      {
        inbox: {
          ticketActions: [
            {
              type: 'template_reply',
              id: 't',
              label: label('x'),
              config: { maxLength: 5, templates: { url: 'https://e.com' } },
            },
          ],
        },
      },
    ],
    [
      'a delete config with more than forceTagging',
      {
        inbox: {
          ticketActions: [
            { type: 'delete', id: 'd', label: label('x'), config: { approvalProcess: true } },
          ],
        },
      },
    ],
    [
      'a template_reply without templates.url',
      {
        inbox: {
          ticketActions: [{ type: 'template_reply', id: 't', label: label('x'), config: {} }],
        },
      },
    ],
    [
      'options on a button',
      { inbox: { ticketActions: [{ type: 'button', id: 'b', label: label('x'), options: [] }] } },
    ],
    [
      'attachments on a delete',
      {
        inbox: { ticketActions: [{ type: 'delete', id: 'd', label: label('x'), attachments: {} }] },
      },
    ],
    [
      'two reply options with one id',
      {
        inbox: {
          ticketActions: [
            {
              type: 'reply',
              id: 'r',
              label: label('x'),
              options: [
                { id: 'o', label: label('a') },
                { id: 'o', label: label('b') },
              ],
            },
          ],
        },
      },
    ],
    [
      'an unknown action type',
      { inbox: { ticketActions: [{ type: 'share', id: 's', label: label('x') }] } },
    ],
    [
      'a webhook secret of 31 characters',
      { webhook: { url: 'https://example.com/h', secret: 'x'.repeat(31) } },
    ],
    [
      'a webhook secret of 513 characters',
      { webhook: { url: 'https://example.com/h', secret: 'x'.repeat(513) } },
    ],
    ['webhook {} (null removes it)', { webhook: {} }],
    [
      'an http:// webhook off loopback',
      { webhook: { url: 'http://example.com/h', secret: SECRET } },
    ],
    ['an http:// branding icon', { branding: { icon: 'http://example.com/i.png' } }],
    ['an upper-case colour', { branding: { color: '#FFFFFF' } }],
    [
      'an unknown treeBuilder',
      { inbox: { rightSidebar: [{ id: 't', label: label('t'), treeBuilder: 'tree' }] } },
    ],
    [
      'a timeout counted from an unknown field',
      {
        inbox: {
          ticketActions: [
            {
              type: 'button',
              id: 'b',
              label: label('x'),
              config: { timeout: { duration: '1h', after: 'now' } },
            },
          ],
        },
      },
    ],
    ['the read-only name', { name: 'Mine' }],
    ['an unknown top-level field', { extra: true }],
    ['a non-object body', [1, 2]],
  ])('400 ValidationError for %s, and nothing is stored', async (_, body) => {
    const response = await patch(body);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('ValidationError');
    expect((await patch({})).body).toMatchObject({
      webhook: null,
      inbox: { ticketActions: [], rightSidebar: [] },
    });
  });

  it('sends the signed test request and stores the webhook when the challenge is solved', async () => {
    const before = receiver.requests.length;
    const response = await patch({ webhook: { url: receiver.url, secret: SECRET } });
    expect(response.status).toBe(200);
    expect(response.body.webhook).toEqual({ url: receiver.url, secret: SECRET });
    const test = receiver.requests[before];
    expect(test?.method).toBe('POST');
    expect(test?.headers['user-agent']).toBe('SocialHub');
    expect(test?.headers['content-type']).toBe('application/json');
    expect(await verifyDelivery(test?.body ?? '', test?.headers ?? {}, { secret: SECRET })).toMatch(
      /^[0-9a-f]{64}$/,
    );
    expect(JSON.parse(test?.body ?? '')).toEqual({
      manifestId: response.body._id,
      accountId: expect.any(String),
      channelId,
      events: {},
    });
    const [delivery] = await mock.control.deliveries({ channelId, kind: 'test' });
    expect(delivery?.outcome).toBe('delivered');
    // `null` removes it.
    expect((await patch({ webhook: null })).body.webhook).toBeNull();
  });

  it('422 with data when the webhook cannot be reached; nothing stored', async () => {
    const port = await closedPort();
    const response = await patch({
      webhook: { url: `http://127.0.0.1:${port}/hook`, secret: SECRET },
    });
    expect(response.status).toBe(422);
    expect(response.body).toEqual({
      code: 'WebhookValidationError',
      message: 'Error: An error occurred while attempting to validate the WebHook',
      data: expect.stringMatching(/^Error: .*ECONNREFUSED/),
    });
    expect(response.headers.get('x-ratelimit-limit')).toBe('1000');
    expect((await patch({})).body.webhook).toBeNull();
  });

  it('422 without data when the challenge is wrong, and with data for a non-200 answer', async () => {
    const liar = await startReceiver(SECRET, () => ({ status: 200, challenge: 'f'.repeat(64) }));
    const failing = await startReceiver(SECRET, () => ({ status: 500 }));
    try {
      const wrong = await patch({ webhook: { url: liar.url, secret: SECRET } });
      expect(wrong.status).toBe(422);
      expect(wrong.body).toEqual({
        code: 'WebhookValidationError',
        message: 'Error: The WebHook failed to solve the challenge',
      });
      const status = await patch({ webhook: { url: failing.url, secret: SECRET } });
      expect(status.status).toBe(422);
      expect(status.body.data).toBe('Error: Request failed with status code 500');
    } finally {
      await liar.close();
      await failing.close();
    }
  });

  it('accepts http:// loopback URLs for the webhook and callbacks (real SocialHub requires https)', async () => {
    const response = await patch({
      webhook: { url: receiver.url, secret: SECRET },
      callbacks: {
        channelCreation: 'http://localhost:3000/create',
        channelReactivation: 'http://127.0.0.1:3000/re',
      },
    });
    expect(response.status).toBe(200);
    expect(response.body.callbacks).toEqual({
      channelCreation: 'http://localhost:3000/create',
      channelReactivation: 'http://127.0.0.1:3000/re',
    });
  });

  it('after promotion: PATCH /manifest is refused and GET / omits the manifest', async () => {
    const manifest = (await patch({ callbacks: { channelCreation: 'https://example.com/create' } }))
      .body;
    await mock.control.promoteManifest(manifest._id, { name: 'Contact Forms' });
    const refused = await patch({});
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('ManifestNotEditable');
    const info = await call(mock, 'GET', '/', { token });
    expect(info.status).toBe(200);
    expect(info.body.manifest).toBeUndefined();
  });

  it('promotion needs callbacks.channelCreation', async () => {
    const manifest = (await patch({})).body;
    await expect(mock.control.promoteManifest(manifest._id, { name: 'X' })).rejects.toMatchObject({
      status: 400,
      code: 'ValidationError',
    });
  });
});
