/** Handler and test event types come from the generated routing map, with no index signature. */
import type { WebhookRouteMap as SchemaRouteMap } from '@socialhub/schema/webhooks';
import { describe, expectTypeOf, it } from 'vitest';
import { createWebhookHandler, type WebhookEventName, type WebhookRouteMap } from '../src/index.js';
import { createTestEvent } from '../src/testing.js';

describe('event types', () => {
  it('are the schema package routing map, under the same name', () => {
    expectTypeOf<WebhookRouteMap>().toEqualTypeOf<SchemaRouteMap>();
    expectTypeOf<WebhookEventName>().toEqualTypeOf<keyof SchemaRouteMap>();
  });

  it('make a misspelt payload field a type error in a handler', () => {
    createWebhookHandler({
      secret: 's',
      on: {
        'ticket_action.reply': (event) => {
          expectTypeOf(event.payload.text).toEqualTypeOf<string | undefined>();
          // @ts-expect-error: `txt` is not a field of the reply payload
          void event.payload.txt;
        },
        'ticket_action.template_reply': (event) => {
          // @ts-expect-error: `langauge` is not a field of the template reply payload
          void event.payload.langauge;
        },
      },
    });
  });

  it('type createTestEvent overrides deeply', () => {
    createTestEvent('ticket_action.reply', { payload: { text: 'Hi' } });
    // @ts-expect-error: `txt` is not a field of the reply payload
    createTestEvent('ticket_action.reply', { payload: { txt: 'Hi' } });
    // @ts-expect-error: `text` is a string
    createTestEvent('ticket_action.reply', { payload: { text: 1 } });
  });
});
