import type { MockServer } from '@socialhub/mock-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION_IDS, type ContactFormApp, createContactFormApp } from '../src/index.js';
import {
  api2,
  control,
  controlOk,
  eventually,
  postForm,
  SECRET,
  startMock,
  testId,
  ticketsOf,
} from './helpers.js';

describe('a reusable manifest: "Add Channel", disabling and reactivation', () => {
  let mock: MockServer;
  let app: ContactFormApp;
  let manifestId: string;
  let accountId: string;
  const logs: string[] = [];
  /** The temporary tokens handed out; none may be logged. */
  const tokens: string[] = [];

  beforeEach(async () => {
    mock = await startMock();
    logs.length = 0;
    // No channel token: every channel of this example comes from "Add Channel".
    app = await createContactFormApp({
      socialHubUrl: mock.url,
      webhookSecret: SECRET,
      log: (line) => logs.push(line),
    });
    // The SocialHub Team creates the reusable manifest from the example's manifest.
    const manifest = await controlOk(mock, 'POST', '/_mock/manifests', {
      name: 'Contact form',
      manifest: app.manifest,
    });
    manifestId = manifest._id;
    accountId = manifest.accountId;
  });
  afterEach(async () => {
    for (const token of tokens.splice(0)) expect(logs.join('\n')).not.toContain(token);
    await app.close();
    await mock.close();
  });

  /** A customer clicks "Add Channel": SocialHub's redirect to the example, followed like a browser. */
  async function addChannel(input: { origin?: string } = {}) {
    // API2's "Add Channel" (the web app's link); the page it comes from is the origin.
    const { location } = await api2(
      mock,
      'GET',
      `/manifests/${manifestId}/callbacks/channelCreation`,
      undefined,
      input.origin ? { referer: input.origin } : {},
    );
    const redirectUrl = location as string;
    expect(redirectUrl.startsWith(`${app.url}/add-channel?token=`)).toBe(true);
    tokens.push(new URL(redirectUrl).searchParams.get('token') as string);
    return fetch(redirectUrl, { redirect: 'manual' });
  }

  const channelsOfManifest = async () =>
    (
      await api2<{ _id: string; manifestId: string; networkId?: string; isDisabled: boolean }[]>(
        mock,
        'GET',
        '/channels',
      )
    ).body.filter((c) => c.manifestId === manifestId);

  it('creates the channel with the temporary token, keeps its token and sends the customer back', async () => {
    const response = await addChannel();
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`${mock.url}/app/#/channels`);

    const [channel, ...others] = await channelsOfManifest();
    expect(others).toEqual([]);
    expect(channel).toMatchObject({
      name: 'Contact form',
      uniqueName: `Contact form (${new URL(app.url).host})`,
      networkId: `contact-form-${accountId}`,
      isDisabled: false,
    });
    expect(app.channels.get(channel?._id as string)).toBeDefined();

    // The new channel works end to end: a post becomes its ticket, a reply is confirmed.
    const posted = await postForm(app, { name: 'Ida', email: 'ida@example.com', message: 'Hello' });
    const ticketId = testId(posted.html, 'ticket-id') as string;
    const [ticket] = await ticketsOf(mock, channel?._id as string);
    expect(ticket?._id).toBe(ticketId);
    await api2(mock, 'POST', `/inbox/tickets/${ticketId}/actions/${ACTION_IDS.reply}`, {
      text: 'Hi Ida',
    });
    await eventually(async () => {
      const tickets = await ticketsOf(mock, channel?._id as string);
      expect(
        tickets.find((t) => t.followupTo?.followupToId === ticketId)?.interaction.message,
      ).toBe('Hi Ida');
    });
  });

  it('"Add Channel" again in the same account updates that channel instead of adding one', async () => {
    expect((await addChannel()).status).toBe(303);
    expect((await addChannel()).status).toBe(303);
    expect(await channelsOfManifest()).toHaveLength(1);
    expect(app.channels.list()).toHaveLength(1);
  });

  it('refuses to send the customer to an origin it does not trust, and creates nothing', async () => {
    const response = await addChannel({ origin: 'https://evil.example.com/' });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    const html = await response.text();
    expect(testId(html, 'error-code')).toBe('invalid_token');
    expect(await channelsOfManifest()).toEqual([]);
  });

  it('shows an error page, not a redirect, when SocialHub refuses the channel', async () => {
    await controlOk(mock, 'PATCH', `/_mock/accounts/${accountId}`, { channelLimit: 0 });
    const response = await addChannel();
    expect(response.status).toBe(502);
    expect(response.headers.get('location')).toBeNull();
    const html = await response.text();
    expect(testId(html, 'error')).toBe('The channel was not connected');
    expect(testId(html, 'error-code')).toBe('channel_creation_failed');
    expect(logs.join('\n')).toContain('403 ChannelLimitReached');
    expect(app.channels.list()).toEqual([]);
  });

  it('answers a broken callback link with a 4xx page', async () => {
    for (const [query, status, code] of [
      ['', 400, 'missing_parameter'],
      ['?token=not-a-jwt', 400, 'invalid_token'],
      ['?token=a.b.c', 400, 'invalid_token'],
    ] as const) {
      const response = await fetch(`${app.url}/add-channel${query}`, { redirect: 'manual' });
      expect(response.status, query).toBe(status);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(testId(await response.text(), 'error-code')).toBe(code);
    }
    const post = await fetch(`${app.url}/add-channel`, { method: 'POST' });
    expect(post.status).toBe(405);
  });

  it('a channel the customer disables stops taking posts; reactivation through the callback brings it back', async () => {
    await addChannel();
    const [channel] = await channelsOfManifest();
    const channelId = channel?._id as string;
    await api2(mock, 'DELETE', `/channels/${channelId}`);
    await eventually(() => expect(app.channels.get(channelId)?.isDisabled).toBe(true));
    const refused = await postForm(app, {
      name: 'Jo',
      email: 'jo@example.com',
      message: 'Anyone?',
    });
    expect(refused.status).toBe(503);
    expect(await ticketsOf(mock, channelId)).toEqual([]);

    const reactivation = await api2(
      mock,
      'GET',
      `/manifests/${manifestId}/callbacks/channelReactivation?channelId=${channelId}`,
    );
    const redirectUrl = reactivation.location as string;
    expect(redirectUrl.startsWith(`${app.url}/reactivate-channel?token=`)).toBe(true);
    const back = await fetch(redirectUrl, { redirect: 'manual' });
    expect(back.status).toBe(303);
    expect(app.channels.get(channelId)?.isDisabled).toBe(false);
    const accepted = await postForm(app, {
      name: 'Jo',
      email: 'jo@example.com',
      message: 'Anyone?',
    });
    expect(accepted.status).toBe(200);
    expect(await ticketsOf(mock, channelId)).toHaveLength(1);
  });

  it('configureManifest reports a promoted (reusable) manifest instead of failing', async () => {
    const { channel, accessToken } = await controlOk(mock, 'POST', '/_mock/channels', {
      name: 'Custom',
    });
    const custom = await createContactFormApp({
      socialHubUrl: mock.url,
      accessToken,
      webhookSecret: SECRET,
      log: () => {},
    });
    try {
      expect(await custom.configureManifest()).toBe('configured');
      expect(
        (
          await control(mock, 'POST', `/_mock/manifests/${channel.manifestId}/promote`, {
            name: 'Forms',
          })
        ).status,
      ).toBe(200);
      expect(await custom.configureManifest()).toBe('reusable');
    } finally {
      await custom.close();
    }
  });
});
