import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byTestId } from './harness.js';
import {
  createTickets,
  openUi,
  performAction,
  seriousAxeFindings,
  type UiHarness,
} from './ui-harness.js';

describe.each([
  { width: 1280, height: 860 },
  { width: 390, height: 844 },
])('access at $width px: axe finds nothing serious or critical on any page', (viewport) => {
  let h: UiHarness;
  let ids: string[];

  beforeAll(async () => {
    h = await openUi({ viewport });
    ids = await createTickets(h, 40, (n) => ({
      networkItemId: `post-${String(n).padStart(4, '0')}`,
      ...(n > 0 && n < 4 ? { root: 'post-0000' } : {}),
      message: n === 5 ? 'مرحبا' : `Question ${n}`,
    }));
    await performAction(h.mock, ids[1] as string, 'like');
    await h.mock.control.settleDeliveries();
  });
  afterAll(() => h?.close());

  const check = async (state: string) => {
    expect(await seriousAxeFindings(h.page), state).toEqual([]);
    expect(await h.page.locator('h1').count(), state).toBe(1);
  };

  it('Channels, with a token shown and a confirmation open', async () => {
    const { page } = h;
    await page.goto(`${h.app}#/channels`);
    await page.locator(byTestId('channel-row')).first().waitFor();
    expect(await page.title()).toBe('Channels · SocialHub mock');
    await check('channels');
    await page.getByTestId('custom-channel-name').fill('Second');
    await page.getByTestId('create-channel').click();
    await page.getByTestId('token-card').waitFor();
    await check('channels with a token');
    await page.locator(byTestId('disable-channel')).first().click();
    await page.getByTestId('confirm-dialog').waitFor();
    await check('confirmation');
    await page.getByTestId('confirm-cancel').click();
  });

  it('Inbox: the list, a ticket with its sidebar tabs, the reply editor, a missing channel', async () => {
    const { page } = h;
    await page.goto(`${h.app}#/inbox/${h.channelId}`);
    await page.locator(byTestId('ticket-row')).first().waitFor();
    expect(await page.title()).toBe('Inbox · Support · SocialHub mock');
    await check('inbox list');
    await page.goto(`${h.app}#/inbox/${h.channelId}/${ids[2]}`);
    await page.getByTestId('ticket-detail').waitFor();
    await page.locator(byTestId('sidebar-tab-button')).first().waitFor();
    expect(await page.title()).toMatch(/^Customer \d+ · Inbox · Support · SocialHub mock$/);
    await check('ticket');
    await page.locator(byTestId('action-button', { 'data-action-id': 'reply' })).click();
    await page.getByTestId('reply-editor').waitFor();
    await check('reply editor');
    await page.goto(`${h.app}#/inbox/nope`);
    await page.getByTestId('inbox-missing').waitFor();
    await check('missing channel');
  });

  it('Deliveries: the log and a delivery with its attempts', async () => {
    const { page } = h;
    await page.goto(`${h.app}#/deliveries`);
    await page.locator(byTestId('delivery-row')).first().waitFor();
    expect(await page.title()).toBe('Deliveries · SocialHub mock');
    await check('deliveries');
    await page.locator(byTestId('delivery-row')).first().click();
    await page.getByTestId('delivery-detail').waitFor();
    await page
      .locator('details')
      .first()
      .evaluate((d) => {
        (d as HTMLDetailsElement).open = true;
      });
    await check('delivery detail');
    expect(h.pageErrors).toEqual([]);
  });
});

describe('keyboard', () => {
  let h: UiHarness;
  beforeAll(async () => {
    h = await openUi();
    await createTickets(h, 5);
  });
  afterAll(() => h?.close());

  it('the skip link is the first stop and jumps to the page, leaving the route alone', async () => {
    const { page } = h;
    await page.goto(`${h.app}#/inbox/${h.channelId}`);
    await page.locator(byTestId('ticket-row')).first().waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'skip-link',
    );
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('page');
    expect(new URL(page.url()).hash).toBe(`#/inbox/${h.channelId}`);
  });

  it('from the page start, few stops reach the first ticket, and arrows move on from there', async () => {
    const { page } = h;
    let stops = 0;
    while (stops < 15) {
      await page.keyboard.press('Tab');
      stops++;
      const id = await page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
      if (id === 'ticket-row') break;
    }
    expect(stops).toBeLessThan(10);
    const first = await page.evaluate(
      () => (document.activeElement as HTMLElement).dataset.ticketId,
    );
    await page.keyboard.press('ArrowDown');
    const second = await page.evaluate(
      () => (document.activeElement as HTMLElement).dataset.ticketId,
    );
    expect(second).not.toBe(first);
    await page.keyboard.press('ArrowUp');
    expect(
      await page.evaluate(() => (document.activeElement as HTMLElement).dataset.ticketId),
    ).toBe(first);
  });

  it('from an open ticket’s row, a few stops reach its actions (not hundreds of rows)', async () => {
    const { page } = h;
    await page.keyboard.press('Enter');
    await page.getByTestId('ticket-detail').waitFor();
    let stops = 0;
    let id: string | null | undefined;
    while (stops < 20 && id !== 'action-button') {
      await page.keyboard.press('Tab');
      stops++;
      id = await page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
    }
    expect(id).toBe('action-button');
    expect(stops).toBeLessThanOrEqual(6);
  });
});
