import type { IncomingMessage, ServerResponse } from 'node:http';
import createRouter from 'find-my-way';
import { readBody } from './body.js';
import { MockServerError } from './errors.js';
import { applyFault, type FaultRegistry } from './faults.js';
import { hasSomethingToValidate, validateOperation } from './operation-validation.js';
import type { MockRequest, NodeHandler, Reply, Route } from './types.js';

const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS']);
const METHODS: Route['method'][] = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'];

/**
 * The one request pipeline of every API of the mock: one router, then per route
 * authenticate → injected faults → body (JSON or form) → validation from the operations table →
 * handler, with one error format; no 500 escapes unlogged.
 */
export interface RequestHandler {
  (request: IncomingMessage, response: ServerResponse): void;
  /** Serves `handler` for every path under `prefix` (which ends with `/`), e.g. a UI under `/app/`. */
  mount(prefix: string, handler: NodeHandler): void;
}

/** Creates the request handler over a route list. */
export function createRequestHandler(options: {
  routes: Route[];
  maxBodyBytes: number;
  faults: FaultRegistry;
  /** Called after every answer, for the request log (the query string, with its token, is not given). */
  onAnswered?: (method: string, path: string, status: number, ms: number) => void;
  onError: (error: unknown) => void;
  /** Awaited after a handler ran and before its answer is sent (persistence of `--state`). */
  beforeReply?: (method: string) => Promise<void> | undefined;
}): RequestHandler {
  const router = createRouter({ maxParamLength: 512, ignoreTrailingSlash: true });
  for (const route of options.routes) router.on(route.method, route.path, () => {}, route);
  const mounts: Array<[string, NodeHandler]> = [];

  const send = (response: ServerResponse, reply: Reply) => {
    const headers: Record<string, string | number> = reply.headers ?? {};
    if (reply.body === undefined || reply.status === 204) {
      response.writeHead(reply.status, headers);
      response.end();
      return;
    }
    const json = JSON.stringify(reply.body);
    headers['content-type'] = 'application/json; charset=utf-8';
    headers['content-length'] = Buffer.byteLength(json);
    response.writeHead(reply.status, headers);
    response.end(json);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const started = performance.now();
    const url = request.url ?? '/';
    const mark = url.indexOf('?');
    const rawPath = mark === -1 ? url : url.slice(0, mark);
    const method = request.method ?? 'GET';
    let path = rawPath;
    let reply: Reply;
    let mockRequest: MockRequest | undefined;
    try {
      for (const [prefix, mounted] of mounts) {
        if (rawPath.startsWith(prefix) || `${rawPath}/` === prefix) {
          mounted(request, response);
          return;
        }
      }
      const found = router.find(method as Route['method'], rawPath);
      if (!found) {
        const isKnownPath = METHODS.some((m) => m !== method && router.find(m, rawPath));
        throw isKnownPath
          ? new MockServerError(
              405,
              'MethodNotAllowedError',
              `Error: ${method} is not allowed here`,
            )
          : new MockServerError(404, 'NotFoundError', 'Error: Not found');
      }
      const route = found.store as Route;
      if (rawPath.includes('%')) {
        try {
          path = decodeURIComponent(rawPath);
        } catch {
          path = rawPath;
        }
      }
      mockRequest = {
        method,
        path,
        rawPath,
        params: found.params,
        query: new URLSearchParams(mark === -1 ? '' : url.slice(mark + 1)),
        headers: request.headers,
        body: undefined,
        remoteAddress: request.socket.remoteAddress ?? '',
        caller: undefined,
        valid: { params: found.params, query: undefined, body: undefined },
        replyHeaders: undefined,
      };
      // Sync steps are not awaited: every await is a turn of the microtask queue per request.
      if (route.authenticate) {
        const caller = route.authenticate(mockRequest);
        mockRequest.caller = caller instanceof Promise ? await caller : caller;
      }
      const fault =
        route.hasFaults && options.faults.count > 0
          ? await applyFault(options.faults, method, path)
          : undefined;
      if (fault) reply = fault;
      else {
        if (!BODYLESS.has(method)) mockRequest.body = await readBody(request, options.maxBodyBytes);
        const operation = route.operation;
        if (operation && hasSomethingToValidate(operation.entry, mockRequest)) {
          const zod = typeof operation.zod === 'function' ? await operation.zod() : operation.zod;
          mockRequest.valid = validateOperation(operation.entry, zod, mockRequest, operation);
        } else mockRequest.valid.body = mockRequest.body;
        const answer = route.handler(mockRequest);
        reply = answer instanceof Promise ? await answer : answer;
      }
      const saving = options.beforeReply?.(method);
      if (saving) await saving;
    } catch (error) {
      if (error instanceof MockServerError) reply = { status: error.status, body: error.toBody() };
      else {
        options.onError(error);
        reply = { status: 500, body: { code: 'InternalError', message: 'Error: Internal error' } };
      }
    }
    if (response.headersSent || response.destroyed) return;
    if (mockRequest?.replyHeaders)
      reply.headers = { ...reply.headers, ...mockRequest.replyHeaders };
    send(response, reply);
    options.onAnswered?.(method, path, reply.status, performance.now() - started);
  };

  const requestHandler = ((request: IncomingMessage, response: ServerResponse) => {
    handle(request, response).catch(options.onError);
  }) as RequestHandler;
  requestHandler.mount = (prefix, handler) => {
    if (!/^\/[^?#]*\/$/.test(prefix) || prefix === '/')
      throw new TypeError(
        `@socialhub/mock-server: mount prefix must look like "/app/", got "${prefix}"`,
      );
    const probe = `${prefix}x`;
    if (METHODS.some((m) => router.find(m, probe) || router.find(m, prefix.slice(0, -1))))
      throw new TypeError(`@socialhub/mock-server: mount prefix "${prefix}" overlaps an API route`);
    mounts.push([prefix, handler]);
  };
  return requestHandler;
}
