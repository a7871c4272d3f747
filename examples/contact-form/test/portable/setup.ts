/**
 * THE ONLY MOCK-SPECIFIC PART of the portable suite. Against a real SocialHub test account
 * (`SOCIALHUB_URL` and the rest set, see `env.ts`) it only reads the configuration, starts the
 * example and waits by polling API2. Without that configuration it starts the local mock and
 * does what a customer would have done by hand on a real account, through the mock's control
 * API: a user and its API2 token (`POST /_mock/users`), a custom channel and its token
 * (`POST /_mock/channels`); and it waits with the mock's long-poll routes
 * (`GET /_mock/wait/action`, `GET /_mock/wait/followup`) instead of polling.
 */
import { randomBytes } from 'node:crypto';
import {
  type Api2Client,
  createApi2Client,
  createPublicClient,
  type PublicClient,
} from '@socialhub/client';
import { createMockServer, type MockServer } from '@socialhub/mock-server';
import { type ContactFormApp, createContactFormApp } from '../../src/index.js';
import { readPortableEnv } from './env.js';
import { type ActionOutcome, createApi2Waits, type FollowupTicket, type Waits } from './waits.js';

/** Everything a portable test uses: the example, the two SocialHub clients, waits. */
export interface PortableTarget {
  /** `'mock'`: the local mock; `'socialhub'`: the account the environment names. */
  kind: 'mock' | 'socialhub';
  app: ContactFormApp;
  /** The public Integration API with the channel token. */
  publicApi: PublicClient;
  /** API2 with the community manager's user token. */
  api2: Api2Client;
  channelId: string;
  /** Waits for the integration's answers: the mock's wait routes, or API2 polling. */
  waits: Waits;
  /** API2 polling, whatever the target (to check the real account's path on the mock too). */
  pollingWaits: Waits;
  /** The control routes called so far ("METHOD /_mock/..."); always empty off the mock. */
  controlRoutesSeen(): string[];
  /** Tokens and the secret, only to assert they are never shown. */
  secrets: string[];
  logs: string[];
  close(): Promise<void>;
}

/** The control routes this module calls, for the count in the README. */
export const CONTROL_ROUTES_USED = [
  'POST /_mock/users',
  'POST /_mock/channels',
  'GET /_mock/wait/action',
  'GET /_mock/wait/followup',
] as const;

interface Connection {
  socialHubUrl: string;
  api2Url: string;
  userToken: string;
  channelToken: string;
  publicUrl?: string;
  port: number;
  webhookSecret: string;
  mock?: MockServer;
  controlRoutesSeen?: Set<string>;
}

async function controlPost<T>(mock: MockServer, path: string, body: unknown): Promise<T> {
  const response = await fetch(new URL(path, mock.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`POST ${path} answered ${response.status}`);
  return (await response.json()) as T;
}

/** The mock's long-poll waits: one request each, answered when the outcome is reached. */
function mockWaits(mock: MockServer): Waits {
  const wait = async <T>(route: string, query: Record<string, string>): Promise<T> => {
    const url = new URL(`/_mock/wait/${route}`, mock.url);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    url.searchParams.set('timeoutMs', '15000');
    const response = await fetch(url);
    const body = await response.json();
    if (response.status !== 200)
      throw new Error(`GET /_mock/wait/${route} answered ${response.status}: ${body.message}`);
    return body as T;
  };
  return {
    action: async (ticketId, actionId) => {
      const state = await wait<{ outcome: ActionOutcome['outcome']; error?: string }>('action', {
        ticketId,
        actionId,
      });
      return { outcome: state.outcome, ...(state.error ? { reason: state.error } : {}) };
    },
    followup: async (ticketId, actionId) => {
      const ticket = await wait<{ _id: string; interaction: { message?: string } }>('followup', {
        ticketId,
        actionId,
      });
      return {
        _id: ticket._id,
        ...(ticket.interaction.message ? { message: ticket.interaction.message } : {}),
      } satisfies FollowupTicket;
    },
  };
}

/** What a customer sets up by hand on a real account, done on a fresh mock. */
async function mockConnection(): Promise<Connection> {
  // The mock's request log says which control routes the suite really called.
  const controlRoutesSeen = new Set<string>();
  const mock = await createMockServer({
    webhooks: 'fast',
    log: (line) => {
      const called = /^(GET|POST|PUT|PATCH|DELETE) (\/_mock\S*) \d{3}/.exec(line);
      if (called) controlRoutesSeen.add(`${called[1]} ${called[2]}`);
    },
  });
  const { accessToken: userToken } = await controlPost<{ accessToken: string }>(
    mock,
    '/_mock/users',
    {},
  );
  const { accessToken: channelToken } = await controlPost<{ accessToken: string }>(
    mock,
    '/_mock/channels',
    { name: 'Website contact form', networkId: 'portable-contact-form' },
  );
  return {
    socialHubUrl: mock.url,
    api2Url: `${mock.url}/api2`,
    userToken,
    channelToken,
    port: 0,
    webhookSecret: randomBytes(24).toString('hex'),
    mock,
    controlRoutesSeen,
  };
}

/** Connects to the target the environment names (or a fresh mock) and starts the example on it. */
export async function startPortableTarget(): Promise<PortableTarget> {
  const env = readPortableEnv();
  const connection: Connection = env
    ? { ...env, webhookSecret: env.webhookSecret ?? randomBytes(24).toString('hex') }
    : await mockConnection();
  const { mock } = connection;
  const logs: string[] = [];
  let app: ContactFormApp;
  try {
    app = await createContactFormApp({
      socialHubUrl: connection.socialHubUrl,
      accessToken: connection.channelToken,
      webhookSecret: connection.webhookSecret,
      port: connection.port,
      ...(connection.publicUrl ? { publicUrl: connection.publicUrl } : {}),
      log: (line) => logs.push(line),
    });
    await app.configureManifest();
  } catch (error) {
    await mock?.close();
    throw error;
  }
  const channelId = app.channels.list()[0]?.channelId as string;
  if (env?.channelId && env.channelId !== channelId)
    throw new Error(
      'portable suite: SOCIALHUB_CHANNEL_TOKEN is not the token of SOCIALHUB_CHANNEL_ID',
    );
  const api2 = createApi2Client({ baseUrl: connection.api2Url, accessToken: connection.userToken });
  const pollingWaits = createApi2Waits(api2, mock ? { intervalMs: 20 } : {});
  return {
    kind: mock ? 'mock' : 'socialhub',
    app,
    publicApi: createPublicClient({
      baseUrl: connection.socialHubUrl,
      accessToken: connection.channelToken,
    }),
    api2,
    channelId,
    waits: mock ? mockWaits(mock) : pollingWaits,
    pollingWaits,
    controlRoutesSeen: () => [...(connection.controlRoutesSeen ?? [])].sort(),
    secrets: [connection.userToken, connection.channelToken, connection.webhookSecret],
    logs,
    close: async () => {
      await app.close();
      await mock?.close();
    },
  };
}
