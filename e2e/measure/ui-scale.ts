/**
 * Measures the web UI with many tickets, for issue 16 (a measurement, never a test): the time from
 * navigation start to the first ticket row, the page height, and the bytes the server writes per
 * minute for live updates, idle and with a new ticket every 2 s.
 *
 * Run: `pnpm --filter @socialhub/e2e measure:ui [--tickets 5000] [--ui-dir <dir>]`. `--ui-dir`
 * serves another copy of the UI's `static/` folder (taken with `git archive`) over the same mock,
 * for a side-by-side comparison; it must speak to this mock's routes.
 */
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { parseArgs } from 'node:util';
import { createMockServer } from '@socialhub/mock-server';
import { launchChromium } from '../src/index.js';

const { values } = parseArgs({
  options: { tickets: { type: 'string', default: '5000' }, 'ui-dir': { type: 'string' } },
});
const TICKETS = Number(values.tickets);
const WINDOW_MS = 20_000;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** Serves a UI folder under /app/ (only for `--ui-dir`). */
const serveDir = (dir: string) => (request: IncomingMessage, response: ServerResponse) => {
  const path =
    new URL(request.url ?? '/', 'http://x').pathname.slice('/app/'.length) || 'index.html';
  const file = normalize(join(dir, path));
  readFile(file).then(
    (body) => {
      response.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      });
      response.end(body);
    },
    () => {
      response.writeHead(404);
      response.end();
    },
  );
};

const uiDir = values['ui-dir'];
const mock = await createMockServer({
  rateLimit: { limit: 1_000_000 },
  ...(uiDir ? { ui: false, mount: { '/app/': serveDir(uiDir) } } : {}),
});
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
  const inbox = `${mock.url}/app/#/inbox/${channel._id}`;
  // Warm the browser up once; then three loads, each timed in the page from navigation start.
  await page.goto(`${mock.url}/app/#/channels`);
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    await page.goto('about:blank');
    await page.goto(inbox, { waitUntil: 'commit' });
    const handle = await page.waitForFunction(
      () => document.querySelector('[data-testid="ticket-row"]') && performance.now(),
      undefined,
      { polling: 'raf', timeout: 120_000 },
    );
    times.push(Number(await handle.jsonValue()));
  }
  times.sort((a, b) => a - b);
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
  console.log(`UI:                             ${uiDir ?? 'this build'}`);
  console.log(`tickets:                        ${TICKETS}`);
  console.log(`time to first row (median of 3): ${Math.round(times[1] ?? 0)} ms`);
  console.log(`page height:                    ${height} px`);
  console.log(`live updates, idle:             ${kb(idle)}/min`);
  console.log(`live updates, 1 ticket per 2 s: ${kb(busy)}/min`);
} finally {
  await browser.close();
  await mock.close();
}
