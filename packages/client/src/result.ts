import type { MaybeOptionalInit, Middleware } from 'openapi-fetch';
import type {
  FilterKeys,
  HttpMethod,
  MediaType,
  PathsWithMethod,
  Readable,
} from 'openapi-typescript-helpers';
import type { AttemptInfo } from './attempts.js';

type Digit = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
type ToNumber<S> = S extends `${infer N extends number}` ? N : never;

/** Every HTTP status from 200 to 299. */
export type HttpSuccessStatus = ToNumber<`2${Digit}${Digit}`>;
/** Every HTTP error status from 400 to 599. */
export type HttpErrorStatus = ToNumber<`${4 | 5}${Digit}${Digit}`>;

type Responses<Op> = Op extends { responses: infer R } ? R : never;
type Body<R> = R extends { content: infer C }
  ? [FilterKeys<C, MediaType>] extends [never]
    ? undefined
    : FilterKeys<C, MediaType>
  : undefined;
type Documented<Op> = Extract<keyof Responses<Op>, number>;

type SuccessVariant<Op> = {
  [S in Documented<Op> & HttpSuccessStatus]: {
    status: S;
    data: Readable<Body<Responses<Op>[S]>>;
    error?: never;
    response: Response;
    /** What the client did to get this response (attempts, method, redacted URL). */
    attempt: AttemptInfo | undefined;
  };
}[Documented<Op> & HttpSuccessStatus];

type ErrorVariant<Op> = {
  [S in Documented<Op> & HttpErrorStatus]: {
    status: S;
    data?: never;
    error: Readable<Body<Responses<Op>[S]>>;
    response: Response;
    /** What the client did to get this response (attempts, method, redacted URL). */
    attempt: AttemptInfo | undefined;
  };
}[Documented<Op> & HttpErrorStatus];

type DefaultVariant<Op> = 'default' extends keyof Responses<Op>
  ? {
      /** Any error status the contract does not list for this operation. */
      status: Exclude<HttpErrorStatus, Documented<Op>>;
      data?: never;
      error: Readable<Body<Responses<Op>['default']>>;
      response: Response;
      /** What the client did to get this response (attempts, method, redacted URL). */
      attempt: AttemptInfo | undefined;
    }
  : never;

/**
 * The result of a call: openapi-fetch's `{ data, error, response }` plus `status`, discriminated by
 * it. Each documented status gets its own body type, so `if (result.status === 422) result.error.data`
 * is typed; statuses the contract does not list fall to its `default` response.
 */
export type StatusResult<Op> = SuccessVariant<Op> | ErrorVariant<Op> | DefaultVariant<Op>;

type InitArgs<Init> = undefined extends Init ? [init?: Init] : [init: Init];

/**
 * One HTTP method of a client: the path and the init are checked against the contract. The init
 * is not a type parameter (unlike openapi-fetch's), so an unknown field in a body or in
 * parameters is an error too; `parseAs` is accepted but the result stays typed as JSON.
 */
export type TypedMethod<Paths extends PathsObject, M extends HttpMethod> = <
  P extends PathsWithMethod<Paths, M>,
>(
  path: P,
  ...init: InitArgs<MaybeOptionalInit<Paths[P], M & keyof Paths[P]>>
) => Promise<StatusResult<Paths[P][M & keyof Paths[P]]>>;

/** What a `paths` type of openapi-typescript is constrained to (as in openapi-fetch). */
export type PathsObject = object;

/** The request methods of a typed SocialHub client (openapi-fetch's, with status-typed results). */
export interface TypedClient<Paths extends PathsObject> {
  /** Call a GET operation. */
  GET: TypedMethod<Paths, 'get'>;
  /** Call a PUT operation. */
  PUT: TypedMethod<Paths, 'put'>;
  /** Call a POST operation. */
  POST: TypedMethod<Paths, 'post'>;
  /** Call a DELETE operation. */
  DELETE: TypedMethod<Paths, 'delete'>;
  /** Call a PATCH operation. */
  PATCH: TypedMethod<Paths, 'patch'>;
  /** Register openapi-fetch middleware (it sees requests without the access token). */
  use(...middleware: Middleware[]): void;
  /** Unregister openapi-fetch middleware. */
  eject(...middleware: Middleware[]): void;
}

/** The data of a successful result. */
export type SuccessData<R> = R extends { error?: never; data: infer D } ? D : never;
