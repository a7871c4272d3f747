/**
 * Types of the SocialHub WebHook deliveries and events, from the public contract. Type-only.
 *
 * @example
 * ```ts
 * import type { WebhookDelivery, WebhookEventMap } from '@socialhub/schema/webhooks';
 * type TicketAction = WebhookEventMap['ticket_action'];
 * ```
 */
export type * from '../generated/webhooks.types.gen.js';
