import type { RateLimit } from './rate-limit.js';

const PREFIX = '@socialhub/client: ';

/** Machine-readable codes of the errors this package raises itself (API errors carry the server's code). */
export type ClientErrorCode =
  | 'invalid_options'
  | 'invalid_argument'
  | 'network_error'
  | 'timeout'
  | 'access_token_unavailable'
  | 'invalid_token'
  | 'token_expired';

/** Base class of every error this package throws. */
export class SocialHubError extends Error {
  override readonly name: string = 'SocialHubError';
  /** `ClientErrorCode`, or for `SocialHubApiError` the `code` of SocialHub's error body. */
  readonly code: string;

  constructor(code: string, message: string, options?: ErrorOptions) {
    super(PREFIX + message, options);
    this.code = code;
  }
}

/** An option of `createPublicClient` / `createApi2Client` (or of a helper) is missing or malformed. */
export class SocialHubConfigError extends SocialHubError {
  override readonly name: string = 'SocialHubConfigError';
  constructor(message: string, code: 'invalid_options' | 'invalid_argument' = 'invalid_options') {
    super(code, message);
  }
}

/** What `SocialHubApiError` is built from: one answered request. */
export interface ApiErrorInit {
  status: number;
  /** The parsed error body (`{ code, message, data? }` for SocialHub), or the raw text. */
  body: unknown;
  method: string;
  /** The request URL with `accesstoken` redacted. */
  url: string;
  response: Response;
  rateLimit: RateLimit | undefined;
}

function field(body: unknown, key: string): unknown {
  return typeof body === 'object' && body !== null
    ? (body as Record<string, unknown>)[key]
    : undefined;
}

/**
 * SocialHub answered with an error status; thrown by `unwrap()`. `code`, `message` and `data` come
 * from SocialHub's `{ code, message, data? }` body (`code` is `http_<status>` when the body has none).
 */
export class SocialHubApiError extends SocialHubError {
  override readonly name: string = 'SocialHubApiError';
  readonly status: number;
  /** `data` of the error body, e.g. the internal error text of a failed webhook test (422). */
  readonly data: unknown;
  /** The whole error body as SocialHub sent it. */
  readonly body: unknown;
  /** SocialHub's own message (the `message` of the body), without this package's prefix. */
  readonly serverMessage: string | undefined;
  readonly method: string;
  /** The request URL, `accesstoken` redacted. */
  readonly url: string;
  readonly response: Response;
  /** `X-RateLimit-Limit` / `X-RateLimit-Remaining` of this response. */
  readonly rateLimit: RateLimit | undefined;

  constructor(init: ApiErrorInit, explanation?: string) {
    const code = field(init.body, 'code');
    const serverMessage = field(init.body, 'message');
    const codeText = typeof code === 'string' && code !== '' ? code : `http_${init.status}`;
    const text = typeof serverMessage === 'string' ? serverMessage : undefined;
    super(
      codeText,
      `${init.method} ${init.url} answered ${init.status} ${codeText}${text ? `: ${text}` : ''}${explanation ? ` (${explanation})` : ''}`,
    );
    this.status = init.status;
    this.data = field(init.body, 'data');
    this.body = init.body;
    this.serverMessage = text;
    this.method = init.method;
    this.url = init.url;
    this.response = init.response;
    this.rateLimit = init.rateLimit;
  }
}

/**
 * A `409` to a POST that was retried and that the contract makes idempotent by `networkItemId`
 * (ticket creation, reply confirmation): an earlier attempt most likely created the resource and
 * only its answer was lost.
 */
export class SocialHubAlreadyExistsError extends SocialHubApiError {
  override readonly name = 'SocialHubAlreadyExistsError';
  constructor(init: ApiErrorInit, attempts: number) {
    super(
      init,
      `already exists: attempt ${attempts} of a retried POST; an earlier attempt most likely created it`,
    );
  }
}

/** What the transport errors share: which request failed and after how many attempts. */
export interface TransportErrorInit {
  method: string;
  /** The request URL, `accesstoken` redacted. */
  url: string;
  attempts: number;
  cause?: unknown;
}

/** The request never got an answer: DNS, connection refused or reset, TLS, a broken body. `cause` holds the runtime's error. */
export class SocialHubNetworkError extends SocialHubError {
  override readonly name = 'SocialHubNetworkError';
  readonly method: string;
  readonly url: string;
  readonly attempts: number;
  constructor(init: TransportErrorInit) {
    const reason = init.cause instanceof Error ? `: ${init.cause.message}` : '';
    super(
      'network_error',
      `${init.method} ${init.url} failed after ${init.attempts} attempt(s)${reason}`,
      init.cause === undefined ? undefined : { cause: init.cause },
    );
    this.method = init.method;
    this.url = init.url;
    this.attempts = init.attempts;
  }
}

/** An attempt (`scope: 'attempt'`, `timeoutMs`) or the whole call with its retries (`scope: 'total'`, `retry.maxElapsedMs`) took too long. */
export class SocialHubTimeoutError extends SocialHubError {
  override readonly name = 'SocialHubTimeoutError';
  readonly method: string;
  readonly url: string;
  readonly attempts: number;
  readonly scope: 'attempt' | 'total';
  readonly timeoutMs: number;
  constructor(init: TransportErrorInit & { scope: 'attempt' | 'total'; timeoutMs: number }) {
    super(
      'timeout',
      `${init.method} ${init.url} timed out after ${init.timeoutMs} ms (${init.scope === 'total' ? 'total time bound, retries included' : `attempt ${init.attempts}`})`,
      init.cause === undefined ? undefined : { cause: init.cause },
    );
    this.method = init.method;
    this.url = init.url;
    this.attempts = init.attempts;
    this.scope = init.scope;
    this.timeoutMs = init.timeoutMs;
  }
}

/** `getAccessToken()` threw, or gave something other than a non-empty string. `cause` holds what it threw. */
export class SocialHubAccessTokenError extends SocialHubError {
  override readonly name = 'SocialHubAccessTokenError';
  constructor(reason: string, options?: ErrorOptions) {
    super('access_token_unavailable', `getAccessToken() ${reason}`, options);
  }
}

/** A SocialHub token (JWT) could not be decoded, or its payload lacks a required field. */
export class SocialHubTokenError extends SocialHubError {
  override readonly name: string = 'SocialHubTokenError';
  constructor(
    reason: string,
    options?: ErrorOptions,
    code: 'invalid_token' | 'token_expired' = 'invalid_token',
  ) {
    super(code, reason, options);
  }
}

/** A temporary channel creation / reactivation token is past its `exp`; nothing was sent. */
export class SocialHubTokenExpiredError extends SocialHubTokenError {
  override readonly name = 'SocialHubTokenExpiredError';
  readonly expiredAt: Date;
  constructor(expiredAt: Date) {
    super(
      `the temporary token expired at ${expiredAt.toISOString()}; ask the customer to start again from SocialHub`,
      undefined,
      'token_expired',
    );
    this.expiredAt = expiredAt;
  }
}
