/**
 * The contact-form example end to end, through SocialHub's public API and API2 only: it runs
 * unchanged against the local mock (default) or a real SocialHub test account (see the README,
 * "Run the portable suite against a real SocialHub account"). Everything target-specific is in
 * `setup.ts`.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ACTION_IDS, renderTemplate, TEMPLATES } from '../../src/index.js';
import { portableTimeoutMs } from './env.js';
import { CONTROL_ROUTES_USED, type PortableTarget, startPortableTarget } from './setup.js';

/** Posts the contact form like a browser; the ticket id is on the thanks page. */
async function postForm(app: { url: string }, fields: Record<string, string>) {
  const response = await fetch(`${app.url}/contact`, {
    method: 'POST',
    body: new URLSearchParams(fields),
  });
  const html = await response.text();
  const ticketId = /data-testid="ticket-id"[^>]*>([^<]*)</.exec(html)?.[1];
  return { status: response.status, html, ticketId };
}

describe('the contact form, through the public API and API2 only', {
  timeout: portableTimeoutMs(),
}, () => {
  let t: PortableTarget;
  beforeAll(async () => {
    t = await startPortableTarget();
  }, portableTimeoutMs());
  afterAll(() => t?.close());

  /** Posts the form and returns the new ticket's id, checked through API2. */
  async function submit(name: string, email: string, message: string): Promise<string> {
    const { status, html, ticketId } = await postForm(t.app, { name, email, message });
    expect(status, html).toBe(200);
    expect(ticketId).toMatch(/^[a-f0-9]{24}$/);
    return ticketId as string;
  }

  /** A community manager performs a ticket action in the Inbox (API2, as the web app does). */
  async function perform(
    ticketId: string,
    actionId: string,
    body: {
      text?: string;
      attachment?: string;
      template?: {
        name: string;
        networkId: string;
        language: string;
        variables?: Record<string, unknown>;
      };
    } = {},
  ) {
    const result = await t.api2.POST('/inbox/tickets/{ticketId}/actions/{actionId}', {
      params: { path: { ticketId, actionId } },
      body,
    });
    return result.response.status;
  }

  const getTicket = async (ticketId: string) => {
    const result = await t.api2.GET('/inbox/tickets/{ticketId}', {
      params: { path: { ticketId } },
    });
    expect(result.response.status).toBe(200);
    return result.data as { _id: string; channelId?: string; interaction?: { message?: string } };
  };

  it('the example set its manifest: the channel token sees the webhook at the public URL', async () => {
    const info = await t.publicApi.GET('/');
    expect(info.response.status).toBe(200);
    const data = info.data as {
      channel: { _id: string };
      manifest?: { webhook?: { url: string } };
    };
    expect(data.channel._id).toBe(t.channelId);
    expect(data.manifest?.webhook?.url).toBe(`${t.app.publicUrl}/webhook`);
  });

  it('a contact-form post becomes a ticket of the channel, visible through API2', async () => {
    const ticketId = await submit('Anna Berg', 'anna@example.com', 'Where is my order?');
    const ticket = await getTicket(ticketId);
    expect(ticket).toMatchObject({
      _id: ticketId,
      channelId: t.channelId,
      interaction: { message: 'Where is my order?' },
    });
  });

  it('"Reply by email": the signed webhook reaches the example, it emails, confirms, and the follow-up ticket appears', async () => {
    const ticketId = await submit('Ben', 'ben@example.com', 'Do you ship to Norway?');
    expect(await perform(ticketId, ACTION_IDS.reply, { text: 'Yes, we do!' })).toBe(201);
    const followup = await t.waits.followup(ticketId, ACTION_IDS.reply);
    expect(followup.message).toBe('Yes, we do!');
    expect(await t.waits.action(ticketId, ACTION_IDS.reply)).toEqual({ outcome: 'succeeded' });
    expect((await getTicket(followup._id))._id).toBe(followup._id);
    // The example's own view: the email went to the sender, under the follow-up's networkItemId.
    expect(t.app.outbox.emails.find((e) => e.ticketId === ticketId)).toMatchObject({
      to: 'ben@example.com',
      text: 'Yes, we do!',
    });
  });

  it('"Reply with a template": SocialHub fetches the templates, the rendered text is the follow-up', async () => {
    const ticketId = await submit('Chloé', 'chloe@example.fr', 'Bonjour !');
    const template = TEMPLATES.find((x) => x.networkId === 'thanks');
    expect(template).toBeDefined();
    const variables = { firstName: 'Chloé', days: 2 };
    const status = await perform(ticketId, ACTION_IDS.templateReply, {
      template: { name: 'thanks', networkId: 'thanks', language: 'fr', variables },
    });
    expect(status).toBe(201);
    const followup = await t.waits.followup(ticketId, ACTION_IDS.templateReply);
    expect((await getTicket(followup._id))._id).toBe(followup._id);
    expect(await t.waits.action(ticketId, ACTION_IDS.templateReply)).toEqual({
      outcome: 'succeeded',
    });
    expect(t.app.outbox.emails.find((e) => e.ticketId === ticketId)?.text).toBe(
      renderTemplate(template as (typeof TEMPLATES)[number], 'fr', variables),
    );
  });

  it('"Send to CRM" fails on purpose: the Inbox shows the action failed, with the reason', async () => {
    const ticketId = await submit('Emil', 'emil@example.com', 'Please call me');
    expect(await perform(ticketId, ACTION_IDS.crm)).toBe(201);
    expect(await t.waits.action(ticketId, ACTION_IDS.crm)).toEqual({
      outcome: 'failed',
      reason: 'The CRM is not connected (this button always fails)',
    });
  });

  it("waiting by polling API2 (the real account's way) sees the same outcomes", async () => {
    const ticketId = await submit('Finn', 'finn@example.com', 'Polling?');
    await perform(ticketId, ACTION_IDS.reply, { text: 'Polled' });
    expect((await t.pollingWaits.followup(ticketId, ACTION_IDS.reply)).message).toBe('Polled');
    expect(await t.pollingWaits.action(ticketId, ACTION_IDS.reply)).toEqual({
      outcome: 'succeeded',
    });
    await perform(ticketId, ACTION_IDS.crm);
    expect(await t.pollingWaits.action(ticketId, ACTION_IDS.crm)).toEqual({
      outcome: 'failed',
      reason: 'The CRM is not connected (this button always fails)',
    });
  });

  it('the customer disables the channel (API2): the form stops posting; reactivated, the channel works again', async () => {
    const channel = await t.api2.GET('/channels/{id}', { params: { path: { id: t.channelId } } });
    expect(channel.response.status).toBe(200);
    const manifestId = (channel.data as { manifestId?: string }).manifestId as string;

    const disabled = await t.api2.DELETE('/channels/{id}', {
      params: { path: { id: t.channelId } },
    });
    expect(disabled.response.status).toBeLessThan(300);
    // SocialHub tells the integration (channel_action); the example switches its form off.
    await vi.waitFor(
      async () => {
        const refused = await postForm(t.app, {
          name: 'Jo',
          email: 'jo@example.com',
          message: 'Hi?',
        });
        expect(refused.status).toBe(503);
      },
      { timeout: 30_000, interval: 100 },
    );
    expect((await t.publicApi.GET('/')).response.status).toBe(403);

    // "Reactivate" in SocialHub's Channels page: a custom channel is enabled again in place.
    const reactivated = await t.api2.GET('/manifests/{manifestId}/callbacks/channelReactivation', {
      params: { path: { manifestId }, query: { channelId: t.channelId } },
      redirect: 'manual',
    });
    expect([200, 302]).toContain(reactivated.response.status);
    expect((await t.publicApi.GET('/')).response.status).toBe(200);
  });

  it('setup used only the control routes it declares: users, the channel shortcut, waits', () => {
    for (const route of t.controlRoutesSeen()) expect(CONTROL_ROUTES_USED).toContain(route);
    if (t.kind === 'mock') expect(t.controlRoutesSeen()).toEqual([...CONTROL_ROUTES_USED].sort());
  });

  it('never shows a token or the webhook secret in its pages or logs', async () => {
    const page = await (await fetch(`${t.app.url}/outbox`)).text();
    const json = await (await fetch(`${t.app.url}/outbox.json`)).text();
    for (const text of [page, json, t.logs.join('\n')])
      for (const secret of t.secrets) expect(text).not.toContain(secret);
  });
});
