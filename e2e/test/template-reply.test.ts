import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  byTestId,
  type Harness,
  openHarness,
  openTicket,
  postContactForm,
  shotOnFailure,
} from './harness.js';

describe('a template reply, clicked through in Chromium', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness('template-reply');
  });
  afterAll(() => h?.close());
  shotOnFailure(() => h);

  it('picks a template, fills its variables, previews and sends it; the example confirms it', async () => {
    const ticketId = await postContactForm(h.demo, {
      name: 'Dora Ek',
      email: 'dora@example.com',
      message: 'When will you answer?',
    });
    await openTicket(h, ticketId);
    const { page } = h;
    // Opening the picker makes SocialHub fetch the templates from the example (a signed GET).
    await page.locator(byTestId('action-button', { 'data-action-id': 'template-reply' })).click();
    const select = page.getByTestId('template-select');
    await select.waitFor();
    await select.selectOption({ label: 'Thanks, we are on it' });

    await page.getByTestId('template-var-firstName').fill('Dora');
    // Out of range (1..30): the variables are checked against the template's schema.
    await page.getByTestId('template-var-days').fill('99');
    await page.getByTestId('template-errors').waitFor();
    await h.shot('1-template-errors');

    await page.getByTestId('template-var-days').fill('2');
    await page.getByTestId('template-errors').waitFor({ state: 'hidden' });
    const expected =
      'Hello Dora, thank you for your message. We will answer within 2 working days.';
    await page.getByTestId('template-preview').filter({ hasText: expected }).waitFor();
    await h.shot('2-template-preview');
    await page.getByTestId('template-send').click();

    await page.locator(byTestId('action-status', { 'data-state': 'succeeded' })).waitFor();
    await page.locator(byTestId('ticket-row', { 'data-followup-of': ticketId })).waitFor();
    const email = h.demo.app.outbox.emails.find((e) => e.ticketId === ticketId);
    expect(email).toMatchObject({ to: 'dora@example.com', text: expected });
    await h.shot('3-template-sent');
    expect(h.pageErrors).toEqual([]);
  });
});
