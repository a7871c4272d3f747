import {
  EVENT_TABLE_MARKERS,
  renderEventTable,
  webhookModel,
  withEventTable,
} from '@socialhub/codegen/webhooks';
import { describe, expect, test } from 'vitest';
import { webhookEventGroups, webhookRouteKeys, webhookRoutes } from '../src/webhooks/index.js';
import { webhookRouteSchemas } from '../src/webhooks/zod.js';

/** A minimal contract: an envelope whose `events` has one discriminated and one plain group. */
function contract(
  options: { mapping?: boolean; example?: boolean; union?: boolean } = {},
): Record<string, unknown> {
  const { mapping = true, example = true, union = true } = options;
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  return {
    openapi: '3.1.0',
    webhooks: {
      delivery: {
        post: {
          requestBody: {
            content: {
              'application/json': {
                schema: ref('Delivery'),
                examples: example
                  ? {
                      one: {
                        value: {
                          events: { a: [{ kind: 'x', n: 1 }], plain: [{ id: 'p' }] },
                        },
                      },
                    }
                  : {},
              },
            },
          },
        },
      },
    },
    components: {
      schemas: {
        Delivery: { type: 'object', properties: { events: ref('Events') } },
        Events: {
          type: 'object',
          properties: {
            a: { type: 'array', items: ref('AEvent') },
            plain: { type: 'array', items: ref('PlainEvent') },
          },
        },
        AEvent: union
          ? {
              oneOf: [ref('AX')],
              ...(mapping
                ? {
                    discriminator: {
                      propertyName: 'kind',
                      mapping: { x: '#/components/schemas/AX' },
                    },
                  }
                : {}),
            }
          : { type: 'object' },
        AX: { description: 'An x.\nMore.', type: 'object', properties: { kind: { const: 'x' } } },
        PlainEvent: { description: 'Plain | simple.', type: 'object' },
      },
    },
  };
}

describe('the webhook routing map', () => {
  test('routing keys come from discriminator mappings; a group without one is one key', () => {
    const model = webhookModel(contract());
    expect(model.groups).toEqual([
      ['a', 'kind'],
      ['plain', undefined],
    ]);
    expect(model.routes).toEqual([
      {
        key: 'a.x',
        group: 'a',
        discriminator: { property: 'kind', value: 'x' },
        schema: 'AX',
        description: 'An x.',
        example: { kind: 'x', n: 1 },
      },
      {
        key: 'plain',
        group: 'plain',
        schema: 'PlainEvent',
        description: 'Plain | simple.',
        example: { id: 'p' },
      },
    ]);
  });

  test('refuses a union it cannot route and an event type without an example', () => {
    expect(() => webhookModel(contract({ mapping: false }))).toThrow(
      /AEvent is a union without a discriminator mapping/,
    );
    expect(() => webhookModel(contract({ example: false }))).toThrow(
      /no example event for a\.x, plain/,
    );
    const forgotten = contract();
    const schemas = (forgotten.components as { schemas: Record<string, { oneOf?: unknown[] }> })
      .schemas;
    schemas.AEvent?.oneOf?.push({ $ref: '#/components/schemas/PlainEvent' });
    expect(() => webhookModel(forgotten)).toThrow(
      /oneOf \(AX, PlainEvent\) and discriminator\.mapping \(AX\) must name the same schemas/,
    );
  });

  test('renders the README table between its markers, and refuses a README without them', () => {
    const { routes } = webhookModel(contract());
    expect(renderEventTable(routes)).toContain('| `plain` | `PlainEvent` | Plain \\| simple. |');
    const readme = `# x\n${EVENT_TABLE_MARKERS.start}\nold\n${EVENT_TABLE_MARKERS.end}\nrest\n`;
    const updated = withEventTable(readme, routes, 'README.md');
    expect(updated).toContain('| `a.x` | `AX` | An x. |');
    expect(updated).not.toContain('old');
    expect(updated.endsWith(`${EVENT_TABLE_MARKERS.end}\nrest\n`)).toBe(true);
    expect(withEventTable(updated, routes, 'README.md')).toBe(updated);
    expect(() => withEventTable('# no markers', routes, 'README.md')).toThrow(/lacks the markers/);
  });

  test('the generated tables agree, and every example passes its own schema', () => {
    expect(Object.keys(webhookRouteSchemas)).toEqual(webhookRouteKeys);
    for (const key of webhookRouteKeys) {
      const route = webhookRoutes[key];
      expect(Object.keys(webhookEventGroups)).toContain(route.group);
      expect(webhookRouteSchemas[key].safeParse(route.example).success).toBe(true);
      expect(key).toBe(`${route.group}.${route.discriminator?.value}`);
    }
  });
});
