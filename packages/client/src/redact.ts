/** What a redacted secret is replaced with. */
export const REDACTED = '***';

// `accesstoken=<value>` in a query string (any case), up to the next `&`, `#`, quote or space.
const ACCESS_TOKEN_PARAM = /([?&;]accesstoken=)[^&#\s'"]*/gi;

/**
 * Replaces the value of every `accesstoken` query parameter in a URL (or any text holding URLs)
 * with `***`.
 * @example
 * redactUrl('https://api.socialhub.io/?accesstoken=eyJ...'); // 'https://api.socialhub.io/?accesstoken=***'
 */
export function redactUrl(url: string | URL): string {
  return String(url).replace(ACCESS_TOKEN_PARAM, `$1${REDACTED}`);
}

/** Redacts `accesstoken` parameters and every occurrence of the given secrets (raw or URL-encoded) in a text. */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = redactUrl(text);
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    out = out.replaceAll(secret, REDACTED);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) out = out.replaceAll(encoded, REDACTED);
  }
  return out;
}

const MAX_DEPTH = 5;

// One pass: each level redacts its children first and builds a copy only if one of them changed,
// so an error that mentions no secret comes back as the same object.
function copy(value: unknown, secrets: readonly string[], depth: number): unknown {
  if (typeof value === 'string') return redactText(value, secrets);
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return value;
  const source = value as Record<string, unknown>;
  const fields: [string, unknown][] = [];
  let changed = false;
  for (const key of Object.keys(source)) {
    const next = copy(source[key], secrets, depth + 1);
    changed ||= next !== source[key];
    fields.push([key, next]);
  }
  if (!(value instanceof Error)) {
    if (!changed) return value;
    return Array.isArray(value) ? fields.map(([, v]) => v) : Object.fromEntries(fields);
  }
  const message = redactText(value.message, secrets);
  const stack = value.stack === undefined ? undefined : redactText(value.stack, secrets);
  const cause = copy(value.cause, secrets, depth + 1);
  const errors =
    value instanceof AggregateError ? (copy(value.errors, secrets, depth + 1) as unknown[]) : [];
  if (
    !changed &&
    message === value.message &&
    stack === value.stack &&
    cause === value.cause &&
    (!(value instanceof AggregateError) || errors === value.errors)
  )
    return value;
  const options = 'cause' in value ? { cause } : undefined;
  const out =
    value instanceof AggregateError
      ? new AggregateError(errors, message, options)
      : new Error(message, options);
  // Keep the class for ordinary errors (TypeError, the runtime's network errors); a DOMException
  // keeps its fields in internal slots, so its copy stays a plain Error with the same name.
  if (Object.hasOwn(value, 'message')) Object.setPrototypeOf(out, Object.getPrototypeOf(value));
  Object.defineProperty(out, 'name', { value: value.name, configurable: true, writable: true });
  out.stack = stack;
  for (const [k, v] of fields)
    if (k !== 'cause' && k !== 'message' && k !== 'stack') Reflect.set(out, k, v);
  return out;
}

/**
 * Returns the error unchanged when no message, stack, property or `cause` in it mentions a secret
 * or an `accesstoken` parameter; otherwise a copy (same class and fields where possible) with
 * them replaced by `***`. Used on every runtime error before it becomes a `cause`.
 */
export function redactError<E>(error: E, secrets: readonly string[] = []): E {
  return copy(error, secrets, 0) as E;
}
