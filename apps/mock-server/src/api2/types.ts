import type { Api2OperationId } from '@socialhub/schema/api2/operations';
import type { MockRequest, Reply } from '../http/types.js';
import type { UserRecord } from '../state/types.js';

/** One request to the API2 mock, already split by the HTTP layer (everything after `/api2`). */
export interface Api2Request {
  /** HTTP method in any case, e.g. `GET`. */
  readonly method: string;
  /** The path after `/api2`, without the query string, e.g. `/channels/abc`. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** Header values by lower-case name (as `node:http` gives them). */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The parsed JSON body, or `undefined` when the request has none. */
  readonly body: unknown;
}

/** The answer of the API2 mock; the HTTP layer serialises `body` as JSON unless it is `undefined`. */
export interface Api2Response {
  readonly status: number;
  readonly headers?: Record<string, string>;
  /** A JSON value (deeply frozen when generated), or `undefined` for an empty response. */
  readonly body: unknown;
}

/** Options of `createApi2Handler`. */
export interface Api2HandlerOptions {
  /**
   * Seed of the response generator: the same seed and request always give the same response.
   * @default 1
   */
  readonly seed?: number;
}

/** A synchronous, pure API2 request handler that never throws. */
export type Api2Handler = (request: Api2Request) => Api2Response;

/** What an API2 handler (stateful, or an override) gets: the request as validated by the pipeline. */
export interface Api2Context {
  readonly operationId: Api2OperationId;
  /** Path parameters, query and body as the operation's zod schemas parsed them. */
  readonly params: unknown;
  readonly query: unknown;
  readonly body: unknown;
  /** The user whose access token the request carries (absent only on login routes). */
  readonly user: UserRecord | undefined;
  /** That access token (to revoke it on logout). */
  readonly token: string | undefined;
  /** The raw request (headers, `remoteAddress`, the unparsed `body`). */
  readonly request: MockRequest;
}

/** An override of one API2 operation: answers instead of the mock, after validation, faults and auth. */
export type Api2OverrideHandler = (context: Api2Context) => Reply | Promise<Reply>;

/** Overrides by operationId (`createMockServer({ api2: { overrides } })`). */
export type Api2Overrides = { readonly [K in Api2OperationId]?: Api2OverrideHandler };
