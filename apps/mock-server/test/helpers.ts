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

const userTokens = new WeakMap<object, Map<string, Promise<string>>>();

/** An API2 user token of an account of the mock (the default one unless given; one user each). */
export function userToken(mock: MockServer, accountId = ''): Promise<string> {
  let byAccount = userTokens.get(mock);
  if (!byAccount) {
    byAccount = new Map();
    userTokens.set(mock, byAccount);
  }
  let token = byAccount.get(accountId);
  if (!token) {
    token = mock.control
      .createUser(accountId ? { accountId } : {})
      .then((created) => created.accessToken);
    byAccount.set(accountId, token);
  }
  return token;
}

/** An API2 error answer, thrown by the helpers below like `MockServerError`. */
export class Api2CallError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly data: unknown,
  ) {
    super(`${status} ${code}: ${detail}`);
  }
}

/** Calls API2 as the default account's user; throws `Api2CallError` on an error answer. */
// biome-ignore lint/suspicious/noExplicitAny: assertions read response bodies by property
export async function api2<T = any>(
  mock: MockServer,
  method: string,
  path: string,
  body?: unknown,
  query: Record<string, string> = {},
): Promise<JsonResponse<T>> {
  const token = await userToken(mock);
  const url = new URL(`/api2${path}`, mock.url);
  url.searchParams.set('accesstoken', token);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  const response = await fetch(url, {
    method,
    redirect: 'manual',
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  const text = await response.text();
  const json = text === '' ? undefined : JSON.parse(text);
  if (response.status >= 400)
    throw new Api2CallError(response.status, json?.code, json?.message, json?.data);
  return { status: response.status, headers: response.headers, body: json };
}

/** What a community manager enters for a ticket action (as the old control method took it). */
export interface ActionInput {
  text?: string;
  attachments?: Array<{ url?: string }>;
  option?: string;
  template?: { networkId: string; language: string; variables?: Record<string, unknown> };
}

/**
 * Performs a ticket action through API2 (`POST /api2/inbox/tickets/{id}/actions/{actionId}`) and
 * returns the event it queued (rebuilt from the ticket's newest action) and its `followupId`.
 */
export async function performAction(
  mock: MockServer,
  ticketId: string,
  actionId: string,
  input: ActionInput = {},
  // biome-ignore lint/suspicious/noExplicitAny: assertions read the event by property
): Promise<{ event: any; followupId?: string }> {
  const { attachments, template, ...rest } = input;
  const { body: ticket } = await api2(
    mock,
    'POST',
    `/inbox/tickets/${ticketId}/actions/${actionId}`,
    {
      ...rest,
      ...(attachments?.[0]?.url ? { attachment: attachments[0].url } : {}),
      ...(template ? { template: { name: template.networkId, ...template } } : {}),
    },
  );
  const action = ticket.actions.at(-1);
  const event = {
    ticketId,
    networkItemId: ticket.interaction.networkItemId,
    type: action.type,
    actionId: action.actionId,
    payload: action.payload,
    time: action.time,
    uuid: action.uuid,
  };
  return { event, ...(action.followupId ? { followupId: action.followupId } : {}) };
}

/** "Add Channel" through API2: the `channelCreation` redirect, with its token and payload. */
export async function startAddChannel(
  mock: MockServer,
  manifestId: string,
  input: { teamIds?: string[]; origin?: string; accountId?: string } = {},
) {
  const token = await userToken(mock, input.accountId);
  const url = new URL(`/api2/manifests/${manifestId}/callbacks/channelCreation`, mock.url);
  url.searchParams.set('accesstoken', token);
  if (input.teamIds?.[0]) url.searchParams.set('teamIds', input.teamIds[0]);
  const response = await fetch(url, {
    redirect: 'manual',
    ...(input.origin ? { headers: { referer: input.origin } } : {}),
  });
  if (response.status !== 302) {
    const json = await response.json();
    throw new Api2CallError(response.status, json.code, json.message, json.data);
  }
  const redirectUrl = response.headers.get('location') ?? '';
  const tokenParam = new URL(redirectUrl).searchParams.get('token') ?? '';
  const payload = JSON.parse(Buffer.from(tokenParam.split('.')[1] ?? '', 'base64url').toString());
  return { redirectUrl, token: tokenParam, payload };
}

/** The customer disables a channel through API2 (`DELETE /api2/channels/{id}`). */
export async function disableChannel(mock: MockServer, channelId: string) {
  await api2(mock, 'DELETE', `/channels/${channelId}`);
  return (await api2(mock, 'GET', `/channels/${channelId}`)).body;
}

/** The customer reactivates a channel through API2: a redirect, or the channel itself. */
export async function reactivateChannel(
  mock: MockServer,
  channelId: string,
  input: { origin?: string } = {},
): Promise<
  // biome-ignore lint/suspicious/noExplicitAny: assertions read the channel by property
  { redirectUrl: string; token: string; payload: Record<string, any> } | { channel: any }
> {
  const token = await userToken(mock);
  const url = new URL('/api2/channels/custom', mock.url);
  url.searchParams.set('accesstoken', token);
  url.searchParams.set('channelId', channelId);
  const response = await fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/json',
      ...(input.origin ? { referer: input.origin } : {}),
    },
    body: '{}',
  });
  if (response.status === 302) {
    const redirectUrl = response.headers.get('location') ?? '';
    const tokenParam = new URL(redirectUrl).searchParams.get('token') ?? '';
    const payload = JSON.parse(Buffer.from(tokenParam.split('.')[1] ?? '', 'base64url').toString());
    return { redirectUrl, token: tokenParam, payload };
  }
  const json = await response.json();
  if (response.status >= 400)
    throw new Api2CallError(response.status, json.code, json.message, json.data);
  return { channel: json };
}

/** "Create new Token" through API2 (`POST /api2/channels/custom/{id}/reset`). */
export async function rotateToken(mock: MockServer, channelId: string) {
  const { body } = await api2(mock, 'POST', `/channels/custom/${channelId}/reset`);
  return { accessToken: body.endpoint.accessToken as string };
}

/** The account's channels through API2 (`GET /api2/channels`). */
// biome-ignore lint/suspicious/noExplicitAny: assertions read channels by property
export async function listChannels(mock: MockServer): Promise<any[]> {
  return (await api2(mock, 'GET', '/channels')).body;
}
