/**
 * The webhook artefacts of the public contract: type aliases and zod schemas for every schema a
 * webhook request body uses, keyed by webhook name, and the event map (event type → event
 * schema) read from the `events` property of the delivery envelope.
 */

import { identifierFor } from './emit-zod.ts';
import { formatPointer, getAt, isObject, type JsonObject, parsePointer } from './json-pointer.ts';
import { pickMediaType, resolveRef } from './operations.ts';

/** What the webhooks of a document are made of. */
export interface WebhookModel {
  /** Webhook name → the component schema name of its request body. */
  bodies: [string, string][];
  /** Event type → the component schema name of one event. */
  events: [string, string][];
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
  return { bodies, events, schemas: Object.keys(schemas).filter((s) => reached.has(s)) };
}

/** Emits `webhooks.types.gen.ts` and `webhooks.zod.gen.ts`. */
export function emitWebhooksModules(options: {
  doc: JsonObject;
  header: string;
  names: Map<string, string>;
}): { files: { name: string; content: string }[]; events: string[] } {
  const { doc, header, names } = options;
  const model = webhookModel(doc);
  if (model.bodies.length === 0) return { files: [], events: [] };
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
`;
  return {
    files: [
      { name: 'webhooks.types.gen.ts', content: types },
      { name: 'webhooks.zod.gen.ts', content: zod },
    ],
    events: model.events.map(([type]) => type),
  };
}
