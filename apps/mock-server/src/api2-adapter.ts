import { createApi2Handler } from './api2/index.js';
import { applyFault, type FaultRegistry } from './http/faults.js';
import type { Route } from './http/types.js';

/**
 * Routes every `/api2/...` request to the API2 handler: the JSON body is already parsed (malformed
 * JSON answered 400 by the HTTP layer); injected faults apply as on the public API.
 */
export function api2Routes(options: { seed?: number; faults: FaultRegistry }): Route[] {
  const handle = createApi2Handler(options.seed === undefined ? {} : { seed: options.seed });
  const handler: Route['handler'] = async (request) => {
    const fault =
      options.faults.count === 0
        ? undefined
        : await applyFault(options.faults, request.method, request.path);
    if (fault) return fault;
    const headers: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(request.headers))
      headers[name] = Array.isArray(value) ? value.join(', ') : value;
    const response = handle({
      method: request.method,
      path: request.rawPath.slice('/api2'.length) || '/',
      query: request.query,
      headers,
      body: request.body,
    });
    return {
      status: response.status,
      body: response.body,
      ...(response.headers === undefined ? {} : { headers: response.headers }),
    };
  };
  const methods: Route['method'][] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
  return methods.flatMap((method) => [
    { method, path: '/api2', handler },
    { method, path: '/api2/*', handler },
  ]);
}
