import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { DeliveryRecord } from '@socialhub/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byTestId } from './harness.js';
import { createTickets, openUi, performAction, SECRET, type UiHarness } from './ui-harness.js';

const run = promisify(execFile);

/** The newest deliveries, as the control API lists them. */
const newest = async (h: UiHarness, query = ''): Promise<DeliveryRecord[]> =>
  (
    (await (await fetch(`${h.mock.url}/_mock/deliveries/page?${query}`)).json()) as {
      items: DeliveryRecord[];
    }
  ).items;

describe('Deliveries as a debugger', () => {
  let h: UiHarness;
  let ids: string[];

  beforeAll(async () => {
    h = await openUi({
      mock: { webhooks: { batchWindowMs: 5, retryDelaysMs: [300, 60_000], timeoutMs: 5000 } },
    });
    ids = await createTickets(h, 3);
    // 55 deliveries of ticket 0, so that the log has two pages.
    for (let i = 0; i < 55; i++) {
      await performAction(h.mock, ids[0] as string, 'like');
      await h.mock.control.settleDeliveries();
    }
  });
  afterAll(() => h?.close());

  it('pages through the log, 50 at a time, newest first', async () => {
    const { page } = h;
    await page.goto(`${h.app}#/deliveries`);
    await page.locator(byTestId('delivery-row')).first().waitFor();
    expect(await page.getByTestId('deliveries-count').textContent()).toBe('1–50 of 56');
    await page.getByTestId('deliveries-next').click();
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="deliveries-count"]')?.textContent === '51–56 of 56',
    );
    expect(await page.locator(byTestId('delivery-row')).count()).toBe(6);
    // The oldest is the webhook test request of PATCH /manifest.
    expect(await page.locator(byTestId('delivery-row')).last().getAttribute('data-kind')).toBe(
      'test',
    );
    await page.getByTestId('deliveries-prev').click();
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="deliveries-count"]')?.textContent === '1–50 of 56',
    );
  });

  it('filters by kind, outcome, event type, ticket and channel', async () => {
    const { page } = h;
    await performAction(h.mock, ids[1] as string, 'like');
    await h.mock.control.settleDeliveries();
    const count = (text: string) =>
      page.waitForFunction(
        (expected) =>
          document.querySelector('[data-testid="deliveries-count"]')?.textContent === expected,
        text,
      );
    await count('1–50 of 57');
    await page.getByTestId('deliveries-kind').selectOption('test');
    await count('1–1 of 1');
    await page.getByTestId('deliveries-kind').selectOption('events');
    await page.getByTestId('deliveries-eventType').selectOption('ticket_action');
    await count('1–50 of 56');
    await page.getByTestId('deliveries-ticket').fill(ids[1] as string);
    await page.getByTestId('deliveries-ticket').press('Enter');
    await count('1–1 of 1');
    await page.getByTestId('deliveries-outcome').selectOption('discarded');
    await page.getByTestId('deliveries-state').waitFor();
    expect(await page.getByTestId('deliveries-state').textContent()).toBe(
      'No delivery matches the filters.',
    );
    await page.getByTestId('deliveries-outcome').selectOption('');
    await page.getByTestId('deliveries-ticket').fill('');
    await page.getByTestId('deliveries-ticket').press('Enter');
    await page.getByTestId('deliveries-eventType').selectOption('');
    await page.getByTestId('deliveries-kind').selectOption('');
    await page.getByTestId('deliveries-channelId').selectOption(h.channelId);
    await count('1–50 of 57');
  });

  it('every attempt has its own signed request, the challenge expected and received, and its answer; "next retry at" while it waits', async () => {
    const { page } = h;
    h.receiver.behaviour = 'fail';
    await performAction(h.mock, ids[2] as string, 'like');
    // Two attempts fail (the first retry comes after 300 ms); the next waits a minute.
    let delivery: DeliveryRecord | undefined;
    for (let i = 0; i < 50 && (delivery?.attempts.length ?? 0) < 2; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      [delivery] = await newest(h, `ticketId=${ids[2]}`);
    }
    expect(delivery?.attempts).toHaveLength(2);
    await page.goto(`${h.app}#/deliveries/${delivery?.id}`);
    const detail = page.getByTestId('delivery-detail');
    await detail.waitFor();
    expect(await detail.getByTestId('delivery-outcome').textContent()).toBe('Retrying');
    await page.getByTestId('delivery-next-retry').waitFor();
    const attempts = detail.locator(byTestId('delivery-attempt'));
    expect(await attempts.count()).toBe(2);
    const signatures = await detail.locator(byTestId('delivery-signature')).allTextContents();
    expect(new Set(signatures).size).toBe(2);
    expect(await attempts.first().getByTestId('attempt-answer').textContent()).toBe('HTTP 503');
    expect(await attempts.first().getByTestId('attempt-expected-challenge').textContent()).toMatch(
      /^[0-9a-f]{64}$/,
    );
    expect(await attempts.first().getByTestId('attempt-received-challenge').textContent()).toBe(
      'none',
    );
    expect(await page.content()).not.toContain(SECRET);

    // Redeliver once the receiver works again: a new delivery, its permalink, delivered.
    h.receiver.behaviour = 'honest';
    await page.getByTestId('redeliver').click();
    await page.waitForURL((url) => !url.hash.endsWith(delivery?.id as string));
    const again = page.getByTestId('delivery-detail');
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="delivery-detail"]')?.getAttribute('data-outcome') ===
        'delivered',
    );
    expect(await again.getByTestId('delivery-original').textContent()).toBe(delivery?.id);
    const attempt = again.locator(byTestId('delivery-attempt')).first();
    expect(await attempt.getByTestId('attempt-received-challenge').textContent()).toBe(
      await attempt.getByTestId('attempt-expected-challenge').textContent(),
    );
    expect(await attempt.getByTestId('attempt-verdict').getAttribute('data-verdict')).toBe(
      'solved',
    );
  });

  it('"Copy as curl" copies a command that sends the exact signed request again', async () => {
    const { page } = h;
    const attempt = page.locator(byTestId('delivery-attempt')).first();
    await attempt.getByTestId('copy-curl').click();
    await attempt.getByText('Copied').waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(await attempt.getByTestId('delivery-curl').textContent());
    expect(copied).toMatch(/^curl -i -X POST 'http:\/\/127\.0\.0\.1:\d+\/webhook'/);
    const before = h.receiver.requests.length;
    const { stdout } = await run('bash', ['-c', copied]);
    expect(stdout).toMatch(/^HTTP\/1\.1 200/);
    const replayed = h.receiver.requests[before];
    // The receiver verified the replay with webhook-kit: same bytes, same signature.
    expect(replayed?.isGenuine).toBe(true);
    const [latest] = await newest(h);
    expect(replayed?.body).toBe(latest?.request.body);
    expect(replayed?.headers['x-socialhub-signature']).toBe(
      latest?.request.headers['x-socialhub-signature'],
    );
  });

  it('a permalink opens its delivery on a fresh page; an unknown one says so plainly', async () => {
    const { page } = h;
    const [latest] = await newest(h);
    await page.goto('about:blank');
    await page.goto(`${h.app}#/deliveries/${latest?.id}`);
    await page.getByTestId('delivery-detail').waitFor();
    expect(await page.getByTestId('delivery-detail').getAttribute('data-delivery-id')).toBe(
      latest?.id,
    );
    expect(await page.title()).toBe(
      `Delivery ${latest?.id.slice(0, 8)} · Deliveries · SocialHub mock`,
    );
    await page.goto(`${h.app}#/deliveries/not-a-delivery`);
    await page.getByTestId('delivery-missing').waitFor();
    expect(await page.getByTestId('delivery-missing').textContent()).toContain(
      'No delivery has the id “not-a-delivery”.',
    );
    expect(h.pageErrors).toEqual([]);
  });
});
