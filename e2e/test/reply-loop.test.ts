import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  byTestId,
  type Harness,
  openHarness,
  shotOnFailure,
  submitContactForm,
} from './harness.js';

describe('the reply loop, clicked through in Chromium', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness('reply-loop');
  });
  afterAll(() => h?.close());
  shotOnFailure(() => h);

  const visitor = {
    name: 'Anna Berg',
    email: 'anna@example.com',
    message: 'Where is my order 4711?',
  };
  const replyText = 'Hello Anna, it left our warehouse today.';
  let ticketId: string;

  it('a visitor sends the contact form: the thanks page names the new ticket', async () => {
    ticketId = await submitContactForm(h, visitor);
    await h.shot('1-contact-form-sent');
    const tickets = await h.demo.mock.control.listTickets({ channelId: h.demo.channelId });
    expect(tickets.map((t) => t._id)).toContain(ticketId);
  });

  it('the ticket appears in the Inbox with the message and the sender', async () => {
    const { page } = h;
    await page.goto(h.demo.urls.inbox);
    const row = page.locator(byTestId('ticket-row', { 'data-ticket-id': ticketId }));
    await row.waitFor();
    expect(await row.textContent()).toContain(visitor.name);
    await row.click();
    const detail = page.getByTestId('ticket-detail');
    await detail.waitFor();
    expect(await detail.getByTestId('ticket-message').textContent()).toContain(visitor.message);
    expect(await detail.getByTestId('ticket-interactor').textContent()).toContain(visitor.name);
    await h.shot('2-inbox-ticket');
  });

  it('a reply typed in the Inbox reaches the example, which emails it and confirms it', async () => {
    const { page } = h;
    await page.locator(byTestId('action-button', { 'data-action-id': 'reply' })).click();
    const editor = page.getByTestId('reply-editor');
    await editor.waitFor();
    await editor.getByTestId('reply-text').fill(replyText);
    // The counter shows what is typed against the action's maxLength (5000).
    expect(await editor.getByTestId('reply-counter').textContent()).toContain(
      String(replyText.length),
    );
    await h.shot('3-reply-typed');
    await editor.getByTestId('reply-send').click();

    await page.locator(byTestId('action-status', { 'data-state': 'succeeded' })).waitFor();
    const email = h.demo.app.outbox.emails.find((e) => e.ticketId === ticketId);
    expect(email).toMatchObject({ to: visitor.email, text: replyText });
    await h.shot('4-reply-succeeded');
  });

  it('the confirmed reply appears in the Inbox as the follow-up ticket', async () => {
    const { page } = h;
    const followUp = page.locator(byTestId('ticket-row', { 'data-followup-of': ticketId }));
    await followUp.waitFor();
    expect(await followUp.textContent()).toContain(replyText.slice(0, 20));
    const tickets = await h.demo.mock.control.listTickets({ channelId: h.demo.channelId });
    const stored = tickets.find((t) => t.followupTo?.followupToId === ticketId);
    expect(stored?.interaction.message).toBe(replyText);
    expect(await followUp.getAttribute('data-ticket-id')).toBe(stored?._id);
    await h.shot('5-follow-up-ticket');
  });

  it('the Deliveries page shows the signed webhook delivery and its detail', async () => {
    const { page } = h;
    await page.getByTestId('nav-deliveries').click();
    await page.waitForURL(/#\/deliveries/);
    const delivered = page.locator(byTestId('delivery-row', { 'data-outcome': 'delivered' }));
    await delivered.first().waitFor();
    // The webhook test request and the reply's event delivery, at least.
    expect(await delivered.count()).toBeGreaterThanOrEqual(2);
    await delivered.first().click();
    const detail = page.getByTestId('delivery-detail');
    await detail.waitFor();
    const text = (await detail.textContent()) ?? '';
    expect(text).toContain(`${h.demo.app.url}/webhook`);
    expect(text).toContain('ticket_action');
    // Signed with the secret, never showing it.
    const secret = h.demo.app.manifest.webhook?.secret as string;
    expect(await page.content()).not.toContain(secret);
    await h.shot('6-deliveries');
    expect(h.pageErrors).toEqual([]);
  });
});
