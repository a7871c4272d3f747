/**
 * The token payloads of the public contract as data: every schema that a JWT schema
 * (`contentMediaType: application/jwt`) names as its `contentSchema`, flattened into field rules
 * that `@socialhub/schema/tokens` checks without zod (the client loads none).
 */
import { isObject, type JsonObject } from './json-pointer.ts';
import { resolveRef } from './operations.ts';

/** The keywords a field rule carries; anything else in a payload schema stops the generator. */
const ALLOWED = new Set([
  'type',
  'pattern',
  'format',
  'items',
  'description',
  'examples',
  'example',
]);

function rule(doc: JsonObject, raw: unknown, at: string): Record<string, unknown> {
  const { value } = resolveRef(doc, raw, at);
  if (!isObject(value)) throw new Error(`token payload field at ${at} is not a schema`);
  for (const key of Object.keys(value))
    if (!ALLOWED.has(key) && !key.startsWith('x-'))
      throw new Error(`token payload field at ${at}: keyword ${key} is not supported`);
  const type = value.type;
  if (
    type !== 'string' &&
    type !== 'integer' &&
    type !== 'number' &&
    type !== 'boolean' &&
    type !== 'array'
  )
    throw new Error(`token payload field at ${at}: type ${String(type)} is not supported`);
  const out: Record<string, unknown> = { type };
  if (typeof value.pattern === 'string') out.pattern = value.pattern;
  if (value.format !== undefined) {
    if (value.format !== 'uri')
      throw new Error(`token payload field at ${at}: format ${String(value.format)}`);
    out.format = 'uri';
  }
  if (type === 'array') out.items = rule(doc, value.items, `${at}/items`);
  return out;
}

/** Kind name of a JWT schema: `ChannelCreationToken` → `channelCreation`. */
function kindOf(name: string): string {
  const base = name.replace(/Token$/, '');
  return `${base[0]?.toLowerCase()}${base.slice(1)}`;
}

/** The `<api>.tokens.gen.ts` module: payload rules by token kind, and the payload types. */
export function emitTokensModule(options: {
  doc: JsonObject;
  header: string;
  typesModule: string;
}): string {
  const { doc, header, typesModule } = options;
  const schemas =
    isObject(doc.components) && isObject(doc.components.schemas) ? doc.components.schemas : {};
  const kinds: { kind: string; payload: string; fields: string[] }[] = [];
  for (const [name, schema] of Object.entries(schemas)) {
    if (!isObject(schema) || schema.contentMediaType !== 'application/jwt') continue;
    const ref = isObject(schema.contentSchema) ? schema.contentSchema.$ref : undefined;
    if (typeof ref !== 'string' || !ref.startsWith('#/components/schemas/'))
      throw new Error(`JWT schema ${name} names no payload schema (contentSchema.$ref)`);
    const payload = ref.slice('#/components/schemas/'.length);
    const { value } = resolveRef(doc, { $ref: ref }, ref);
    if (!isObject(value) || value.type !== 'object' || !isObject(value.properties))
      throw new Error(`token payload ${payload} is not an object schema with properties`);
    const required = new Set(Array.isArray(value.required) ? value.required : []);
    const fields = Object.entries(value.properties).map(([field, raw]) => {
      const r = rule(doc, raw, `${ref}/properties/${field}`);
      return JSON.stringify({ name: field, required: required.has(field), ...r });
    });
    kinds.push({ kind: kindOf(name), payload, fields });
  }
  const rules = kinds
    .map((k) => `  ${k.kind}: [\n    ${k.fields.join(',\n    ')},\n  ],`)
    .join('\n');
  const types = kinds
    .map((k) => `  ${k.kind}: components['schemas'][${JSON.stringify(k.payload)}];`)
    .join('\n');
  return `${header}
import type { FieldRule } from '../tokens/field-rule.js';
import type { components } from './${typesModule}';

/** The payload of each kind of SocialHub token, by kind. */
export interface TokenPayloads {
${types}
}

/** A kind of SocialHub token. */
export type TokenKind = keyof TokenPayloads;

/** The fields of each kind's payload schema, as rules the token decoder checks. */
export const tokenPayloadRules: Readonly<Record<TokenKind, readonly FieldRule[]>> = {
${rules}
};
`;
}
