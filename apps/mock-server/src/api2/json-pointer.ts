/** Resolves a local JSON pointer (`#/components/schemas/X`, `#/paths/~1a~1{b}/get/...`) in `document`. */
export function resolvePointer(document: unknown, pointer: string): unknown {
  if (pointer === '#' || pointer === '') return document;
  if (!pointer.startsWith('#/')) return undefined;
  let current: unknown = document;
  for (const raw of pointer.slice(2).split('/')) {
    if (current === null || typeof current !== 'object') return undefined;
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (!Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
