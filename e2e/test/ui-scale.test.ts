import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byTestId } from './harness.js';
import { createTickets, openUi, performAction, type UiHarness } from './ui-harness.js';

const COUNT = 5000;

describe('the Inbox with 5,000 tickets', () => {
  let h: UiHarness;
  let ids: string[];

  beforeAll(async () => {
    h = await openUi();
    ids = await createTickets(h, COUNT, (n) => ({
      message: n === 1234 ? 'The parcel arrived crushed' : `Where is order ${n}?`,
      name: n === 4321 ? 'Zoë Needle' : `Customer ${n % 97}`,
    }));
    // Some state to filter on: one done ticket, one with a failed action.
    await fetch(`${h.mock.url}/_mock/tickets/${ids[10]}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ isDone: true }),
    });
    h.receiver.behaviour = 'fail';
    await performAction(h.mock, ids[20] as string, 'like');
    await h.mock.control.settleDeliveries();
    h.receiver.behaviour = 'honest';
  }, 120_000);
  afterAll(() => h?.close());

  it('shows the first rows in a page that does not grow, with only the rows in view in the DOM', async () => {
    const { page } = h;
    await page.goto(`${h.app}#/inbox/${h.channelId}`);
    await page.locator(byTestId('ticket-row')).first().waitFor();
    expect(await page.getByTestId('ticket-count').textContent()).toBe('5,000 tickets');
    const rendered = await page.locator(byTestId('ticket-row')).count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(80);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThanOrEqual(860);
    // The list says how long it is, although most rows are not in the DOM.
    expect(
      await page.locator('[data-testid="ticket-list"] li').first().getAttribute('aria-setsize'),
    ).toBe(String(COUNT));
  });

  it('rows show the time and the state', async () => {
    const row = h.page.locator(byTestId('ticket-row')).first();
    expect(await row.locator('time').getAttribute('datetime')).toMatch(/^2026-/);
    expect(await row.locator('.state.unread').textContent()).toBe('unread');
  });

  it('searches text and interactor names', async () => {
    const { page } = h;
    await page.getByTestId('ticket-search').fill('crushed');
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="ticket-count"]')?.textContent ===
        '1 of 5,000 tickets',
    );
    expect(await page.locator(byTestId('ticket-row')).getAttribute('data-ticket-id')).toBe(
      ids[1234],
    );
    await page.getByTestId('ticket-search').fill('zoë');
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="ticket-count"]')?.textContent ===
        '1 of 5,000 tickets',
    );
    expect(await page.locator(byTestId('ticket-row')).getAttribute('data-ticket-id')).toBe(
      ids[4321],
    );
    await page.getByTestId('ticket-search').fill('');
  });

  it('filters unread, done and tickets with a failed action', async () => {
    const { page } = h;
    const only = async (filter: string, count: string) => {
      await page.getByTestId('ticket-filter').selectOption(filter);
      await page.waitForFunction(
        (text) => document.querySelector('[data-testid="ticket-count"]')?.textContent === text,
        count,
      );
    };
    await only('done', '1 of 5,000 tickets');
    expect(await page.locator(byTestId('ticket-row')).getAttribute('data-ticket-id')).toBe(ids[10]);
    await only('failed', '1 of 5,000 tickets');
    expect(await page.locator(byTestId('ticket-row')).getAttribute('data-ticket-id')).toBe(ids[20]);
    expect(await page.locator(byTestId('ticket-row')).locator('.state.failed').count()).toBe(1);
    await only('unread', '5,000 tickets');
    await only('all', '5,000 tickets');
  });

  it('keeps the list where it was when a ticket deep down opens, and marks it read', async () => {
    const { page } = h;
    const scroller = page.locator('.list-pane .vlist-scroll');
    await scroller.evaluate((element) => {
      element.scrollTop = 64 * 3000;
    });
    // The list renders on the next frame after the scroll: pick a row by its position in the
    // list, so the row clicked is one of the new render, not one about to be recycled.
    await page.waitForFunction(
      () =>
        Number(
          document.querySelector('.list-pane li[aria-posinset]')?.getAttribute('aria-posinset'),
        ) > 1000,
    );
    const positioned = page
      .locator('.list-pane li[aria-posinset]')
      .nth(10)
      .locator(byTestId('ticket-row'));
    const ticketId = (await positioned.getAttribute('data-ticket-id')) as string;
    const row = page.locator(byTestId('ticket-row', { 'data-ticket-id': ticketId }));
    const before = await scroller.evaluate((element) => element.scrollTop);
    await row.click();
    await page.getByTestId('ticket-detail').waitFor();
    expect(await page.getByTestId('ticket-detail').getAttribute('data-ticket-id')).toBe(ticketId);
    expect(await scroller.evaluate((element) => element.scrollTop)).toBe(before);
    await page.locator(byTestId('ticket-row', { 'data-ticket-id': ticketId })).waitFor();
    await page.waitForFunction(
      (id) =>
        !document
          .querySelector(`[data-testid="ticket-row"][data-ticket-id="${id}"]`)
          ?.hasAttribute('data-unread'),
      ticketId,
    );
    const stored = await h.mock.control.listTickets({ channelId: h.channelId });
    expect(stored.find((t) => t._id === ticketId)?.isUnread).toBe(false);
  });

  it('moves through the list with the arrow keys, End and Home, beyond the rendered rows', async () => {
    const { page } = h;
    const focused = () =>
      page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.ticketId);
    await page.locator('.list-pane .vlist-scroll').evaluate((element) => {
      element.scrollTop = 0;
    });
    await page
      .locator(byTestId('ticket-row', { 'data-ticket-id': ids[COUNT - 1] as string }))
      .focus();
    const first = await focused();
    await page.keyboard.press('ArrowDown');
    const second = await focused();
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    await page.keyboard.press('End');
    const last = await focused();
    const order = await page.evaluate(() =>
      [...document.querySelectorAll('[data-testid="ticket-list"] li')].map((li) =>
        li.getAttribute('aria-posinset'),
      ),
    );
    expect(order).toContain(String(COUNT));
    expect(last).toBeDefined();
    await page.keyboard.press('Home');
    expect(await focused()).toBe(first);
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`${first}$`));
    expect(h.pageErrors).toEqual([]);
  });
});
