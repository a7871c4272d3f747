/**
 * `z.infer` of every generated API2 zod schema equals the type openapi-typescript generated for
 * the same schema, request body, query and path.
 */
import { describe, expectTypeOf, test } from 'vitest';
import type { z } from 'zod';
import type { components, operations } from '../src/api2/index.js';
import type * as api2 from '../src/api2/zod.js';
import type {
  ChannelSchema,
  getChannelsQuery,
  ManifestSchema,
  PostSchema,
  postChannelsFacebookBody,
  TeamSchema,
  TicketSchema,
  UserSchema,
  ZodDepthCuts,
} from '../src/api2/zod.js';
import type { Mismatches } from './type-helpers.js';

type Schemas = components['schemas'];
type Zod = typeof api2;
type Body<K extends keyof operations> =
  NonNullable<operations[K]['requestBody']> extends { content: infer C } ? C[keyof C] : never;
type Query<K extends keyof operations> = NonNullable<operations[K]['parameters']['query']>;
/** Each definition: [z.infer of its zod schema, openapi-typescript's type]. */
type Pairs = { [K in keyof Schemas & string]: [z.infer<Zod[`${K}Schema`]>, Schemas[K]] };
type Path<K extends keyof operations> = NonNullable<operations[K]['parameters']['path']>;

describe('API2 definitions', () => {
  test('Channel, Manifest, Ticket, Post, Team and User', () => {
    expectTypeOf<z.infer<typeof ChannelSchema>>().toEqualTypeOf<Schemas['Channel']>();
    expectTypeOf<z.infer<typeof ManifestSchema>>().toEqualTypeOf<Schemas['Manifest']>();
    expectTypeOf<z.infer<typeof PostSchema>>().toEqualTypeOf<Schemas['Post']>();
    expectTypeOf<z.infer<typeof TeamSchema>>().toEqualTypeOf<Schemas['Team']>();
    expectTypeOf<z.infer<typeof UserSchema>>().toEqualTypeOf<Schemas['User']>();
    expectTypeOf<z.infer<typeof TicketSchema>>().toEqualTypeOf<Schemas['Ticket']>();
  });

  test('every definition', () => {
    expectTypeOf<Mismatches<Pairs>>().toEqualTypeOf<never>();
  });

  test('every schema moved out for depth infers the type it is read as', () => {
    expectTypeOf<Mismatches<ZodDepthCuts>>().toEqualTypeOf<never>();
  });
});

describe('API2 request bodies, queries and paths', () => {
  test('examples', () => {
    expectTypeOf<z.infer<typeof postChannelsFacebookBody>>().toEqualTypeOf<
      Body<'postChannelsFacebook'>
    >();
    expectTypeOf<z.infer<typeof getChannelsQuery>>().toEqualTypeOf<Query<'getChannels'>>();
  });

  test('every operation', () => {
    type Ops = keyof operations & string;
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
    expectTypeOf<Mismatches<Bodies>>().toEqualTypeOf<never>();
    expectTypeOf<Mismatches<Queries>>().toEqualTypeOf<never>();
    expectTypeOf<Mismatches<Paths>>().toEqualTypeOf<never>();
  });
});

type Ok<
  K extends keyof operations,
  S extends keyof operations[K]['responses'],
> = operations[K]['responses'][S] extends { content: { 'application/json': infer T } } ? T : never;

describe('API2 shapes after the issue 15 restoration and corrections', () => {
  test('lists are lists and single entities are single', () => {
    expectTypeOf<Ok<'getChannels', 200>>().toEqualTypeOf<Schemas['Channel'][]>();
    expectTypeOf<Ok<'postContacts', 200>>().toEqualTypeOf<Schemas['Contact']>();
    expectTypeOf<Ok<'postCpTags', 200>>().toEqualTypeOf<Schemas['Tag']>();
    expectTypeOf<Ok<'postAnalyticsEmailreports', 200>>().toEqualTypeOf<Schemas['EmailReport']>();
    expectTypeOf<Ok<'getInboxTicketsByTicketIdActionsByActionIdTemplates', 201>>().toExtend<
      unknown[]
    >();
    expectTypeOf<Ok<'postInboxAlerts', 201>>().not.toExtend<unknown[]>();
  });

  test('parallel copies agree: Font and the font bodies hold mediaIds beside styles', () => {
    expectTypeOf<Schemas['Font']>().toHaveProperty('mediaIds');
    expectTypeOf<NonNullable<Schemas['Font']['styles']>>().not.toHaveProperty('mediaIds');
    expectTypeOf<Body<'postFonts'>>().toHaveProperty('mediaIds');
    expectTypeOf<Schemas['FacebookTargeting']>().toHaveProperty('interests');
    expectTypeOf<Schemas['Settings']>().toHaveProperty('networks');
  });
});

describe('the checks can fail', () => {
  test('different types are told apart', () => {
    expectTypeOf<z.infer<typeof ChannelSchema>>().not.toEqualTypeOf<Schemas['Team']>();
    type Cases = {
      optional: [{ x?: string }, { x: string }];
      nested: [{ x: { y: 1 }[] }, { x: { y: 2 }[] }];
      nullable: [{ x: string | null }, { x: string }];
      extraKey: [{ x: string; y: string }, { x: string }];
      same: [{ x?: string }, { x?: string }];
    };
    expectTypeOf<Mismatches<Cases>>().toEqualTypeOf<
      'optional' | 'nested' | 'nullable' | 'extraKey'
    >();
  });
});
