/** Builds a `*.zod.gen.ts` module: every component schema, then each operation's body, query and path. */
import {
  type EmitContext,
  emitSchema,
  identifierFor,
  orderSchemas,
  propertyKey,
} from './emit-zod.ts';
import { formatPointer, isObject, type JsonObject } from './json-pointer.ts';
import {
  listOperations,
  pickMediaType,
  type ResolvedParameter,
  resolveRef,
  zodNamesFor,
} from './operations.ts';

/** `#/components/schemas/X` → `XSchema`, checked to be unique. */
export function schemaConstNames(doc: JsonObject): Map<string, string> {
  const schemas =
    isObject(doc.components) && isObject(doc.components.schemas) ? doc.components.schemas : {};
  const names = new Map<string, string>();
  const taken = new Map<string, string>();
  for (const name of Object.keys(schemas)) {
    const id = identifierFor(name, 'Schema');
    const other = taken.get(id);
    if (other) throw new Error(`zod-module: schemas ${other} and ${name} both map to ${id}`);
    taken.set(id, name);
    names.set(`#${formatPointer(['components', 'schemas', name])}`, id);
  }
  return names;
}

function jsdoc(text: unknown, fallback: string): string {
  const first = typeof text === 'string' ? text.trim().split('\n')[0]?.trim() : '';
  const line = (first || fallback).replaceAll('*/', '*\\/');
  return `/** ${line} */`;
}

/**
 * Query and path values arrive as strings: numbers are coerced, booleans accept `true`/`false`
 * text, arrays accept one comma-separated string (`style: form`, the Swagger 2 `csv` default).
 * Output types stay those of the plain schema.
 */
function parameterValue(schema: unknown, ctx: EmitContext): string {
  if (
    isObject(schema) &&
    !('$ref' in schema) &&
    !schema.enum &&
    !schema.nullable &&
    !schema.allOf &&
    !schema.anyOf &&
    !schema.oneOf
  ) {
    if (schema.type === 'number' || schema.type === 'integer') {
      const plain = emitSchema(schema, ctx).code.replace(/^z\.(int|number)\(\)/, '');
      return `z.coerce.number()${schema.type === 'integer' ? '.int()' : ''}${plain}`;
    }
    if (schema.type === 'boolean') return 'z.union([z.boolean(), z.stringbool()])';
    if (schema.type === 'array' && schema.items !== undefined && !Array.isArray(schema.items)) {
      const item = parameterValue(schema.items, { ...ctx, where: `${ctx.where}/items` });
      let code = `z.array(${item})`;
      if (typeof schema.minItems === 'number') code += `.min(${schema.minItems})`;
      if (typeof schema.maxItems === 'number') code += `.max(${schema.maxItems})`;
      return `z.preprocess(splitCsv, ${code})`;
    }
  }
  return emitSchema(schema ?? { type: 'string' }, ctx).code;
}

function parametersObject(params: ResolvedParameter[], ctx: EmitContext): string {
  const lines = params.map((p) => {
    const value = parameterValue(p.schema, { ...ctx, where: p.schemaRef });
    // openapi-typescript: path parameters are always required, others when `required`.
    const required = p.in === 'path' || p.required;
    return `${propertyKey(p.name)}: ${value}${required ? '' : '.optional()'}`;
  });
  return `object({\n  ${lines.join(',\n  ')},\n})`;
}

/** The whole zod module for one OpenAPI 3.x document. */
export function emitZodModule(options: {
  /** The document after openapi-typescript's scanDiscriminators patched it. */
  doc: JsonObject;
  /** Pointers of the schemas that carry a discriminator. */
  discriminated: ReadonlySet<string>;
  header: string;
  title: string;
  names: Map<string, string>;
  /** The openapi-typescript module beside this one, e.g. `api2.types.gen.js`. */
  typesModule: string;
}): string {
  const { doc, discriminated, header, title, names, typesModule } = options;
  const schemas =
    isObject(doc.components) && isObject(doc.components.schemas) ? doc.components.schemas : {};
  const defined = new Set<string>();
  const blocks: string[] = [];
  const cuts: string[] = [];
  let hoisted: string[] = [];
  const cut = (owner: string) => (code: string, typePath: string) => {
    const name = `${owner}$${cuts.length + 1}`;
    cuts.push(`  ${name}: [z.infer<typeof ${name}>, ${typePath}];`);
    hoisted.push(`const ${name} = ${code};`);
    return `typed<${typePath}>(${name})`;
  };
  const ctx = (where: string, owner?: string, typePath?: string): EmitContext => ({
    doc,
    names,
    defined,
    where,
    discriminated,
    typePath,
    depth: 0,
    ...(owner ? { cut: cut(owner) } : {}),
  });
  /** Adds a block, after the constants its depth cuts hoisted. */
  const push = (block: string) => {
    blocks.push(...hoisted, block);
    hoisted = [];
  };
  for (const name of orderSchemas(schemas)) {
    const pointer = `#${formatPointer(['components', 'schemas', name])}`;
    const id = names.get(pointer) as string;
    const schema = schemas[name];
    const emitted = emitSchema(
      schema,
      ctx(pointer, id, `components["schemas"][${JSON.stringify(name)}]`),
    );
    if (emitted.forward)
      throw new Error(`zod-module: ${pointer} is recursive outside an object property`);
    defined.add(id);
    const description = isObject(schema) ? schema.description : undefined;
    push(
      `${jsdoc(description, `\`${name}\` (components.schemas) of the ${title}.`)}\nexport const ${id} = ${emitted.code};`,
    );
  }
  let usesCsv = false;
  for (const op of listOperations(doc)) {
    const zod = zodNamesFor(op, doc);
    const route = `${op.method.toUpperCase()} ${op.path}`;
    if (zod.body) {
      const { value, pointer } = resolveRef(
        doc,
        op.operation.requestBody,
        `${op.pointer}/requestBody`,
      );
      const media = isObject(value) ? pickMediaType(value.content) : undefined;
      const where = `${pointer}${formatPointer(['content', media?.type ?? '', 'schema'])}`;
      const bodyType =
        isObject(op.operation.requestBody) && !('$ref' in op.operation.requestBody) && media
          ? `NonNullable<operations[${JSON.stringify(op.operationId)}]["requestBody"]>["content"][${JSON.stringify(media.type)}]`
          : undefined;
      const emitted = emitSchema(media?.media.schema, ctx(where, zod.body, bodyType));
      push(`/** Request body of \`${route}\`. */\nexport const ${zod.body} = ${emitted.code};`);
    }
    for (const [kind, location] of [
      ['query', 'query'],
      ['path', 'path'],
    ] as const) {
      const name = zod[kind];
      if (!name) continue;
      const params = op.parameters.filter((p) => p.in === location);
      const code = parametersObject(params, ctx(`${op.pointer}/parameters`));
      usesCsv ||= code.includes('splitCsv');
      blocks.push(
        `/** ${location === 'query' ? 'Query' : 'Path'} parameters of \`${route}\`. */\nexport const ${name} = ${code};`,
      );
    }
  }
  const helper = usesCsv
    ? `\n/** Splits a comma-separated query value; arrays and other values pass through. */\nconst splitCsv = (value: unknown): unknown => (typeof value === 'string' ? value.split(',') : value);\n`
    : '';
  const exported = blocks.flatMap((b) => /export const (\w+)/.exec(b)?.slice(1) ?? []);
  const clash = exported.filter((name, i) => exported.indexOf(name) !== i);
  if (clash.length) throw new Error(`zod-module: export names used twice: ${clash.join(', ')}`);
  const body = blocks.join('\n\n');
  const object = body.includes('object({')
    ? `\n/** \`z.looseObject\` typed as \`z.object\`: unknown keys are kept at run time, the type lists the documented ones (as openapi-typescript's does). */\nconst object = <T extends z.core.$ZodLooseShape>(shape: T) =>\n  z.looseObject(shape) as unknown as z.ZodObject<z.core.util.Writeable<T>, z.core.$strip>;\n`
    : '';
  const typeNames = ['components', 'operations'].filter((n) =>
    cuts.some((c) => c.includes(`${n}[`)),
  );
  const cutHelpers = cuts.length
    ? `\n/** Reads a deep schema through its openapi-typescript type, keeping \`z.infer\` shallow (see ZodDepthCuts). */\nconst typed = <T>(schema: z.ZodType): z.ZodType<T> => schema as unknown as z.ZodType<T>;\n`
    : '';
  const cutTypes = `\n\n/** Each schema moved out for depth: [its inferred type, the openapi-typescript type it is read as]. */\nexport type ZodDepthCuts = {${cuts.length ? `\n${cuts.join('\n')}\n` : ''}};\n`;
  const typesImport = cuts.length
    ? `import type { ${typeNames.join(', ')} } from './${typesModule}';\n`
    : '';
  return `${header}\nimport { z } from 'zod';\n${typesImport}${object}${cutHelpers}${helper}\n${body}\n${cutTypes}`;
}
