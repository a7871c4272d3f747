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
