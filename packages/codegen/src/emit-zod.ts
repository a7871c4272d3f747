/**
 * A small zod 4 emitter whose `z.infer` output mirrors what openapi-typescript 7 writes for the
 * same schema, with the options this pipeline passes it (`emptyObjectsUnknown: true`,
 * `defaultNonNullable: false`, everything else at its default). Each branch below names the
 * openapi-typescript rule it mirrors (dist/transform/schema-object.mjs). Anything whose type it
 * cannot mirror exactly (tuples, patternProperties, $defs, object consts, an allOf `$ref` that
 * openapi-typescript would wrap in WithRequired or Omit) stops generation rather than producing
 * a schema whose type drifts.
 */
import { requiredBranches, requiredRefinement } from './constraints.ts';
import { getAt, isObject, type JsonObject, parsePointer } from './json-pointer.ts';

/** The result of emitting one schema expression. */
interface Emitted {
  code: string;
  /** openapi-typescript would print a primitive keyword or literal (tsIsPrimitive). */
  primitive: boolean;
  /** The expression reads a schema constant that is not defined yet. */
  forward: boolean;
}

/** How schema constants are named and which are already defined. */
export interface EmitContext {
  /** The document, to resolve references. */
  doc: JsonObject;
  /** `#/components/schemas/X` → the constant holding X's schema. */
  names: Map<string, string>;
  /** Constants already emitted above the current one. */
  defined: Set<string>;
  /** Where we are, for error messages. */
  where: string;
  /** Pointers of schemas that carry a discriminator (openapi-typescript's scanDiscriminators). */
  discriminated: ReadonlySet<string>;
  /** The openapi-typescript type of the value here, when it can be named (for depth cuts). */
  typePath?: string | undefined;
  /** Objects and arrays around this point since the last cut. */
  depth?: number;
  /** Hoists an object schema into its own constant typed as `typePath`; returns the expression to use. */
  cut?: (code: string, typePath: string) => string;
}

/**
 * Inferred zod types are nested mapped types, and TypeScript stops instantiating them about ten
 * objects or arrays deep (TS2589). An object this deep is moved into a constant of its own and
 * read through its openapi-typescript type, so every `z.infer` stays shallow; the module lists
 * each cut with both types so the type tests still compare them.
 */
export const CUT_DEPTH = 6;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `key` as an object-literal key. */
export function propertyKey(key: string): string {
  return IDENTIFIER.test(key) ? key : JSON.stringify(key);
}

/** A valid, readable identifier for a component name. */
export function identifierFor(name: string, suffix: string): string {
  const base = name.replace(/[^A-Za-z0-9_$]+/g, '_');
  return `${/^[0-9]/.test(base) ? '_' : ''}${base}${suffix}`;
}

function unsupported(ctx: EmitContext, what: string): never {
  throw new Error(
    `emit-zod: ${ctx.where}: ${what} is not supported (its type could not mirror openapi-typescript)`,
  );
}

const UNKNOWN: Emitted = { code: 'z.unknown()', primitive: false, forward: false };

function indent(code: string): string {
  return code.replaceAll('\n', '\n  ');
}

function literal(value: unknown, ctx: EmitContext): string {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value))
    return JSON.stringify(value);
  return unsupported(ctx, `the non-primitive literal ${JSON.stringify(value)}`);
}

function union(items: Emitted[]): Emitted {
  if (items.length === 0) return { code: 'z.never()', primitive: true, forward: false };
  if (items.length === 1) return items[0] as Emitted;
  return {
    code: `z.union([${items.map((i) => i.code).join(', ')}])`,
    primitive: false,
    forward: items.some((i) => i.forward),
  };
}

function intersection(items: Emitted[]): Emitted {
  if (items.length === 0) return { code: 'z.never()', primitive: true, forward: false };
  return items.slice(1).reduce(
    (acc, item) => ({
      code: `z.intersection(${acc.code}, ${item.code})`,
      primitive: false,
      forward: acc.forward || item.forward,
    }),
    items[0] as Emitted,
  );
}

function ref(ref: string, ctx: EmitContext): Emitted {
  const name = ctx.names.get(ref);
  if (!name) return unsupported(ctx, `the reference ${ref}`);
  return { code: name, primitive: false, forward: !ctx.defined.has(name) };
}

function stringSchema(s: JsonObject, ctx: EmitContext): string {
  let code: string;
  switch (s.format) {
    case 'date-time':
      code = 'z.iso.datetime({ offset: true })';
      break;
    case 'date':
      code = 'z.iso.date()';
      break;
    case 'email':
      code = 'z.email()';
      break;
    case 'uri':
      code = 'z.url()';
      break;
    case 'uuid':
      code = 'z.uuid()';
      break;
    default:
      code = 'z.string()';
  }
  if (typeof s.minLength === 'number') code += `.min(${s.minLength})`;
  if (typeof s.maxLength === 'number') code += `.max(${s.maxLength})`;
  if (typeof s.pattern === 'string') {
    try {
      new RegExp(s.pattern);
    } catch (error) {
      unsupported(ctx, `the pattern ${JSON.stringify(s.pattern)} (${(error as Error).message})`);
    }
    code += `.regex(new RegExp(${JSON.stringify(s.pattern)}))`;
  }
  return code;
}

function numberSchema(s: JsonObject): string {
  let code = s.type === 'integer' ? 'z.int()' : 'z.number()';
  // OpenAPI 3.0 spells exclusive bounds as booleans beside minimum/maximum, 3.1 as numbers.
  if (typeof s.minimum === 'number')
    code += s.exclusiveMinimum === true ? `.gt(${s.minimum})` : `.gte(${s.minimum})`;
  if (typeof s.maximum === 'number')
    code += s.exclusiveMaximum === true ? `.lt(${s.maximum})` : `.lte(${s.maximum})`;
  if (typeof s.exclusiveMinimum === 'number') code += `.gt(${s.exclusiveMinimum})`;
  if (typeof s.exclusiveMaximum === 'number') code += `.lt(${s.exclusiveMaximum})`;
  if (typeof s.multipleOf === 'number') code += `.multipleOf(${s.multipleOf})`;
  return code;
}

function objectSchema(s: JsonObject, ctx: EmitContext): Emitted | undefined {
  const properties = isObject(s.properties) ? s.properties : {};
  const hasProperties = Object.keys(properties).length > 0;
  if (s.patternProperties || s.$defs) unsupported(ctx, 'patternProperties / $defs');
  if (!(hasProperties || s.additionalProperties)) return undefined;
  const required = Array.isArray(s.required) ? s.required : [];
  const extra = s.additionalProperties;
  const cutting =
    hasProperties &&
    !(extra && extra !== false) &&
    ctx.cut &&
    ctx.typePath &&
    (ctx.depth ?? 0) >= CUT_DEPTH;
  const lines: string[] = [];
  for (const [key, value] of Object.entries(properties)) {
    if (!isObject(value) && typeof value !== 'boolean') unsupported(ctx, `the property ${key}`);
    const inner = emitSchema(value, {
      ...ctx,
      where: `${ctx.where}/properties/${key}`,
      typePath: ctx.typePath && `NonNullable<${ctx.typePath}>[${JSON.stringify(key)}]`,
      depth: cutting ? 1 : (ctx.depth ?? 0) + 1,
    });
    const code = required.includes(key) ? inner.code : `${inner.code}.optional()`;
    // A getter defers reading a constant defined further down (recursion, zod 4 style).
    lines.push(
      inner.forward
        ? `get ${propertyKey(key)}() {\n  return ${indent(code)};\n}`
        : `${propertyKey(key)}: ${code}`,
    );
  }
  // openapi-typescript: additionalProperties true or {} → `[key: string]: unknown`; a schema →
  // `[key: string]: T`; false or absent → no index signature.
  let index: Emitted | undefined;
  if (extra === true || (isObject(extra) && Object.keys(extra).length === 0)) index = UNKNOWN;
  else if (isObject(extra))
    index = emitSchema(extra, {
      ...ctx,
      where: `${ctx.where}/additionalProperties`,
      typePath: undefined,
      depth: (ctx.depth ?? 0) + 1,
    });
  // `object` is the module's helper: z.looseObject at run time, typed as z.object.
  const factory = extra === false ? 'z.strictObject' : 'object';
  const objectCode = `${factory}({\n  ${lines.map(indent).join(',\n  ')},\n})`;
  const shape = hasProperties
    ? {
        code:
          cutting && ctx.cut && ctx.typePath
            ? ctx.cut(objectCode, `NonNullable<${ctx.typePath}>`)
            : objectCode,
        primitive: false,
        forward: false,
      }
    : undefined;
  if (!index) return shape;
  if (index.forward) unsupported(ctx, 'a recursive additionalProperties schema');
  const record: Emitted = {
    code: `z.record(z.string(), ${index.code})`,
    primitive: false,
    forward: false,
  };
  if (!shape) return record;
  // `{ props } & { [key: string]: T }`, checked as TypeScript reads it: the record half checks
  // every value, the listed properties included, against T.
  return intersection([shape, record]);
}

function coreSchema(s: JsonObject, ctx: EmitContext): Emitted | undefined {
  const type = s.type;
  if (Array.isArray(type)) {
    // OpenAPI 3.1 type lists: a union of each type (openapi-typescript, type arrays).
    if (s.oneOf) unsupported(ctx, 'a type list beside oneOf');
    return union(
      type.map((t) =>
        t === 'null' || t === null
          ? { code: 'z.null()', primitive: true, forward: false }
          : emitSchema({ ...s, type: t }, { ...ctx, typePath: undefined }),
      ),
    );
  }
  switch (type) {
    case 'null':
      return { code: 'z.null()', primitive: true, forward: false };
    case 'string':
      return { code: stringSchema(s, ctx), primitive: true, forward: false };
    case 'number':
    case 'integer':
      return { code: numberSchema(s), primitive: true, forward: false };
    case 'boolean':
      return { code: 'z.boolean()', primitive: true, forward: false };
    case 'array': {
      if (s.prefixItems || Array.isArray(s.items)) unsupported(ctx, 'tuple arrays');
      const item =
        s.items === undefined
          ? UNKNOWN
          : emitSchema(s.items, {
              ...ctx,
              where: `${ctx.where}/items`,
              typePath: ctx.typePath && `NonNullable<${ctx.typePath}>[number]`,
              depth: (ctx.depth ?? 0) + 1,
            });
      let code = `z.array(${item.code})`;
      if (typeof s.minItems === 'number') code += `.min(${s.minItems})`;
      if (typeof s.maxItems === 'number') code += `.max(${s.maxItems})`;
      return { code, primitive: false, forward: item.forward };
    }
    default:
      return objectSchema(s, ctx);
  }
}

/** Emits a zod expression for one schema object (or boolean schema). */
export function emitSchema(schema: unknown, outer: EmitContext): Emitted {
  // Inside a composition the type here is an intersection or union, which a cut cannot name.
  const composed = isObject(schema) && (schema.allOf || schema.anyOf || schema.oneOf);
  const ctx = composed ? { ...outer, typePath: undefined } : outer;
  if (schema === undefined || schema === false)
    return { code: 'z.never()', primitive: true, forward: false };
  if (schema === true) return UNKNOWN;
  if (!isObject(schema)) return unsupported(ctx, `the schema ${JSON.stringify(schema)}`);
  const s = schema;
  // A $ref wins over every sibling, nullable included.
  if (typeof s.$ref === 'string') return ref(s.$ref, ctx);
  // A discriminator changes nothing here: openapi-typescript's scanDiscriminators has already
  // added the mapped `propertyName` enum to each target in the document this module reads.
  if (ctx.discriminated.has(ctx.where) && !s.discriminator && (s.allOf || s.anyOf)) {
    unsupported(ctx, 'an inherited discriminator property');
  }
  if (s.const !== undefined && s.const !== null) {
    return { code: `z.literal(${literal(s.const, ctx)})`, primitive: true, forward: false };
  }
  if (
    Array.isArray(s.enum) &&
    s.type !== 'object' &&
    !('properties' in s) &&
    !('additionalProperties' in s)
  ) {
    const values = [...s.enum];
    const nullable = (Array.isArray(s.type) && s.type.includes('null')) || s.nullable === true;
    if (nullable && !values.includes(null)) values.push(null);
    if (values.length === 0) return { code: 'z.never()', primitive: true, forward: false };
    const strings = values.every((v) => typeof v === 'string');
    const code = strings
      ? `z.enum([${values.map((v) => JSON.stringify(v)).join(', ')}])`
      : values.length === 1
        ? `z.literal(${literal(values[0], ctx)})`
        : `z.literal([${values.map((v) => literal(v, ctx)).join(', ')}])`;
    return { code, primitive: values.length === 1, forward: false };
  }
  const parts: Emitted[] = [];
  const core = coreSchema(s, ctx);
  if (core) parts.push(core);
  const allOf = Array.isArray(s.allOf) ? s.allOf : [];
  const parentRequired = Array.isArray(s.required) ? (s.required as string[]) : [];
  const allOfParts = allOf.map((item, i) => {
    const where = `${ctx.where}/allOf/${i}`;
    if (isObject(item) && typeof item.$ref === 'string') {
      const target = getAt(ctx.doc, item.$ref.slice(1)).value;
      const props = isObject(target) && isObject(target.properties) ? target.properties : undefined;
      // openapi-typescript wraps such a ref in WithRequired<...>, or Omit<...> when the target has
      // a discriminator; neither is mirrored.
      if (props && parentRequired.some((k) => k in props))
        unsupported({ ...ctx, where }, 'allOf $ref made required by its parent');
      if (ctx.discriminated.has(item.$ref))
        unsupported({ ...ctx, where }, 'allOf $ref to a discriminated schema');
      return ref(item.$ref, { ...ctx, where });
    }
    const itemRequired = [
      ...parentRequired,
      ...(isObject(item) && Array.isArray(item.required) ? item.required : []),
    ];
    return emitSchema(isObject(item) ? { ...item, required: itemRequired } : item, {
      ...ctx,
      where,
    });
  });
  let result: Emitted | undefined;
  if (parts.length || allOfParts.length) {
    result = intersection([...parts, ...(allOfParts.length ? [intersection(allOfParts)] : [])]);
  }
  // Branches that only list `required` keys refine instead of widening (see constraints.ts).
  const anyOfRequired = requiredBranches(s.anyOf);
  const oneOfRequired = requiredBranches(s.oneOf);
  const anyOf = Array.isArray(s.anyOf) && !anyOfRequired ? s.anyOf : [];
  if (anyOf.length) {
    const options = anyOf.map((item, i) =>
      emitSchema(item, { ...ctx, where: `${ctx.where}/anyOf/${i}` }),
    );
    result = union([...(result ? [result] : []), ...options]);
  }
  const oneOf = Array.isArray(s.oneOf) && !oneOfRequired ? s.oneOf : [];
  if (oneOf.length) {
    const options = oneOf.map((item, i) =>
      emitSchema(item, { ...ctx, where: `${ctx.where}/oneOf/${i}` }),
    );
    result = options.every((o) => o.primitive)
      ? union([...(result ? [result] : []), ...options])
      : intersection([...(result ? [result] : []), union(options)]);
  }
  // openapi-typescript: nothing to build from → Record<string, unknown> when `type` is set
  // (emptyObjectsUnknown), else unknown.
  result ??=
    'type' in s
      ? { code: 'z.record(z.string(), z.unknown())', primitive: false, forward: false }
      : UNKNOWN;
  if (anyOfRequired)
    result = { ...result, code: result.code + requiredRefinement('anyOf', anyOfRequired) };
  if (oneOfRequired)
    result = { ...result, code: result.code + requiredRefinement('oneOf', oneOfRequired) };
  if (result !== UNKNOWN && s.nullable === true) {
    result = { code: `${result.code}.nullable()`, primitive: false, forward: result.forward };
  }
  return result;
}

/** `#/components/schemas/X` refs a schema uses (direct and nested), for ordering. */
export function schemaRefs(schema: unknown): Set<string> {
  const refs = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (isObject(value)) {
      if (typeof value.$ref === 'string') refs.add(value.$ref);
      else Object.values(value).forEach(visit);
    }
  };
  visit(schema);
  return refs;
}

/** Component schema names in an order where each comes after those it uses (cycles aside). */
export function orderSchemas(schemas: JsonObject): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string): void => {
    if (state.has(name)) return;
    state.set(name, 'visiting');
    for (const r of [...schemaRefs(schemas[name])].sort()) {
      const tokens = parsePointer(r.slice(1));
      if (
        tokens[0] === 'components' &&
        tokens[1] === 'schemas' &&
        tokens[2] &&
        tokens[2] in schemas
      )
        visit(tokens[2]);
    }
    state.set(name, 'done');
    order.push(name);
  };
  for (const name of Object.keys(schemas)) visit(name);
  return order;
}
