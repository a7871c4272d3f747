import { redactText } from './redact.js';

const MAX_DEPTH = 5;

function isPrimitive(value: unknown): value is string | number | boolean | bigint | null {
  const type = typeof value;
  return (
    value === null ||
    type === 'string' ||
    type === 'number' ||
    type === 'boolean' ||
    type === 'bigint'
  );
}

function scrub(value: unknown, secrets: readonly string[], depth: number): unknown {
  if (typeof value === 'string') return redactText(value, secrets);
  if (isPrimitive(value) || value === undefined) return value;
  if (!(value instanceof Error) || depth > MAX_DEPTH) return undefined;
  const options = 'cause' in value ? { cause: scrub(value.cause, secrets, depth + 1) } : undefined;
  const message = redactText(value.message, secrets);
  const out =
    value instanceof AggregateError
      ? new AggregateError(
          Array.isArray(value.errors) ? value.errors.map((e) => scrub(e, secrets, depth + 1)) : [],
          message,
          options,
        )
      : new Error(message, options);
  // Keep the class of ordinary errors (TypeError, the runtime's network errors); a DOMException
  // keeps its fields in internal slots, so its copy stays an Error with the same name.
  if (Object.hasOwn(value, 'message')) Object.setPrototypeOf(out, Object.getPrototypeOf(value));
  Object.defineProperty(out, 'name', { value: value.name, configurable: true, writable: true });
  out.stack = value.stack === undefined ? undefined : redactText(value.stack, secrets);
  for (const [key, field] of Object.entries(value)) {
    if (key !== 'cause' && key !== 'errors' && isPrimitive(field))
      Reflect.set(out, key, typeof field === 'string' ? redactText(field, secrets) : field);
  }
  return out;
}

/**
 * A fresh copy of a runtime error that holds nothing but text and numbers: message, stack, name,
 * primitive fields (`code`, `errno`, `syscall`, `port`...) and the same of its `cause` chain, each
 * string redacted. Objects it referred to (a `Request`, a socket, symbol-keyed state) are left out,
 * so no printing route can reach a URL with the token through it. A non-error gives `undefined`
 * (a primitive stays itself, redacted).
 */
export function scrubError(error: unknown, secrets: readonly string[]): unknown {
  return scrub(error, secrets, 0);
}
