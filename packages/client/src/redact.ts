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

function mentions(value: unknown, secrets: readonly string[], depth: number): boolean {
  if (typeof value === 'string') return redactText(value, secrets) !== value;
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return false;
  if (value instanceof Error) {
    if (mentions(value.message, secrets, depth) || mentions(value.stack, secrets, depth))
      return true;
    if (mentions(value.cause, secrets, depth + 1)) return true;
    if (
      value instanceof AggregateError &&
      value.errors.some((e) => mentions(e, secrets, depth + 1))
    )
      return true;
  }
  for (const key of Object.keys(value)) {
    if (mentions((value as Record<string, unknown>)[key], secrets, depth + 1)) return true;
  }
  return false;
}

function copy(value: unknown, secrets: readonly string[], depth: number): unknown {
  if (typeof value === 'string') return redactText(value, secrets);
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return value;
  if (!mentions(value, secrets, depth)) return value;
  if (!(value instanceof Error)) {
    if (Array.isArray(value)) return value.map((v) => copy(v, secrets, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = copy(v, secrets, depth + 1);
    return out;
  }
  const cause = 'cause' in value ? { cause: copy(value.cause, secrets, depth + 1) } : undefined;
  const out =
    value instanceof AggregateError
      ? new AggregateError(
          value.errors.map((e) => copy(e, secrets, depth + 1)),
          redactText(value.message, secrets),
          cause,
        )
      : new Error(redactText(value.message, secrets), cause);
  // Keep the class for ordinary errors (TypeError, the runtime's network errors); a DOMException
  // keeps its fields in internal slots, so its copy stays a plain Error with the same name.
  if (Object.hasOwn(value, 'message')) Object.setPrototypeOf(out, Object.getPrototypeOf(value));
  Object.defineProperty(out, 'name', { value: value.name, configurable: true, writable: true });
  out.stack = value.stack === undefined ? undefined : redactText(value.stack, secrets);
  for (const [k, v] of Object.entries(value)) {
    if (k !== 'cause' && k !== 'message' && k !== 'stack')
      (out as unknown as Record<string, unknown>)[k] = copy(v, secrets, depth + 1);
  }
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
