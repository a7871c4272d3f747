/** Walks the operations of an OpenAPI 3.x document and emits the operations table. */
import { formatPointer, getAt, isObject, type JsonObject } from './json-pointer.ts';
import { HTTP_METHODS } from './operation-ids.ts';

/** A parameter with where it lives in the document. */
export interface ResolvedParameter {
  name: string;
  in: 'query' | 'header' | 'path' | 'cookie';
  required: boolean;
  schema: unknown;
  /** JSON pointer of the parameter's schema in the document. */
  schemaRef: string;
}

/** One operation of the document. */
export interface OperationInfo {
  method: (typeof HTTP_METHODS)[number];
  path: string;
  operationId: string;
  operation: JsonObject;
  /** Path-level parameters first, then the operation's, as openapi-typescript reads them. */
  parameters: ResolvedParameter[];
  /** JSON pointer of the operation. */
  pointer: string;
  /** `servers[0].url` of the operation, else of its path, else of the document. */
  server: string;
}

/** The vendor extension that marks a POST whose repeat is harmless (safe to retry). */
export const IDEMPOTENT_EXTENSION = 'x-socialhub-idempotent';

function firstServer(value: unknown): string | undefined {
  const first = Array.isArray(value) ? value[0] : undefined;
  return isObject(first) && typeof first.url === 'string' ? first.url : undefined;
}

/** A path template with its parameter names left out: `/a/{id}` and `/a/{x}` are one shape. */
export function pathShape(path: string): string {
  return path.replace(/\{[^}]+\}/g, '{}');
}

/**
 * Whether a repeat of the operation is harmless: every method but POST (SocialHub's PATCHes set
 * fields), and a POST marked `x-socialhub-idempotent: true`, or whose path shape is in `inherited`
 * (API2's copies of public routes). The extension on any other method is an error.
 */
export function isIdempotent(
  op: OperationInfo,
  inherited: ReadonlySet<string> = new Set(),
): boolean {
  const marked = op.operation[IDEMPOTENT_EXTENSION];
  if (marked !== undefined && (op.method !== 'post' || typeof marked !== 'boolean'))
    throw new Error(`${IDEMPOTENT_EXTENSION} must be a boolean on a POST (${op.pointer})`);
  if (op.method !== 'post') return true;
  return marked === true || inherited.has(pathShape(op.path));
}

/** Path shapes (`pathShape`) of the idempotent POSTs of `doc`, each under `prefix`. */
export function idempotentPostShapes(doc: JsonObject, prefix = ''): Set<string> {
  return new Set(
    listOperations(doc)
      .filter((op) => op.method === 'post' && isIdempotent(op))
      .map((op) => prefix + pathShape(op.path)),
  );
}

/** Follows `$ref`s (local ones only) until a non-reference, returning it and its pointer. */
export function resolveRef(
  doc: JsonObject,
  value: unknown,
  pointer: string,
): { value: unknown; pointer: string } {
  let current = value;
  let at = pointer;
  for (let hops = 0; isObject(current) && typeof current.$ref === 'string'; hops++) {
    if (hops > 20 || !current.$ref.startsWith('#'))
      throw new Error(`cannot resolve ${current.$ref} at ${at}`);
    at = current.$ref;
    const found = getAt(doc, current.$ref.slice(1));
    if (!found.found) throw new Error(`dangling $ref ${current.$ref}`);
    current = found.value;
  }
  return { value: current, pointer: at };
}

function parametersOf(doc: JsonObject, list: unknown, pointer: string): ResolvedParameter[] {
  if (!Array.isArray(list)) return [];
  return list.map((raw, i) => {
    const { value, pointer: at } = resolveRef(doc, raw, `${pointer}/${i}`);
    if (!isObject(value) || typeof value.name !== 'string' || typeof value.in !== 'string') {
      throw new Error(`invalid parameter at ${at}`);
    }
    return {
      name: value.name,
      in: value.in as ResolvedParameter['in'],
      required: value.required === true,
      schema: value.schema,
      schemaRef:
        isObject(value.schema) && typeof value.schema.$ref === 'string'
          ? value.schema.$ref
          : `${at}/schema`,
    };
  });
}

/** Every operation of `doc` in document order. */
export function listOperations(doc: JsonObject): OperationInfo[] {
  const result: OperationInfo[] = [];
  const paths = isObject(doc.paths) ? doc.paths : {};
  const docServer = firstServer(doc.servers) ?? '/';
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    const itemPointer = formatPointer(['paths', path]);
    const shared = parametersOf(doc, item.parameters, `#${itemPointer}/parameters`);
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      if (typeof operation.operationId !== 'string') {
        throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
      }
      const pointer = `#${itemPointer}/${method}`;
      const own = parametersOf(doc, operation.parameters, `${pointer}/parameters`);
      // An operation parameter overrides a path-level one of the same name and location.
      const merged = [
        ...shared.filter((p) => !own.some((o) => o.name === p.name && o.in === p.in)),
        ...own,
      ];
      result.push({
        method,
        path,
        operationId: operation.operationId,
        operation,
        parameters: merged,
        pointer,
        server: firstServer(operation.servers) ?? firstServer(item.servers) ?? docServer,
      });
    }
  }
  return result;
}

/** The media type a body or response is read as: JSON first, else the first listed. */
export function pickMediaType(content: unknown): { type: string; media: JsonObject } | undefined {
  if (!isObject(content)) return undefined;
  const types = Object.keys(content);
  const type = types.find((t) => /^application\/(.+\+)?json/.test(t)) ?? types[0];
  const media = type === undefined ? undefined : content[type];
  return type !== undefined && isObject(media) ? { type, media } : undefined;
}

/** Names of the zod exports an operation gets (`undefined` where it has nothing to parse). */
export interface OperationZodNames {
  body?: string;
  query?: string;
  path?: string;
}

/** The zod export names the zod module and the table agree on. */
export function zodNamesFor(op: OperationInfo, doc: JsonObject): OperationZodNames {
  const body = op.operation.requestBody
    ? resolveRef(doc, op.operation.requestBody, `${op.pointer}/requestBody`).value
    : undefined;
  const media = isObject(body) ? pickMediaType(body.content) : undefined;
  return {
    ...(media?.media.schema !== undefined ? { body: `${op.operationId}Body` } : {}),
    ...(op.parameters.some((p) => p.in === 'query') ? { query: `${op.operationId}Query` } : {}),
    ...(op.parameters.some((p) => p.in === 'path') ? { path: `${op.operationId}Path` } : {}),
  };
}

function schemaEntry(schema: unknown, pointer: string, names: Map<string, string>): string {
  const ref = isObject(schema) && typeof schema.$ref === 'string' ? schema.$ref : pointer;
  const zod = names.get(ref);
  return `{ ref: ${JSON.stringify(ref)}${zod ? `, zod: ${JSON.stringify(zod)}` : ''} }`;
}

/**
 * The operations table module: one entry per operation with method, path, parameters, body
 * and responses by status, each schema named by JSON pointer (and zod export where one exists).
 */
export function emitOperationsModule(options: {
  doc: JsonObject;
  header: string;
  prefix: string;
  title: string;
  names: Map<string, string>;
  /** Path shapes of POSTs that are idempotent by another contract (API2's `/public` copies). */
  inherited?: ReadonlySet<string>;
}): string {
  const { doc, header, prefix, title, names, inherited } = options;
  const ops = listOperations(doc);
  const entries = ops.map((op) => {
    const zod = zodNamesFor(op, doc);
    const lines: string[] = [
      `method: ${JSON.stringify(op.method)}`,
      `path: ${JSON.stringify(op.path)}`,
      `operationId: ${JSON.stringify(op.operationId)}`,
      `server: ${JSON.stringify(op.server)}`,
      `idempotent: ${isIdempotent(op, inherited)}`,
    ];
    if (typeof op.operation.summary === 'string')
      lines.push(`summary: ${JSON.stringify(op.operation.summary)}`);
    const tags = Array.isArray(op.operation.tags) ? op.operation.tags : [];
    lines.push(`tags: ${JSON.stringify(tags)}`);
    lines.push(
      `parameters: [${op.parameters
        .map(
          (p) =>
            `\n      { name: ${JSON.stringify(p.name)}, in: ${JSON.stringify(p.in)}, required: ${p.required}, schema: ${schemaEntry(p.schema, p.schemaRef, names)} }`,
        )
        .join(',')}${op.parameters.length ? '\n    ' : ''}]`,
    );
    if (op.operation.requestBody) {
      const { value, pointer } = resolveRef(
        doc,
        op.operation.requestBody,
        `${op.pointer}/requestBody`,
      );
      const body = isObject(value) ? value : {};
      const media = pickMediaType(body.content);
      if (media) {
        const schema = media.media.schema;
        const schemaPointer = `${pointer}${formatPointer(['content', media.type, 'schema'])}`;
        lines.push(
          `requestBody: { required: ${body.required === true}, contentType: ${JSON.stringify(media.type)}, schema: ${schemaEntry(schema, schemaPointer, names)} }`,
        );
      }
    }
    const responses = isObject(op.operation.responses) ? op.operation.responses : {};
    const responseLines = Object.entries(responses).map(([status, raw]) => {
      const { value, pointer } = resolveRef(
        doc,
        raw,
        `${op.pointer}${formatPointer(['responses', status])}`,
      );
      const response = isObject(value) ? value : {};
      const media = pickMediaType(response.content);
      const parts = [
        `description: ${JSON.stringify(typeof response.description === 'string' ? response.description : '')}`,
      ];
      if (media?.media.schema !== undefined) {
        const schemaPointer = `${pointer}${formatPointer(['content', media.type, 'schema'])}`;
        parts.push(
          `contentType: ${JSON.stringify(media.type)}`,
          `schema: ${schemaEntry(media.media.schema, schemaPointer, names)}`,
        );
      }
      return `\n      ${JSON.stringify(status)}: { ${parts.join(', ')} }`;
    });
    lines.push(`responses: {${responseLines.join(',')}${responseLines.length ? '\n    ' : ''}}`);
    const zodParts = Object.entries(zod).map(([k, v]) => `${k}: ${JSON.stringify(v)}`);
    lines.push(`zod: { ${zodParts.join(', ')}${zodParts.length ? ' ' : ''}}`);
    return `  ${op.operationId}: {\n    ${lines.join(',\n    ')},\n  }`;
  });
  const idType = `${prefix[0]?.toUpperCase()}${prefix.slice(1)}OperationId`;
  return `${header}
import type { OperationEntry } from '../operation-entry.js';

/** Every operationId of the ${title}. */
export type ${idType} =${ops.length ? ops.map((op) => `\n  | ${JSON.stringify(op.operationId)}`).join('') : ' never'};

/** The ${title} operations by operationId: method, path, server, idempotence, parameters, body and responses. */
export const ${prefix}Operations: Readonly<Record<${idType}, OperationEntry>> = {
${entries.join(',\n')},
};
`;
}

/**
 * The small module a client loads instead of the whole table: the server every operation is sent
 * to, and the path templates of the POSTs whose repeat is harmless (every other method is).
 */
export function emitTransportModule(options: {
  doc: JsonObject;
  header: string;
  prefix: string;
  title: string;
  inherited?: ReadonlySet<string>;
}): string {
  const { doc, header, prefix, title, inherited } = options;
  const ops = listOperations(doc);
  const servers = [...new Set(ops.map((op) => op.server))];
  if (servers.length !== 1)
    throw new Error(
      `${title}: a client needs one server for every operation, found ${servers.join(', ')}`,
    );
  const posts = ops.filter((op) => op.method === 'post' && isIdempotent(op, inherited));
  const list = posts.map((op) => `\n  ${JSON.stringify(op.path)},`).join('');
  return `${header}
/** The server every operation of the ${title} is sent to. */
export const ${prefix}ServerUrl = ${JSON.stringify(servers[0])};

/**
 * Path templates of the ${title}'s POSTs whose repeat is harmless (\`x-socialhub-idempotent\`),
 * which a client may retry like every other method.
 */
export const ${prefix}IdempotentPosts = [${list}${list ? '\n' : ''}] as const;
`;
}
