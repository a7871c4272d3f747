import type { OperationEntry } from '@socialhub/schema/api2/operations';
import FindMyWay from 'find-my-way';

/** The outcome of looking up a method and path. */
export type RouteLookup =
  | {
      readonly kind: 'found';
      readonly operation: OperationEntry;
      /** Path parameters, percent-decoded, by template name. */
      readonly params: Readonly<Record<string, string | undefined>>;
    }
  | { readonly kind: 'method-not-allowed'; readonly allow: readonly string[] }
  | { readonly kind: 'not-found' };

/** Matches requests to the operations of an API. */
export interface RouteTable {
  /** Finds the operation for `method` (any case) and `path` (starting with `/`). */
  lookup(method: string, path: string): RouteLookup;
}

type Method = FindMyWay.HTTPMethod;

/** Longest path parameter matched; longer values are not routed (404). */
const MAX_PARAM_LENGTH = 1024;

/**
 * Compiles operation path templates into a radix tree (find-my-way, the router under Fastify):
 * static segments win over parameters (`/channels/summary` before `/channels/{id}`), a trailing
 * slash is ignored, and a malformed percent-encoding does not match.
 */
export function createRouteTable(operations: Iterable<OperationEntry>): RouteTable {
  const router = FindMyWay({ ignoreTrailingSlash: true, maxParamLength: MAX_PARAM_LENGTH });
  const methods = new Set<Method>();
  for (const operation of operations) {
    const method = operation.method.toUpperCase() as Method;
    methods.add(method);
    router.on(method, toRouterPath(operation.path), noop, operation);
  }
  const registered = [...methods].sort();

  function find(method: Method, path: string) {
    const found = router.find(method, path);
    return found === null ? undefined : found;
  }

  return {
    lookup(rawMethod, rawPath) {
      const method = rawMethod.toUpperCase() as Method;
      const path = rawPath === '' ? '/' : rawPath;
      if (!path.startsWith('/')) return { kind: 'not-found' };
      // HEAD is answered by the GET operation when the API documents no HEAD of its own.
      const routed = method === 'HEAD' && !methods.has('HEAD') ? 'GET' : method;
      const found = methods.has(routed) ? find(routed, path) : undefined;
      if (found !== undefined) {
        return { kind: 'found', operation: found.store as OperationEntry, params: found.params };
      }
      const allow = registered.filter((candidate) => find(candidate, path) !== undefined);
      if (allow.length === 0) return { kind: 'not-found' };
      if (allow.includes('GET') && !allow.includes('HEAD')) allow.push('HEAD');
      return { kind: 'method-not-allowed', allow: allow.sort() };
    },
  };
}

/** `/channels/{channelId}` to find-my-way's `/channels/:channelId`. */
function toRouterPath(template: string): string {
  return template.replace(/\{([^}]+)\}/g, ':$1');
}

function noop(): void {}
