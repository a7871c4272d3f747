import type { OperationEntry } from '@socialhub/schema/api2/operations';
import { formFields } from './body.js';
import type { ZodModule } from './types.js';
import { issuesError, type RequestPart, toIssues, type ValidationIssue } from './validate.js';

interface SafeParser {
  safeParse(
    input: unknown,
  ):
    | { success: true; data: unknown }
    | { success: false; error: { issues: readonly Parameters<typeof toIssues>[0][number][] } };
}

const parsers = new WeakMap<ZodModule, Map<string, SafeParser | undefined>>();

/** The zod schema exported as `name` by a generated zod entry, if there is one. */
export function findZodSchema(zod: ZodModule, name: string | undefined): SafeParser | undefined {
  if (name === undefined) return undefined;
  let cache = parsers.get(zod);
  if (!cache) {
    cache = new Map();
    parsers.set(zod, cache);
  }
  if (cache.has(name)) return cache.get(name);
  const schema = Object.hasOwn(zod, name) ? (zod[name] as Partial<SafeParser>) : undefined;
  const parser = typeof schema?.safeParse === 'function' ? (schema as SafeParser) : undefined;
  cache.set(name, parser);
  return parser;
}

/** The parts of a request the operation's schemas check. */
export interface RequestParts {
  params: Readonly<Record<string, string | undefined>>;
  query: URLSearchParams;
  body: unknown;
}

/** Form fields carry only text: numbers and booleans are read as such when the schema wants them. */
function coerceFields(fields: Record<string, unknown>): Record<string, unknown> {
  const coerce = (text: unknown): unknown => {
    if (typeof text !== 'string') return text;
    if (text === 'true' || text === 'false') return text === 'true';
    const number = Number(text);
    return text.trim() !== '' && Number.isFinite(number) ? number : text;
  };
  const result: Record<string, unknown> = Object.create(null);
  for (const [name, value] of Object.entries(fields))
    result[name] = Array.isArray(value) ? value.map(coerce) : coerce(value);
  return result;
}

const EMPTY: Record<string, string> = Object.freeze(Object.create(null));

/**
 * Whether a request has anything for the operation's schemas to check: path parameters, a query
 * parameter other than the access token (or a required one), or a body. The generated query
 * schemas have only optional fields unless a parameter is required, and no defaults, so an empty
 * query needs no parse.
 */
export function hasSomethingToValidate(operation: OperationEntry, parts: RequestParts): boolean {
  if (operation.zod.path !== undefined) return true;
  if (operation.requestBody !== undefined) return true;
  if (operation.zod.query === undefined) return false;
  for (const name of parts.query.keys()) if (name !== 'accesstoken') return true;
  return operation.parameters.some((p) => p.in === 'query' && p.required);
}

/**
 * Validates path parameters, query and body with the operation's generated zod schemas and
 * returns what they parsed, or throws one `400 ValidationError` listing every issue. Unknown
 * query parameters pass (SocialHub ignores them); a repeated one is passed on as an array.
 */
export function validateOperation(
  operation: OperationEntry,
  zod: ZodModule,
  parts: RequestParts,
  options: { isBodyLeftToHandler?: boolean } = {},
): { params: unknown; query: unknown; body: unknown } {
  const issues: ValidationIssue[] = [];
  const check = (part: RequestPart, name: string | undefined, value: unknown) => {
    const schema = findZodSchema(zod, name);
    if (!schema) return value;
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    issues.push(...toIssues(result.error.issues, part));
    return undefined;
  };
  const params = check('path', operation.zod.path, parts.params);
  const query =
    operation.zod.query === undefined
      ? undefined
      : check(
          'query',
          operation.zod.query,
          parts.query.size === 0 ? EMPTY : formFields(parts.query),
        );
  let body = parts.body;
  const declared = operation.requestBody;
  if (declared && !options.isBodyLeftToHandler) {
    if (parts.body === undefined) {
      if (declared.required)
        issues.push({
          in: 'body',
          path: '(root)',
          code: 'required',
          message: 'A request body is required',
        });
    } else if (declared.contentType === 'application/x-www-form-urlencoded') {
      const schema = findZodSchema(zod, operation.zod.body);
      // A form given as text (by a caller that did not go through the body reader) is read too.
      const fields = typeof parts.body === 'string' ? formFields(parts.body) : parts.body;
      const coerced =
        fields !== null && typeof fields === 'object'
          ? coerceFields(fields as Record<string, unknown>)
          : fields;
      const asNumbers = schema?.safeParse(coerced);
      body = asNumbers?.success ? asNumbers.data : check('body', operation.zod.body, fields);
    } else {
      body = check('body', operation.zod.body, parts.body);
    }
  }
  if (issues.length > 0) throw issuesError(`The request (${operation.operationId})`, issues);
  return { params, query, body };
}
