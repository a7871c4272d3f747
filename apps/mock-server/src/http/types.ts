import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

/** A parsed request as route handlers see it. */
export interface MockRequest {
  method: string;
  /** The decoded path without the query string. */
  path: string;
  /** The path as sent (percent-encoded). */
  rawPath: string;
  params: Record<string, string | undefined>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The JSON body, `undefined` when there was none. */
  body: unknown;
  remoteAddress: string;
}

/** What a handler answers; `body` is sent as JSON (none for `undefined`). */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A route handler. */
export type RouteHandler = (request: MockRequest) => Reply | Promise<Reply>;

/** One route: method, find-my-way path (`/inbox/tickets/:ticketId`) and handler. */
export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE' | 'HEAD' | 'OPTIONS';
  path: string;
  handler: RouteHandler;
}

/** A plain node:http handler mounted under a path prefix (for example a UI under `/app/`). */
export type NodeHandler = (request: IncomingMessage, response: ServerResponse) => void;
