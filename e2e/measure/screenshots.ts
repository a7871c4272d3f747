/**
 * Regenerates the web UI screenshots the READMEs show: the Inbox, a delivery's detail and the
 * Channels page, taken in Debian's headless Chromium from the demo stack with a few tickets.
 * Idempotent; exits non-zero on any failure.
 *
 * Run: `pnpm --filter @socialhub/e2e screenshots` (after `pnpm build`).
 */
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { launchChromium, startDemo } from '../src/index.js';

const OUT = fileURLToPath(new URL('../../apps/mock-server/docs/', import.meta.url));
const VIEWPORT = { width: 1100, height: 640 };

const PEOPLE = [
  ['Ada Lovelace', 'My order #1042 arrived without the charger. Can you send one?'],
  ['Grace Hopper', 'Do you ship to Norway? The checkout does not list it.'],
  ['Linus Pauling', 'I was charged twice for the same subscription this month.'],
  ['سارة أحمد', 'مرحبا، متى يصل طلبي؟'],
  ['Tim Berners-Lee', 'The invoice link in your email returns a 404.'],
];

await mkdir(OUT, { recursive: true });
const demo = await startDemo({
  socialHubPort: 0,
  examplePort: 0,
  webhooks: { batchWindowMs: 5, retryDelaysMs: [50, 100], timeoutMs: 5000 },
});
const browser = await launchChromium();
try {
  for (const [name, message] of PEOPLE) {
    const response = await fetch(`${demo.app.url}/contact`, {
      method: 'POST',
      body: new URLSearchParams({
        name: name as string,
        email: 'someone@example.com',
        message: message as string,
      }),
    });
    if (response.status !== 200) throw new Error(`the contact form answered ${response.status}`);
  }
  const page = await browser.newPage({ viewport: VIEWPORT });
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(demo.urls.inbox);
  const row = page.locator('[data-testid="ticket-row"]').filter({ hasText: 'Ada Lovelace' });
  await row.click();
  await page.locator('[data-testid="action-button"][data-action-type="reply"]').first().click();
  await page.getByTestId('reply-text').fill('Sorry about that! A charger is on its way today.');
  await page.getByTestId('reply-send').click();
  await page.locator('[data-testid="action-status"][data-state="succeeded"]').waitFor();
  await page.locator('[data-testid="ticket-row"]').filter({ hasText: 'Grace Hopper' }).click();
  await page.getByTestId('ticket-detail').waitFor();
  await page.screenshot({ path: `${OUT}ui-inbox.png` });

  await page.goto(`${demo.mock.url}/app/#/deliveries`);
  await page.locator('[data-testid="delivery-row"][data-kind="events"]').first().click();
  await page.getByTestId('delivery-detail').waitFor();
  await page
    .locator('[data-testid="delivery-detail"] h3')
    .first()
    .evaluate((element) => {
      element.scrollIntoView({ block: 'start' });
    });
  await page.screenshot({ path: `${OUT}ui-delivery.png` });

  await page.goto(demo.urls.channels);
  await page.getByTestId('custom-channel-name').fill('Support hotline');
  await page.getByTestId('create-channel').click();
  await page.getByTestId('token-card').waitFor();
  await page
    .locator('[data-testid="channel-row"]')
    .filter({ hasText: 'Support hotline' })
    .waitFor();
  await page.screenshot({ path: `${OUT}ui-channels.png` });
  console.log(`screenshots written to ${OUT}`);
} finally {
  await browser.close();
  await demo.close();
}
