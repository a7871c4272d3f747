import { recordAttempts } from './attempts.js';
import {
  SocialHubAccessTokenError,
  type SocialHubError,
  SocialHubNetworkError,
  SocialHubTimeoutError,
} from './errors.js';
import type { ClientLogEvent } from './log.js';
import type { FetchLike, RetrySettings } from './options.js';
import { type RateLimit, readRateLimit } from './rate-limit.js';
import { redactError, redactUrl } from './redact.js';
import { parseRetryAfter } from './retry-after.js';

/** Everything the transport needs; built once per client. */
export interface TransportConfig {
  /** The caller's fetch; `undefined` sends with `globalThis.fetch(url, init)` (one Request less). */
  fetch: FetchLike | undefined;
  token: (() => string | Promise<string>) | undefined;
  timeoutMs: number;
  retry: RetrySettings;
  /** Matches the URL path of POSTs the contract makes idempotent (safe to retry). */
  idempotentPost: RegExp;
  log: ((event: ClientLogEvent) => void) | undefined;
  onRateLimit: (rateLimit: RateLimit) => void;
}

/**
 * One call's state, shared by the transport and the method wrapper: the answer's body is read by
 * openapi-fetch after the transport returns, so the wrapper ends the attempt's timeout once it
 * has, and turns a failure while reading into this package's errors.
 */
export interface CallState {
  /** The caller's `signal` option, if any (openapi-fetch's Request always has a signal). */
  signal?: AbortSignal | undefined;
  /** Clears the last attempt's timer and abort listener. */
  finish?: () => void;
  /** Maps a failure of openapi-fetch reading the returned body. */
  bodyError?: (error: unknown) => unknown;
}

/** The Request class given to openapi-fetch: it keeps the serialised body so no stream is read back. */
export class ReplayableRequest extends Request {
  /** The body exactly as openapi-fetch serialised it. */
  readonly replayBody: BodyInit | null | undefined;
  constructor(input: RequestInfo | URL, init?: RequestInit) {
    super(input, init);
    this.replayBody = init?.body;
  }
}

const NEVER = new AbortController().signal;

// Methods whose repetition is harmless: a lost answer can be asked for again.
const RETRYABLE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'DELETE']);
const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);

/** Appends `accesstoken` to a URL that the caller built without it. */
export function withAccessToken(url: string, token: string): string {
  const hash = url.indexOf('#');
  const base = hash === -1 ? url : url.slice(0, hash);
  return `${base}${base.includes('?') ? '&' : '?'}accesstoken=${encodeURIComponent(token)}`;
}

async function resolveToken(source: () => string | Promise<string>): Promise<string> {
  let token: unknown;
  try {
    const value = source();
    token = typeof value === 'string' ? value : await value;
  } catch (cause) {
    throw new SocialHubAccessTokenError('threw', { cause: redactError(cause) });
  }
  if (typeof token !== 'string' || token.trim() === '')
    throw new SocialHubAccessTokenError(`returned ${typeof token}, not a non-empty string`);
  return token;
}

async function replayableBody(request: Request): Promise<BodyInit | null> {
  if (request instanceof ReplayableRequest && request.replayBody != null) {
    const body = request.replayBody;
    // Strings, buffers, blobs and form data can be sent again; a stream cannot.
    if (!(body instanceof ReadableStream)) return body;
  }
  return request.body === null ? null : await request.arrayBuffer();
}

type FailureKind = 'network' | 'timeout' | 'total';

function cloneHidingUrl(this: Response): Response {
  return hideUrl(Response.prototype.clone.call(this), this.url);
}

/** Gives a response an own `url` (the redacted one) and a `clone` that does the same. */
function hideUrl(response: Response, url: string): Response {
  Object.defineProperty(response, 'url', { value: url, enumerable: true });
  Object.defineProperty(response, 'clone', { value: cloneHidingUrl });
  return response;
}

/**
 * The fetch given to openapi-fetch: adds `accesstoken`, replays the request body per attempt,
 * bounds each attempt with a timeout (until the body is read), retries what the policy allows,
 * records the rate limit, and never lets the token reach a URL, error or log event it hands out.
 */
export function createTransport(
  config: TransportConfig,
): (request: Request, call?: CallState) => Promise<Response> {
  const { retry, log } = config;

  function backoff(attempt: number): number {
    return retry.random() * Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
  }

  return async function send(request: Request, call?: CallState): Promise<Response> {
    const method = request.method;
    const url = request.url;
    // The caller's signal: from the call state when there is one (then only if the caller gave
    // one), else the request's own.
    const signal = call ? call.signal : request.signal;
    const body = await replayableBody(request);
    const started = retry.now();
    let shown: string | undefined;
    const shownUrl = () => {
      // openapi-fetch built the URL without the token; redact only if a caller put one there.
      shown ??= /accesstoken/i.test(url) ? redactUrl(url) : url;
      return shown;
    };
    let idempotent: boolean | undefined;
    const isIdempotent = () => {
      idempotent ??=
        RETRYABLE_METHODS.has(method) ||
        (method === 'POST' && config.idempotentPost.test(new URL(url).pathname));
      return idempotent;
    };
    const failure = (kind: FailureKind, attempt: number, cause: unknown): SocialHubError =>
      kind === 'network'
        ? new SocialHubNetworkError({ method, url: shownUrl(), attempts: attempt, cause })
        : new SocialHubTimeoutError({
            method,
            url: shownUrl(),
            attempts: attempt,
            cause,
            scope: kind === 'total' ? 'total' : 'attempt',
            timeoutMs: kind === 'total' ? retry.maxElapsedMs : config.timeoutMs,
          });

    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw signal.reason;
      const token = config.token ? await resolveToken(config.token) : undefined;
      const secrets = token ? [token] : [];
      const target = token === undefined ? url : withAccessToken(url, token);
      const remaining = retry.maxElapsedMs - (retry.now() - started);
      const totalBound = remaining < config.timeoutMs;
      const controller = new AbortController();
      const init: RequestInit = {
        method,
        headers: request.headers,
        body,
        signal: controller.signal,
        redirect: request.redirect,
      };
      // Node's fetch links a Request's signal to the one it was built with only weakly, so the
      // Request must stay reachable until the attempt is over, or a timeout aborts nothing
      // (nodejs/node#55428): the timer's closure holds it through `current`.
      const current = {
        request: config.fetch ? new Request(target, init) : undefined,
        timedOut: false,
      };
      const timer = setTimeout(
        () => {
          current.timedOut = true;
          controller.abort(new DOMException('The attempt timed out', 'TimeoutError'));
        },
        Math.max(0, totalBound ? remaining : config.timeoutMs),
      );
      const onAbort = () => controller.abort(signal?.reason);
      signal?.addEventListener('abort', onAbort);
      const finish = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      if (log) log({ type: 'request', method, url: shownUrl(), attempt });
      const sentAt = log ? retry.now() : 0;

      let response: Response;
      try {
        response = await (current.request && config.fetch
          ? config.fetch(current.request)
          : globalThis.fetch(target, init));
      } catch (error) {
        finish();
        if (signal?.aborted) throw redactError(signal.reason, secrets);
        const kind: FailureKind = current.timedOut ? (totalBound ? 'total' : 'timeout') : 'network';
        const error_ = failure(kind, attempt, redactError(error, secrets));
        const delay = backoff(attempt);
        if (
          kind !== 'total' &&
          attempt < retry.maxAttempts &&
          isIdempotent() &&
          retry.now() - started + delay < retry.maxElapsedMs
        ) {
          if (log)
            log({ type: 'retry', method, url: shownUrl(), attempt, reason: kind, delayMs: delay });
          await retry.sleep(delay, signal ?? NEVER);
          continue;
        }
        if (log) log({ type: 'error', method, url: shownUrl(), attempt, error: error_ });
        throw error_;
      }

      const status = response.status;
      const rateLimit = readRateLimit(response.headers);
      if (rateLimit) config.onRateLimit(rateLimit);
      if (log)
        log({
          type: 'response',
          method,
          url: shownUrl(),
          attempt,
          status,
          durationMs: retry.now() - sentAt,
        });

      if (
        RETRYABLE_STATUSES.has(status) &&
        attempt < retry.maxAttempts &&
        (status === 429 || isIdempotent())
      ) {
        const after =
          status === 429 || status === 503
            ? parseRetryAfter(response.headers.get('retry-after'), retry.now())
            : undefined;
        const delay = after ?? backoff(attempt);
        if (retry.now() - started + delay < retry.maxElapsedMs) {
          finish();
          // Free the connection; what the discarded answer said no longer matters.
          await response.body?.cancel().catch(() => {});
          if (log)
            log({
              type: 'retry',
              method,
              url: shownUrl(),
              attempt,
              reason: `status ${status}`,
              delayMs: delay,
            });
          await retry.sleep(delay, signal ?? NEVER);
          continue;
        }
      }

      // The fetched Response's own url holds the token: shadow it (and its clones') with the
      // redacted one. Cheaper than a fresh Response over the same stream, and as safe for
      // anything that reads, prints or clones the response.
      const answer = hideUrl(response, shownUrl());
      recordAttempts(answer, {
        method,
        url: shownUrl(),
        attempts: attempt,
        alreadyExists: status === 409 && attempt > 1 && method === 'POST' && isIdempotent(),
      });
      if (!call) {
        // Called without a call state (a caller's own use): the bound ends with the headers.
        finish();
        return answer;
      }
      call.finish = finish;
      call.bodyError = (error) => {
        if (signal?.aborted) return redactError(signal.reason, secrets);
        if (!current.timedOut && error instanceof SyntaxError) return error;
        const kind: FailureKind = current.timedOut ? (totalBound ? 'total' : 'timeout') : 'network';
        const error_ = failure(kind, attempt, redactError(error, secrets));
        if (log) log({ type: 'error', method, url: shownUrl(), attempt, error: error_ });
        return error_;
      };
      return answer;
    }
  };
}
