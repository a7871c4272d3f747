/**
 * The webhook artefacts of the public contract: type aliases and zod schemas for every schema a
 * webhook request body uses, keyed by webhook name; the event map (event group → event schema)
 * read from the `events` property of the delivery envelope; and the routing map (routing key
 * `<group>.<discriminator value>` → event schema, description and example) read from each
 * group's discriminator mapping, as octokit generates its event names.
 */

import { identifierFor } from './emit-zod.ts';
import { formatPointer, getAt, isObject, type JsonObject, parsePointer } from './json-pointer.ts';
import { pickMediaType, resolveRef } from './operations.ts';

/** One routable kind of event: a group, narrowed by its discriminator when it has one. */
export interface WebhookRoute {
  /** `<group>.<discriminator value>`, or the group alone when its events have no discriminator. */
  key: string;
  /** The key of `events` in a delivery, e.g. `ticket_action`. */
  group: string;
  /** The discriminator property (`type`) and its value for this route, if the group has one. */
  discriminator?: { property: string; value: string };
  /** The component schema name of one event of this route. */
  schema: string;
  /** First line of the schema's description. */
  description: string;
  /** The first event of this route found in the contract's webhook examples. */
  example: unknown;
}

/** What the webhooks of a document are made of. */
export interface WebhookModel {
  /** Webhook name → the component schema name of its request body. */
  bodies: [string, string][];
  /** Event type → the component schema name of one event. */
  events: [string, string][];
  /** Event group → the discriminator property of its events (none: the group is one route). */
  groups: [string, string | undefined][];
  /** Every routing key, in contract order. */
  routes: WebhookRoute[];
  /** Every component schema the bodies reach, in document order. */
  schemas: string[];
}

function componentName(ref: unknown): string | undefined {
  if (typeof ref !== 'string' || !ref.startsWith('#/components/schemas/')) return undefined;
  return parsePointer(ref.slice(1))[2];
}

function reachable(doc: JsonObject, roots: string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (isObject(value)) {
      const name = componentName(value.$ref);
      if (name !== undefined) {
        if (seen.has(name)) return;
        seen.add(name);
        visit(getAt(doc, formatPointer(['components', 'schemas', name])).value);
      } else Object.values(value).forEach(visit);
    }
  };
  for (const root of roots) visit({ $ref: `#${formatPointer(['components', 'schemas', root])}` });
  return seen;
}

/** Reads the webhooks, their body schemas and the event map out of `doc`. */
export function webhookModel(doc: JsonObject): WebhookModel {
  const bodies: [string, string][] = [];
  for (const [name, item] of Object.entries(isObject(doc.webhooks) ? doc.webhooks : {})) {
    const post = isObject(item) ? item.post : undefined;
    if (!isObject(post) || !post.requestBody) continue;
    const body = resolveRef(doc, post.requestBody, `#/webhooks/${name}/post/requestBody`).value;
    const schema = isObject(body) ? pickMediaType(body.content)?.media.schema : undefined;
    const schemaName = isObject(schema) ? componentName(schema.$ref) : undefined;
    if (!schemaName)
      throw new Error(`webhooks: ${name} has no body schema from components.schemas`);
    bodies.push([name, schemaName]);
  }
  const schemas =
    isObject(doc.components) && isObject(doc.components.schemas) ? doc.components.schemas : {};
  // The envelope: a body schema with an `events` property (a map of event type to event list).
  const envelope = bodies
    .map(([, s]) => schemas[s])
    .find(
      (s): s is JsonObject => isObject(s) && isObject(s.properties) && 'events' in s.properties,
    );
  const events: [string, string][] = [];
  if (envelope && isObject(envelope.properties)) {
    const map = resolveRef(doc, envelope.properties.events, '#').value;
    for (const [type, list] of Object.entries(
      isObject(map) && isObject(map.properties) ? map.properties : {},
    )) {
      const item =
        isObject(list) && isObject(list.items) ? componentName(list.items.$ref) : undefined;
      if (item) events.push([type, item]);
    }
  }
  const reached = reachable(
    doc,
    bodies.map(([, s]) => s),
  );
  const envelopeName = bodies.find(([, s]) => schemas[s] === envelope)?.[1];
  const { groups, routes } = routesOf(doc, schemas, events, envelopeName);
  return {
    bodies,
    events,
    groups,
    routes,
    schemas: Object.keys(schemas).filter((s) => reached.has(s)),
  };
}

const firstLine = (value: unknown): string =>
  typeof value === 'string' ? (value.trim().split('\n')[0] ?? '').trim() : '';

/** Reads the routes of every event group from its discriminator mapping, then their examples. */
function routesOf(
  doc: JsonObject,
  schemas: JsonObject,
  events: [string, string][],
  envelope: string | undefined,
): Pick<WebhookModel, 'groups' | 'routes'> {
  const groups: [string, string | undefined][] = [];
  const routes: WebhookRoute[] = [];
  for (const [group, schemaName] of events) {
    const schema = schemas[schemaName];
    const where = `#/components/schemas/${schemaName}`;
    if (!isObject(schema)) throw new Error(`webhooks: ${where} is not a schema`);
    const { discriminator } = schema;
    if (isObject(discriminator)) {
      const property = discriminator.propertyName;
      const mapping = discriminator.mapping;
      if (typeof property !== 'string' || !isObject(mapping) || !Object.keys(mapping).length)
        throw new Error(
          `webhooks: ${where} has a discriminator without propertyName and mapping; both are needed to route ${group} events`,
        );
      groups.push([group, property]);
      // Each branch of the union needs its routing value, and each value a branch: a schema
      // added to one list and forgotten in the other would be parsed but never routed.
      const branches = (Array.isArray(schema.oneOf) ? schema.oneOf : [])
        .map((b) => (isObject(b) ? componentName(b.$ref) : undefined))
        .sort();
      const mapped = Object.values(mapping).map(componentName).sort();
      if (JSON.stringify(branches) !== JSON.stringify(mapped))
        throw new Error(
          `webhooks: ${where}: oneOf (${branches.join(', ')}) and discriminator.mapping (${mapped.join(', ')}) must name the same schemas`,
        );
      for (const [value, ref] of Object.entries(mapping)) {
        const target = componentName(ref);
        if (!target || !isObject(schemas[target]))
          throw new Error(`webhooks: ${where} maps ${value} to ${String(ref)}, not a schema`);
        routes.push({
          key: `${group}.${value}`,
          group,
          discriminator: { property, value },
          schema: target,
          description: firstLine(schemas[target].description) || firstLine(schema.description),
          example: undefined,
        });
      }
    } else if (schema.oneOf || schema.anyOf) {
      throw new Error(
        `webhooks: ${where} is a union without a discriminator mapping, so its ${group} events cannot be routed`,
      );
    } else {
      groups.push([group, undefined]);
      routes.push({
        key: group,
        group,
        schema: schemaName,
        description: firstLine(schema.description),
        example: undefined,
      });
    }
  }
  const byKey = new Map(routes.map((r) => [r.key, r]));
  const discriminatorOf = new Map(groups);
  for (const delivery of webhookExamples(doc, envelope)) {
    if (!isObject(delivery) || !isObject(delivery.events)) continue;
    for (const [group, list] of Object.entries(delivery.events)) {
      if (!discriminatorOf.has(group) || !Array.isArray(list)) continue;
      const property = discriminatorOf.get(group);
      for (const event of list) {
        const value = property !== undefined && isObject(event) ? event[property] : undefined;
        const route = byKey.get(property === undefined ? group : `${group}.${String(value)}`);
        if (route && route.example === undefined) route.example = event;
      }
    }
  }
  const missing = routes.filter((r) => r.example === undefined).map((r) => r.key);
  if (missing.length)
    throw new Error(
      `webhooks: no example event for ${missing.join(', ')}; add a delivery holding one to the examples of a webhook request body (the testing helpers and the mock start from it)`,
    );
  return { groups, routes };
}

/**
 * Every delivery example of every webhook request body, in document order, those of the generic
 * envelope last: a webhook for one kind of event shows it plainly, the envelope's examples mix
 * kinds and add unknown fields to show forward compatibility.
 */
function webhookExamples(doc: JsonObject, envelope: string | undefined): unknown[] {
  const found: unknown[] = [];
  const generic: unknown[] = [];
  for (const [name, item] of Object.entries(isObject(doc.webhooks) ? doc.webhooks : {})) {
    const post = isObject(item) ? item.post : undefined;
    if (!isObject(post) || !post.requestBody) continue;
    const body = resolveRef(doc, post.requestBody, `#/webhooks/${name}/post/requestBody`).value;
    const media = isObject(body) ? pickMediaType(body.content)?.media : undefined;
    if (!media) continue;
    const into =
      isObject(media.schema) && componentName(media.schema.$ref) === envelope ? generic : found;
    if (media.example !== undefined) into.push(media.example);
    for (const example of Object.values(isObject(media.examples) ? media.examples : {})) {
      const resolved = resolveRef(doc, example, `#/webhooks/${name}`).value;
      if (isObject(resolved) && 'value' in resolved) into.push(resolved.value);
    }
  }
  return [...found, ...generic];
}

/** Start and end markers of the generated event table in a README. */
export const EVENT_TABLE_MARKERS = {
  start: '<!-- generated:webhook-events:start (pnpm generate; do not edit) -->',
  end: '<!-- generated:webhook-events:end -->',
} as const;

/** The Markdown table of routing keys, for a README. */
export function renderEventTable(routes: readonly WebhookRoute[]): string {
  const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
  return [
    '| routing key (`on`) | event type (`@socialhub/schema/webhooks`) | what it is |',
    '| --- | --- | --- |',
    ...routes.map(
      (r) => `| \`${r.key}\` | \`${identifierFor(r.schema, '')}\` | ${cell(r.description)} |`,
    ),
  ].join('\n');
}

/** `text` with the region between the event table markers replaced by the generated table. */
export function withEventTable(
  text: string,
  routes: readonly WebhookRoute[],
  file: string,
): string {
  const start = text.indexOf(EVENT_TABLE_MARKERS.start);
  const end = text.indexOf(EVENT_TABLE_MARKERS.end);
  if (start < 0 || end < start)
    throw new Error(
      `webhooks: ${file} lacks the markers ${EVENT_TABLE_MARKERS.start} … ${EVENT_TABLE_MARKERS.end}`,
    );
  return `${text.slice(0, start + EVENT_TABLE_MARKERS.start.length)}\n\n${renderEventTable(routes)}\n\n${text.slice(end)}`;
}

/** Emits `webhooks.types.gen.ts` and `webhooks.zod.gen.ts`. */
export function emitWebhooksModules(options: {
  doc: JsonObject;
  header: string;
  names: Map<string, string>;
}): { files: { name: string; content: string }[]; events: string[]; routes: WebhookRoute[] } {
  const { doc, header, names } = options;
  const model = webhookModel(doc);
  if (model.bodies.length === 0) return { files: [], events: [], routes: [] };
  const zodName = (schema: string) =>
    names.get(`#${formatPointer(['components', 'schemas', schema])}`) as string;
  const eventMap = model.events.map(
    ([type, schema]) =>
      `  ${JSON.stringify(type)}: components['schemas'][${JSON.stringify(schema)}];`,
  );
  const types = `${header}
import type { components, webhooks } from './public.types.gen.js';

export type { webhooks };

${model.schemas.map((s) => `/** \`${s}\` of the public contract (components.schemas). */\nexport type ${identifierFor(s, '')} = components['schemas'][${JSON.stringify(s)}];`).join('\n')}

/** Event type → one event of that type, as \`events\` of a delivery holds them. */
export interface WebhookEventMap {
${eventMap.join('\n')}
}

/** The event types this contract knows; a delivery may hold others, to be logged and skipped. */
export type WebhookEventType = keyof WebhookEventMap;

/** Webhook name → its request body. */
export interface WebhookBodyMap {
${model.bodies.map(([name, schema]) => `  ${JSON.stringify(name)}: components['schemas'][${JSON.stringify(schema)}];`).join('\n')}
}

/**
 * Routing key → one event of that kind. The key is \`<event group>.<discriminator value>\`, read
 * from each group's discriminator mapping (a group without one is a single key).
 */
export interface WebhookRouteMap {
${model.routes.map((r) => `  ${JSON.stringify(r.key)}: components['schemas'][${JSON.stringify(r.schema)}];`).join('\n')}
}

/** A routing key the contract knows, e.g. \`'ticket_action.reply'\`. */
export type WebhookRouteKey = keyof WebhookRouteMap;
`;
  const routes = `${header}
import type { WebhookRouteKey, WebhookRouteMap } from './webhooks.types.gen.js';

/** Event group (a key of a delivery's \`events\`) → the property its events are routed by. */
export const webhookEventGroups = {
${model.groups.map(([group, property]) => `  ${JSON.stringify(group)}: { discriminator: ${property === undefined ? 'undefined' : JSON.stringify(property)} },`).join('\n')}
} as const satisfies Record<string, { discriminator: string | undefined }>;

/** An event group the contract knows, e.g. \`'ticket_action'\`. */
export type WebhookEventGroup = keyof typeof webhookEventGroups;

/** What the contract says about one routing key. */
export interface WebhookRoute<K extends WebhookRouteKey = WebhookRouteKey> {
  /** The key of \`events\` in a delivery that holds this kind of event. */
  group: WebhookEventGroup;
  /** The discriminator property and its value for this key; \`undefined\` for an undiscriminated group. */
  discriminator: { property: string; value: string } | undefined;
  /** Name of the event's schema: its type in \`@socialhub/schema/webhooks\`, with \`Schema\` appended its zod schema. */
  schema: string;
  /** First line of the schema's description. */
  description: string;
  /** The first event of this kind in the contract's webhook examples. */
  example: WebhookRouteMap[K];
}

/** Routing key → its group, discriminator, schema name, description and example event. */
export const webhookRoutes: { readonly [K in WebhookRouteKey]: WebhookRoute<K> } = {
${model.routes.map((r) => `  ${JSON.stringify(r.key)}: {\n    group: ${JSON.stringify(r.group)},\n    discriminator: ${r.discriminator ? `{ property: ${JSON.stringify(r.discriminator.property)}, value: ${JSON.stringify(r.discriminator.value)} }` : 'undefined'},\n    schema: ${JSON.stringify(identifierFor(r.schema, ''))},\n    description: ${JSON.stringify(r.description)},\n    example: ${JSON.stringify(r.example)} as WebhookRouteMap[${JSON.stringify(r.key)}],\n  },`).join('\n')}
};

/** Every routing key, in contract order. */
export const webhookRouteKeys = /* @__PURE__ */ Object.keys(webhookRoutes) as WebhookRouteKey[];
`;
  const zod = `${header}
import {
${model.schemas.map((s) => `  ${zodName(s)},`).join('\n')}
} from './public.zod.gen.js';

export {
${model.schemas.map((s) => `  ${zodName(s)},`).join('\n')}
};

/** Event type → the schema of one event. Types not listed here are not parsed: log and skip them. */
export const webhookEventSchemas = {
${model.events.map(([type, schema]) => `  ${JSON.stringify(type)}: ${zodName(schema)},`).join('\n')}
} as const;

/** Webhook name → the schema of its request body. */
export const webhookBodySchemas = {
${model.bodies.map(([name, schema]) => `  ${JSON.stringify(name)}: ${zodName(schema)},`).join('\n')}
} as const;

/** Routing key (\`<event group>.<discriminator value>\`) → the schema of one event of that kind. */
export const webhookRouteSchemas = {
${model.routes.map((r) => `  ${JSON.stringify(r.key)}: ${zodName(r.schema)},`).join('\n')}
} as const;
`;
  return {
    files: [
      { name: 'webhooks.types.gen.ts', content: types },
      { name: 'webhooks.zod.gen.ts', content: zod },
      { name: 'webhooks.routes.gen.ts', content: routes },
    ],
    events: model.events.map(([type]) => type),
    routes: model.routes,
  };
}
