import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPublicClient, type FetchLike, SocialHubError } from '@socialhub/client';
import { createTemplatesHandler } from '@socialhub/webhook-kit';
import { createNodeHandler } from '@socialhub/webhook-kit/node';
import { createChannelCallbacks, serveChannelCallback } from './channel-callbacks.js';
import { type ChannelRegistry, createChannelRegistry } from './channels.js';
import { parseContactForm, submitContact } from './contact.js';
import { ContactFormError } from './errors.js';
import { FormBodyError, readForm, sendHtml, sendJson } from './http.js';
import {
  type ContactFormManifest,
  configureManifest,
  createContactFormManifest,
} from './manifest.js';
import { createOutbox, type Outbox } from './outbox.js';
import { errorPage, formPage, outboxPage, thanksPage } from './pages.js';
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
  /** Sets `manifest` on the `accessToken`'s channel (see `configureManifest`). */
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

  const clientFor = (accessToken: string) =>
    createPublicClient({
      accessToken,
      baseUrl: socialHubUrl.href,
      userAgent: 'socialhub-example-contact-form',
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  const channels = createChannelRegistry(clientFor);
  const primary = options.accessToken
    ? (() => {
        try {
          return channels.connect(options.accessToken);
        } catch (cause) {
          throw new ContactFormError('invalid_option', 'accessToken is not a channel token', {
            cause,
          });
        }
      })()
    : undefined;
  const outbox = createOutbox();

  const webhook = createNodeHandler(
    createContactFormWebhook({ webhookSecret, channels, outbox, log }),
  );
  const templates = createNodeHandler(
    createTemplatesHandler({ secret: webhookSecret, templates: () => TEMPLATES }),
  );
  // Filled in once the server listens (publicUrl defaults to the listening URL).
  let callbacks: ReturnType<typeof createChannelCallbacks> | undefined;

  async function postContact(req: IncomingMessage, res: ServerResponse) {
    const parsed = parseContactForm(await readForm(req));
    if (!parsed.ok) {
      sendHtml(res, 400, formPage({ values: parsed.values, errors: parsed.errors }));
      return;
    }
    const { input } = parsed;
    if (outbox.spam.has(input.email)) {
      // Spammers see the usual answer; nothing reaches SocialHub.
      outbox.record({
        action: 'contact form',
        channelId: '',
        outcome: 'ignored',
        detail: 'sender marked as spam',
      });
      sendHtml(res, 200, thanksPage(input.name));
      return;
    }
    const channel = channels.target(input.channelId);
    if (!channel || channel.isDisabled) {
      const message = channel
        ? 'This form is switched off at the moment.'
        : 'This form is not connected to SocialHub yet.';
      sendHtml(res, 503, errorPage('Message not sent', message, 'not_connected'));
      return;
    }
    try {
      const { request, result } = await submitContact(channel.client, channel.channelId, input);
      if (result.status !== 201) {
        log(
          `contact: POST /inbox/tickets answered ${result.status} ${result.error.code}: ${result.error.message}`,
        );
        sendHtml(
          res,
          502,
          errorPage('Message not sent', 'Please try again in a few minutes.', result.error.code),
        );
        return;
      }
      outbox.requests.set(request.networkItemId, request);
      sendHtml(res, 200, thanksPage(input.name, result.data._id));
    } catch (error) {
      if (!(error instanceof SocialHubError)) throw error;
      log(`contact: ${error.message}`); // the client redacts tokens from its errors
      sendHtml(
        res,
        502,
        errorPage('Message not sent', 'Please try again in a few minutes.', error.code),
      );
    }
  }

  const routes: Record<
    string,
    Partial<Record<string, (req: IncomingMessage, res: ServerResponse) => unknown>>
  > = {
    '/': {
      GET: (req, res) => {
        const channel =
          new URL(req.url ?? '/', 'http://x').searchParams.get('channel') ?? undefined;
        sendHtml(res, 200, formPage(channel ? { channelId: channel } : {}));
      },
    },
    '/contact': { POST: postContact },
    '/webhook': { POST: webhook },
    '/templates': { GET: templates },
    '/add-channel': {
      GET: (req, res) => callbacks && serveChannelCallback(callbacks.addChannel, req, res),
    },
    '/reactivate-channel': {
      GET: (req, res) => callbacks && serveChannelCallback(callbacks.reactivateChannel, req, res),
    },
    '/outbox': { GET: (_req, res) => sendHtml(res, 200, outboxPage(outbox, channels.list())) },
    '/outbox.json': {
      GET: (_req, res) =>
        sendJson(res, 200, {
          emails: outbox.emails,
          activity: outbox.activity,
          channels: channels
            .list()
            .map(({ channelId, accountId, name, isDisabled }) => ({
              channelId,
              accountId,
              name,
              isDisabled,
            })),
        }),
    },
  };

  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const route = routes[path];
    const handler = route?.[req.method ?? 'GET'];
    try {
      if (!route) return sendJson(res, 404, { code: 'not_found', message: `No route ${path}` });
      if (!handler)
        return sendJson(
          res,
          405,
          { code: 'method_not_allowed', message: `Use ${Object.keys(route).join(' or ')}` },
          { allow: Object.keys(route).join(', ') },
        );
      await handler(req, res);
    } catch (error) {
      if (res.headersSent) return res.destroy();
      if (error instanceof FormBodyError) {
        res.setHeader('connection', 'close');
        return sendHtml(
          res,
          error.status,
          errorPage('Message not sent', 'The form could not be read.', error.code),
        );
      }
      log(
        `internal error on ${req.method} ${path}: ${error instanceof Error ? error.message : String(error)}`,
      );
      sendHtml(res, 500, errorPage('Something went wrong', 'Please try again.', 'internal_error'));
    }
  });
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
  callbacks = createChannelCallbacks({
    channels,
    clientFor,
    allowedOrigins: options.allowedOrigins ?? [socialHubUrl.origin],
    publicUrl,
    log,
  });
  const manifest = createContactFormManifest({ publicUrl, webhookSecret });

  return {
    url,
    publicUrl,
    manifest,
    outbox,
    channels,
    configureManifest: async () => {
      if (!primary)
        throw new ContactFormError('invalid_option', 'configureManifest needs an accessToken');
      return configureManifest(primary.client, manifest);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
