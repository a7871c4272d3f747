import { type WebhookEventMap, webhookRoutes } from '@socialhub/schema/webhooks';
import { webhookRouteSchemas } from '@socialhub/schema/webhooks/zod';
import { SIGNED_GET_BODY } from './constants.js';
import { signDelivery } from './core.js';
import { InvalidEventError, InvalidOptionsError } from './errors.js';
import type { WebhookEventName, WebhookRouteMap } from './events.js';
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

/** `T` with every object field optional, at any depth; arrays are replaced whole. */
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const OBJECT_ID = /^[a-f0-9]{24}$/;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' &&
  value !== null &&
  (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null);

/** A copy of the contract's example with fresh UUIDs and ObjectIds (the same id stays the same) and `time` now. */
function freshen(example: unknown): unknown {
  const ids = new Map<string, string>();
  const fresh = (value: unknown, key?: string): unknown => {
    if (Array.isArray(value)) return value.map((item) => fresh(item));
    if (isPlainObject(value))
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fresh(v, k)]));
    if (key === 'time' && typeof value === 'number') return Date.now();
    if (typeof value !== 'string' || !(UUID.test(value) || OBJECT_ID.test(value))) return value;
    let id = ids.get(value);
    if (id === undefined) {
      id = UUID.test(value) ? crypto.randomUUID() : randomObjectId();
      ids.set(value, id);
    }
    return id;
  };
  return fresh(example);
}

/** `base` with `overrides` merged in: plain objects deeply, anything else (arrays too) replaced. */
function deepMerge(base: unknown, overrides: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(overrides)) return overrides;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    merged[key] = deepMerge(base[key], value);
  }
  return merged;
}

/**
 * Builds one valid event of a routing key: the contract's example of it (`webhookRoutes` of
 * `@socialhub/schema/webhooks`) with fresh UUIDs and ObjectIds and a current `time`, with
 * `overrides` merged in deeply (arrays are replaced). The result is validated with the event's
 * generated schema, so an override the router would reject throws an `InvalidEventError`
 * naming the field, instead of making a delivery that is answered 200 and never handled.
 * @example
 * createTestEvent('ticket_action.reply', { payload: { text: 'Hello' } }); // keeps followupId
 */
export function createTestEvent<K extends WebhookEventName>(
  name: K,
  overrides: DeepPartial<WebhookRouteMap[K]> = {} as DeepPartial<WebhookRouteMap[K]>,
): WebhookRouteMap[K] {
  if (typeof name !== 'string' || !Object.hasOwn(webhookRoutes, name))
    throw new InvalidOptionsError(
      `createTestEvent: ${JSON.stringify(name)} is not a routing key; known: ${Object.keys(webhookRoutes).join(', ')}`,
    );
  if (overrides !== undefined && !isPlainObject(overrides))
    throw new InvalidOptionsError('createTestEvent: `overrides` must be a plain object');
  const event = deepMerge(freshen(webhookRoutes[name].example), overrides);
  const parsed = webhookRouteSchemas[name].safeParse(event);
  if (!parsed.success) throw new InvalidEventError(name, event, { cause: parsed.error });
  return event as WebhookRouteMap[K];
}
