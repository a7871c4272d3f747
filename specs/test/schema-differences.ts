/**
 * A structural comparison of two JSON schemas (OpenAPI 3.1, OpenAPI 3.0 or Swagger 2.0 flavour,
 * `$ref`s already inlined) that lists every difference as `{ pointer, keyword, detail }`.
 *
 * Pointers name the place as a request does: `/body/interaction/networkItemId`, `[]` for array
 * items, `*` for `additionalProperties`, and `type=reply` for the branch of a discriminated
 * `oneOf`. A keyword the comparison does not know makes it throw, so nothing is skipped silently.
 */
import { isDeepStrictEqual } from 'node:util';
import { childPointer } from '@socialhub/codegen/json-pointer';
import { isObject, type Json, type JsonObject } from './public-helpers.js';

/** One difference: where, which keyword, and both sides in words. */
export interface Difference {
  pointer: string;
  /** A schema keyword (`pattern`, `required`, ...) or `property`, `parameter`, `oneOf`, ... */
  keyword: string;
  /** The two sides; values in markdown code spans. */
  detail: string;
}

/** Keywords that describe a value without constraining it. */
const ANNOTATIONS = new Set([
  'description',
  'title',
  'example',
  'examples',
  'externalDocs',
  '$comment',
  'x-source',
]);

/** Keywords compared by value. */
const VALUE_KEYWORDS = [
  'format',
  'pattern',
  'enum',
  'const',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'default',
  'readOnly',
  'writeOnly',
  'deprecated',
  'contentMediaType',
  'x-unique-by',
] as const;

/** Keywords the walk handles itself. */
const STRUCTURE = new Set([
  'type',
  'nullable',
  'x-nullable',
  'properties',
  'required',
  'items',
  'additionalProperties',
  'oneOf',
  'anyOf',
  'discriminator',
]);

/** A schema reduced to what the comparison looks at. */
interface Shape {
  /** The `false` schema: nothing is allowed. */
  forbidden: boolean;
  /** JSON types other than null, sorted; empty means any. */
  types: string[];
  nullable: boolean;
  values: Record<string, Json>;
  properties: Record<string, Json>;
  required: string[];
  items: Json | undefined;
  additionalProperties: Json | undefined;
  /** `anyOf`/`oneOf` whose branches only list required properties ("at least one of"). */
  requiredRule: string | undefined;
  /** A `oneOf`/`anyOf` discriminated by one property's constant. */
  variants: { property: string; branches: Map<string, JsonObject> } | undefined;
}

/** A value as a markdown code span (strings unquoted, so that patterns read as written). */
const code = (value: Json | undefined) =>
  value === undefined ? 'none' : `\`${typeof value === 'string' ? value : JSON.stringify(value)}\``;

function fail(where: string, message: string): never {
  throw new Error(`specs: schema at ${where || '/'}: ${message}`);
}

function isNullBranch(branch: Json): boolean {
  return (
    isObject(branch) &&
    branch.type === 'null' &&
    Object.keys(branch).every((k) => k === 'type' || ANNOTATIONS.has(k))
  );
}

function constOf(schema: Json): Json | undefined {
  if (!isObject(schema)) return undefined;
  if ('const' in schema) return schema.const as Json;
  if (Array.isArray(schema.enum) && schema.enum.length === 1) return schema.enum[0] as Json;
  return undefined;
}

function jsonType(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'number' && Number.isInteger(value) ? 'integer' : typeof value;
}

function shapeOf(schema: Json, where: string): Shape {
  const shape: Shape = {
    forbidden: schema === false,
    types: [],
    nullable: false,
    values: {},
    properties: {},
    required: [],
    items: undefined,
    additionalProperties: undefined,
    requiredRule: undefined,
    variants: undefined,
  };
  if (typeof schema === 'boolean') return shape;
  if (!isObject(schema)) fail(where, 'not a schema');
  for (const key of Object.keys(schema)) {
    if (
      !ANNOTATIONS.has(key) &&
      !STRUCTURE.has(key) &&
      !(VALUE_KEYWORDS as readonly string[]).includes(key)
    ) {
      fail(where, `unsupported keyword ${key}`);
    }
  }
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (schema.oneOf !== undefined && schema.anyOf !== undefined) fail(where, 'both oneOf and anyOf');
  if (Array.isArray(alternatives)) {
    const kind = schema.oneOf !== undefined ? 'oneOf' : 'anyOf';
    const { [kind]: _alternatives, discriminator, ...rest } = schema;
    const others = alternatives.filter((b) => !isNullBranch(b));
    if (others.length === 1 && alternatives.length === 2) {
      // `anyOf: [X, { type: 'null' }]` is X or null.
      const merged = { ...rest, ...(others[0] as JsonObject) };
      return { ...shapeOf(merged, where), nullable: true };
    }
    if (others.length !== alternatives.length) fail(where, `${kind} with null among others`);
    if (alternatives.every((b) => isObject(b) && Object.keys(b).join() === 'required')) {
      const sets = alternatives.map((b) => ((b as JsonObject).required as string[]).join(' + '));
      const rule = `${kind === 'anyOf' ? 'at least' : 'exactly'} one of ${sets.map((s) => `\`${s}\``).join(', ')}`;
      return { ...shapeOf(rest, where), requiredRule: rule };
    }
    const property = isObject(discriminator) ? discriminator.propertyName : undefined;
    if (typeof property !== 'string') fail(where, `${kind} without a discriminator`);
    if (Object.keys(rest).some((k) => !ANNOTATIONS.has(k))) {
      fail(where, `keywords beside a discriminated ${kind}`);
    }
    const branches = new Map<string, JsonObject>();
    for (const branch of alternatives) {
      const value = isObject(branch)
        ? constOf((branch.properties as JsonObject | undefined)?.[property] ?? {})
        : undefined;
      if (typeof value !== 'string' || !isObject(branch)) {
        fail(where, `a ${kind} branch has no constant ${property}`);
      }
      branches.set(value, branch);
    }
    return { ...shape, variants: { property, branches } };
  }
  const type = schema.type;
  const types = type === undefined ? [] : Array.isArray(type) ? type.map(String) : [String(type)];
  shape.nullable =
    types.includes('null') || schema.nullable === true || schema['x-nullable'] === true;
  shape.types = types.filter((t) => t !== 'null').sort();
  const constant = constOf(schema);
  if (shape.types.length === 0 && constant !== undefined) shape.types = [jsonType(constant)];
  for (const key of VALUE_KEYWORDS) {
    if (key in schema) shape.values[key] = schema[key] as Json;
  }
  shape.properties = (schema.properties as JsonObject | undefined) ?? {};
  shape.required = [...((schema.required as string[] | undefined) ?? [])].sort();
  shape.items = schema.items as Json | undefined;
  shape.additionalProperties = schema.additionalProperties as Json | undefined;
  return shape;
}

/** A short description of a schema for "only on one side" rows. */
export function summarize(schema: Json): string {
  if (schema === false) return 'forbidden (`false`)';
  const shape = shapeOf(schema, '');
  if (shape.variants) {
    return `one of by \`${shape.variants.property}\``;
  }
  let text = shape.types.length ? shape.types.join(' or ') : 'any';
  if (shape.types.length === 1 && shape.types[0] === 'array' && shape.items !== undefined) {
    text = `array of ${summarize(shape.items)}`;
  }
  if (typeof shape.values.format === 'string') text += ` (${shape.values.format})`;
  return shape.nullable ? `${text} or null` : text;
}

function sides(publicSide: string, api2Side: string): string {
  return `public ${publicSide}; API2 ${api2Side}`;
}

function setDifference(a: readonly Json[], b: readonly Json[]): string {
  const only = (x: readonly Json[], y: readonly Json[]) =>
    x.filter((v) => !y.some((w) => isDeepStrictEqual(v, w)));
  const parts: string[] = [];
  const onlyA = only(a, b);
  const onlyB = only(b, a);
  if (onlyA.length) parts.push(`public only: ${onlyA.map((v) => code(v)).join(', ')}`);
  if (onlyB.length) parts.push(`API2 only: ${onlyB.map((v) => code(v)).join(', ')}`);
  return parts.join('; ');
}

function child(pointer: string, token: string): string {
  return childPointer(pointer, token);
}

/**
 * Differences between a public schema and its API2 counterpart, below `pointer`.
 * @example diffSchemas({ type: 'string', maxLength: 5 }, { type: 'string' }, '/body')
 */
export function diffSchemas(publicSchema: Json, api2Schema: Json, pointer: string): Difference[] {
  const out: Difference[] = [];
  const push = (at: string, keyword: string, detail: string) =>
    out.push({ pointer: at, keyword, detail });
  const a = shapeOf(publicSchema, pointer);
  const b = shapeOf(api2Schema, pointer);

  if (a.forbidden || b.forbidden) {
    if (a.forbidden !== b.forbidden) {
      push(pointer, 'schema', sides(summarize(publicSchema), summarize(api2Schema)));
    }
    return out;
  }
  if (a.variants || b.variants) {
    out.push(...diffVariants(a, b, publicSchema, api2Schema, pointer));
    return out;
  }
  if (!isDeepStrictEqual(a.types, b.types)) {
    push(
      pointer,
      'type',
      sides(code(a.types.join(' or ') || 'any'), code(b.types.join(' or ') || 'any')),
    );
  }
  if (a.nullable !== b.nullable) {
    push(
      pointer,
      'nullable',
      sides(a.nullable ? 'nullable' : 'not nullable', b.nullable ? 'nullable' : 'not nullable'),
    );
  }
  for (const key of VALUE_KEYWORDS) {
    const x = a.values[key];
    const y = b.values[key];
    if (isDeepStrictEqual(x, y)) continue;
    if (key === 'enum' && Array.isArray(x) && Array.isArray(y)) {
      push(pointer, key, setDifference(x, y));
    } else {
      push(pointer, key, sides(code(x), code(y)));
    }
  }
  if (!isDeepStrictEqual(a.required, b.required)) {
    push(pointer, 'required', setDifference(a.required, b.required));
  }
  if (a.requiredRule !== b.requiredRule) {
    push(pointer, 'anyOf', sides(a.requiredRule ?? 'none', b.requiredRule ?? 'none'));
  }
  const extraA = a.additionalProperties;
  const extraB = b.additionalProperties;
  if (isObject(extraA) && isObject(extraB)) {
    out.push(...diffSchemas(extraA, extraB, child(pointer, '*')));
  } else if (!isDeepStrictEqual(extraA, extraB)) {
    const describe = (v: Json | undefined) =>
      isObject(v) ? summarize(v) : v === undefined ? 'none' : code(v);
    push(pointer, 'additionalProperties', sides(describe(extraA), describe(extraB)));
  }
  const names = [...Object.keys(a.properties)];
  for (const name of Object.keys(b.properties)) if (!names.includes(name)) names.push(name);
  for (const name of names) {
    const x = a.properties[name];
    const y = b.properties[name];
    const at = child(pointer, name);
    if (x === undefined) push(at, 'property', `only in API2: ${summarize(y as Json)}`);
    else if (y === undefined) push(at, 'property', `only in public: ${summarize(x)}`);
    else out.push(...diffSchemas(x, y, at));
  }
  if (a.items !== undefined && b.items !== undefined) {
    out.push(...diffSchemas(a.items, b.items, child(pointer, '[]')));
  } else if (a.items !== b.items) {
    push(
      pointer,
      'items',
      sides(
        a.items === undefined ? 'none' : summarize(a.items),
        b.items === undefined ? 'none' : summarize(b.items),
      ),
    );
  }
  return out;
}

/** The branch with its discriminator reduced to the type of its constant (the split says the rest). */
function withoutConstant(branch: JsonObject, property: string): JsonObject {
  const properties = { ...(branch.properties as JsonObject) };
  const constant = constOf(properties[property] ?? {});
  if (constant === undefined) return branch;
  properties[property] = { type: jsonType(constant) };
  return { ...branch, properties };
}

function diffVariants(
  a: Shape,
  b: Shape,
  publicSchema: Json,
  api2Schema: Json,
  pointer: string,
): Difference[] {
  const describe = (shape: Shape) =>
    shape.variants
      ? `one of by \`${shape.variants.property}\`: ${[...shape.variants.branches.keys()].map((v) => `\`${v}\``).join(', ')}`
      : `one schema (${summarize(shape === a ? publicSchema : api2Schema)})`;
  const out: Difference[] = [];
  const property = (a.variants ?? b.variants)?.property as string;
  if (a.variants && b.variants && a.variants.property !== b.variants.property) {
    return [{ pointer, keyword: 'oneOf', detail: sides(describe(a), describe(b)) }];
  }
  const publicKeys = a.variants ? [...a.variants.branches.keys()] : [];
  const api2Keys = b.variants ? [...b.variants.branches.keys()] : [];
  if (
    !a.variants ||
    !b.variants ||
    !isDeepStrictEqual([...publicKeys].sort(), [...api2Keys].sort())
  ) {
    out.push({ pointer, keyword: 'oneOf', detail: sides(describe(a), describe(b)) });
  }
  // Compare branch by branch: a single schema on one side stands for every branch of the other.
  const values = [...new Set([...publicKeys, ...api2Keys])];
  const perBranch = new Map<string, Difference[]>();
  for (const value of values) {
    const x = a.variants ? a.variants.branches.get(value) : (publicSchema as JsonObject);
    const y = b.variants ? b.variants.branches.get(value) : (api2Schema as JsonObject);
    if (x === undefined || y === undefined) continue; // reported by the oneOf row
    const prefix = `${pointer}/${property}=${value}`;
    perBranch.set(
      value,
      diffSchemas(withoutConstant(x, property), withoutConstant(y, property), prefix),
    );
  }
  // One row for a difference several branches share: `type=reply,button`, or `type=*` for all.
  const grouped = new Map<
    string,
    { suffix: string; keyword: string; detail: string; values: string[] }
  >();
  for (const [value, differences] of perBranch) {
    const prefix = `${pointer}/${property}=${value}`;
    for (const d of differences) {
      const suffix = d.pointer.slice(prefix.length);
      const key = JSON.stringify([suffix, d.keyword, d.detail]);
      const entry = grouped.get(key) ?? {
        suffix,
        keyword: d.keyword,
        detail: d.detail,
        values: [],
      };
      entry.values.push(value);
      grouped.set(key, entry);
    }
  }
  for (const { suffix, keyword, detail, values: branchValues } of grouped.values()) {
    const which =
      branchValues.length === perBranch.size && perBranch.size > 1 ? '*' : branchValues.join(',');
    out.push({ pointer: `${pointer}/${property}=${which}${suffix}`, keyword, detail });
  }
  return out;
}
