/** RFC 6901 JSON pointers over plain JSON values. */

/** A JSON object. */
export type JsonObject = { [key: string]: unknown };

/** Splits a JSON pointer into unescaped tokens; `''` is the whole document. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`invalid JSON pointer ${JSON.stringify(pointer)}`);
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** Escapes tokens and joins them into a JSON pointer. */
export function formatPointer(tokens: readonly (string | number)[]): string {
  return tokens.map((t) => `/${String(t).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

/** Whether a value is a non-array object. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function child(container: unknown, token: string): { found: boolean; value: unknown } {
  if (Array.isArray(container)) {
    const index = /^(0|[1-9][0-9]*)$/.test(token) ? Number(token) : -1;
    return index >= 0 && index < container.length
      ? { found: true, value: container[index] }
      : { found: false, value: undefined };
  }
  if (isObject(container) && Object.hasOwn(container, token)) {
    return { found: true, value: container[token] };
  }
  return { found: false, value: undefined };
}

/** Resolves a pointer; `found` is false when any token is missing. */
export function getAt(doc: unknown, pointer: string): { found: boolean; value: unknown } {
  let current: { found: boolean; value: unknown } = { found: true, value: doc };
  for (const token of parsePointer(pointer)) {
    current = child(current.value, token);
    if (!current.found) return current;
  }
  return current;
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
