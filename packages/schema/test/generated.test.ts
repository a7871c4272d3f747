import { readFile } from 'node:fs/promises';
import { formatPointer, getAt, isObject } from '@socialhub/codegen/json-pointer';
import { describe, expect, test } from 'vitest';
import { api2Operations } from '../src/api2/operations.js';
import * as api2 from '../src/api2/zod.js';
import { publicOperations } from '../src/public/operations.js';
import * as pub from '../src/public/zod.js';
import {
  WebhookDeliverySchema,
  webhookBodySchemas,
  webhookEventSchemas,
} from '../src/webhooks/zod.js';

const readJson = async (name: string) =>
  JSON.parse(
    await readFile(new URL(`../src/generated/${name}`, import.meta.url), 'utf8'),
  ) as Record<string, unknown>;
const api2Doc = await readJson('api2.openapi.gen.json');
const publicDoc = await readJson('public.openapi.gen.json');

describe('operations tables', () => {
  test('API2: 296 operations on 241 paths, unique operationIds', () => {
    const entries = Object.values(api2Operations);
    expect(entries).toHaveLength(296);
    expect(new Set(entries.map((e) => e.path)).size).toBe(241);
    expect(new Set(entries.map((e) => e.operationId)).size).toBe(296);
    for (const [key, entry] of Object.entries(api2Operations)) expect(entry.operationId).toBe(key);
  });

  test('public: 9 operations', () => {
    expect(Object.keys(publicOperations).sort()).toEqual(
      [
        'confirmReplySuccess',
        'createChannel',
        'createTicket',
        'disableChannel',
        'getInfo',
        'resetTicketAction',
        'updateChannel',
        'updateManifest',
        'updateTicket',
      ].sort(),
    );
    expect(publicOperations.createTicket).toMatchObject({ method: 'post', path: '/inbox/tickets' });
  });

  test.each([
    ['api2', api2Operations, api2Doc, api2 as Record<string, unknown>],
    ['public', publicOperations, publicDoc, pub as Record<string, unknown>],
  ] as const)('%s: every schema ref resolves and every zod name exists', (_, table, doc, zod) => {
    for (const entry of Object.values(table)) {
      const refs = [
        ...entry.parameters.map((p) => p.schema),
        ...(entry.requestBody ? [entry.requestBody.schema] : []),
        ...Object.values(entry.responses).flatMap((r) => (r.schema ? [r.schema] : [])),
      ];
      for (const ref of refs) {
        expect(getAt(doc, ref.ref.slice(1)).found, `${entry.operationId}: ${ref.ref}`).toBe(true);
        if (ref.zod) expect(zod[ref.zod], ref.zod).toBeDefined();
      }
      for (const name of Object.values(entry.zod)) expect(zod[name as string], name).toBeDefined();
      const params = (getAt(doc, formatPointer(['paths', entry.path, entry.method])).value ??
        {}) as Record<string, unknown>;
      expect(params.operationId).toBe(entry.operationId);
    }
  });
});

/** Every `examples` value of a media type in the public contract, with the schema it belongs to. */
function mediaExamples(
  doc: Record<string, unknown>,
): { where: string; schema: string; value: unknown }[] {
  const found: { where: string; schema: string; value: unknown }[] = [];
  const visit = (node: unknown, path: string): void => {
    if (Array.isArray(node)) {
      node.forEach((n, i) => {
        visit(n, `${path}/${i}`);
      });
    }
    if (!isObject(node)) return;
    if (isObject(node.schema) && typeof node.schema.$ref === 'string' && isObject(node.examples)) {
      const schema = node.schema.$ref.split('/').pop() as string;
      for (const [name, ex] of Object.entries(node.examples)) {
        const resolved =
          isObject(ex) && typeof ex.$ref === 'string' ? getAt(doc, ex.$ref.slice(1)).value : ex;
        if (isObject(resolved) && 'value' in resolved)
          found.push({ where: `${path} ${name}`, schema, value: resolved.value });
      }
    }
    for (const [k, v] of Object.entries(node)) visit(v, `${path}/${k}`);
  };
  visit(doc, '#');
  return found;
}

describe('zod schemas parse the contract examples', () => {
  const examples = mediaExamples(publicDoc);

  test('there are examples for requests, responses and webhooks', () => {
    expect(examples.length).toBeGreaterThan(10);
  });

  test.each(examples.map((e) => [e.where, e] as const))('%s', (_, { schema, value }) => {
    const zod = (
      pub as Record<string, { safeParse: (v: unknown) => { success: boolean; error?: unknown } }>
    )[`${schema}Schema`];
    expect(zod, schema).toBeDefined();
    const result = zod?.safeParse(value);
    expect(result?.error).toBeUndefined();
  });
});

describe('webhook deliveries', () => {
  const delivery = {
    manifestId: '5cc1afd1d62ec72e8388cb45',
    accountId: '5cb9003af1bb6808381d184d',
    channelId: '5cc1afd1d62ec72e8388cb46',
    events: {
      ticket_action: [
        {
          ticketId: '5cc1b08ad62ec72e8388cb47',
          networkItemId: 'question-q_0000000001',
          type: 'delete',
          actionId: 'delete-id',
          payload: {},
          time: 1556201893268,
          uuid: '4616f2f0-5069-4ee8-ad95-4c106c277eb3',
          userId: '5e73f5255a45da10b6e614da',
        },
      ],
      some_future_event: [{ anything: 'goes' }],
    },
    deliveredBy: 'a future field',
  };

  test('unknown fields and unknown event types are kept, not rejected', () => {
    const parsed = WebhookDeliverySchema.parse(delivery) as Record<string, unknown>;
    expect(parsed).toEqual(delivery);
    expect(webhookBodySchemas.webhookDelivery).toBe(WebhookDeliverySchema);
  });

  test('known events are still checked', () => {
    const bad = structuredClone(delivery);
    (bad.events.ticket_action[0] as Record<string, unknown>).uuid = 'not-a-uuid';
    expect(WebhookDeliverySchema.safeParse(bad).success).toBe(false);
    expect(
      webhookEventSchemas.channel_action.safeParse({
        channelId: 'x',
        type: 'disabled',
        time: 1,
        uuid: 'u',
      }).success,
    ).toBe(false);
    expect(
      webhookEventSchemas.channel_action.safeParse({
        channelId: '5cc1afd1d62ec72e8388cb46',
        type: 'disabled',
        time: 1556201893268,
        uuid: '4616f2f0-5069-4ee8-ad95-4c106c277eb3',
      }).success,
    ).toBe(true);
  });
});

describe('API2 schemas', () => {
  test('check patterns, enums and query coercion', () => {
    expect(api2.ObjectIdSchema.safeParse('5cc1afd1d62ec72e8388cb45').success).toBe(true);
    expect(api2.ObjectIdSchema.safeParse('nope').success).toBe(false);
    expect(api2.UserSchema.safeParse({ role: 'ADMIN' }).success).toBe(true);
    expect(api2.UserSchema.safeParse({ role: 'KING' }).success).toBe(false);
    const query = api2.getChannelsQuery.parse({
      count: '10',
      includeInactive: 'false',
      teamIds: '5cc1afd1d62ec72e8388cb45,5cc1afd1d62ec72e8388cb46',
    }) as Record<string, unknown>;
    expect(query).toEqual({
      count: 10,
      includeInactive: false,
      teamIds: ['5cc1afd1d62ec72e8388cb45', '5cc1afd1d62ec72e8388cb46'],
    });
  });

  test('keep unknown fields', () => {
    expect(api2.TeamSchema.parse({ name: 'a', extra: 1 })).toEqual({ name: 'a', extra: 1 });
  });
});
