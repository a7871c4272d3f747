import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyDelivery } from '@socialhub/webhook-kit';
import { createMockServer, type MockServer, type MockServerOptions } from '../src/index.js';

/** A webhook secret of the documented length (32..512). */
export const SECRET = 'whsec_test_0123456789abcdef0123456789abcdef';

/** Labels in the three required locales. */
export const label = (text: string) => ({ en: text, de: text, fr: text });

/** A mock with fast webhook retries, closed by the caller. */
export function startMock(options: MockServerOptions = {}): Promise<MockServer> {
  return createMockServer({
    webhooks: { batchWindowMs: 5, retryDelaysMs: [10, 20], timeoutMs: 2000 },
    ...options,
  });
}

/** Answer of a JSON request. */
// biome-ignore lint/suspicious/noExplicitAny: assertions read response bodies by property
export interface JsonResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** Sends a JSON request to the mock and reads the answer. */
// biome-ignore lint/suspicious/noExplicitAny: as above
export async function call<T = any>(
  mock: { url: string },
  method: string,
  path: string,
  options: {
    token?: string;
    body?: unknown;
    rawBody?: string;
    query?: Record<string, string>;
  } = {},
): Promise<JsonResponse<T>> {
  const url = new URL(path, mock.url);
  if (options.token !== undefined) url.searchParams.set('accesstoken', options.token);
  for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
  const body =
    options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const response = await fetch(url, {
    method,
    ...(body === undefined ? {} : { body, headers: { 'content-type': 'application/json' } }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === '' ? undefined : JSON.parse(text),
  };
}

/** One request the receiver got. */
export interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** How the receiver answers: status, whether to send the right challenge, an optional body. */
export type Behaviour = (
  request: Received,
  challenge: string | undefined,
) => { status: number; challenge?: string; body?: string };

/** Verifies with webhook-kit; answers 200 with the challenge, or 401. */
export const honest: Behaviour = (_request, challenge) =>
  challenge ? { status: 200, challenge } : { status: 401 };

/** An integration's webhook endpoint on 127.0.0.1 that records what it receives. */
export interface Receiver {
  url: string;
  requests: Received[];
  behaviour: Behaviour;
  /** Resolves when `count` requests have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

/** Starts a receiver that verifies signatures with `secret`. */
export async function startReceiver(
  secret = SECRET,
  behaviour: Behaviour = honest,
): Promise<Receiver> {
  const requests: Received[] = [];
  const waiters: Array<() => void> = [];
  const receiver: Receiver = {
    url: '',
    requests,
    behaviour,
    waitFor: (count, timeoutMs = 5000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (requests.length >= count) {
            clearTimeout(timer);
            resolve(requests.slice(0, count));
            return true;
          }
          return false;
        };
        const timer = setTimeout(
          () =>
            reject(new Error(`timed out waiting for ${count} requests, got ${requests.length}`)),
          timeoutMs,
        );
        if (!check()) waiters.push(() => void check());
      }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const received: Received = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(received);
      let challenge: string | undefined;
      try {
        challenge = await verifyDelivery(received.body, req.headers, { secret });
      } catch {
        challenge = undefined;
      }
      const answer = receiver.behaviour(received, challenge);
      res.writeHead(answer.status, {
        'content-type': 'application/json',
        ...(answer.challenge ? { 'x-socialhub-challenge': answer.challenge } : {}),
      });
      res.end(answer.body ?? '{}');
      for (const waiter of waiters.splice(0)) waiter();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
  return receiver;
}

/** A port nothing listens on (a server that was closed). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Sets a webhook (the test request must pass) and ticket actions on a channel's manifest. */
export async function setManifest(
  mock: MockServer,
  token: string,
  manifest: Record<string, unknown>,
) {
  const response = await call(mock, 'PATCH', '/manifest', { token, body: manifest });
  if (response.status !== 200)
    throw new Error(
      `PATCH /manifest answered ${response.status}: ${JSON.stringify(response.body)}`,
    );
  return response.body;
}

/** A reply action, a button and a delete action. */
export const ACTIONS = [
  { type: 'reply', id: 'reply', label: label('Reply') },
  { type: 'button', id: 'like', label: label('Like') },
  { type: 'delete', id: 'delete', label: label('Delete') },
];

/** Creates a ticket and returns its body. */
export async function createTicket(
  mock: MockServer,
  token: string,
  interaction: Record<string, unknown>,
) {
  const response = await call(mock, 'POST', '/inbox/tickets', { token, body: { interaction } });
  if (response.status !== 201)
    throw new Error(
      `POST /inbox/tickets answered ${response.status}: ${JSON.stringify(response.body)}`,
    );
  return response.body;
}
