import type { components } from '@socialhub/schema/public';
import { TemplateListSchema } from '@socialhub/schema/public/zod';
import type { WebhookEventMap, WebhookEventType } from '@socialhub/schema/webhooks';
import { WebhookDeliverySchema } from '@socialhub/schema/webhooks/zod';
import { MockServerError } from '../http/errors.js';
import type { IdGenerator } from '../state/ids.js';
import type { Store } from '../state/store.js';
import type { ChannelRecord, DeliveryRecord, ManifestRecord } from '../state/types.js';
import { sendSignedRequest } from './signed-request.js';

/** Delivery timing; tests shorten it, the defaults are SocialHub-like. */
export interface DeliveryOptions {
  /**
   * How long events of one channel are collected into one delivery.
   * @default 25
   */
  batchWindowMs: number;
  /**
   * Waits before each retry of a delivery that got no 2xx; after the last, the events are discarded.
   * @default [1000, 5000, 30000]
   */
  retryDelaysMs: number[];
  /**
   * Timeout of one request to the integration.
   * @default 10000
   */
  timeoutMs: number;
}

/** A template as the integration's templates callback returns it. */
export type Template = components['schemas']['Template'];

/** Sends what SocialHub sends to an integration: event deliveries, the test request, the templates GET. */
export interface DeliveryEngine {
  /** Queues one event of a contract event type for the channel's next delivery. */
  enqueue<K extends WebhookEventType>(channelId: string, type: K, event: WebhookEventMap[K]): void;
  /** Sends the `PATCH /manifest` test request; throws `422 WebhookValidationError` on failure. */
  testWebhook(
    channel: ChannelRecord,
    manifest: ManifestRecord,
    webhook: { url: string; secret: string },
  ): Promise<void>;
  /** Fetches the templates of a `template_reply` action with a signed GET. */
  fetchTemplates(
    channel: ChannelRecord,
    manifest: ManifestRecord,
    url: string,
  ): Promise<Template[]>;
  /**
   * Sends an `events` delivery again, freshly signed, to the manifest's current webhook; answers
   * the new delivery (sent in the background). `404` for an unknown id, `409` for other kinds.
   */
  redeliver(deliveryId: string): DeliveryRecord;
  /** Sends every queued event now and resolves when nothing is queued, in flight or waiting to retry. */
  settle(): Promise<void>;
  /** Drops queued events and aborts requests in flight. */
  close(): void;
  /** Forgets queued events (state reset). */
  clear(): void;
}

/** Events of one delivery by type, as the envelope's `events` holds them. */
type QueuedEvents = { [K in WebhookEventType]?: WebhookEventMap[K][] };

interface ChannelQueue {
  events: QueuedEvents;
  timer?: NodeJS.Timeout;
  isBusy: boolean;
}

const VALIDATION_FAILED = 'Error: An error occurred while attempting to validate the WebHook';

/** Creates the delivery engine. */
export function createDeliveryEngine(deps: {
  store: Store;
  ids: IdGenerator;
  now: () => number;
  log: (line: string) => void;
  options: DeliveryOptions;
}): DeliveryEngine {
  const { store, ids, now, log, options } = deps;
  const queues = new Map<string, ChannelQueue>();
  const inFlight = new Set<Promise<void>>();
  let aborter = new AbortController();

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      aborter.signal.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    });

  const newRecord = (
    kind: DeliveryRecord['kind'],
    channel: ChannelRecord,
    request: DeliveryRecord['request'],
  ): DeliveryRecord => {
    const record: DeliveryRecord = {
      id: ids.uuid(),
      kind,
      channelId: channel._id,
      manifestId: channel.manifestId,
      createdTime: new Date(now()).toISOString(),
      request,
      attempts: [],
      outcome: 'pending',
    };
    store.addDelivery(record);
    store.touch();
    return record;
  };

  async function deliver(channelId: string, events: QueuedEvents): Promise<void> {
    const channel = store.state.channels[channelId];
    const manifest = channel && store.state.manifests[channel.manifestId];
    if (!channel || !manifest) return;
    const envelope = {
      manifestId: manifest._id,
      accountId: channel.accountId,
      channelId,
      events,
    };
    // What the mock sends must hold to the contract the integration is written against.
    const checked = WebhookDeliverySchema.safeParse(envelope);
    if (!checked.success) {
      log(`webhook: internal error, an invalid delivery was not sent: ${checked.error.message}`);
      return;
    }
    const body = JSON.stringify(envelope);
    const counts = Object.fromEntries(Object.entries(events).map(([k, v]) => [k, v.length]));
    const record = newRecord('events', channel, {
      method: 'POST',
      url: manifest.webhook?.url ?? '',
      headers: {},
      body,
    });
    record.events = counts;
    const all = Object.values(events).flat();
    record.eventUuids = all.map((event) => event.uuid);
    const ticketIds = [
      ...new Set(
        all.flatMap((event) =>
          'ticketId' in event && typeof event.ticketId === 'string' ? [event.ticketId] : [],
        ),
      ),
    ];
    if (ticketIds.length > 0) record.ticketIds = ticketIds;
    await sendWithRetries(record, manifest);
  }

  /** Sends an `events` delivery, retrying per `retryDelaysMs`, and records every attempt. */
  async function sendWithRetries(record: DeliveryRecord, manifest: ManifestRecord): Promise<void> {
    const counts = record.events ?? {};
    const { channelId } = record;
    for (let attempt = 0; ; attempt++) {
      const webhook = manifest.webhook;
      if (!webhook || aborter.signal.aborted) {
        record.outcome = 'no-webhook';
        log(`webhook: channel ${channelId} has no webhook; ${describe(counts)} not delivered`);
        break;
      }
      const result = await sendSignedRequest({
        method: 'POST',
        url: webhook.url,
        body: record.request.body,
        secret: webhook.secret,
        timeoutMs: options.timeoutMs,
        now,
        signal: aborter.signal,
      });
      record.request = result.request;
      record.attempts.push(result.attempt);
      store.touch();
      const status = result.attempt.response?.status;
      if (result.attempt.isChallengeSolved === true) {
        record.outcome = 'delivered';
        break;
      }
      if (result.attempt.isChallengeSolved === false) {
        // SocialHub's rule: a 2xx without the right challenge fails AND removes the webhook.
        if (manifest.webhook === webhook) manifest.webhook = null;
        record.outcome = 'webhook-removed';
        log(
          `webhook: ${webhook.url} answered ${status} without the right X-SocialHub-Challenge; the webhook was removed from manifest ${manifest._id}`,
        );
        break;
      }
      const delay = options.retryDelaysMs[attempt];
      if (delay === undefined || aborter.signal.aborted) {
        record.outcome = 'discarded';
        log(
          `webhook: ${describe(counts)} for channel ${channelId} discarded after ${attempt + 1} attempts (last: ${status ?? result.attempt.error})`,
        );
        break;
      }
      record.nextRetryTime = new Date(now() + delay).toISOString();
      store.touch();
      await sleep(delay);
      delete record.nextRetryTime;
    }
    delete record.nextRetryTime;
    store.touch();
  }

  /** Tracks a background job so that `settle()` waits for it. */
  const track = (job: Promise<void>) => {
    const tracked = job
      .catch((error) => log(`webhook: internal error: ${String(error)}`))
      .finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  };

  const run = (channelId: string) => {
    const queue = queues.get(channelId);
    if (!queue || queue.isBusy) return;
    if (queue.timer) clearTimeout(queue.timer);
    queue.timer = undefined;
    const events = queue.events;
    queue.events = {};
    queue.isBusy = true;
    const job = deliver(channelId, events)
      .catch((error) => log(`webhook: internal error: ${String(error)}`))
      .finally(() => {
        inFlight.delete(job);
        queue.isBusy = false;
        if (queues.get(channelId) !== queue) return; // cleared meanwhile
        if (Object.keys(queue.events).length > 0) schedule(channelId, queue);
        else queues.delete(channelId);
      });
    inFlight.add(job);
  };

  const schedule = (channelId: string, queue: ChannelQueue) => {
    if (queue.timer || queue.isBusy) return;
    queue.timer = setTimeout(() => run(channelId), options.batchWindowMs);
  };

  return {
    enqueue: (channelId, type, event) => {
      let queue = queues.get(channelId);
      if (!queue) {
        queue = { events: {}, isBusy: false };
        queues.set(channelId, queue);
      }
      const byType = queue.events as { [T in typeof type]?: WebhookEventMap[T][] };
      const list = byType[type] ?? [];
      list.push(event);
      byType[type] = list;
      schedule(channelId, queue);
    },

    redeliver: (deliveryId) => {
      const original = store.state.deliveries.find((d) => d.id === deliveryId);
      if (!original) throw new MockServerError(404, 'NotFoundError', 'Error: Delivery not found');
      if (original.kind !== 'events')
        throw new MockServerError(
          409,
          'ConflictError',
          `Error: Only webhook deliveries of events can be sent again, this is a ${original.kind} request`,
        );
      const channel = store.state.channels[original.channelId];
      const manifest = channel && store.state.manifests[channel.manifestId];
      if (!channel || !manifest)
        throw new MockServerError(404, 'NotFoundError', 'Error: Channel not found');
      const record = newRecord('events', channel, {
        method: 'POST',
        url: manifest.webhook?.url ?? '',
        headers: {},
        body: original.request.body,
      });
      record.redeliveryOf = original.id;
      if (original.events) record.events = { ...original.events };
      if (original.eventUuids) record.eventUuids = [...original.eventUuids];
      if (original.ticketIds) record.ticketIds = [...original.ticketIds];
      track(sendWithRetries(record, manifest));
      return record;
    },

    testWebhook: async (channel, manifest, webhook) => {
      const body = JSON.stringify({
        manifestId: manifest._id,
        accountId: channel.accountId,
        channelId: channel._id,
        events: {},
      });
      const result = await sendSignedRequest({
        method: 'POST',
        url: webhook.url,
        body,
        secret: webhook.secret,
        timeoutMs: options.timeoutMs,
        now,
        signal: aborter.signal,
      });
      const record = newRecord('test', channel, result.request);
      record.attempts.push(result.attempt);
      const { attempt } = result;
      const status = attempt.response?.status;
      record.outcome = status === 200 && attempt.isChallengeSolved ? 'delivered' : 'failed';
      store.touch();
      if (record.outcome === 'delivered') return;
      if (status === 200) {
        throw new MockServerError(
          422,
          'WebhookValidationError',
          'Error: The WebHook failed to solve the challenge',
        );
      }
      throw new MockServerError(422, 'WebhookValidationError', VALIDATION_FAILED, {
        data: attempt.error ?? `Error: Request failed with status code ${status}`,
      });
    },

    fetchTemplates: async (channel, manifest, url) => {
      const fail = (data: string) =>
        new MockServerError(
          424,
          'TemplatesCallbackError',
          'Error: The templates could not be fetched from the integration',
          { data },
        );
      if (!manifest.webhook) throw fail('Error: The manifest has no webhook secret to sign with');
      const target = new URL(url);
      target.searchParams.set('channelId', channel._id);
      const result = await sendSignedRequest({
        method: 'GET',
        url: target.href,
        secret: manifest.webhook.secret,
        timeoutMs: options.timeoutMs,
        now,
        signal: aborter.signal,
      });
      const record = newRecord('templates', channel, result.request);
      record.attempts.push(result.attempt);
      record.outcome = 'failed';
      store.touch();
      const status = result.attempt.response?.status;
      if (status === undefined) throw fail(result.attempt.error ?? 'Error: no response');
      if (status < 200 || status >= 300)
        throw fail(`Error: Request failed with status code ${status}`);
      let json: unknown;
      try {
        json = JSON.parse(result.responseText ?? '');
      } catch {
        throw fail('Error: The templates answer is not JSON');
      }
      const templates = TemplateListSchema.safeParse(json);
      if (!templates.success)
        throw fail(`Error: The templates answer is invalid: ${templates.error.message}`);
      record.outcome = 'delivered';
      return templates.data;
    },

    settle: async () => {
      for (;;) {
        for (const [channelId, queue] of queues) if (queue.timer) run(channelId);
        if (inFlight.size === 0) return;
        await Promise.allSettled([...inFlight]);
      }
    },

    close: () => {
      for (const queue of queues.values()) if (queue.timer) clearTimeout(queue.timer);
      queues.clear();
      aborter.abort();
    },

    clear: () => {
      for (const queue of queues.values()) if (queue.timer) clearTimeout(queue.timer);
      queues.clear();
      aborter.abort();
      aborter = new AbortController();
    },
  };
}

const describe = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([type, n]) => `${n} ${type} event${n === 1 ? '' : 's'}`)
    .join(', ') || 'no events';
