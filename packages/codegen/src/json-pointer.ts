/**
 * JSON pointers (RFC 6901) for the generator, the spec tests, the restoration scripts and the
 * benchmarks: one adapter over `@hyperjump/json-pointer`, which does the escaping, parsing and
 * walking (the mock server uses the same library at run time). Also the two JSON helpers
 * every walker here needs.
 */
import { append, get, type Json, pointerSegments } from '@hyperjump/json-pointer';

/** A JSON object. */
export type JsonObject = { [key: string]: unknown };

/** Splits a JSON pointer into unescaped tokens; `''` is the whole document. */
export function parsePointer(pointer: string): string[] {
  try {
    return [...pointerSegments(pointer)];
  } catch (error) {
    throw new Error(`invalid JSON pointer ${JSON.stringify(pointer)}`, { cause: error });
  }
}

/** Escapes tokens and joins them into a JSON pointer. */
export function formatPointer(tokens: readonly (string | number)[]): string {
  return tokens.reduce<string>((pointer, token) => append(String(token), pointer), '');
}

/** `pointer` extended by one escaped token: `childPointer('/paths', '/a')` is `/paths/~1a`. */
export function childPointer(pointer: string, token: string | number): string {
  return append(String(token), pointer);
}

/** Whether a value is a non-array object. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Resolves a pointer, or a local reference in URI-fragment form (`#/components/schemas/X`);
 * `found` is false when any token is missing. Throws on a malformed pointer.
 */
export function getAt(doc: unknown, pointer: string): { found: boolean; value: unknown } {
  const bare = pointer.startsWith('#') ? pointer.slice(1) : pointer;
  parsePointer(bare);
  const read = get(bare);
  try {
    // A JSON document holds no `undefined`, so `undefined` means "absent".
    const value = read(doc as Json);
    return { found: value !== undefined, value };
  } catch {
    // The library throws when a token is applied to a missing or scalar value.
    return { found: false, value: undefined };
  }
}

/** Calls `visit` for every object or array in `doc`, depth first, with its pointer tokens. */
export function walk(
  doc: unknown,
  visit: (value: JsonObject | unknown[], tokens: readonly string[]) => void,
  tokens: string[] = [],
): void {
  if (Array.isArray(doc)) {
    visit(doc, tokens);
    for (const [i, item] of doc.entries()) walk(item, visit, [...tokens, String(i)]);
  } else if (isObject(doc)) {
    visit(doc, tokens);
    for (const [key, value] of Object.entries(doc)) walk(value, visit, [...tokens, key]);
  }
}
