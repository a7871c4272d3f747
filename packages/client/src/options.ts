import { SocialHubConfigError } from './errors.js';
import type { ClientLogEvent } from './log.js';

/** The `fetch` the clients call: one `Request` in, one `Response` out (as openapi-fetch's `fetch` option). */
export type FetchLike = (request: Request) => Promise<Response>;

/** How failed attempts are retried. Waits use exponential backoff with full jitter. */
export interface RetryOptions {
  /**
   * Attempts per call, the first included (`1` turns retries off).
   * @default 3
   */
  maxAttempts?: number;
  /**
   * Backoff base: before attempt `n + 1` the client waits `random() * min(maxDelayMs, baseDelayMs * 2 ** (n - 1))`.
   * @default 250
   */
  baseDelayMs?: number;
  /**
   * Cap of one backoff wait (a `Retry-After` is honoured as sent, within `maxElapsedMs`).
   * @default 10000
   */
  maxDelayMs?: number;
  /**
   * Bound on a whole call, attempts and waits included: each attempt's timeout is cut to what is
   * left, and a retry whose wait would pass it is not made (the last answer or error is returned).
   * @default 60000
   */
  maxElapsedMs?: number;
  /**
   * Clock in milliseconds (for `Retry-After` dates and the time bound); inject a fake one in tests.
   * @default Date.now
   */
  now?: () => number;
  /**
   * Waits between attempts; must reject with `signal.reason` when `signal` aborts.
   * @default a setTimeout-based sleep
   */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /**
   * Source of jitter in `[0, 1)`.
   * @default Math.random
   */
  random?: () => number;
}

/** Options shared by `createPublicClient` and `createApi2Client`. */
export interface BaseClientOptions {
  /** Base URL of the API; each client has the contract's server as default. */
  baseUrl?: string;
  /**
   * The fetch to send requests with (a test server, a proxy agent, a recording fetch).
   * @default globalThis.fetch
   */
  fetch?: FetchLike;
  /**
   * Retry policy, or `false` for a single attempt.
   * @default { maxAttempts: 3, baseDelayMs: 250, maxDelayMs: 10000, maxElapsedMs: 60000 }
   */
  retry?: RetryOptions | false;
  /**
   * Timeout of one attempt in milliseconds, from sending until the response body is read.
   * @default 30000
   */
  timeoutMs?: number;
  /** `User-Agent` header to send (runtimes that allow setting it, such as Node). */
  userAgent?: string;
  /** Called for every attempt, answer, retry and failure; URLs in it are redacted. */
  log?: (event: ClientLogEvent) => void;
}

/** The channel (or temporary) token: a fixed string or a function called before every attempt. */
export type AccessTokenOptions =
  | { accessToken: string; getAccessToken?: never }
  | {
      accessToken?: never;
      /** Called before every attempt, so a rotated token is used even by a retry; may be async. */
      getAccessToken: () => string | Promise<string>;
    };

/** Resolved retry settings. */
export interface RetrySettings {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxElapsedMs: number;
  now: () => number;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  random: () => number;
}

/** The default `sleep`: a timer that rejects with `signal.reason` when the signal aborts. */
export function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function nonNegative(name: string, value: unknown, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || Number.isNaN(value) || value < min)
    throw new SocialHubConfigError(`${name} must be a number >= ${min}, got ${String(value)}`);
  return value;
}

function fn<T>(name: string, value: unknown, fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value !== 'function')
    throw new SocialHubConfigError(`${name} must be a function, got ${typeof value}`);
  return value as T;
}

/** Checks and fills in the retry options. */
export function resolveRetry(retry: RetryOptions | false | undefined): RetrySettings {
  if (retry !== undefined && retry !== false && (typeof retry !== 'object' || retry === null))
    throw new SocialHubConfigError('retry must be an object or false');
  const r = retry || {};
  const maxAttempts = retry === false ? 1 : nonNegative('retry.maxAttempts', r.maxAttempts, 3, 1);
  if (!Number.isInteger(maxAttempts))
    throw new SocialHubConfigError('retry.maxAttempts must be an integer');
  return {
    maxAttempts,
    baseDelayMs: nonNegative('retry.baseDelayMs', r.baseDelayMs, 250),
    maxDelayMs: nonNegative('retry.maxDelayMs', r.maxDelayMs, 10_000),
    maxElapsedMs: nonNegative('retry.maxElapsedMs', r.maxElapsedMs, 60_000, 1),
    now: fn('retry.now', r.now, Date.now),
    sleep: fn('retry.sleep', r.sleep, defaultSleep),
    random: fn('retry.random', r.random, Math.random),
  };
}

/** Checks the options every client shares; throws `SocialHubConfigError` on the first bad one. */
export function checkBaseOptions(options: BaseClientOptions): void {
  if (typeof options !== 'object' || options === null)
    throw new SocialHubConfigError('options must be an object');
  if (options.baseUrl !== undefined) {
    if (typeof options.baseUrl !== 'string' || !URL.canParse(options.baseUrl))
      throw new SocialHubConfigError('baseUrl must be an absolute URL');
    const { protocol, search, hash } = new URL(options.baseUrl);
    if (protocol !== 'https:' && protocol !== 'http:')
      throw new SocialHubConfigError('baseUrl must be an http(s) URL');
    if (search || hash) throw new SocialHubConfigError('baseUrl must not have a query or fragment');
  }
  fn('fetch', options.fetch, undefined);
  fn('log', options.log, undefined);
  nonNegative('timeoutMs', options.timeoutMs, 0, 1);
  if (options.userAgent !== undefined && typeof options.userAgent !== 'string')
    throw new SocialHubConfigError('userAgent must be a string');
}

/** Turns `accessToken` / `getAccessToken` into one getter; `required` makes their absence an error. */
export function resolveTokenSource(
  options: { accessToken?: unknown; getAccessToken?: unknown },
  required: boolean,
): (() => string | Promise<string>) | undefined {
  const { accessToken, getAccessToken } = options;
  if (accessToken !== undefined && getAccessToken !== undefined)
    throw new SocialHubConfigError('pass accessToken or getAccessToken, not both');
  if (accessToken !== undefined) {
    if (typeof accessToken !== 'string' || accessToken.trim() === '')
      throw new SocialHubConfigError('accessToken must be a non-empty string');
    return () => accessToken;
  }
  if (getAccessToken !== undefined) {
    if (typeof getAccessToken !== 'function')
      throw new SocialHubConfigError('getAccessToken must be a function');
    return getAccessToken as () => string | Promise<string>;
  }
  if (required)
    throw new SocialHubConfigError(
      'an accessToken or getAccessToken is required (SocialHub authenticates with ?accesstoken=)',
    );
  return undefined;
}
