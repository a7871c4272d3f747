import { api2Operations } from '@socialhub/schema/api2/operations';
import * as api2Zod from '@socialhub/schema/api2/zod';
import { MockServerError } from '../http/errors.js';
import { validateOperation } from '../http/operation-validation.js';
import { errorResponse } from './error-response.js';
import { createApi2Mocker } from './mocker.js';
import { createRouteTable } from './route-table.js';
import type { Api2Handler, Api2HandlerOptions, Api2Request, Api2Response } from './types.js';

/**
 * Creates a standalone, synchronous API2 mock (no server, no state): routes `request.path` through
 * the generated operations table, validates it with the pipeline's own `validateOperation`, and
 * answers with the pipeline's own generated-answer stage (`createApi2Mocker`). The server does not
 * use it (its one router serves API2 with the state); it is the generated layer on its own, for
 * tools and tests. It never throws: failures are JSON error responses.
 *
 * @example
 * ```ts
 * const handle = createApi2Handler({ seed: 7 });
 * const response = handle({
 *   method: 'GET',
 *   path: '/channels',
 *   query: new URLSearchParams('count=2'),
 *   headers: {},
 *   body: undefined,
 * });
 * // response.status === 200, response.body is a channel list valid against the spec
 * ```
 */
export function createApi2Handler(options: Api2HandlerOptions = {}): Api2Handler {
  const seed = options.seed ?? 1;
  if (typeof seed !== 'number' || !Number.isFinite(seed)) {
    throw new TypeError(`@socialhub/mock-server: the API2 seed must be a finite number`);
  }
  const routes = createRouteTable(Object.values(api2Operations));
  const generate = createApi2Mocker(seed);

  function handle(request: Api2Request): Api2Response {
    const route = routes.lookup(String(request.method), String(request.path));
    if (route.kind === 'not-found') {
      return errorResponse(404, 'NotFoundError', `No API2 route matches ${String(request.path)}`);
    }
    if (route.kind === 'method-not-allowed') {
      const allow = route.allow.join(', ');
      if (String(request.method).toUpperCase() === 'OPTIONS') {
        return { status: 204, headers: { allow }, body: undefined };
      }
      return errorResponse(
        405,
        'MethodNotAllowedError',
        `${String(request.method).toUpperCase()} is not allowed here; allowed: ${allow}`,
        { headers: { allow } },
      );
    }
    const { operation } = route;
    validateOperation(operation, api2Zod, {
      params: route.params,
      query: request.query instanceof URLSearchParams ? request.query : new URLSearchParams(),
      body: request.body,
    });
    const reply = generate(
      operation,
      headerValue(request.headers, 'prefer'),
      String(request.method).toUpperCase() === 'HEAD',
    );
    return {
      status: reply.status,
      headers: { ...reply.headers },
      body: reply.body,
    };
  }

  return (request) => {
    try {
      return handle(request);
    } catch (error) {
      if (error instanceof MockServerError) {
        return {
          status: error.status,
          headers: { 'content-type': 'application/json' },
          body: error.toBody(),
        };
      }
      // A bug in the mock must still answer as JSON rather than crash the server.
      const reason = error instanceof Error ? error.message : String(error);
      return errorResponse(500, 'InternalError', `API2 mock failed: ${reason}`);
    }
  };
}
/** A header by lower-case name, also when the caller kept the original case or sent a list. */
function headerValue(
  headers: Readonly<Record<string, string | undefined>> | undefined,
  name: string,
): string | undefined {
  if (headers === undefined || headers === null) return undefined;
  let value: unknown = headers[name];
  if (value === undefined) {
    const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
    value = key === undefined ? undefined : headers[key];
  }
  if (Array.isArray(value)) return value.join(', ');
  return typeof value === 'string' ? value : undefined;
}
