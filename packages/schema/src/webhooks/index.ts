/**
 * Types of the SocialHub WebHook deliveries and events, from the public contract, and the
 * generated routing map (routing key → group, discriminator, schema name, description, example).
 * Loads no zod: the schemas are in `@socialhub/schema/webhooks/zod`.
 *
 * @example
 * ```ts
 * import { webhookRoutes, type WebhookRouteMap } from '@socialhub/schema/webhooks';
 * type Reply = WebhookRouteMap['ticket_action.reply'];
 * const { group, example } = webhookRoutes['ticket_action.reply'];
 * ```
 */

export * from '../generated/webhooks.routes.gen.js';
export type * from '../generated/webhooks.types.gen.js';
