/**
 * The types of what SocialHub sends, all generated from the public contract
 * (specs/socialhub-public.yaml): routed events, templates and channel callback tokens.
 */
import type { components } from '@socialhub/schema/public';
import type { WebhookRouteKey, WebhookRouteMap } from '@socialhub/schema/webhooks';

export type { WebhookRouteMap };

/**
 * A routing key the router knows, e.g. `'ticket_action.reply'`: `<event group>.<type>`, generated
 * from the contract's discriminator mappings (`webhookRoutes` of `@socialhub/schema/webhooks`).
 */
export type WebhookEventName = WebhookRouteKey;

/** One template of the templates callback answer, generated from the public contract. */
export type Template = components['schemas']['Template'];

/** Payload of the temporary `?token=` passed to `callbacks.channelCreation`. */
export type ChannelCreationTokenPayload = components['schemas']['ChannelCreationTokenPayload'];

/** Payload of the temporary `?token=` passed to `callbacks.channelReactivation`. */
export type ChannelReactivationTokenPayload =
  components['schemas']['ChannelReactivationTokenPayload'];
