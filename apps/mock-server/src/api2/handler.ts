import { api2Operations } from '@socialhub/schema/api2/operations';
import { loadApi2Document } from './api2-document.js';
import { errorResponse } from './error-response.js';
import { readPreferredStatus } from './prefer-header.js';
import { validateRequest } from './request-validation.js';
import { createResponseFactory } from './response-factory.js';
import { createRouteTable } from './route-table.js';
import type { Api2Handler, Api2HandlerOptions, Api2Request, Api2Response } from './types.js';

/** Longest `Prefer` value echoed back in an error message. */
const MAX_ECHO = 40;

/**
 * Creates the API2 mock: routes `request.path` through the generated operations table, validates
 * path, query and body with the generated zod schemas, and answers with a body generated from the
 * documented response schema (the first 2xx, or the status named by `Prefer: code=NNN`).
 * Synchronous, deterministic for a seed, and it never throws: failures are JSON error responses.
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
  const responses = createResponseFactory(loadApi2Document(), seed >>> 0);

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
    const issues = validateRequest(operation, {
      params: route.params,
      query: request.query instanceof URLSearchParams ? request.query : new URLSearchParams(),
      body: request.body,
    });
    if (issues.length > 0) {
      const first = issues[0];
      const where = first === undefined ? '' : [first.in, first.path].filter(Boolean).join('.');
      return errorResponse(
        400,
        'ValidationError',
        `Invalid request for ${operation.operationId}: ${where}: ${first?.message ?? ''}`,
        { data: issues },
      );
    }
    const preference = readPreferredStatus(headerValue(request.headers, 'prefer'));
    if (preference.kind === 'invalid') {
      return errorResponse(
        400,
        'BadRequestError',
        `Prefer code must be a 3-digit status, got "${preference.value.slice(0, MAX_ECHO)}"`,
      );
    }
    const status =
      preference.kind === 'status' ? preference.status : responses.defaultStatus(operation);
    const response = responses.respond(operation, status);
    if (response === undefined) {
      const documented = Object.keys(operation.responses).join(', ');
      return errorResponse(
        400,
        'BadRequestError',
        `Prefer code=${status} is not documented for ${operation.operationId} (documented: ${documented})`,
      );
    }
    const isHead = String(request.method).toUpperCase() === 'HEAD';
    return {
      status: response.status,
      // A fresh headers object per answer: the HTTP layer may add its own.
      headers: { ...response.headers },
      body: isHead ? undefined : response.body,
    };
  }

  return (request) => {
    try {
      return handle(request);
    } catch (error) {
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
