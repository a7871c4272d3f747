/**
 * zod 4 schemas of the SocialHub WebHook deliveries and events. Objects keep unknown fields and
 * the delivery keeps unknown event types, so a newer SocialHub does not break parsing.
 *
 * @example
 * ```ts
 * import { WebhookDeliverySchema } from '@socialhub/schema/webhooks/zod';
 * const delivery = WebhookDeliverySchema.parse(JSON.parse(rawBody));
 * ```
 */
export * from '../generated/webhooks.zod.gen.js';
