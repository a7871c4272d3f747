import { createMockServer, type MockServer } from '@socialhub/mock-server';
import { vi } from 'vitest';
import { type ContactFormApp, createContactFormApp } from '../src/index.js';

/** A webhook secret of the documented length (32..512). */
export const SECRET = 'contact-form-example-secret-0123456789abcdef';

/** A mock SocialHub with fast webhook retries. */
export function startMock(): Promise<MockServer> {
  return createMockServer({
    webhooks: { batchWindowMs: 5, retryDelaysMs: [20, 50], timeoutMs: 3000 },
  });
}

/** Calls the mock's control API (`/_mock/...`) over HTTP, as a browser test or script would. */
// biome-ignore lint/suspicious/noExplicitAny: control API answers are read loosely in tests
export async function control<T = any>(
  mock: MockServer,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const response = await fetch(new URL(path, mock.url), {
    method,
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
}

/** Like `control`, failing unless the status is 2xx. */
// biome-ignore lint/suspicious/noExplicitAny: control API answers are read loosely in tests
export async function controlOk<T = any>(
  mock: MockServer,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await control<T>(mock, method, path, body);
  if (response.status >= 300)
    throw new Error(
      `${method} ${path} answered ${response.status}: ${JSON.stringify(response.body)}`,
    );
  return response.body;
}

const userTokens = new WeakMap<MockServer, Promise<string>>();

/**
 * Calls SocialHub's API2 on the mock as a community manager of the default account (a user and
 * token from `POST /_mock/users`, one per mock), as SocialHub's web app does; redirects are
 * answered, not followed (`location`); error answers are returned, not thrown.
 */
// biome-ignore lint/suspicious/noExplicitAny: API2 answers are read loosely in tests
export async function api2<T = any>(
  mock: MockServer,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T; location: string | null }> {
  let token = userTokens.get(mock);
  if (!token) {
    token = controlOk<{ accessToken: string }>(mock, 'POST', '/_mock/users', {}).then(
      (created) => created.accessToken,
    );
    userTokens.set(mock, token);
  }
  const url = new URL(`/api2${path}`, mock.url);
  url.searchParams.set('accesstoken', await token);
  const response = await fetch(url, {
    method,
    redirect: 'manual',
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text === '' ? undefined : JSON.parse(text),
    location: response.headers.get('location'),
  };
}

/** One mock ticket as the control API shows it. */
export interface MockTicket {
  _id: string;
  channelId: string;
  interaction: {
    networkItemId?: string;
    message?: string;
    interactor?: { name?: string };
  };
  followupTo?: { followupToId: string };
  actions: {
    actionId: string;
    type: string;
    status: string;
    reason?: string;
    followupId?: string;
  }[];
}

/** The tickets of a channel in the mock. */
export const ticketsOf = (mock: MockServer, channelId: string) =>
  controlOk<MockTicket[]>(mock, 'GET', `/_mock/tickets?channelId=${channelId}`);

/** Posts the contact form like a browser. */
export async function postForm(
  app: { url: string },
  fields: Record<string, string>,
): Promise<{ status: number; html: string }> {
  const response = await fetch(`${app.url}/contact`, {
    method: 'POST',
    body: new URLSearchParams(fields),
  });
  return { status: response.status, html: await response.text() };
}

/** Reads a `data-testid` element's text from a page. */
export function testId(html: string, id: string): string | undefined {
  const match = new RegExp(`data-testid="${id}"[^>]*>([^<]*)<`).exec(html);
  return match?.[1];
}

/** Polls until `check` passes (the example handles events after answering the webhook). */
export const eventually = <T>(check: () => Promise<T> | T) =>
  vi.waitFor(check, { timeout: 5000, interval: 20 });

/** A mock with a custom channel and the example configured on it; `logs` collects its log lines. */
export interface Stack {
  mock: MockServer;
  app: ContactFormApp;
  channelId: string;
  accessToken: string;
  logs: string[];
  close(): Promise<void>;
}

/** Starts the mock, creates a channel through the control API, starts the example and sets its manifest. */
export async function startStack(): Promise<Stack> {
  const mock = await startMock();
  const { channel, accessToken } = await controlOk(mock, 'POST', '/_mock/channels', {
    name: 'Website contact form',
    networkId: 'website-form',
  });
  const logs: string[] = [];
  const app = await createContactFormApp({
    socialHubUrl: mock.url,
    accessToken,
    webhookSecret: SECRET,
    log: (line) => logs.push(line),
  });
  await app.configureManifest();
  return {
    mock,
    app,
    channelId: channel._id,
    accessToken,
    logs,
    close: async () => {
      await app.close();
      await mock.close();
    },
  };
}
