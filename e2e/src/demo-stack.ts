import { randomBytes } from 'node:crypto';
import { type ContactFormApp, createContactFormApp } from '@socialhub/example-contact-form';
import { createMockServer, type DeliveryOptions, type MockServer } from '@socialhub/mock-server';
import { DemoError } from './errors.js';

/** Options of `startDemo`. */
export interface DemoOptions {
  /** Port of the mock SocialHub (`0`: any free port). @default 4010 */
  socialHubPort?: number;
  /** Port of the contact-form example (`0`: any free port). @default 4020 */
  examplePort?: number;
  /** Receives log lines of both servers (never a token or a secret). @default no logging */
  log?: (line: string) => void;
  /** Webhook delivery timing of the mock (tests shorten the retries). @default the mock's */
  webhooks?: Partial<DeliveryOptions>;
}

/** The URLs a person opens, none with a token or a secret in it. */
export interface DemoUrls {
  /** The mock's web UI, e.g. `http://127.0.0.1:4010/app/`. */
  app: string;
  /** The Inbox of the demo channel. */
  inbox: string;
  /** The Channels page ("Add Channel", tokens, disable). */
  channels: string;
  /** Every request SocialHub sent to the example, with its outcome. */
  deliveries: string;
  /** The example's contact form (a website visitor). */
  contactForm: string;
  /** What the example did: emails sent, actions handled. */
  outbox: string;
}

/** A running demo: the mock SocialHub, the contact-form example wired to it, and their URLs. */
export interface DemoStack {
  mock: MockServer;
  app: ContactFormApp;
  /** The custom channel the contact form posts to. */
  channelId: string;
  /** The reusable manifest of the contact form (the network "Add Channel" offers). */
  reusableManifestId: string;
  urls: DemoUrls;
  /** Stops the example, then the mock. Safe to call twice. */
  close(): Promise<void>;
}

/** Name of the demo's custom channel. */
export const DEMO_CHANNEL_NAME = 'Website contact form';
/** Name of the reusable manifest the demo offers under "Add Channel". */
export const DEMO_NETWORK_NAME = 'Contact form';
/** The ports `startDemo` listens on unless told otherwise. */
export const DEMO_PORTS = { socialHub: 4010, example: 4020 } as const;

const HOST = '127.0.0.1';

function isAddressInUse(error: unknown): boolean {
  return (error as { code?: unknown } | undefined)?.code === 'EADDRINUSE';
}

function portError(what: string, port: number, variable: string, cause: unknown): DemoError {
  return isAddressInUse(cause)
    ? new DemoError(
        'port_in_use',
        `port ${port} (${what}) is in use: stop what runs there or set ${variable} to another port`,
        { cause },
      )
    : new DemoError('start_failed', `${what} did not start`, { cause });
}

/**
 * Starts the demo on 127.0.0.1: the mock SocialHub with its web UI, a custom channel created
 * through the control API, the contact-form example on that channel's token with a random
 * webhook secret, the example's manifest set (its webhook test request passed) and the same
 * manifest offered as a reusable network, so "Add Channel" works too.
 * @example
 * const demo = await startDemo({ socialHubPort: 0, examplePort: 0 });
 * console.log(`open ${demo.urls.inbox}`);
 * await demo.close();
 */
export async function startDemo(options: DemoOptions = {}): Promise<DemoStack> {
  const log = options.log ?? (() => {});
  const socialHubPort = options.socialHubPort ?? DEMO_PORTS.socialHub;
  const examplePort = options.examplePort ?? DEMO_PORTS.example;

  let mock: MockServer;
  try {
    mock = await createMockServer({
      port: socialHubPort,
      host: HOST,
      // Webhook outcomes (discarded, webhook removed) are worth showing; every request is not.
      log: (line) => log(`[socialhub] ${line}`),
      logRequests: false,
      ...(options.webhooks ? { webhooks: options.webhooks } : {}),
    });
  } catch (cause) {
    throw portError('the mock SocialHub', socialHubPort, 'DEMO_SOCIALHUB_PORT', cause);
  }

  let app: ContactFormApp | undefined;
  let isClosed = false;
  const close = async () => {
    if (isClosed) return;
    isClosed = true;
    await app?.close();
    await mock.close();
  };

  try {
    // The customer creates a custom channel and hands its token to the integration.
    const { channel, accessToken } = await mock.control.createChannel({
      name: DEMO_CHANNEL_NAME,
      networkId: 'website-contact-form',
    });
    // A fresh secret on every start: nothing to configure, nothing to leak.
    const webhookSecret = randomBytes(32).toString('hex');
    try {
      app = await createContactFormApp({
        socialHubUrl: mock.url,
        accessToken,
        webhookSecret,
        port: examplePort,
        host: HOST,
        log: (line) => log(`[example] ${line}`),
      });
    } catch (cause) {
      throw portError('the contact-form example', examplePort, 'DEMO_EXAMPLE_PORT', cause);
    }
    const outcome = await app.configureManifest();
    if (outcome !== 'configured')
      throw new DemoError('setup_failed', `the demo channel's manifest is ${outcome}`);

    // The SocialHub Team publishes the integration as a network customers can add.
    const reusable = await mock.control.createManifest({
      name: DEMO_NETWORK_NAME,
      manifest: app.manifest,
    });

    // Both ids are always set on what the control API creates (the public schema has them optional).
    const channelId = channel._id as string;
    const ui = `${mock.url}/app/`;
    return {
      mock,
      app,
      channelId,
      reusableManifestId: reusable._id as string,
      urls: {
        app: ui,
        inbox: `${ui}#/inbox/${channelId}`,
        channels: `${ui}#/channels`,
        deliveries: `${ui}#/deliveries`,
        contactForm: `${app.url}/`,
        outbox: `${app.url}/outbox`,
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
