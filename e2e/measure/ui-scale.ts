/**
 * Measures the web UI with many tickets, for the closing note of issue 16 (a measurement, never a
 * test): the time from navigation to the first ticket row, the page height, and the bytes the
 * server writes per minute for live updates, idle and with a new ticket every 2 s.
 *
 * Run: `pnpm --filter @socialhub/e2e measure:ui [tickets]` (default 5000).
 */
import type { Socket } from 'node:net';
import { createMockServer } from '@socialhub/mock-server';
import { launchChromium } from '../src/index.js';

const TICKETS = Number(process.argv[2] ?? 5000);
const WINDOW_MS = 20_000;

const mock = await createMockServer({ rateLimit: { limit: 1_000_000 } });
const sockets = new Set<Socket>();
mock.server.on('connection', (socket) => sockets.add(socket));
const written = () => {
  let total = 0;
  for (const socket of sockets) total += socket.bytesWritten;
  return total;
};

let next = 0;
const { channel, accessToken } = await mock.control.createChannel({ name: 'Scale' });
const createTicket = async () => {
  const n = next++;
  const response = await fetch(`${mock.url}/inbox/tickets?accesstoken=${accessToken}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      interaction: {
        message: `Message number ${n}: where is my order? It was due last week.`,
        createdTime: new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString(),
        networkItemId: `item-${n}`,
        interactor: { interactorId: `u-${n % 400}`, name: `Customer ${n % 400}` },
      },
    }),
  });
  if (response.status !== 201) throw new Error(`POST /inbox/tickets answered ${response.status}`);
  await response.arrayBuffer();
};
for (let i = 0; i < TICKETS; i += 50)
  await Promise.all(Array.from({ length: Math.min(50, TICKETS - i) }, createTicket));

const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  const started = performance.now();
  await page.goto(`${mock.url}/app/#/inbox/${channel._id}`);
  await page.locator('[data-testid="ticket-row"]').first().waitFor({ timeout: 120_000 });
  const firstRowMs = performance.now() - started;
  await page.waitForTimeout(1500);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);

  let before = written();
  await page.waitForTimeout(WINDOW_MS);
  const idle = ((written() - before) * 60_000) / WINDOW_MS;

  before = written();
  const timer = setInterval(() => void createTicket(), 2000);
  await page.waitForTimeout(WINDOW_MS);
  clearInterval(timer);
  const busy = ((written() - before) * 60_000) / WINDOW_MS;

  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
  console.log(`tickets:                        ${TICKETS}`);
  console.log(`time to first row:              ${Math.round(firstRowMs)} ms`);
  console.log(`page height:                    ${height} px`);
  console.log(`live updates, idle:             ${kb(idle)}/min`);
  console.log(`live updates, 1 ticket per 2 s: ${kb(busy)}/min`);
} finally {
  await browser.close();
  await mock.close();
}
