import { CHALLENGE_HEADER, DEFAULT_MAX_BODY_BYTES, TIMESTAMP_HEADER } from './constants.js';
import { verifyDelivery } from './core.js';
import type { RawBody } from './create-core.js';
import { createMemoryDedupeStore, type DedupeStore } from './dedupe.js';
import {
  EventHandlerError,
  InvalidEventError,
  InvalidOptionsError,
  MalformedJsonError,
  type WebhookKitError,
} from './errors.js';
import { type HeadersInput, readHeader } from './headers.js';
import {
  answerErrors,
  jsonResponse,
  type KitHandler,
  type KitRequest,
  type KitResponse,
  methodNotAllowed,
} from './http.js';
import { type SecretOptions, secretList } from './secrets.js';

/** Anything with zod's `safeParse`: the generated event schemas. */
export interface EventSchema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: unknown };
}

/**
 * What the router routes by, as `@socialhub/schema` generates it from the contract's
 * discriminator mappings: `webhookRouteSchemas` and `webhookEventGroups`.
 */
export interface EventRoutes<Events extends object> {
  /** Routing key (`<event group>.<discriminator value>`, or the group alone) → event schema. */
  schemas: { [K in keyof Events & string]: EventSchema<Events[K]> };
  /** Event group → the property its events are routed by (`undefined`: the group is one key). */
  groups: Readonly<Record<string, { readonly discriminator: string | undefined }>>;
}

/** Facts about the delivery an event came in, passed to every handler. */
export interface DeliveryContext {
  manifestId: string;
  accountId: string;
  channelId: string;
  /** `X-SocialHub-Timestamp` of the delivery, in milliseconds. */
  timestamp: number;
}

/** What handlers get beside the event. */
export interface EventContext<K extends string = string> extends DeliveryContext {
  /** `<event group>.<type>`, e.g. `ticket_action.reply`. */
  eventType: K;
}

/** How the router answers. */
export type DeliveryMode =
  /** Answer 200 with the challenge at once, then run the handlers (SocialHub's advice). */
  | 'respond-first'
  /**
   * Run the handlers first, then answer: for serverless runtimes that stop after the response.
   * Answers 500 if a handler failed, so that SocialHub redelivers (handled events are de-duplicated).
   */
  | 'wait';

/** Counts of one processed delivery. */
export interface ProcessResult {
  handled: number;
  duplicates: number;
  unknown: number;
  invalid: number;
  failed: number;
}

/** Options shared by every `createWebhookHandler`. */
export type RouterOptions<Events extends object> = SecretOptions & {
  /** One handler per event type; types without a handler are acknowledged and skipped. */
  on: { [K in keyof Events & string]?: (event: Events[K], context: EventContext<K>) => unknown };
  /** Called for event types this version does not know; SocialHub says to log and skip them. */
  onUnknown?: (event: unknown, context: EventContext) => unknown;
  /**
   * Called with an `InvalidEventError` or an `EventHandlerError`; one bad event never stops the others.
   * @default logs with console.error
   */
  onError?: (error: WebhookKitError, context: DeliveryContext) => unknown;
  /** @default 'respond-first' */
  mode?: DeliveryMode;
  /**
   * De-duplication of events by `uuid`; `false` turns it off.
   * @default createMemoryDedupeStore() (10,000 uuids, LRU)
   */
  dedupe?: DedupeStore | false;
  /** @default 300000 (5 minutes, either direction) */
  toleranceMs?: number;
  /** @default 1048576 (1 MiB) */
  maxBodyBytes?: number;
  /** @default Date.now */
  now?: () => number;
};

/** A verified delivery: the challenge to answer with and the event processing. */
export interface ReceivedDelivery {
  challenge: string;
  /** True for SocialHub's test request (`events: {}`). */
  isTest: boolean;
  /** Starts processing the events; resolves when every handler has settled. Never rejects. */
  process(): Promise<ProcessResult>;
}

/** The router: a `KitHandler` for the adapters, plus `receive` for use without HTTP. */
export interface WebhookHandler extends KitHandler {
  /** Verifies and parses a delivery; throws the typed errors. */
  receive(rawBody: RawBody, headers: HeadersInput): Promise<ReceivedDelivery>;
}

interface Envelope {
  manifestId: string;
  accountId: string;
  channelId: string;
  events: Record<string, unknown>;
}

const decoder = new TextDecoder('utf-8', { fatal: true });
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function parseEnvelope(rawBody: RawBody): Envelope {
  let value: unknown;
  try {
    value = JSON.parse(typeof rawBody === 'string' ? rawBody : decoder.decode(rawBody));
  } catch (error) {
    throw new MalformedJsonError('invalid JSON or UTF-8', { cause: error });
  }
  if (!isRecord(value) || !isRecord(value.events))
    throw new MalformedJsonError('no `events` object');
  for (const key of ['manifestId', 'accountId', 'channelId'] as const) {
    if (typeof value[key] !== 'string') throw new MalformedJsonError(`\`${key}\` is not a string`);
  }
  return value as unknown as Envelope;
}

const defaultOnError = (error: WebhookKitError) => {
  console.error(error);
};

// Lets an adapter write the response before any handler code runs, on every runtime.
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

const MODES: readonly DeliveryMode[] = ['respond-first', 'wait'];

/** Throws `InvalidOptionsError` at start-up for options the router could only fail on later. */
function checkOptions(options: RouterOptions<object>, known: readonly string[]): void {
  secretList(options);
  const { on, onUnknown, onError, mode, dedupe } = options;
  if (typeof on !== 'object' || on === null)
    throw new InvalidOptionsError('`on` must be an object of handlers keyed by routing key');
  for (const [key, handler] of Object.entries(on)) {
    if (!known.includes(key))
      throw new InvalidOptionsError(
        `\`on\` has a handler for ${JSON.stringify(key)}, which is not a routing key; known: ${known.join(', ')}`,
      );
    if (handler !== undefined && typeof handler !== 'function')
      throw new InvalidOptionsError(`\`on[${JSON.stringify(key)}]\` must be a function`);
  }
  for (const [name, value] of [
    ['onUnknown', onUnknown],
    ['onError', onError],
  ] as const) {
    if (value !== undefined && typeof value !== 'function')
      throw new InvalidOptionsError(`\`${name}\` must be a function`);
  }
  for (const [name, value] of [
    ['toleranceMs', options.toleranceMs],
    ['maxBodyBytes', options.maxBodyBytes],
  ] as const) {
    if (value !== undefined && !(typeof value === 'number' && value >= 0 && value < Infinity))
      throw new InvalidOptionsError(`\`${name}\` must be a non-negative number`);
  }
  if (options.now !== undefined && typeof options.now !== 'function')
    throw new InvalidOptionsError('`now` must be a function returning milliseconds');
  if (mode !== undefined && !MODES.includes(mode))
    throw new InvalidOptionsError(`\`mode\` must be ${MODES.map((m) => `'${m}'`).join(' or ')}`);
  if (
    dedupe !== undefined &&
    dedupe !== false &&
    (typeof dedupe?.claim !== 'function' || typeof dedupe?.release !== 'function')
  )
    throw new InvalidOptionsError('`dedupe` must be `false` or a store with `claim` and `release`');
}

/** The routing key of one event of `group`, or `group` alone when it cannot be narrowed. */
function routingKey(groups: EventRoutes<object>['groups'], group: string, event: unknown): string {
  const known = Object.hasOwn(groups, group) ? groups[group] : undefined;
  // A group the contract does not know yet is keyed by `type`, SocialHub's usual discriminator,
  // so that `onUnknown` sees `<group>.<type>`.
  const property = known ? known.discriminator : 'type';
  if (property === undefined) return group;
  const value = isRecord(event) ? event[property] : undefined;
  return typeof value === 'string' ? `${group}.${value}` : group;
}

/**
 * Builds a router on generated routing tables (`createWebhookHandler` passes the contract's).
 * Throws `InvalidOptionsError` at once for unusable options.
 */
export function createRouter<Events extends object>(
  routes: EventRoutes<Events>,
  options: RouterOptions<Events>,
): WebhookHandler {
  const table = routes.schemas as Record<string, EventSchema<unknown> | undefined>;
  checkOptions(options as RouterOptions<object>, Object.keys(table)); // fail at start-up
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const mode = options.mode ?? 'respond-first';
  const dedupe =
    options.dedupe === false ? undefined : (options.dedupe ?? createMemoryDedupeStore());
  const onError = options.onError ?? defaultOnError;
  const handlers = options.on as Record<
    string,
    ((event: unknown, context: EventContext) => unknown) | undefined
  >;

  const report = async (error: WebhookKitError, context: DeliveryContext) => {
    try {
      await onError(error, context);
    } catch (secondary) {
      console.error(secondary);
    }
  };

  async function processEvent(
    group: string,
    event: unknown,
    delivery: DeliveryContext,
    result: ProcessResult,
  ): Promise<void> {
    const eventType = routingKey(routes.groups, group, event);
    const context: EventContext = { ...delivery, eventType };
    const schema = Object.hasOwn(table, eventType) ? table[eventType] : undefined;
    if (!schema) {
      result.unknown++;
      try {
        await options.onUnknown?.(event, context);
      } catch (cause) {
        result.failed++;
        await report(new EventHandlerError(eventType, event, { cause }), delivery);
      }
      return;
    }
    const parsed = schema.safeParse(event);
    if (!parsed.success) {
      result.invalid++;
      await report(new InvalidEventError(eventType, event, { cause: parsed.error }), delivery);
      return;
    }
    const handler = handlers[eventType];
    const uuid = (event as { uuid?: unknown }).uuid;
    const key = typeof uuid === 'string' ? uuid : undefined;
    if (dedupe && key !== undefined && !(await dedupe.claim(key))) {
      result.duplicates++;
      return;
    }
    try {
      await handler?.(parsed.data, context);
      result.handled++;
    } catch (cause) {
      result.failed++;
      if (dedupe && key !== undefined) await dedupe.release(key);
      await report(new EventHandlerError(eventType, event, { cause }), delivery);
    }
  }

  async function processAll(envelope: Envelope, timestamp: number): Promise<ProcessResult> {
    const result: ProcessResult = { handled: 0, duplicates: 0, unknown: 0, invalid: 0, failed: 0 };
    const delivery: DeliveryContext = {
      manifestId: envelope.manifestId,
      accountId: envelope.accountId,
      channelId: envelope.channelId,
      timestamp,
    };
    const jobs: Promise<void>[] = [];
    for (const [group, list] of Object.entries(envelope.events)) {
      const events = Array.isArray(list) ? list : [list];
      for (const event of events) {
        // Handler failures are caught inside; this catches the rest (a dedupe store that threw),
        // so one event can neither stop nor reject the others.
        jobs.push(
          processEvent(group, event, delivery, result).catch((cause: unknown) => {
            result.failed++;
            return report(new EventHandlerError(group, event, { cause }), delivery);
          }),
        );
      }
    }
    await Promise.all(jobs);
    return result;
  }

  async function receive(rawBody: RawBody, headers: HeadersInput): Promise<ReceivedDelivery> {
    const challenge = await verifyDelivery(rawBody, headers, options);
    const envelope = parseEnvelope(rawBody);
    // verifyDelivery has checked that this header holds an integer.
    const timestamp = Number(readHeader(headers, TIMESTAMP_HEADER));
    const isTest = Object.keys(envelope.events).length === 0;
    return { challenge, isTest, process: () => processAll(envelope, timestamp) };
  }

  async function handle(request: KitRequest): Promise<KitResponse> {
    if (request.method !== 'POST') return methodNotAllowed(['POST']);
    return answerErrors(async () => {
      const delivery = await receive(request.rawBody, request.headers);
      const accepted = jsonResponse(200, {}, { [CHALLENGE_HEADER]: delivery.challenge });
      if (delivery.isTest) return accepted;
      if (mode === 'wait') {
        const result = await delivery.process();
        return result.failed > 0
          ? jsonResponse(500, {
              code: 'handler_failed',
              message: '@socialhub/webhook-kit: a handler failed',
            })
          : accepted;
      }
      const background = nextTask()
        .then(() => delivery.process())
        .then(() => undefined);
      return { ...accepted, background };
    });
  }

  return { handle, receive, maxBodyBytes };
}
