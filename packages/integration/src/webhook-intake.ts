import { webhookEventSchemas } from '@socialhub/schema/webhooks/zod';
import type { KitHandler } from '@socialhub/webhook-kit';
import {
  CHALLENGE_HEADER,
  DEFAULT_MAX_BODY_BYTES,
  verifyDelivery,
} from '@socialhub/webhook-kit/core';
import { IntegrationError, StoreError } from './errors.js';
import { answerErrors, jsonResponse, methodNotAllowed } from './http.js';
import type { IncomingEvent, IntegrationStore } from './stores/store.js';

/** An event of a verified delivery that was skipped (unknown type, or off its schema). */
export class SkippedEventError extends IntegrationError {
  override readonly name = 'SkippedEventError';
  readonly eventType: string;
  constructor(eventType: string, reason: string, options?: ErrorOptions) {
    super('invalid_argument', 400, `skipped a ${eventType} event: ${reason}`, options);
    this.eventType = eventType;
  }
}

/** What the intake needs. */
export interface WebhookIntakeOptions {
  secrets: readonly string[];
  store: IntegrationStore;
  now: () => number;
  toleranceMs?: number;
  /** Called after new events were stored, to wake the local workers. */
  onStored: (added: number) => void;
  onError: (error: unknown) => void;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const schemas = webhookEventSchemas as Record<
  string,
  { safeParse(v: unknown): { success: boolean; data?: unknown; error?: unknown } } | undefined
>;

/** Parses the verified body into the events to store; unknown or invalid events are reported and skipped. */
function eventsOf(rawBody: string | Uint8Array, onError: (e: unknown) => void): IncomingEvent[] {
  let value: unknown;
  try {
    value = JSON.parse(typeof rawBody === 'string' ? rawBody : utf8.decode(rawBody));
  } catch (cause) {
    throw new IntegrationError('invalid_argument', 400, 'body is not JSON in UTF-8', { cause });
  }
  if (!isRecord(value) || !isRecord(value.events))
    throw new IntegrationError(
      'invalid_argument',
      400,
      'body is not a delivery: no `events` object',
    );
  for (const key of ['manifestId', 'accountId', 'channelId'] as const)
    if (typeof value[key] !== 'string')
      throw new IntegrationError('invalid_argument', 400, `body is not a delivery: no \`${key}\``);
  const envelope = value as {
    manifestId: string;
    accountId: string;
    channelId: string;
    events: Record<string, unknown>;
  };
  const events: IncomingEvent[] = [];
  for (const [group, list] of Object.entries(envelope.events)) {
    const schema = Object.hasOwn(schemas, group) ? schemas[group] : undefined;
    for (const event of Array.isArray(list) ? list : [list]) {
      const type = isRecord(event) && typeof event.type === 'string' ? event.type : '?';
      const eventType = `${group}.${type}`;
      if (!schema) {
        // SocialHub says: log and skip event types you do not know.
        onError(new SkippedEventError(eventType, 'unknown event type'));
        continue;
      }
      const parsed = schema.safeParse(event);
      if (!parsed.success) {
        onError(
          new SkippedEventError(eventType, 'does not match its schema', { cause: parsed.error }),
        );
        continue;
      }
      const data = parsed.data as { uuid: string; channelId?: string };
      events.push({
        uuid: data.uuid,
        channelId: envelope.channelId,
        accountId: envelope.accountId,
        manifestId: envelope.manifestId,
        eventType,
        body: data,
      });
    }
  }
  return events;
}

/**
 * The webhook route: verifies the delivery on its raw bytes, writes its events to the store and
 * only then answers 200 with the challenge. If the store cannot be written it answers 503, so
 * SocialHub delivers again: nothing acknowledged is lost.
 */
export function createWebhookIntake(options: WebhookIntakeOptions): KitHandler {
  return {
    maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
    async handle(request) {
      if (request.method !== 'POST') return methodNotAllowed(['POST']);
      return answerErrors(async () => {
        const challenge = await verifyDelivery(request.rawBody, request.headers, {
          secrets: options.secrets,
          now: options.now,
          ...(options.toleranceMs === undefined ? {} : { toleranceMs: options.toleranceMs }),
        });
        const events = eventsOf(request.rawBody, options.onError);
        if (events.length > 0) {
          let added: number;
          try {
            ({ added } = await options.store.addEvents(events, options.now()));
          } catch (cause) {
            throw cause instanceof StoreError
              ? cause
              : new StoreError('cannot store the delivery', { cause });
          }
          if (added > 0) options.onStored(added);
        }
        return jsonResponse(200, {}, { [CHALLENGE_HEADER]: challenge });
      }, options.onError);
    },
  };
}
