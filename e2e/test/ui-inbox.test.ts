import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byTestId } from './harness.js';
import { createTickets, openUi, sidewaysOverflow, type UiHarness } from './ui-harness.js';

const LONG_NAME = 'W'.repeat(200);
const RTL = 'مرحبا، أين طلبي؟ لم يصل بعد';

/** Tickets for layout and Inbox checks: 80 plain ones, a long name, right-to-left text, a thread. */
async function seed(h: UiHarness) {
  const plain = await createTickets(h, 80);
  const [longName, rtl] = await createTickets(h, 2, (n) =>
    n === 0
      ? { name: LONG_NAME, message: `${'x'.repeat(300)} end`, createdTime: '2026-02-01T10:00:00Z' }
      : { name: 'سارة', message: RTL, createdTime: '2026-02-01T10:01:00Z' },
  );
  const thread = await createTickets(h, 3, (n) => ({
    networkItemId: `post-000${n}`,
    message: ['The post', 'First comment', 'Second comment'][n],
    name: ['Page', 'Ann', 'Ben'][n],
    createdTime: `2026-02-02T10:0${n}:00Z`,
    ...(n === 0 ? {} : { root: 'post-0000' }),
  }));
  return { plain, longName: longName as string, rtl: rtl as string, thread };
}

describe('the Inbox at 1280 px', () => {
  let h: UiHarness;
  let t: Awaited<ReturnType<typeof seed>>;

  beforeAll(async () => {
    h = await openUi();
    t = await seed(h);
  });
  afterAll(() => h?.close());

  it('the list and the detail scroll on their own; the page does not', async () => {
    const { page } = h;
    await page.goto(`${h.app}#/inbox/${h.channelId}/${t.longName}`);
    await page.getByTestId('ticket-detail').waitFor();
    const sizes = await page.evaluate(() => {
      const doc = document.documentElement;
      const list = document.querySelector('.list-pane .vlist-scroll') as HTMLElement;
      return {
        page: doc.scrollHeight - doc.clientHeight,
        list: list.scrollHeight - list.clientHeight,
        listOverflow: getComputedStyle(list).overflowY,
        detailOverflow: getComputedStyle(document.querySelector('.detail-pane') as Element)
          .overflowY,
      };
    });
    expect(sizes.page).toBeLessThanOrEqual(0);
    expect(sizes.list).toBeGreaterThan(1000);
    expect(sizes.listOverflow).toBe('auto');
    expect(sizes.detailOverflow).toBe('auto');
  });

  it('a 200-character name and a 300-character word wrap: no sideways scrolling', async () => {
    const { page } = h;
    expect(await sidewaysOverflow(page)).toBe(0);
    // Read in one go: a live update (the ticket marked read) may re-render the detail meanwhile.
    const seen = await page.evaluate(() => ({
      name: document.querySelector('[data-testid="ticket-interactor-name"]')?.textContent,
      width: document.querySelector('[data-testid="ticket-message"]')?.getBoundingClientRect()
        .width,
    }));
    expect(seen.name).toBe(LONG_NAME);
    expect(seen.width).toBeGreaterThan(100);
    expect(seen.width).toBeLessThan(1280);
  });

  it('user text gets dir="auto": right-to-left text reads right to left', async () => {
    const { page } = h;
    await page.locator(byTestId('ticket-row', { 'data-ticket-id': t.rtl })).click();
    const message = page.getByTestId('ticket-message');
    await message.waitFor();
    expect(await message.textContent()).toBe(RTL);
    expect(await message.getAttribute('dir')).toBe('auto');
    // Read fresh: a live update may have re-rendered the detail meanwhile.
    const direction = await page.evaluate(
      () =>
        getComputedStyle(document.querySelector('[data-testid="ticket-message"]') as Element)
          .direction,
    );
    expect(direction).toBe('rtl');
    expect(await page.getByTestId('ticket-interactor-name').getAttribute('dir')).toBe('auto');
    const row = page.locator(byTestId('ticket-row', { 'data-ticket-id': t.rtl }));
    expect(await row.locator('.what').getAttribute('dir')).toBe('auto');
  });

  it('Done and Reopen; the row shows the state', async () => {
    const { page } = h;
    const row = page.locator(byTestId('ticket-row', { 'data-ticket-id': t.rtl }));
    await page.getByTestId('ticket-done').click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="ticket-done"]')?.textContent === 'Reopen',
    );
    expect(await row.getAttribute('data-done')).toBe('true');
    expect(await row.locator('.state.done').textContent()).toBe('done');
    expect(await page.getByTestId('ticket-done').getAttribute('aria-pressed')).toBe('true');
    await page.getByTestId('ticket-done').click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="ticket-done"]')?.textContent === 'Done',
    );
    expect(await row.getAttribute('data-done')).toBeNull();
    const stored = await h.mock.control.listTickets({ channelId: h.channelId });
    expect(stored.find((x) => x._id === t.rtl)).toMatchObject({ isDone: false, isUnread: false });
  });

  it('follow-ups and the tickets they answer are named by interactor and text', async () => {
    const { page } = h;
    await page.locator(byTestId('action-button', { 'data-action-id': 'reply' })).click();
    await page.getByTestId('reply-text').fill('It ships today');
    await page.getByTestId('reply-send').click();
    await page.locator(byTestId('action-status', { 'data-action-id': 'reply' })).waitFor();
    await h.mock.control.settleDeliveries();
    const stored = await h.mock.control.listTickets({ channelId: h.channelId });
    const followupId = stored.find((x) => x._id === t.rtl)?.actions[0]?.followupId;
    const confirmed = await fetch(
      `${h.mock.url}/inbox/tickets/${t.rtl}/replies/${followupId}/success?accesstoken=${h.token}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          interaction: { networkItemId: `reply-${followupId}` },
        }),
      },
    );
    expect(confirmed.status, await confirmed.clone().text()).toBe(201);
    const published = page.getByTestId('action-followup');
    await published.waitFor();
    expect(await published.textContent()).toBe('Reply: It ships today');
    await published.click();
    const parent = page.getByTestId('ticket-followup-of');
    await parent.waitFor();
    expect(await parent.textContent()).toBe(`سارة: ${RTL}`);
  });

  it('the right sidebar is tabs, as the manifest lists them; arrow keys switch', async () => {
    const { page } = h;
    await page.goto(`${h.app}#/inbox/${h.channelId}/${t.thread[1]}`);
    const tabs = page.locator(byTestId('sidebar-tab-button'));
    await tabs.first().waitFor();
    expect(await tabs.allTextContents()).toEqual(['Thread', 'Others']);
    expect(await tabs.first().getAttribute('aria-selected')).toBe('true');
    const panel = page.getByTestId('sidebar-tab');
    expect(await panel.getAttribute('role')).toBe('tabpanel');
    expect(await panel.locator(byTestId('sidebar-ticket')).count()).toBe(3);
    await tabs.first().focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(
      () =>
        document.querySelector('[data-tab-id="others"]')?.getAttribute('aria-selected') === 'true',
    );
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-tab-id'))).toBe(
      'others',
    );
    expect(await panel.getAttribute('data-tree-builder')).toBe('flatListWithoutRoot');
    expect(await page.getByTestId('sidebar-tab').locator(byTestId('sidebar-ticket')).count()).toBe(
      2,
    );
    expect(h.pageErrors).toEqual([]);
  });
});

describe('the UI at 390 px (a phone)', () => {
  let h: UiHarness;
  let t: Awaited<ReturnType<typeof seed>>;

  beforeAll(async () => {
    h = await openUi({ viewport: { width: 390, height: 844 } });
    t = await seed(h);
  });
  afterAll(() => h?.close());

  it('the Inbox list fills the screen without sideways scrolling', async () => {
    const { page } = h;
    await page.goto(`${h.app}#/inbox/${h.channelId}`);
    await page.locator(byTestId('ticket-row')).first().waitFor();
    expect(await sidewaysOverflow(page)).toBe(0);
    expect(await page.locator('.detail-pane').isVisible()).toBe(false);
  });

  it('a tapped ticket opens as its own view with a back control; back returns to the same place', async () => {
    const { page } = h;
    const scroller = page.locator('.list-pane .vlist-scroll');
    await scroller.evaluate((element) => {
      element.scrollTop = 64 * 40;
    });
    // Rows render on the frame after the scroll: take one from that render, not a recycled one.
    await page.waitForFunction(
      () =>
        Number(
          document.querySelector('.list-pane li[aria-posinset]')?.getAttribute('aria-posinset'),
        ) > 20,
    );
    const id = (await page
      .locator('.list-pane li[aria-posinset]')
      .nth(12)
      .locator(byTestId('ticket-row'))
      .getAttribute('data-ticket-id')) as string;
    const row = page.locator(byTestId('ticket-row', { 'data-ticket-id': id }));
    const before = await scroller.evaluate((element) => element.scrollTop);
    await row.click();
    await page.getByTestId('ticket-detail').waitFor();
    // The detail is on screen at once, not somewhere below the list.
    const top = await page.evaluate(
      () => document.querySelector('[data-testid="ticket-detail"]')?.getBoundingClientRect().top,
    );
    expect(top).toBeLessThan(400);
    expect(await page.locator('.list-pane').isVisible()).toBe(false);
    expect(await sidewaysOverflow(page)).toBe(0);
    await page.getByTestId('inbox-back').click();
    await page.locator(byTestId('ticket-row', { 'data-ticket-id': id })).waitFor();
    expect(await page.locator('.detail-pane').isVisible()).toBe(false);
    expect(await scroller.evaluate((element) => element.scrollTop)).toBe(before);
  });

  it('a long name and a long word wrap on the phone too', async () => {
    const { page } = h;
    await page.goto(`${h.app}#/inbox/${h.channelId}/${t.longName}`);
    await page.getByTestId('ticket-detail').waitFor();
    expect(await sidewaysOverflow(page)).toBe(0);
  });

  it('Deliveries and Channels fit too; a delivery opens as its own view', async () => {
    const { page } = h;
    await page.goto(`${h.app}#/inbox/${h.channelId}/${t.plain[0]}`);
    await page.locator(byTestId('action-button', { 'data-action-id': 'like' })).click();
    await h.mock.control.settleDeliveries();
    await page.goto(`${h.app}#/deliveries`);
    const row = page.locator(byTestId('delivery-row')).first();
    await row.waitFor();
    expect(await sidewaysOverflow(page)).toBe(0);
    await row.click();
    await page.getByTestId('delivery-detail').waitFor();
    expect(await page.locator('.list-pane').isVisible()).toBe(false);
    expect(await sidewaysOverflow(page)).toBe(0);
    await page.getByTestId('deliveries-back').click();
    await page.locator(byTestId('delivery-row')).first().waitFor();
    await page.goto(`${h.app}#/channels`);
    await page.locator(byTestId('channel-row')).first().waitFor();
    expect(await sidewaysOverflow(page)).toBe(0);
    expect(h.pageErrors).toEqual([]);
  });
});
