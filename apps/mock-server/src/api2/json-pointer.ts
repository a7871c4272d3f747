import { get, type Json } from '@hyperjump/json-pointer';

/**
 * Resolves a local JSON pointer (`#/components/schemas/X`, `#/paths/~1a~1{b}/get/...`) in
 * `document`; `undefined` when it is not local, malformed or leads nowhere. The parsing and
 * unescaping are `@hyperjump/json-pointer`'s, the library the code generator uses too.
 */
export function resolvePointer(document: unknown, pointer: string): unknown {
  if (pointer === '' || pointer === '#') return document;
  if (!pointer.startsWith('#/')) return undefined;
  try {
    return get(pointer.slice(1), document as Json);
  } catch {
    // Thrown for a malformed pointer or a token applied to a missing or scalar value.
    return undefined;
  }
}
