/**
 * Stable operationIds for a document that has none.
 *
 * Rule: the lower-case HTTP method, then each path segment in PascalCase. A literal segment is
 * split on every character that is not a letter or digit and each word gets an upper-case first
 * letter (`short-links` → `ShortLinks`); a `{param}` segment becomes `By` + the param in
 * PascalCase; `/` alone is `Root`. So `GET /channels/{channelId}/posts` is
 * `getChannelsByChannelIdPosts`. The id depends only on method and path, so it never changes
 * while the route exists. Two routes that map to one id stop the pipeline instead of being
 * numbered, because a number would depend on document order.
 */
import { isObject } from './json-pointer.ts';

/** HTTP methods an OpenAPI path item can hold, in document order. */
export const HTTP_METHODS = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
] as const;

function pascal(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]?.toUpperCase() + word.slice(1))
    .join('');
}

/** The operationId the rule derives for `method path`. */
export function deriveOperationId(method: string, path: string): string {
  const segments = path.split('/').filter(Boolean);
  const words = segments.map((segment) => {
    const param = /^\{(.+)\}$/.exec(segment);
    return param ? `By${pascal(param[1] ?? '')}` : pascal(segment);
  });
  return method.toLowerCase() + (words.join('') || 'Root');
}

/**
 * Sets a derived operationId on every operation of `paths` that lacks one; returns how many it
 * set. Throws on any duplicate id, derived or not.
 */
export function applyOperationIds(paths: unknown): number {
  if (!isObject(paths)) throw new Error('operation-ids: the document has no paths object');
  const seen = new Map<string, string>();
  let derived = 0;
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      if (typeof operation.operationId !== 'string') {
        operation.operationId = deriveOperationId(method, path);
        derived++;
      }
      const id = operation.operationId as string;
      const route = `${method.toUpperCase()} ${path}`;
      const other = seen.get(id);
      if (other) throw new Error(`operation-ids: ${route} and ${other} both map to ${id}`);
      seen.set(id, route);
    }
  }
  return derived;
}
