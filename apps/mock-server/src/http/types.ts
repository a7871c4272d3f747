import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { OperationEntry } from '@socialhub/schema/api2/operations';

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
  /** The body: parsed JSON, the fields of a form body, or `undefined` when there was none. */
  body: unknown;
  remoteAddress: string;
  /** Who the route's `authenticate` step says the caller is. */
  caller: unknown;
  /** Parameters and body as the operation's schemas parsed them (routes with an `operation`). */
  valid: { params: unknown; query: unknown; body: unknown };
  /** Headers added to whatever the request is answered with, errors included (rate limits). */
  replyHeaders: Record<string, string> | undefined;
}

/** What a handler answers; `body` is sent as JSON (none for `undefined`). */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A route handler. */
export type RouteHandler = (request: MockRequest) => Reply | Promise<Reply>;

/** The exports of a generated zod entry (`@socialhub/schema/<api>/zod`), by name. */
export type ZodModule = Readonly<Record<string, unknown>>;

/** One route of the pipeline: method, find-my-way path (`/inbox/tickets/:ticketId`) and handler. */
export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE' | 'HEAD' | 'OPTIONS';
  path: string;
  handler: RouteHandler;
  /**
   * The contract operation of the route: the pipeline validates its path, query and body with
   * the operation's generated zod schemas (from `zod`) before the handler runs.
   */
  operation?: {
    entry: OperationEntry;
    /** The zod entry, or a loader for it (API2's is large: it is loaded on first use). */
    zod: ZodModule | (() => Promise<ZodModule>);
    isBodyLeftToHandler?: boolean;
  };
  /** Whether injected faults apply (the public API and API2, not the control API). */
  hasFaults?: boolean;
  /** Runs first: finds the caller (stored as `request.caller`) or throws `401`. */
  authenticate?: (request: MockRequest) => unknown | Promise<unknown>;
}

/** A plain node:http handler mounted under a path prefix (for example a UI under `/app/`). */
export type NodeHandler = (request: IncomingMessage, response: ServerResponse) => void;
