import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPublicClient, type FetchLike } from '@socialhub/client';
import { createTemplatesHandler } from '@socialhub/webhook-kit';
import { createNodeHandler } from '@socialhub/webhook-kit/node';
import { createChannelCallbacks, serveChannelCallback } from './channel-callbacks.js';
import { type ChannelRegistry, type ConnectedChannel, createChannelRegistry } from './channels.js';
import { ContactFormError } from './errors.js';
import { createFormRoutes } from './form-routes.js';
import { sendHtml, sendJson } from './http.js';
import {
  type ContactFormManifest,
  configureManifest,
  createContactFormManifest,
} from './manifest.js';
import { createOutbox, type Outbox } from './outbox.js';
import { outboxPage } from './pages.js';
import { createRouter, type Routes } from './router.js';
import { TEMPLATES } from './templates.js';
import { createContactFormWebhook } from './webhook.js';

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
  /**
   * Origins the channel callbacks may send the customer back to, besides `https://*.socialhub.io`.
   * @default the origin of `socialHubUrl`
   */
  allowedOrigins?: readonly string[];
  /** @default console.log; never receives a token or a secret */
  log?: (line: string) => void;
  /** The fetch the SocialHub client uses. @default globalThis.fetch */
  fetch?: FetchLike;
}

/** A running contact-form integration. */
export interface ContactFormApp {
  /** Where it listens, e.g. `http://127.0.0.1:4100`. */
  url: string;
  /** Where SocialHub reaches it. */
  publicUrl: string;
  /** The manifest it sets (webhook, ticket actions, callbacks). */
  manifest: ContactFormManifest;
  /** What it did: requests, emails, handled actions. */
  outbox: Outbox;
  /** The channels it holds tokens for. */
  channels: ChannelRegistry;
  /** Sets `manifest` on the `accessToken`'s channel (see `configureManifest`) and reads its name. */
  configureManifest(): Promise<'configured' | 'reusable'>;
  close(): Promise<void>;
}

const SECRET_LENGTH = { min: 32, max: 512 };

function checkUrl(name: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ContactFormError('invalid_option', `${name} is not an absolute URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ContactFormError('invalid_option', `${name} must be an http(s) URL`);
  return url;
}

/**
 * Starts the contact-form integration on node:http: the form (`GET /`, `POST /contact`), the
 * webhook (`POST /webhook`), the templates callback (`GET /templates`), the channel callbacks
 * (`GET /add-channel`, `GET /reactivate-channel`) and what it did (`GET /outbox`).
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
  if (
    typeof webhookSecret !== 'string' ||
    webhookSecret.length < SECRET_LENGTH.min ||
    webhookSecret.length > SECRET_LENGTH.max
  )
    throw new ContactFormError('invalid_option', 'webhookSecret must have 32..512 characters');
  const socialHubUrl = checkUrl('socialHubUrl', options.socialHubUrl ?? 'https://api.socialhub.io');
  if (options.publicUrl !== undefined) checkUrl('publicUrl', options.publicUrl);
  const log = options.log ?? ((line: string) => console.log(line));

  const clientOptions = {
    baseUrl: socialHubUrl.href,
    userAgent: 'socialhub-example-contact-form',
    ...(options.fetch ? { fetch: options.fetch } : {}),
  };
  const clientFor = (accessToken: string) => createPublicClient({ ...clientOptions, accessToken });
  const channels = createChannelRegistry(clientFor);
  let primary: ConnectedChannel | undefined;
  if (options.accessToken) {
    try {
      primary = channels.connect(options.accessToken);
    } catch (cause) {
      // The cause (a SocialHubTokenError) names what is wrong, never the token itself.
      throw new ContactFormError('invalid_option', 'accessToken is not a channel token', { cause });
    }
  }
  const outbox = createOutbox();

  // Listen first: the default public URL (manifest, callbacks) is the listening URL.
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  const publicUrl = (options.publicUrl ?? url).replace(/\/+$/, '');
  const manifest = createContactFormManifest({ publicUrl, webhookSecret });

  const form = createFormRoutes({ channels, outbox, log });
  const webhook = createContactFormWebhook({ webhookSecret, channels, outbox, log });
  const templates = createTemplatesHandler({ secret: webhookSecret, templates: () => TEMPLATES });
  const callbacks = createChannelCallbacks({
    channels,
    client: clientOptions,
    allowedOrigins: options.allowedOrigins ?? [socialHubUrl.origin],
    publicUrl,
    log,
  });
  const routes: Routes = {
    '/': { GET: form.showForm },
    '/contact': { POST: form.postContact },
    '/webhook': { POST: createNodeHandler(webhook) },
    '/templates': { GET: createNodeHandler(templates) },
    '/add-channel': {
      GET: (req, res) => serveChannelCallback(callbacks.addChannel, req, res, log),
    },
    '/reactivate-channel': {
      GET: (req, res) => serveChannelCallback(callbacks.reactivateChannel, req, res, log),
    },
    '/outbox': { GET: (_req, res) => sendHtml(res, 200, outboxPage(outbox, channels.list())) },
    '/outbox.json': {
      GET: (_req, res) =>
        sendJson(res, 200, {
          emails: outbox.emails,
          activity: outbox.activity,
          // Never the tokens.
          channels: channels.list().map(({ channelId, accountId, name, isDisabled }) => ({
            channelId,
            accountId,
            name,
            isDisabled,
          })),
        }),
    },
  };
  server.on('request', createRouter(routes, log));

  return {
    url,
    publicUrl,
    manifest,
    outbox,
    channels,
    configureManifest: async () => {
      if (!primary)
        throw new ContactFormError('invalid_option', 'configureManifest needs an accessToken');
      const outcome = await configureManifest(primary.client, manifest);
      // `GET /` names the token's channel (and, for a custom channel, its manifest).
      const info = await primary.client.GET('/');
      if (info.status === 200) primary.name = info.data.channel.name;
      return outcome;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
