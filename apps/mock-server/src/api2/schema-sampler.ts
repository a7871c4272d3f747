import { resolvePointer } from './json-pointer.js';
import { compilePattern, createPatternSampler } from './pattern-sampler.js';
import { type Random, randomInt } from './prng.js';

/**
 * A small deterministic generator of JSON values from OpenAPI 3.0 schemas.
 *
 * Why not json-schema-faker or a sampler library: json-schema-faker pulls in faker-style data
 * sets and a large dependency tree, and the example samplers (openapi-sampler, Stoplight's) take
 * no seed and do not promise valid output for patterns. The API2 document uses a small subset
 * of JSON Schema (type, format, enum, pattern, min/max, required, items, $ref, allOf), so this
 * module covers exactly that, drawing every choice from an injected seeded `Random`; regular
 * expressions are delegated to `randexp` (see pattern-sampler.ts).
 */

/** The subset of an OpenAPI 3.0 Schema Object that the sampler reads. */
export interface JsonSchema {
  readonly $ref?: string;
  readonly type?: string;
  readonly enum?: readonly unknown[];
  readonly format?: string;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: boolean;
  readonly exclusiveMaximum?: boolean;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | JsonSchema;
  readonly items?: JsonSchema;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly uniqueItems?: boolean;
  readonly allOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly anyOf?: readonly JsonSchema[];
  /** The spec's own sample value, answered as is where the document has one. */
  readonly example?: unknown;
}

/** Limits of the generated values. */
export interface SchemaSamplerOptions {
  /**
   * Nesting depth up to which every optional property is filled in.
   * @default 3
   */
  readonly fullDepth?: number;
  /**
   * Nesting depth past which only required properties and `minItems` array items are generated.
   * @default 6
   */
  readonly maxDepth?: number;
  /**
   * Largest number of items drawn for an array without a tighter `maxItems`.
   * @default 2
   */
  readonly maxArrayItems?: number;
  /**
   * Answer the document's `example` where a schema has one (responses); off to draw request
   * values, since upstream examples do not always hold to their own schema.
   * @default true
   */
  readonly useExamples?: boolean;
}

/** Generates JSON values valid against schemas of one OpenAPI document. */
export interface SchemaSampler {
  /** A value valid against `schema` (a Schema Object or a `#/...` pointer into the document). */
  sample(schema: JsonSchema | string, random: Random): unknown;
}

const WORDS = [
  'alpha',
  'bravo',
  'social',
  'hub',
  'channel',
  'ticket',
  'post',
  'inbox',
  'reply',
  'team',
  'story',
  'media',
  'report',
  'draft',
  'launch',
  'summer',
];

/** Timestamps are drawn from 2020-01-01 to 2027-01-01 so they look like real data. */
const DATE_FROM = Date.UTC(2020, 0, 1);
const DATE_SPAN = Date.UTC(2027, 0, 1) - DATE_FROM;

/** Hops followed through `$ref` chains before giving up (guards against reference loops). */
const MAX_REF_HOPS = 32;

/** Creates a sampler for the schemas of `document` (an OpenAPI 3.0 document). */
export function createSchemaSampler(
  document: unknown,
  options: SchemaSamplerOptions = {},
): SchemaSampler {
  const fullDepth = options.fullDepth ?? 3;
  const maxDepth = options.maxDepth ?? 6;
  const maxArrayItems = options.maxArrayItems ?? 2;
  const useExamples = options.useExamples ?? true;
  const patterns = createPatternSampler();
  const regexps = new Map<string, RegExp>();
  const merged = new WeakMap<JsonSchema, JsonSchema>();

  function deref(schema: JsonSchema): JsonSchema {
    let current = schema;
    for (let hop = 0; current.$ref !== undefined && hop < MAX_REF_HOPS; hop++) {
      const target = resolvePointer(document, current.$ref);
      // An unresolvable reference constrains nothing: any value is valid.
      current = target !== null && typeof target === 'object' ? (target as JsonSchema) : {};
    }
    return current.$ref === undefined ? current : {};
  }

  /** Folds `allOf` into one schema (the API2 document only composes objects this way). */
  function flatten(schema: JsonSchema): JsonSchema {
    const resolved = deref(schema);
    if (resolved.allOf === undefined) return resolved;
    const cached = merged.get(resolved);
    if (cached !== undefined) return cached;
    const { allOf, ...own } = resolved;
    let result: JsonSchema = {};
    for (const part of [...allOf, own]) result = mergeSchemas(result, flatten(part));
    merged.set(resolved, result);
    return result;
  }

  function regexp(pattern: string): RegExp | undefined {
    let compiled = regexps.get(pattern);
    if (compiled === undefined) {
      compiled = compilePattern(pattern);
      if (compiled === undefined) return undefined;
      regexps.set(pattern, compiled);
    }
    return compiled;
  }

  function fitsString(value: string, schema: JsonSchema): boolean {
    if (schema.minLength !== undefined && value.length < schema.minLength) return false;
    if (schema.maxLength !== undefined && value.length > schema.maxLength) return false;
    if (schema.pattern !== undefined && regexp(schema.pattern)?.test(value) === false) return false;
    return true;
  }

  function sampleString(schema: JsonSchema, random: Random): string {
    const formatted = sampleFormat(schema.format, random);
    if (formatted !== undefined && fitsString(formatted, schema)) return formatted;
    if (schema.pattern !== undefined) {
      let candidate = '';
      for (let attempt = 0; attempt < 8; attempt++) {
        candidate = patterns.sample(schema.pattern, random);
        if (fitsString(candidate, schema)) return candidate;
      }
      return candidate;
    }
    let text = formatted ?? sampleWords(random);
    const min = schema.minLength ?? 0;
    if (text.length < min) text = text.padEnd(min, 'x');
    if (schema.maxLength !== undefined && text.length > schema.maxLength) {
      text = text.slice(0, schema.maxLength);
    }
    return text;
  }

  function sampleNumber(schema: JsonSchema, random: Random, isInteger: boolean): number {
    let low = schema.minimum ?? (schema.maximum !== undefined ? schema.maximum - 1000 : 0);
    let high = schema.maximum ?? low + 1000;
    if (schema.exclusiveMinimum === true) low += isInteger ? 1 : 0.01;
    if (schema.exclusiveMaximum === true) high -= isInteger ? 1 : 0.01;
    // Counts and scores read better as whole numbers; narrow ranges (0..1 ratios) get decimals.
    if (isInteger || high - low >= 10) {
      const min = Math.ceil(low);
      const max = Math.floor(high);
      return max < min ? min : randomInt(random, min, max);
    }
    const value = Math.round((low + random() * (high - low)) * 100) / 100;
    return Math.min(Math.max(value, low), high);
  }

  function sampleArray(schema: JsonSchema, random: Random, depth: number): unknown[] {
    const min = schema.minItems ?? 0;
    const max = schema.maxItems ?? Number.POSITIVE_INFINITY;
    const wanted = depth >= maxDepth ? min : randomInt(random, 1, maxArrayItems);
    const count = Math.max(min, Math.min(wanted, max));
    const items: unknown[] = [];
    const itemSchema = schema.items ?? {};
    if (schema.uniqueItems !== true) {
      for (let index = 0; index < count; index++)
        items.push(sampleValue(itemSchema, random, depth));
      return items;
    }
    const seen = new Set<string>();
    for (let attempt = 0; items.length < count && attempt < count * 8; attempt++) {
      const item = sampleValue(itemSchema, random, depth);
      const key = JSON.stringify(item);
      if (seen.has(key)) continue;
      seen.add(key);
      items.push(item);
    }
    return items;
  }

  function sampleObject(
    schema: JsonSchema,
    random: Random,
    depth: number,
  ): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    const required = new Set(schema.required);
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      const wanted =
        required.has(name) || depth < fullDepth || (depth < maxDepth && random() < 0.5);
      if (wanted) defineProperty(result, name, sampleValue(property, random, depth));
    }
    // A required name without a property schema may hold anything.
    for (const name of required) {
      if (!Object.hasOwn(result, name)) defineProperty(result, name, sampleWords(random));
    }
    return result;
  }

  function sampleValue(input: JsonSchema, random: Random, depth: number): unknown {
    const schema = flatten(input);
    // The document's own example wins over a drawn value (Prism does the same).
    if (useExamples && schema.example !== undefined) return structuredClone(schema.example);
    const choices = schema.oneOf ?? schema.anyOf;
    if (choices !== undefined && choices.length > 0) {
      const choice = choices[randomInt(random, 0, choices.length - 1)] as JsonSchema;
      return sampleValue(choice, random, depth);
    }
    if (schema.enum !== undefined && schema.enum.length > 0) {
      // `nullable` enums list null only in OpenAPI 3.1; a concrete value is the more useful sample.
      const values = schema.enum.filter((value) => value !== null);
      const pool = values.length > 0 ? values : schema.enum;
      return pool[randomInt(random, 0, pool.length - 1)];
    }
    switch (schema.type ?? inferType(schema)) {
      case 'object':
        return sampleObject(schema, random, depth + 1);
      case 'array':
        return sampleArray(schema, random, depth + 1);
      case 'string':
        return sampleString(schema, random);
      case 'integer':
        return sampleNumber(schema, random, true);
      case 'number':
        return sampleNumber(schema, random, false);
      case 'boolean':
        return random() < 0.5;
      case 'null':
        return null;
      default:
        // An unconstrained schema accepts anything; a word is the least surprising value.
        return sampleWords(random);
    }
  }

  return {
    sample(schema, random) {
      return sampleValue(typeof schema === 'string' ? { $ref: schema } : schema, random, 0);
    },
  };
}

function inferType(schema: JsonSchema): string | undefined {
  if (schema.properties !== undefined || schema.required !== undefined) return 'object';
  if (schema.items !== undefined) return 'array';
  return undefined;
}

/** Merges two object schemas as `allOf` would; a property defined by both keeps both. */
function mergeSchemas(left: JsonSchema, right: JsonSchema): JsonSchema {
  const properties: Record<string, JsonSchema> = { ...left.properties };
  for (const [name, property] of Object.entries(right.properties ?? {})) {
    const existing = properties[name];
    properties[name] = existing === undefined ? property : { allOf: [existing, property] };
  }
  const required = [...new Set([...(left.required ?? []), ...(right.required ?? [])])];
  const type = left.type ?? right.type;
  return {
    ...left,
    ...right,
    ...(type === undefined ? {} : { type }),
    ...(Object.keys(properties).length > 0 ? { properties } : {}),
    ...(required.length > 0 ? { required } : {}),
  };
}

/** Sets an own enumerable property, even one named `__proto__`. */
function defineProperty(target: Record<string, unknown>, name: string, value: unknown): void {
  Object.defineProperty(target, name, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function sampleWords(random: Random): string {
  const count = randomInt(random, 1, 3);
  const words: string[] = [];
  for (let index = 0; index < count; index++) {
    words.push(WORDS[randomInt(random, 0, WORDS.length - 1)] as string);
  }
  return words.join(' ');
}

function hex(random: Random, length: number): string {
  let text = '';
  for (let index = 0; index < length; index++) text += randomInt(random, 0, 15).toString(16);
  return text;
}

function sampleFormat(format: string | undefined, random: Random): string | undefined {
  switch (format) {
    case 'date-time':
      // Whole seconds, UTC: accepted by every date-time validator.
      return new Date(DATE_FROM + Math.floor((random() * DATE_SPAN) / 1000) * 1000)
        .toISOString()
        .replace('.000Z', 'Z');
    case 'date':
      return new Date(DATE_FROM + random() * DATE_SPAN).toISOString().slice(0, 10);
    case 'email':
      return `${WORDS[randomInt(random, 0, WORDS.length - 1)]}.${hex(random, 4)}@example.com`;
    case 'uri':
    case 'url':
      return `https://example.com/${WORDS[randomInt(random, 0, WORDS.length - 1)]}/${hex(random, 8)}`;
    case 'uuid':
      return `${hex(random, 8)}-${hex(random, 4)}-4${hex(random, 3)}-${'89ab'[randomInt(random, 0, 3)]}${hex(random, 3)}-${hex(random, 12)}`;
    default:
      return undefined;
  }
}
