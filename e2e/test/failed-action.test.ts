import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  byTestId,
  type Harness,
  openHarness,
  openTicket,
  postContactForm,
  shotOnFailure,
} from './harness.js';

describe('a failed action, shown in the Inbox', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness('failed-action');
  });
  afterAll(() => h?.close());
  shotOnFailure(() => h);

  it('"Send to CRM" fails in the example: the Inbox shows the action failed and why', async () => {
    const ticketId = await postContactForm(h.demo, {
      name: 'Carl Dahl',
      email: 'carl@example.com',
      message: 'Please add me to your customer list.',
    });
    await openTicket(h, ticketId);
    const { page } = h;
    await page.locator(byTestId('action-button', { 'data-action-id': 'send-to-crm' })).click();

    // The example answers the webhook, then reports the failure with the reset route.
    await page.locator(byTestId('action-status', { 'data-state': 'failed' })).waitFor();
    const error = page.getByTestId('action-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('The CRM is not connected');
    await h.shot('1-send-to-crm-failed');

    const [ticket] = (
      await h.demo.mock.control.listTickets({ channelId: h.demo.channelId })
    ).filter((t) => t._id === ticketId);
    expect(ticket?.actions.find((a) => a.actionId === 'send-to-crm')?.status).toBe('reset');
    expect(h.pageErrors).toEqual([]);
  });
});
