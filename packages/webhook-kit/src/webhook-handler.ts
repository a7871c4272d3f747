import { webhookEventGroups } from '@socialhub/schema/webhooks';
import { webhookRouteSchemas } from '@socialhub/schema/webhooks/zod';
import type { WebhookRouteMap } from './events.js';
import { createRouter, type RouterOptions, type WebhookHandler } from './router.js';

/** Options of `createWebhookHandler`: a secret (or several), handlers per event type, and tuning. */
export type WebhookHandlerOptions = RouterOptions<WebhookRouteMap>;

/**
 * Creates the webhook router: verifies each delivery on its raw bytes, answers SocialHub's
 * challenge, validates every event with the generated zod schemas and calls the handler of its
 * routing key (generated from the contract), each event isolated from the others and
 * de-duplicated by `uuid`.
 * Serve it with an adapter (`/node`, `/fetch`, `/express`, `/fastify`) or call `receive` directly.
 * @example
 * const webhooks = createWebhookHandler({
 *   secret: process.env.SOCIALHUB_WEBHOOK_SECRET ?? '',
 *   on: {
 *     'ticket_action.reply': async (event, { channelId }) => {
 *       await publishReply(channelId, event.ticketId, event.payload.text);
 *     },
 *     'channel_action.disabled': (event) => forgetChannel(event.channelId),
 *   },
 *   onError: (error) => console.error(error.code, error.message),
 * });
 */
export function createWebhookHandler(options: WebhookHandlerOptions): WebhookHandler {
  return createRouter({ schemas: webhookRouteSchemas, groups: webhookEventGroups }, options);
}
