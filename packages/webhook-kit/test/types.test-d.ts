import type { TicketActionReplyEvent } from '@socialhub/schema/webhooks';
import { describe, expectTypeOf, it } from 'vitest';
import { createWebhookHandler, type WebhookKitError } from '../src/index.js';
import { createTestEvent } from '../src/testing.js';

describe('createWebhookHandler types', () => {
  it('types each handler from the generated event schemas', () => {
    createWebhookHandler({
      secret: 's',
      on: {
        'ticket_action.reply': (event, context) => {
          expectTypeOf(event).toEqualTypeOf<TicketActionReplyEvent>();
          expectTypeOf(event.payload.followupId).toBeString();
          expectTypeOf(context.eventType).toEqualTypeOf<'ticket_action.reply'>();
          expectTypeOf(context.channelId).toBeString();
        },
        'ticket_action.template_reply': (event) => {
          expectTypeOf(event.payload.networkId).toBeString();
        },
        'channel_action.disabled': (event) => {
          expectTypeOf(event.type).toEqualTypeOf<'disabled'>();
        },
      },
      onError: (error) => expectTypeOf(error).toEqualTypeOf<WebhookKitError>(),
    });
  });

  it('refuses unknown event names and a missing secret', () => {
    // @ts-expect-error: not an event the contract knows
    createWebhookHandler({ secret: 's', on: { 'ticket_action.archive': () => {} } });
    // @ts-expect-error: a secret or secrets is required
    createWebhookHandler({ on: {} });
  });

  it('types test events by name', () => {
    expectTypeOf(createTestEvent('ticket_action.reply')).toEqualTypeOf<TicketActionReplyEvent>();
  });
});
