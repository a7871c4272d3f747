import type { components } from '@socialhub/schema/public';
import type {
  ChannelActionDisabledEvent,
  TicketActionButtonEvent,
  TicketActionDeleteEvent,
  TicketActionReplyEvent,
  TicketActionTemplateReplyEvent,
} from '@socialhub/schema/webhooks';
import {
  ChannelActionDisabledEventSchema,
  TicketActionButtonEventSchema,
  TicketActionDeleteEventSchema,
  TicketActionReplyEventSchema,
  TicketActionTemplateReplyEventSchema,
} from '@socialhub/schema/webhooks/zod';
import type { EventSchema } from './router.js';

/**
 * Routing key (`<event group>.<type>`) → event, with the event types generated from the
 * public contract (specs/socialhub-public.yaml).
 */
export interface WebhookEvents {
  'ticket_action.reply': TicketActionReplyEvent;
  'ticket_action.template_reply': TicketActionTemplateReplyEvent;
  'ticket_action.button': TicketActionButtonEvent;
  'ticket_action.delete': TicketActionDeleteEvent;
  'channel_action.disabled': ChannelActionDisabledEvent;
}

/** A routing key the router knows, e.g. `'ticket_action.reply'`. */
export type WebhookEventName = keyof WebhookEvents;

/** Routing key → generated zod schema of that event. */
export const eventSchemas: { [K in WebhookEventName]: EventSchema<WebhookEvents[K]> } = {
  'ticket_action.reply': TicketActionReplyEventSchema,
  'ticket_action.template_reply': TicketActionTemplateReplyEventSchema,
  'ticket_action.button': TicketActionButtonEventSchema,
  'ticket_action.delete': TicketActionDeleteEventSchema,
  'channel_action.disabled': ChannelActionDisabledEventSchema,
};

/** One template of the templates callback answer, generated from the public contract. */
export type Template = components['schemas']['Template'];

/** Payload of the temporary `?token=` passed to `callbacks.channelCreation`. */
export type ChannelCreationTokenPayload = components['schemas']['ChannelCreationTokenPayload'];

/** Payload of the temporary `?token=` passed to `callbacks.channelReactivation`. */
export type ChannelReactivationTokenPayload =
  components['schemas']['ChannelReactivationTokenPayload'];
