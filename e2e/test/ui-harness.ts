import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { createMockServer, type MockServer, type MockServerOptions } from '@socialhub/mock-server';
import { verifyDelivery } from '@socialhub/webhook-kit';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../src/index.js';

/** A webhook secret of the documented length. */
export const SECRET = 'whsec_ui_test_0123456789abcdef0123456789abcdef';

/** One request the receiver got, and whether its signature held. */
export interface Received {
  method: string;
  headers: IncomingHttpHeaders;
  body: string;
  isGenuine: boolean;
}

/** An integration's webhook on 127.0.0.1: verifies with webhook-kit, answers per `behaviour`. */
export interface Receiver {
  url: string;
  requests: Received[];
  /** `honest` answers 200 with the challenge; `fail` answers 503. */
  behaviour: 'honest' | 'fail';
  close(): Promise<void>;
}

/** Starts a receiver. */
export async function startReceiver(): Promise<Receiver> {
  const requests: Received[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const challenge = await verifyDelivery(body, request.headers, { secret: SECRET }).catch(
        () => undefined,
      );
      requests.push({
        method: request.method ?? '',
        headers: request.headers,
        body,
        isGenuine: challenge !== undefined,
      });
      if (receiver.behaviour === 'fail' || challenge === undefined) {
        response.writeHead(receiver.behaviour === 'fail' ? 503 : 401);
        response.end('{"error":"no"}');
        return;
      }
      response.writeHead(200, {
        'content-type': 'application/json',
        'x-socialhub-challenge': challenge,
      });
      response.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const receiver: Receiver = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`,
    requests,
    behaviour: 'honest',
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return receiver;
}

const labels = (text: string) => ({ en: text, de: text, fr: text });

/** A standalone mock with one custom channel (webhook, actions, two sidebar tabs) and Chromium. */
export interface UiHarness {
  mock: MockServer;
  receiver: Receiver;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  channelId: string;
  token: string;
  pageErrors: string[];
  /** `/app/` of the mock. */
  app: string;
  close(): Promise<void>;
}

/** Starts the mock, a receiver and a Chromium page (1280 × 860 unless told). */
export async function openUi(
  options: { viewport?: { width: number; height: number }; mock?: MockServerOptions } = {},
): Promise<UiHarness> {
  const receiver = await startReceiver();
  const mock = await createMockServer({
    rateLimit: { limit: 1_000_000 },
    webhooks: { batchWindowMs: 5, retryDelaysMs: [50, 100], timeoutMs: 5000 },
    ...options.mock,
  });
  const created = await mock.control.createChannel({ name: 'Support', networkId: 'ui-support' });
  const token = created.accessToken;
  const manifest = await fetch(`${mock.url}/manifest?accesstoken=${token}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      webhook: { url: receiver.url, secret: SECRET },
      inbox: {
        ticketActions: [
          { type: 'reply', id: 'reply', label: labels('Reply') },
          { type: 'button', id: 'like', label: labels('Like') },
        ],
        rightSidebar: [
          { id: 'thread', label: labels('Thread'), treeBuilder: 'flatListWithRoot' },
          { id: 'others', label: labels('Others'), treeBuilder: 'flatListWithoutRoot' },
        ],
      },
    }),
  });
  if (manifest.status !== 200) throw new Error(`PATCH /manifest answered ${manifest.status}`);
  const browser = await launchChromium();
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 860 },
  });
  context.setDefaultTimeout(15_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: mock.url });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return {
    mock,
    receiver,
    browser,
    context,
    page,
    channelId: created.channel._id as string,
    token,
    pageErrors,
    app: `${mock.url}/app/`,
    close: async () => {
      await browser.close();
      await mock.close();
      await receiver.close();
    },
  };
}

/** What a ticket is made of in these tests. */
export interface TicketInput {
  message?: string;
  name?: string;
  networkItemId?: string;
  createdTime?: string;
  root?: string;
}

/** Creates tickets through the public API (50 at a time) and returns their ids in order. */
export async function createTickets(
  h: Pick<UiHarness, 'mock' | 'token'>,
  count: number,
  make: (n: number) => TicketInput = () => ({}),
): Promise<string[]> {
  const ids: string[] = [];
  const one = async (n: number) => {
    const input = make(n);
    const response = await fetch(`${h.mock.url}/inbox/tickets?accesstoken=${h.token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        interaction: {
          message: input.message ?? `Message number ${n}`,
          createdTime:
            input.createdTime ?? new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString(),
          networkItemId:
            input.networkItemId ?? `ticket-${n}-${Math.random().toString(36).slice(2)}`,
          interactor: { interactorId: `u-${n % 97}`, name: input.name ?? `Customer ${n % 97}` },
          ...(input.root ? { root: { rootId: input.root } } : {}),
        },
      }),
    });
    const body = (await response.json()) as { _id: string };
    if (response.status !== 201) throw new Error(`POST /inbox/tickets answered ${response.status}`);
    ids[n] = body._id;
  };
  for (let i = 0; i < count; i += 50)
    await Promise.all(Array.from({ length: Math.min(50, count - i) }, (_, k) => one(i + k)));
  return ids;
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The serious and critical axe-core findings on the page, as `impact rule: target` lines. */
export async function seriousAxeFindings(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the page's CSP forbids injected script tags, rightly.
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is a global of the evaluated script
    const axe = (window as any).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return (
      result.violations as Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }>
    )
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/** How far the document scrolls sideways (0 when it fits the viewport). */
export function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}

const userTokens = new WeakMap<MockServer, Promise<string>>();

/** A community manager performs a ticket action through API2, as the SocialHub web app does. */
export async function performAction(
  mock: MockServer,
  ticketId: string,
  actionId: string,
  input: Record<string, unknown> = {},
): Promise<void> {
  let token = userTokens.get(mock);
  if (!token) {
    token = mock.control.createUser().then((created) => created.accessToken);
    userTokens.set(mock, token);
  }
  const url = new URL(`/api2/inbox/tickets/${ticketId}/actions/${actionId}`, mock.url);
  url.searchParams.set('accesstoken', await token);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  if (!response.ok) throw new Error(`the ${actionId} action answered ${response.status}`);
  await response.arrayBuffer();
}
