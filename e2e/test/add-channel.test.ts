import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_NETWORK_NAME } from '../src/index.js';
import { byTestId, type Harness, openHarness, shotOnFailure } from './harness.js';

describe('channels, clicked through in Chromium', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness('channels');
  });
  afterAll(() => h?.close());
  shotOnFailure(() => h);

  it('"Add Channel" for the reusable manifest: the example connects the channel and sends the customer back', async () => {
    const { page, demo } = h;
    await page.goto(demo.urls.channels);
    await page.locator(byTestId('channel-row', { 'data-channel-id': demo.channelId })).waitFor();
    const network = page.locator(
      byTestId('network-row', { 'data-manifest-id': demo.reusableManifestId }),
    );
    expect(await network.textContent()).toContain(DEMO_NETWORK_NAME);
    await h.shot('1-channels');

    // SocialHub → the example's channelCreation callback (temporary token) → POST /channels → back.
    const callback = page.waitForResponse((r) =>
      r.url().startsWith(`${demo.app.url}/add-channel?`),
    );
    await network.getByTestId('add-channel').click();
    expect((await callback).status()).toBe(303);
    await page.waitForURL(`${demo.mock.url}/app/#/channels`);

    const channels = (await demo.mock.control.state()).channels;
    const added = channels.find((c) => c.manifestId === demo.reusableManifestId);
    expect(added).toBeDefined();
    const row = page.locator(byTestId('channel-row', { 'data-channel-id': added?._id as string }));
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('active');
    // The example holds the new channel's token (it posts that channel's contact forms).
    expect(demo.app.channels.list().map((c) => c.channelId)).toContain(added?._id);
    await h.shot('2-channel-added');
    // The network's manifest holds the webhook secret; the page never shows it.
    expect(await page.content()).not.toContain(demo.app.manifest.webhook?.secret as string);
    expect(h.pageErrors).toEqual([]);
  });

  it('a custom channel created on the Channels page is listed as active', async () => {
    const { page } = h;
    await page.getByTestId('custom-channel-name').fill('Support hotline');
    await page.getByTestId('create-channel').click();
    const row = page.locator(byTestId('channel-row')).filter({ hasText: 'Support hotline' });
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('active');
    const stored = (await h.demo.mock.control.state()).channels.find(
      (c) => c.name === 'Support hotline',
    );
    expect(await row.getAttribute('data-channel-id')).toBe(stored?._id);
  });
});
