import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byTestId, type Harness, openHarness, shotOnFailure } from './harness.js';

/** Whether the public API takes this channel token. */
const works = async (h: Harness, token: string) =>
  (await fetch(`${h.demo.mock.url}/?accesstoken=${token}`)).status === 200;

describe('Channels: tokens shown once, confirmations, feedback after "Add Channel"', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness('ui-channels');
    await h.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: h.demo.mock.url,
    });
  });
  afterAll(() => h?.close());
  shotOnFailure(() => h);

  const row = (name: string) => h.page.locator(byTestId('channel-row')).filter({ hasText: name });

  it('a new custom channel shows its token once, with a copy button', async () => {
    const { page, demo } = h;
    await page.goto(demo.urls.channels);
    await page.getByTestId('custom-channel-name').fill('Hotline');
    await page.getByTestId('create-channel').click();
    const card = page.getByTestId('token-card');
    await card.waitFor();
    const token = (await card.getByTestId('channel-token').textContent()) as string;
    expect(await works(h, token)).toBe(true);
    await card.getByTestId('copy-token').click();
    await card.getByText('Copied').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
    // Once: after a reload it is gone for good.
    await page.reload();
    await row('Hotline').waitFor();
    expect(await page.getByTestId('token-card').count()).toBe(0);
    expect(await page.content()).not.toContain(token);
  });

  it('Disable asks first; Cancel keeps the channel active', async () => {
    const { page } = h;
    await row('Hotline').getByTestId('disable-channel').click();
    const dialog = page.getByTestId('confirm-dialog');
    await dialog.waitFor();
    expect(await dialog.locator('h2').textContent()).toBe('Disable “Hotline”?');
    await dialog.getByTestId('confirm-cancel').click();
    await dialog.waitFor({ state: 'detached' });
    expect(await row('Hotline').getAttribute('data-status')).toBe('active');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'disable-channel',
    );
    await row('Hotline').getByTestId('disable-channel').click();
    await page.getByTestId('confirm-ok').click();
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="channel-row"]')].some(
        (r) => r.textContent?.includes('Hotline') && r.getAttribute('data-status') === 'disabled',
      ),
    );
  });

  it('"Create new Token" asks first, then shows the new token once; the old one stops working', async () => {
    const { page, demo } = h;
    const channelId = demo.channelId;
    // A token we know, to see it stop working.
    const { accessToken: user } = await demo.mock.control.createUser();
    const renewed = await fetch(
      `${demo.mock.url}/api2/channels/custom/${channelId}/reset?accesstoken=${user}`,
      { method: 'POST' },
    );
    const old = ((await renewed.json()) as { endpoint: { accessToken: string } }).endpoint
      .accessToken;
    expect(await works(h, old)).toBe(true);
    const demoRow = page.locator(byTestId('channel-row', { 'data-channel-id': channelId }));
    await demoRow.getByTestId('new-token').click();
    const dialog = page.getByTestId('confirm-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('confirm-ok').click();
    const card = page.getByTestId('token-card');
    await card.waitFor();
    expect(await card.getAttribute('data-channel-id')).toBe(channelId);
    const token = (await card.getByTestId('channel-token').textContent()) as string;
    expect(await works(h, token)).toBe(true);
    expect(await works(h, old)).toBe(false);
    await card.getByTestId('token-dismiss').click();
    expect(await page.getByTestId('token-card').count()).toBe(0);
  });

  it('"Add Channel" says whether the integration added a channel or reactivated an existing one', async () => {
    const { page, demo } = h;
    const network = page.locator(
      byTestId('network-row', { 'data-manifest-id': demo.reusableManifestId }),
    );
    await network.getByTestId('add-channel').click();
    await page.waitForURL(`${demo.mock.url}/app/#/channels`);
    const feedback = page.getByTestId('channel-feedback');
    await feedback.waitFor();
    expect(await feedback.textContent()).toContain('“Contact form” was added.');

    // Disable it, then "Add Channel" again: SocialHub reactivates the same channel.
    const added = page
      .locator(byTestId('channel-row'))
      .filter({ has: page.getByText('network Contact form') });
    await added.first().getByTestId('disable-channel').click();
    await page.getByTestId('confirm-ok').click();
    await page.waitForFunction(
      (manifestId) =>
        [...document.querySelectorAll('[data-testid="channel-row"][data-status="disabled"]')]
          .length >= 2 && manifestId !== '',
      demo.reusableManifestId,
    );
    await network.getByTestId('add-channel').click();
    await page.waitForURL(`${demo.mock.url}/app/#/channels`);
    await page.waitForFunction(() =>
      document
        .querySelector('[data-testid="channel-feedback"]')
        ?.textContent?.includes('reactivated'),
    );
    expect(await page.getByTestId('channel-feedback').textContent()).toContain(
      '“Contact form” already existed: the integration reactivated it instead of adding a new channel.',
    );
    expect(h.pageErrors).toEqual([]);
  });
});
