import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FetchLike } from '@socialhub/client';
import {
  createIntegration,
  type Integration,
  isSocialHubOrigin,
  type ManifestUpdate,
} from '@socialhub/integration';
import { createSqliteStore } from '@socialhub/integration/sqlite';
import { createNodeHandler } from '@socialhub/webhook-kit/node';
import { serveChannelCallback } from './channel-callbacks.js';
import { type ChannelRegistry, type ConnectedChannel, createChannelRegistry } from './channels.js';
import { ContactFormError } from './errors.js';
import { createFormRoutes } from './form-routes.js';
import { createHandlers } from './handlers.js';
import { sendHtml, sendJson } from './http.js';
import { contactFormManifest } from './manifest.js';
import { createOutbox, type Outbox } from './outbox.js';
import { outboxPage } from './pages.js';
import { createRouter } from './router.js';
import { TEMPLATES } from './templates.js';

/** Options of `createContactFormApp`. */
export interface ContactFormOptions {
  /** The webhook secret (32..512 characters), also set in the manifest. */
  webhookSecret: string;
  /** The token of the channel contact-form posts go to; more channels connect via "Add Channel". */
  accessToken?: string;
  /** @default 'https://api.socialhub.io' (pass the mock server's URL to run locally) */
  socialHubUrl?: string;
  /** @default 0 (an ephemeral port) */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** The URL SocialHub reaches the example at. @default the URL it listens on */
  publicUrl?: string;
  /** Origins the channel callbacks may send the customer back to, besides `https://*.socialhub.io`. @default the origin of `socialHubUrl` */
  allowedOrigins?: readonly string[];
  /** Where events, channels and tokens are kept (SQLite). @default ':memory:' */
  databasePath?: string;
  /** @default console.log; never receives a token or a secret */
  log?: (line: string) => void;
  /** The fetch the SocialHub clients use. @default globalThis.fetch */
  fetch?: FetchLike;
}

/** A running contact-form integration. */
export interface ContactFormApp {
  /** Where it listens, e.g. `http://127.0.0.1:4100`. */
  url: string;
  /** Where SocialHub reaches it. */
  publicUrl: string;
  /** The manifest it sets (webhook, ticket actions, callbacks). */
  manifest: ManifestUpdate;
  /** What it did: requests, emails, handled actions. */
  outbox: Outbox;
  /** The channels it serves. */
  channels: ChannelRegistry;
  /** The integration underneath (store, workers, channels, imports). */
  integration: Integration;
  /** Sets the manifest of the `accessToken`'s channel where it differs, and reads the channel's name. */
  configureManifest(): Promise<'configured' | 'reusable'>;
  close(): Promise<void>;
}

function checkUrl(name: string, value: string): URL {
  if (!URL.canParse(value))
    throw new ContactFormError('invalid_option', `${name} is not an absolute URL`);
  const url = new URL(value);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ContactFormError('invalid_option', `${name} must be an http(s) URL`);
  return url;
}

/**
 * Starts the contact-form integration on node:http: the form (`GET /`, `POST /contact`), the
 * webhook, the templates and channel callbacks of `@socialhub/integration`, and what it did
 * (`GET /outbox`).
 * @example
 * const app = await createContactFormApp({
 *   socialHubUrl: 'http://127.0.0.1:4000', // the mock server
 *   accessToken: process.env.SOCIALHUB_TOKEN,
 *   webhookSecret: process.env.WEBHOOK_SECRET ?? '',
 * });
 * await app.configureManifest(); // SocialHub now sends the Inbox actions to app.publicUrl/webhook
 */
export async function createContactFormApp(options: ContactFormOptions): Promise<ContactFormApp> {
  const { webhookSecret } = options;
  if (typeof webhookSecret !== 'string' || webhookSecret.length < 32 || webhookSecret.length > 512)
    throw new ContactFormError('invalid_option', 'webhookSecret must have 32..512 characters');
  const socialHubUrl = checkUrl('socialHubUrl', options.socialHubUrl ?? 'https://api.socialhub.io');
  if (options.publicUrl !== undefined) checkUrl('publicUrl', options.publicUrl);
  const log = options.log ?? ((line: string) => console.log(line));
  const allowedOrigins = options.allowedOrigins ?? [socialHubUrl.origin];
  const outbox = createOutbox();
  const channels = createChannelRegistry();

  // Listen first: the default public URL (manifest, callbacks) is the listening URL.
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  const publicUrl = (options.publicUrl ?? url).replace(/\/+$/, '');
  const store = createSqliteStore({ path: options.databasePath ?? ':memory:' });
  const integration = createIntegration({
    manifest: contactFormManifest,
    handlers: createHandlers(outbox),
    store,
    secret: webhookSecret,
    publicUrl,
    socialHubUrl: socialHubUrl.href,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    workers: { pollMs: 100 },
    templates: () => TEMPLATES,
    isAllowedOrigin: (origin) =>
      isSocialHubOrigin(origin) || allowedOrigins.includes(origin.origin),
    // One contact form per SocialHub account: "Add Channel" again updates that channel.
    channelsToAdd: ({ payload }) => [
      {
        name: 'Contact form',
        uniqueName: `Contact form (${new URL(publicUrl).host})`,
        networkId: `contact-form-${payload.accountId}`,
      },
    ],
    reactivationFields: () => ({ name: 'Contact form' }),
    onChannelConnected: (channel) => {
      channels.track(channel);
      log(`channel ${channel.channelId} (${channel.name}) connected`);
    },
    onChannelDisabled: (channelId) => {
      channels.disable(channelId);
      outbox.record({
        action: 'channel disabled',
        channelId,
        outcome: 'done',
        detail: 'stopped sending posts to this channel',
      });
    },
    // Our errors and the client's never hold a token or a secret.
    onError: (error) => {
      log(`integration: ${error instanceof Error ? error.message : String(error)}`);
      if (error instanceof Error && error.cause instanceof Error)
        log(`  cause: ${error.cause.message}`);
    },
    log,
  });
  await integration.start();
  let primary: ConnectedChannel | undefined;
  if (options.accessToken) {
    try {
      primary = channels.track(await integration.addChannel(options.accessToken));
    } catch (cause) {
      await Promise.all([integration.close(), new Promise((resolve) => server.close(resolve))]);
      // The cause names what is wrong, never the token itself.
      throw new ContactFormError('invalid_option', 'accessToken is not a channel token', { cause });
    }
  }

  const { routes } = integration;
  const form = createFormRoutes({ channels, integration, outbox, log });
  server.on(
    'request',
    createRouter(
      {
        '/': { GET: form.showForm },
        '/contact': { POST: form.postContact },
        '/webhook': { POST: createNodeHandler(routes.webhook) },
        ...(routes.templates ? { '/templates': { GET: createNodeHandler(routes.templates) } } : {}),
        ...(routes.addChannel
          ? {
              '/add-channel': {
                GET: (req, res) => serveChannelCallback(routes.addChannel as never, req, res, log),
              },
            }
          : {}),
        '/reactivate-channel': {
          GET: (req, res) => serveChannelCallback(routes.reactivateChannel, req, res, log),
        },
        '/outbox': { GET: (_req, res) => sendHtml(res, 200, outboxPage(outbox, channels.list())) },
        // Never the tokens: the channel view holds none.
        '/outbox.json': {
          GET: (_req, res) =>
            sendJson(res, 200, {
              emails: outbox.emails,
              activity: outbox.activity,
              channels: channels.list(),
            }),
        },
      },
      log,
    ),
  );

  return {
    url,
    publicUrl,
    manifest: integration.manifest,
    outbox,
    channels,
    integration,
    async configureManifest() {
      if (!primary)
        throw new ContactFormError('invalid_option', 'configureManifest needs an accessToken');
      const [result] = await integration.syncManifest(primary.channelId);
      // `GET /` names the token's channel.
      const info = await (await integration.client(primary.channelId)).GET('/');
      if (info.status === 200) primary.name = info.data.channel.name;
      return result?.outcome === 'reusable' ? 'reusable' : 'configured';
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await integration.close();
      await store.close();
    },
  };
}
