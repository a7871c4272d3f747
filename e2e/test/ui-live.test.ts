import { createMockServer } from '@socialhub/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byTestId } from './harness.js';
import { createTickets, openUi, type UiHarness } from './ui-harness.js';

/** The requests the page makes while `during` runs. */
async function requestsDuring(h: UiHarness, during: () => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  const listener = (request: { url(): string }) => seen.push(request.url());
  h.page.on('request', listener);
  try {
    await during();
  } finally {
    h.page.off('request', listener);
  }
  return seen;
}

describe('live updates over Server-Sent Events', () => {
  let h: UiHarness;
  let ids: string[];

  beforeAll(async () => {
    h = await openUi();
    ids = await createTickets(h, 60);
  });
  afterAll(() => h?.close());

  it('loads over one event stream and sends no request while nothing changes', async () => {
    const { page } = h;
    const requests = await requestsDuring(h, async () => {
      await page.goto(`${h.app}#/inbox/${h.channelId}/${ids[0]}`);
      await page.getByTestId('ticket-detail').waitFor();
    });
    expect(requests.filter((url) => url.includes('/_mock/live'))).toHaveLength(1);
    expect(requests.filter((url) => url.includes('/_mock/tickets?'))).toEqual([]);
    const idle = await requestsDuring(h, () => page.waitForTimeout(2500));
    expect(idle).toEqual([]);
  });

  it('a new ticket appears and is announced, keeping focus, scroll and half-typed text', async () => {
    const { page } = h;
    const scroller = page.locator('.list-pane .vlist-scroll');
    await scroller.evaluate((element) => {
      element.scrollTop = 64 * 20;
    });
    await page.waitForTimeout(100);
    const topRow = await page.evaluate(() => {
      const list = document.querySelector('.list-pane .vlist-scroll') as HTMLElement;
      const index = Math.floor(list.scrollTop / 64);
      return document
        .querySelector(`[data-testid="ticket-list"] li[aria-posinset="${index + 1}"] a`)
        ?.getAttribute('data-ticket-id');
    });
    await page.locator(byTestId('action-button', { 'data-action-id': 'reply' })).click();
    const text = page.getByTestId('reply-text');
    await text.fill('Half a sent');
    await text.focus();

    const [newId] = await createTickets(h, 1, () => ({
      message: 'Brand new question',
      name: 'Nadia',
      createdTime: new Date().toISOString(),
    }));
    // Out of view (the list is scrolled down), so counted rather than rendered.
    await page.waitForFunction(
      () => document.querySelector('[data-testid="ticket-count"]')?.textContent === '61 tickets',
    );
    expect(newId).toBeDefined();
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="live-announcer"]')?.textContent?.includes('Nadia'),
    );
    expect(await page.getByTestId('live-announcer').getAttribute('aria-live')).toBe('polite');
    expect(await page.getByTestId('live-announcer').textContent()).toBe(
      'New ticket from Nadia: Brand new question',
    );
    expect(await text.inputValue()).toBe('Half a sent');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'reply-text',
    );
    // The rows in view stay in view: the new ticket went in above them.
    const topAfter = await page.evaluate(() => {
      const list = document.querySelector('.list-pane .vlist-scroll') as HTMLElement;
      const index = Math.floor(list.scrollTop / 64);
      return document
        .querySelector(`[data-testid="ticket-list"] li[aria-posinset="${index + 1}"] a`)
        ?.getAttribute('data-ticket-id');
    });
    expect(topAfter).toBe(topRow);
  });

  it('a change to the open ticket shows without moving the focus off its buttons', async () => {
    const { page } = h;
    const done = page.getByTestId('ticket-done');
    await done.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="ticket-done"]')?.textContent === 'Reopen',
    );
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'ticket-done',
    );
    expect(h.pageErrors).toEqual([]);
  });
});

describe('states: loading, errors that clear, a bad id', () => {
  it('says "Loading" before the first data and "No tickets yet" for an empty channel', async () => {
    const h = await openUi();
    try {
      const { page } = h;
      // Hold the stream back to see the loading state.
      await page.route('**/_mock/live*', async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 800));
        await route.continue();
      });
      await page.goto(`${h.app}#/inbox/${h.channelId}`);
      const state = page.getByTestId('ticket-list-state');
      await state.waitFor();
      expect(await state.getAttribute('data-state')).toBe('loading');
      expect(await state.textContent()).toBe('Loading tickets…');
      await page.waitForFunction(
        () =>
          document
            .querySelector('[data-testid="ticket-list-state"]')
            ?.getAttribute('data-state') === 'empty',
      );
      expect(await state.textContent()).toMatch(/^No tickets yet/);
    } finally {
      await h.close();
    }
  });

  it('shows that the mock is gone, and clears the banner when it is back', async () => {
    const h = await openUi();
    try {
      const { page } = h;
      await createTickets(h, 2);
      await page.goto(`${h.app}#/inbox/${h.channelId}`);
      await page.locator(byTestId('ticket-row')).first().waitFor();
      const port = Number(new URL(h.mock.url).port);
      const state = await h.mock.control.state();
      await h.mock.close();
      await page.getByTestId('ui-error').waitFor();
      expect(await page.getByTestId('ui-error-text').textContent()).toMatch(/cannot be reached/);
      // The same mock comes back on the same port (its state from a file in real life).
      const again = await createMockServer({ port });
      h.mock = again;
      expect(state.channels.length).toBeGreaterThan(0);
      await page.getByTestId('ui-error').waitFor({ state: 'hidden', timeout: 10_000 });
    } finally {
      await h.close();
    }
  });

  it('a bad channel id gets a plain message and no more requests', async () => {
    const h = await openUi();
    try {
      const { page } = h;
      await page.goto(`${h.app}#/inbox/not-a-channel`);
      const missing = page.getByTestId('inbox-missing');
      await missing.waitFor();
      expect(await missing.textContent()).toContain('No channel has the id “not-a-channel”.');
      expect(await missing.textContent()).not.toMatch(/\^|\[0-9a-f\]/);
      const requests = await requestsDuring(h, () => page.waitForTimeout(3000));
      expect(requests).toEqual([]);
      // A bad ticket id in a good channel: a plain message too.
      await page.goto(`${h.app}#/inbox/${h.channelId}/nope`);
      await page.getByTestId('ticket-missing').waitFor();
      expect(await page.getByTestId('ticket-missing').textContent()).toBe(
        'There is no such ticket in this channel.',
      );
      expect(h.pageErrors).toEqual([]);
    } finally {
      await h.close();
    }
  });
});
