import type { OperationEntry } from '@socialhub/schema/api2/operations';
import * as api2Zod from '@socialhub/schema/api2/zod';

/** Which part of the request an issue is about. */
export type RequestPart = 'path' | 'query' | 'body';

/** One broken rule of a request, as sent in the `data` of a 400 `ValidationError`. */
export interface RequestIssue {
  readonly in: RequestPart;
  /** Dotted location inside the part, e.g. `count` or `items.[0].name`; empty for the whole part. */
  readonly path: string;
  /** zod's issue code, e.g. `invalid_type`, or `required` for a missing body. */
  readonly code: string;
  readonly message: string;
}

/** The parts of a request that the generated zod schemas check. */
export interface RequestParts {
  readonly params: Readonly<Record<string, string | undefined>>;
  readonly query: URLSearchParams;
  readonly body: unknown;
}

interface ZodIssueLike {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

interface SafeParser {
  safeParse(
    input: unknown,
  ): { success: true } | { success: false; error: { issues: readonly ZodIssueLike[] } };
}

const schemas = api2Zod as unknown as Readonly<Record<string, unknown>>;

/** The zod schema exported as `name` by `@socialhub/schema/api2/zod`, if there is one. */
export function findZodSchema(name: string | undefined): SafeParser | undefined {
  if (name === undefined || !Object.hasOwn(schemas, name)) return undefined;
  const schema = schemas[name] as Partial<SafeParser> | undefined;
  return typeof schema?.safeParse === 'function' ? (schema as SafeParser) : undefined;
}

/**
 * Validates path parameters, query and body with the operation's generated zod schemas.
 * Unknown query parameters are allowed (the generated query objects are loose, and SocialHub
 * ignores parameters it does not know); a repeated parameter is passed on as an array.
 */
export function validateRequest(operation: OperationEntry, parts: RequestParts): RequestIssue[] {
  const issues: RequestIssue[] = [];
  check(issues, 'path', findZodSchema(operation.zod.path), parts.params);
  check(issues, 'query', findZodSchema(operation.zod.query), queryObject(parts.query));
  const body = operation.requestBody;
  if (body === undefined) return issues;
  if (parts.body === undefined) {
    if (body.required) {
      issues.push({
        in: 'body',
        path: '',
        code: 'required',
        message: 'A request body is required',
      });
    }
    return issues;
  }
  const schema = findZodSchema(operation.zod.body);
  if (body.contentType === 'application/x-www-form-urlencoded' && typeof parts.body === 'string') {
    // A form carries only text: accept it as sent, or with numbers and booleans read as such.
    const fields = queryObject(new URLSearchParams(parts.body));
    if (schema?.safeParse(coerceFields(fields)).success === true) return issues;
    check(issues, 'body', schema, fields);
    return issues;
  }
  check(issues, 'body', schema, parts.body);
  return issues;
}

function coerceFields(fields: Record<string, string | string[]>): Record<string, unknown> {
  const coerce = (text: string): unknown => {
    if (text === 'true' || text === 'false') return text === 'true';
    const number = Number(text);
    return text.trim() !== '' && Number.isFinite(number) ? number : text;
  };
  const result: Record<string, unknown> = Object.create(null);
  for (const [name, value] of Object.entries(fields)) {
    result[name] = Array.isArray(value) ? value.map(coerce) : coerce(value);
  }
  return result;
}

function check(
  issues: RequestIssue[],
  part: RequestPart,
  schema: SafeParser | undefined,
  value: unknown,
): void {
  if (schema === undefined) return;
  const result = schema.safeParse(value);
  if (result.success) return;
  for (const issue of result.error.issues) {
    issues.push({
      in: part,
      path: issue.path.map((key) => String(key)).join('.'),
      code: issue.code,
      message: issue.message,
    });
  }
}

/** `a=1&b=2&b=3` to `{ a: '1', b: ['2', '3'] }` on a prototype-free object. */
function queryObject(query: URLSearchParams): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = Object.create(null);
  for (const [name, value] of query) {
    const existing = result[name];
    if (existing === undefined) result[name] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else result[name] = [existing, value];
  }
  return result;
}
