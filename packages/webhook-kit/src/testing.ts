import type { WebhookEventMap } from '@socialhub/schema/webhooks';
import { SIGNED_GET_BODY } from './constants.js';
import { signDelivery } from './core.js';
import type { WebhookEventName, WebhookEvents } from './events.js';
import type { KitRequest } from './http.js';

/** Options of `createTestDelivery`. */
export interface TestDeliveryOptions {
  /** The webhook secret the handler under test is configured with. */
  secret: string;
  /** The delivery's `events`; omitted, it is SocialHub's test request (`events: {}`). */
  events?: { [G in keyof WebhookEventMap]?: WebhookEventMap[G][] };
  /** @default a random ObjectId */
  manifestId?: string;
  /** @default a random ObjectId */
  accountId?: string;
  /** @default a random ObjectId */
  channelId?: string;
  /**
   * Signing time in milliseconds.
   * @default Date.now()
   */
  timestamp?: number;
}

/** A signed delivery, usable directly as the argument of a handler's `handle`. */
export interface TestDelivery extends KitRequest {
  method: 'POST';
  /** The exact JSON text that was signed. */
  rawBody: string;
  headers: Record<string, string>;
  /** The challenge a correct receiver answers with. */
  challenge: string;
  /** A fetch `Request` of this delivery, for fetch handlers or a running server. */
  toRequest(url: string): Request;
}

const hex = (bytes: number) =>
  Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');

/** A random 24-hex-character id, the shape of SocialHub's ids. */
export const randomObjectId = () => hex(12);

/**
 * Builds a delivery signed exactly as SocialHub signs it, so an integration's own tests can
 * call its handler without a server.
 * @example
 * const delivery = await createTestDelivery({
 *   secret,
 *   events: { ticket_action: [createTestEvent('ticket_action.reply', { payload: { followupId, text: 'Hi' } })] },
 * });
 * const response = await webhooks.handle(delivery);
 * await response.background; // the handlers ran
 */
export async function createTestDelivery(options: TestDeliveryOptions): Promise<TestDelivery> {
  const rawBody = JSON.stringify({
    manifestId: options.manifestId ?? randomObjectId(),
    accountId: options.accountId ?? randomObjectId(),
    channelId: options.channelId ?? randomObjectId(),
    events: options.events ?? {},
  });
  const signed = await signDelivery(rawBody, {
    secret: options.secret,
    timestamp: options.timestamp ?? Date.now(),
  });
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'SocialHub',
    ...signed.headers,
  };
  return {
    method: 'POST',
    url: '/',
    rawBody,
    headers,
    challenge: signed.challenge,
    toRequest: (url) => new Request(url, { method: 'POST', body: rawBody, headers }),
  };
}

/** A signed templates callback request (`GET ?channelId=`), usable as the argument of `handle`. */
export interface TestTemplatesRequest extends KitRequest {
  method: 'GET';
  headers: Record<string, string>;
  challenge: string;
  /** A fetch `Request` of this callback; `channelId` is appended to `url`. */
  toRequest(url: string): Request;
}

/**
 * Builds the templates callback request SocialHub sends for `template_reply` actions, signed
 * over the empty body as `createTemplatesHandler` expects.
 * @example
 * const response = await templatesHandler.handle(await createTestTemplatesRequest({ secret, channelId }));
 */
export async function createTestTemplatesRequest(options: {
  secret: string;
  channelId: string;
  timestamp?: number;
}): Promise<TestTemplatesRequest> {
  const signed = await signDelivery(SIGNED_GET_BODY, {
    secret: options.secret,
    timestamp: options.timestamp ?? Date.now(),
  });
  const query = `channelId=${encodeURIComponent(options.channelId)}`;
  const headers = { 'user-agent': 'SocialHub', ...signed.headers };
  return {
    method: 'GET',
    url: `/?${query}`,
    headers,
    rawBody: SIGNED_GET_BODY,
    challenge: signed.challenge,
    toRequest: (url) => {
      const target = new URL(url);
      target.searchParams.set('channelId', options.channelId);
      return new Request(target, { headers });
    },
  };
}

type Defaults = { [K in WebhookEventName]: () => WebhookEvents[K] };

const ticketAction = <T extends string>(type: T) => ({
  ticketId: randomObjectId(),
  networkItemId: `test-${hex(6)}`,
  type,
  actionId: `${type}-action`,
  time: Date.now(),
  uuid: crypto.randomUUID(),
});

const defaults: Defaults = {
  'ticket_action.reply': () => ({
    ...ticketAction('reply'),
    payload: { followupId: crypto.randomUUID(), text: 'Test reply' },
  }),
  'ticket_action.template_reply': () => ({
    ...ticketAction('template_reply'),
    payload: {
      followupId: crypto.randomUUID(),
      name: 'Test Greeting',
      networkId: 'test_greeting',
      variables: { firstName: 'Anna' },
      language: 'en',
    },
  }),
  'ticket_action.button': () => ({ ...ticketAction('button'), payload: {} }),
  'ticket_action.delete': () => ({ ...ticketAction('delete'), payload: {} }),
  'channel_action.disabled': () => ({
    channelId: randomObjectId(),
    type: 'disabled',
    time: Date.now(),
    uuid: crypto.randomUUID(),
  }),
};

/**
 * Builds one valid event of a routed type with fresh ids, a current `time` and a random `uuid`;
 * `overrides` replace top-level fields.
 * @example
 * createTestEvent('ticket_action.button', { ticketId: '5cc1b08ad62ec72e8388cb47' });
 */
export function createTestEvent<K extends WebhookEventName>(
  name: K,
  overrides: Partial<WebhookEvents[K]> = {},
): WebhookEvents[K] {
  return { ...defaults[name](), ...overrides } as WebhookEvents[K];
}
