/** `z.infer` of the public contract's and the webhooks' zod schemas equals openapi-typescript's types. */
import { describe, expectTypeOf, test } from 'vitest';
import type { z } from 'zod';
import type { components, operations } from '../src/public/index.js';
import type * as pub from '../src/public/zod.js';
import type {
  createTicketBody,
  ManifestSchema,
  TicketSchema,
  updateManifestBody,
} from '../src/public/zod.js';
import type {
  ChannelActionEvent,
  TicketActionEvent,
  WebhookDelivery,
  WebhookEventMap,
} from '../src/webhooks/index.js';
import type {
  ChannelActionEventSchema,
  TicketActionEventSchema,
  WebhookDeliverySchema,
  webhookEventSchemas,
} from '../src/webhooks/zod.js';
import type { Mismatches } from './type-helpers.js';

type Schemas = components['schemas'];
type Zod = typeof pub;
type Body<K extends keyof operations> =
  NonNullable<operations[K]['requestBody']> extends { content: infer C } ? C[keyof C] : never;
type Query<K extends keyof operations> = NonNullable<operations[K]['parameters']['query']>;
type Path<K extends keyof operations> = NonNullable<operations[K]['parameters']['path']>;

describe('public contract', () => {
  test('Ticket, Manifest and two request bodies', () => {
    expectTypeOf<z.infer<typeof TicketSchema>>().toEqualTypeOf<Schemas['Ticket']>();
    expectTypeOf<z.infer<typeof ManifestSchema>>().toEqualTypeOf<Schemas['Manifest']>();
    expectTypeOf<z.infer<typeof createTicketBody>>().toEqualTypeOf<Body<'createTicket'>>();
    expectTypeOf<z.infer<typeof updateManifestBody>>().toEqualTypeOf<Body<'updateManifest'>>();
  });

  test('every schema, body, query and path', () => {
    type Ops = keyof operations & string;
    type Pairs = { [K in keyof Schemas & string]: [z.infer<Zod[`${K}Schema`]>, Schemas[K]] };
    type Bodies = {
      [K in Ops as `${K}Body` extends keyof Zod ? K : never]: [
        z.infer<Zod[`${K}Body` & keyof Zod]>,
        Body<K>,
      ];
    };
    type Queries = {
      [K in Ops as `${K}Query` extends keyof Zod ? K : never]: [
        z.infer<Zod[`${K}Query` & keyof Zod]>,
        Query<K>,
      ];
    };
    type Paths = {
      [K in Ops as `${K}Path` extends keyof Zod ? K : never]: [
        z.infer<Zod[`${K}Path` & keyof Zod]>,
        Path<K>,
      ];
    };
    expectTypeOf<Mismatches<Pairs>>().toEqualTypeOf<never>();
    expectTypeOf<Mismatches<Bodies>>().toEqualTypeOf<never>();
    expectTypeOf<Mismatches<Queries>>().toEqualTypeOf<never>();
    expectTypeOf<Mismatches<Paths>>().toEqualTypeOf<never>();
    expectTypeOf<Mismatches<pub.ZodDepthCuts>>().toEqualTypeOf<never>();
  });
});

describe('webhooks', () => {
  test('delivery and events', () => {
    expectTypeOf<z.infer<typeof WebhookDeliverySchema>>().toEqualTypeOf<WebhookDelivery>();
    expectTypeOf<z.infer<typeof TicketActionEventSchema>>().toEqualTypeOf<TicketActionEvent>();
    expectTypeOf<z.infer<typeof ChannelActionEventSchema>>().toEqualTypeOf<ChannelActionEvent>();
    type EventPairs = {
      [K in keyof WebhookEventMap]: [z.infer<(typeof webhookEventSchemas)[K]>, WebhookEventMap[K]];
    };
    expectTypeOf<Mismatches<EventPairs>>().toEqualTypeOf<never>();
  });
});
