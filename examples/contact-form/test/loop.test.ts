import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS, renderTemplate, TEMPLATES } from '../src/index.js';
import {
  api2,
  controlOk,
  eventually,
  type MockTicket,
  postForm,
  SECRET,
  type Stack,
  startStack,
  testId,
  ticketsOf,
} from './helpers.js';

describe('the contact form against the mock SocialHub', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  /** Posts the form and returns the ticket it created in the mock. */
  async function submit(fields: Record<string, string>): Promise<MockTicket> {
    const before = new Set((await ticketsOf(stack.mock, stack.channelId)).map((t) => t._id));
    const { status, html } = await postForm(stack.app, fields);
    expect(status, html).toBe(200);
    const ticketId = testId(html, 'ticket-id');
    const created = (await ticketsOf(stack.mock, stack.channelId)).filter(
      (t) => !before.has(t._id),
    );
    expect(created.map((t) => t._id)).toEqual([ticketId]);
    return created[0] as MockTicket;
  }

  /** A community manager performs a ticket action in the Inbox (API2, as the web app does). */
  const perform = async (
    ticketId: string,
    actionId: string,
    input: {
      text?: string;
      attachments?: { url: string }[];
      template?: { networkId: string; language: string; variables?: object };
    } = {},
  ) => {
    // API2 takes one attachment URL and a template with its name.
    const { attachments, template, ...rest } = input;
    const response = await api2(
      stack.mock,
      'POST',
      `/inbox/tickets/${ticketId}/actions/${actionId}`,
      {
        ...rest,
        ...(attachments?.[0] ? { attachment: attachments[0].url } : {}),
        ...(template ? { template: { name: template.networkId, ...template } } : {}),
      },
    );
    const followupId = response.body?.actions?.at(-1)?.followupId;
    return { status: response.status, body: { ...response.body, followupId } };
  };

  const ticket = async (ticketId: string) =>
    (await ticketsOf(stack.mock, stack.channelId)).find((t) => t._id === ticketId) as MockTicket;

  it('sets the manifest: the webhook test request passed, actions and callbacks are stored', async () => {
    const tests = await controlOk(
      stack.mock,
      'GET',
      `/_mock/deliveries?channelId=${stack.channelId}&kind=test`,
    );
    expect(tests).toHaveLength(1);
    expect(tests[0]).toMatchObject({
      outcome: 'delivered',
      request: { url: `${stack.app.url}/webhook` },
    });
    const state = await controlOk(stack.mock, 'GET', '/_mock/state');
    const channel = state.channels.find((c: { _id: string }) => c._id === stack.channelId);
    const manifest = state.manifests.find((m: { _id: string }) => m._id === channel.manifestId);
    expect(manifest.inbox.ticketActions.map((a: { id: string }) => a.id)).toEqual(
      Object.values(ACTION_IDS),
    );
    expect(manifest.callbacks).toEqual({
      channelCreation: `${stack.app.url}/add-channel`,
      channelReactivation: `${stack.app.url}/reactivate-channel`,
    });
  });

  it('turns a post into a ticket: message, the sender as interactor, a unique networkItemId', async () => {
    const first = await submit({
      name: 'Anna Berg',
      email: 'Anna@Example.com',
      message: 'Where is my order?',
    });
    expect(first.interaction).toMatchObject({
      message: 'Where is my order?',
      interactor: { name: 'Anna Berg' },
    });
    const second = await submit({
      name: 'Anna Berg',
      email: 'anna@example.com',
      message: 'Where is my order?',
    });
    expect(second.interaction.networkItemId).not.toBe(first.interaction.networkItemId);
    expect(stack.app.outbox.requests.get(first.interaction.networkItemId as string)).toMatchObject({
      email: 'anna@example.com',
      ticketId: first._id,
    });
  });

  it('reply: the example gets the signed webhook, emails the sender and confirms; the follow-up ticket appears', async () => {
    const original = await submit({
      name: 'Ben',
      email: 'ben@example.com',
      message: 'Do you ship to Norway?',
    });
    const attachment = {
      size: 1024,
      name: 'rates.pdf',
      extension: 'pdf',
      url: 'https://files.example.com/rates.pdf',
      mimetype: 'application/pdf',
    };
    const action = await perform(original._id, ACTION_IDS.reply, {
      text: 'Yes, we do!',
      attachments: [attachment],
    });
    expect(action.status).toBe(201);
    const followupId = action.body.followupId as string;

    const followUp = await eventually(async () => {
      const found = (await ticketsOf(stack.mock, stack.channelId)).find(
        (t) => t.followupTo?.followupToId === original._id,
      );
      if (!found) throw new Error('no follow-up ticket yet');
      return found;
    });
    expect(followUp.interaction.message).toBe('Yes, we do!');
    const email = stack.app.outbox.emails.find((e) => e.ticketId === original._id);
    expect(email).toMatchObject({
      id: followUp.interaction.networkItemId,
      to: 'ben@example.com',
      text: 'Yes, we do!',
      attachments: [{ name: 'rates.pdf', url: attachment.url }],
    });
    expect((await ticket(original._id)).actions).toEqual([
      expect.objectContaining({ actionId: ACTION_IDS.reply, followupId, status: 'published' }),
    ]);
    const deliveries = await controlOk(
      stack.mock,
      'GET',
      `/_mock/deliveries?channelId=${stack.channelId}&kind=events&limit=1`,
    );
    expect(deliveries[0]).toMatchObject({ outcome: 'delivered', events: { ticket_action: 1 } });
  });

  it('template_reply: the mock fetches the templates with a signed GET; the rendered text is sent and confirmed', async () => {
    const original = await submit({
      name: 'Chloé',
      email: 'chloe@example.fr',
      message: 'Bonjour !',
    });
    const variables = { firstName: 'Chloé', days: 2 };
    const action = await perform(original._id, ACTION_IDS.templateReply, {
      template: { networkId: 'thanks', language: 'fr', variables },
    });
    expect(action.status, JSON.stringify(action.body)).toBe(201);
    const fetches = await controlOk(
      stack.mock,
      'GET',
      `/_mock/deliveries?channelId=${stack.channelId}&kind=templates&limit=1`,
    );
    expect(fetches[0]).toMatchObject({ outcome: 'delivered', request: { method: 'GET' } });
    expect(JSON.parse(fetches[0].attempts[0].response.body)).toEqual(TEMPLATES);

    await eventually(async () => {
      expect((await ticket(original._id)).actions[0]?.status).toBe('published');
    });
    const expected = renderTemplate(TEMPLATES[0] as (typeof TEMPLATES)[0], 'fr', variables);
    expect(expected).toBe(
      'Bonjour Chloé, merci pour votre message. Nous répondrons sous 2 jours ouvrés.',
    );
    expect(stack.app.outbox.emails.find((e) => e.ticketId === original._id)?.text).toBe(expected);
    const followUps = (await ticketsOf(stack.mock, stack.channelId)).filter(
      (t) => t.followupTo?.followupToId === original._id,
    );
    expect(followUps).toHaveLength(1);
  });

  it('template_reply with values the template forbids is refused by SocialHub before any webhook', async () => {
    const original = await submit({ name: 'Dora', email: 'dora@example.com', message: 'Hi' });
    const action = await perform(original._id, ACTION_IDS.templateReply, {
      template: {
        networkId: 'call-back',
        language: 'en',
        variables: { date: 'tomorrow', slot: 'morning' },
      },
    });
    expect(action.status).toBe(400);
    expect((await ticket(original._id)).actions).toEqual([]);
  });

  it('the "Send to CRM" button fails on purpose and is reported with the reset call', async () => {
    const original = await submit({
      name: 'Emil',
      email: 'emil@example.com',
      message: 'Please call me',
    });
    expect((await perform(original._id, ACTION_IDS.crm)).status).toBe(201);
    await eventually(async () => {
      expect((await ticket(original._id)).actions).toEqual([
        expect.objectContaining({
          actionId: ACTION_IDS.crm,
          status: 'reset',
          reason: 'The CRM is not connected (this button always fails)',
        }),
      ]);
    });
    expect(stack.app.outbox.activity.at(-1)).toMatchObject({
      action: `button: ${ACTION_IDS.crm}`,
      ticketId: original._id,
      outcome: 'failed',
    });
  });

  it('"Close request" succeeds without a call back; "Mark as spam" drops the sender\'s next posts', async () => {
    const original = await submit({
      name: 'Finn',
      email: 'finn@spam.example',
      message: 'Cheap watches',
    });
    await perform(original._id, ACTION_IDS.close);
    await perform(original._id, ACTION_IDS.spam);
    await eventually(() => expect(stack.app.outbox.spam.has('finn@spam.example')).toBe(true));
    expect((await ticket(original._id)).actions.map((a) => a.status)).toEqual([
      'pending',
      'pending',
    ]);
    expect(stack.app.outbox.activity.slice(-2).map((e) => [e.action, e.outcome])).toEqual([
      [`button: ${ACTION_IDS.close}`, 'done'],
      [`button: ${ACTION_IDS.spam}`, 'done'],
    ]);

    const count = (await ticketsOf(stack.mock, stack.channelId)).length;
    const again = await postForm(stack.app, {
      name: 'Finn',
      email: 'FINN@spam.example',
      message: 'More watches',
    });
    expect(again.status).toBe(200);
    expect(testId(again.html, 'thanks')).toBe('Thank you, Finn!');
    expect(testId(again.html, 'ticket-id')).toBeUndefined();
    expect(await ticketsOf(stack.mock, stack.channelId)).toHaveLength(count);
  });

  it('delete forgets the request; a later reply to it is reported as failed', async () => {
    const original = await submit({
      name: 'Greta',
      email: 'greta@example.com',
      message: 'Forget me',
    });
    const networkItemId = original.interaction.networkItemId as string;
    await perform(original._id, ACTION_IDS.reply, { text: 'Done soon' });
    await eventually(() => expect(stack.app.outbox.emails.at(-1)?.to).toBe('greta@example.com'));
    await perform(original._id, ACTION_IDS.delete);
    await eventually(() => expect(stack.app.outbox.requests.has(networkItemId)).toBe(false));
    expect(stack.app.outbox.emails.at(-1)).toMatchObject({
      ticketId: original._id,
      to: '(deleted)',
    });
    const page = await (await fetch(`${stack.app.url}/outbox`)).text();
    expect(page).not.toContain('greta@example.com');

    await perform(original._id, ACTION_IDS.reply, { text: 'Hello again' });
    await eventually(async () => {
      expect((await ticket(original._id)).actions.map((a) => [a.actionId, a.status])).toEqual([
        [ACTION_IDS.reply, 'published'],
        [ACTION_IDS.delete, 'pending'],
        [ACTION_IDS.reply, 'reset'],
      ]);
    });
  });

  it('a reply to a ticket the form did not create is reported as failed, with its followupId', async () => {
    const created = await fetch(
      `${stack.mock.url}/inbox/tickets?accesstoken=${stack.accessToken}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          interaction: { networkItemId: 'imported-000001', message: 'Imported' },
        }),
      },
    );
    const foreign = (await created.json()) as { _id: string };
    const action = await perform(foreign._id, ACTION_IDS.reply, { text: 'Hello?' });
    await eventually(async () => {
      expect((await ticket(foreign._id)).actions).toEqual([
        expect.objectContaining({
          followupId: action.body.followupId,
          status: 'reset',
          reason: 'Unknown contact request: cannot find whom to email',
        }),
      ]);
    });
  });

  it('shows what it did at /outbox and /outbox.json, without tokens or secrets', async () => {
    const page = await fetch(`${stack.app.url}/outbox`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('data-testid="email"');
    expect(html).toContain('data-outcome="failed"');
    const json = await (await fetch(`${stack.app.url}/outbox.json`)).json();
    expect(json.channels).toEqual([
      expect.objectContaining({
        channelId: stack.channelId,
        name: 'Website contact form',
        isDisabled: false,
      }),
    ]);
    expect(json.emails.length).toBeGreaterThanOrEqual(2);
    for (const text of [html, JSON.stringify(json), stack.logs.join('\n')]) {
      expect(text).not.toContain(stack.accessToken);
      expect(text).not.toContain(SECRET);
    }
  });
});
