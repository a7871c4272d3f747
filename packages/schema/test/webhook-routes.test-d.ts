/** The generated routing map: one typed event per routing key, with no index signature to hide a typo. */
import { describe, expectTypeOf, test } from 'vitest';
import type { z } from 'zod';
import type {
  ChannelActionDisabledEvent,
  TicketActionReplyEvent,
  WebhookRouteKey,
  WebhookRouteMap,
  webhookRoutes,
} from '../src/webhooks/index.js';
import type { webhookRouteSchemas } from '../src/webhooks/zod.js';
import type { Mismatches } from './type-helpers.js';

describe('webhook routing map', () => {
  test('routing keys come from the discriminator mappings', () => {
    expectTypeOf<WebhookRouteKey>().toEqualTypeOf<
      | 'ticket_action.reply'
      | 'ticket_action.template_reply'
      | 'ticket_action.button'
      | 'ticket_action.delete'
      | 'channel_action.disabled'
    >();
    expectTypeOf<WebhookRouteMap['ticket_action.reply']>().toEqualTypeOf<TicketActionReplyEvent>();
    expectTypeOf<
      WebhookRouteMap['channel_action.disabled']
    >().toEqualTypeOf<ChannelActionDisabledEvent>();
    expectTypeOf<keyof typeof webhookRoutes>().toEqualTypeOf<WebhookRouteKey>();
    expectTypeOf<keyof typeof webhookRouteSchemas>().toEqualTypeOf<WebhookRouteKey>();
  });

  test('each zod schema infers the type of its routing key', () => {
    type Pairs = {
      [K in WebhookRouteKey]: [z.infer<(typeof webhookRouteSchemas)[K]>, WebhookRouteMap[K]];
    };
    expectTypeOf<Mismatches<Pairs>>().toEqualTypeOf<never>();
  });

  test('a misspelt payload field is a type error (no index signature on payloads)', () => {
    const read = (event: WebhookRouteMap['ticket_action.reply']) => {
      expectTypeOf(event.payload.text).toEqualTypeOf<string | undefined>();
      // @ts-expect-error: `txt` is not a field of the reply payload
      return event.payload.txt;
    };
    const template = (event: WebhookRouteMap['ticket_action.template_reply']) =>
      // @ts-expect-error: `langauge` is not a field of the template reply payload
      event.payload.langauge;
    const zodReply = (event: z.infer<(typeof webhookRouteSchemas)['ticket_action.reply']>) =>
      // @ts-expect-error: nor on the type zod infers
      event.payload.txt;
    expectTypeOf(read).toBeFunction();
    expectTypeOf(template).toBeFunction();
    expectTypeOf(zodReply).toBeFunction();
  });
});
