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
  fetch: FetchLike;
  token: (() => string | Promise<string>) | undefined;
  timeoutMs: number;
  retry: RetrySettings;
  /** Matches the URL path of POSTs the contract makes idempotent (safe to retry). */
  idempotentPost: RegExp;
  log: ((event: ClientLogEvent) => void) | undefined;
  onRateLimit: (rateLimit: RateLimit) => void;
}

// Methods whose repetition is harmless: a lost answer can be asked for again.
const RETRYABLE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'DELETE']);
const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

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

type Failure = { kind: 'network' | 'timeout' | 'total'; cause: unknown };

/**
 * The fetch given to openapi-fetch: adds `accesstoken`, buffers the request body once and replays
 * it per attempt, bounds each attempt with a timeout, reads the whole response body inside that
 * bound, retries what the policy allows, records the rate limit, and never lets the token reach a
 * URL, error or log event it hands out.
 */
export function createTransport(config: TransportConfig): FetchLike {
  const { retry, log } = config;

  function backoff(attempt: number): number {
    return retry.random() * Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
  }

  return async function send(request: Request): Promise<Response> {
    const method = request.method;
    const url = request.url;
    const signal = request.signal;
    const body = request.body === null ? null : await request.arrayBuffer();
    const started = retry.now();
    let shown: string | undefined;
    const shownUrl = () => {
      shown ??= redactUrl(url);
      return shown;
    };
    let idempotent: boolean | undefined;
    const isIdempotent = () => {
      idempotent ??=
        RETRYABLE_METHODS.has(method) ||
        (method === 'POST' && config.idempotentPost.test(new URL(url).pathname));
      return idempotent;
    };

    for (let attempt = 1; ; attempt++) {
      if (signal.aborted) throw signal.reason;
      const token = config.token ? await resolveToken(config.token) : undefined;
      const target = token === undefined ? url : withAccessToken(url, token);
      const remaining = retry.maxElapsedMs - (retry.now() - started);
      const totalBound = remaining < config.timeoutMs;
      const controller = new AbortController();
      // Node's fetch links a Request's signal to the signal it was built with only weakly, so the
      // Request must stay reachable until the attempt is over or a timeout stops nothing
      // (nodejs/node#55428): the timer closure holds it through `attempt`.
      const current = {
        request: new Request(target, {
          method,
          headers: request.headers,
          body,
          signal: controller.signal,
          redirect: request.redirect,
          credentials: request.credentials,
          cache: request.cache,
        }),
        timedOut: false,
      };
      const timer = setTimeout(
        () => {
          current.timedOut = true;
          controller.abort(new DOMException('The attempt timed out', 'TimeoutError'));
        },
        Math.max(0, totalBound ? remaining : config.timeoutMs),
      );
      const onAbort = () => controller.abort(signal.reason);
      signal.addEventListener('abort', onAbort);
      if (log) log({ type: 'request', method, url: shownUrl(), attempt });
      const sentAt = log ? retry.now() : 0;

      let response: Response | undefined;
      let buffer: ArrayBuffer | null = null;
      let failure: Failure | undefined;
      try {
        response = await config.fetch(current.request);
        if (!NULL_BODY_STATUSES.has(response.status)) buffer = await response.arrayBuffer();
      } catch (error) {
        if (signal.aborted) throw redactError(signal.reason, token ? [token] : []);
        const cause = redactError(error, token ? [token] : []);
        failure = {
          kind: current.timedOut ? (totalBound ? 'total' : 'timeout') : 'network',
          cause,
        };
      } finally {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
      }

      if (failure || !response) {
        const error: SocialHubError =
          failure?.kind === 'network' || !failure
            ? new SocialHubNetworkError({
                method,
                url: shownUrl(),
                attempts: attempt,
                cause: failure?.cause,
              })
            : new SocialHubTimeoutError({
                method,
                url: shownUrl(),
                attempts: attempt,
                cause: failure.cause,
                scope: failure.kind === 'total' ? 'total' : 'attempt',
                timeoutMs: failure.kind === 'total' ? retry.maxElapsedMs : config.timeoutMs,
              });
        const delay = backoff(attempt);
        if (
          failure?.kind !== 'total' &&
          attempt < retry.maxAttempts &&
          isIdempotent() &&
          retry.now() - started + delay < retry.maxElapsedMs
        ) {
          if (log)
            log({
              type: 'retry',
              method,
              url: shownUrl(),
              attempt,
              reason: failure?.kind ?? 'network',
              delayMs: delay,
            });
          await retry.sleep(delay, signal);
          continue;
        }
        if (log) log({ type: 'error', method, url: shownUrl(), attempt, error });
        throw error;
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
          if (log)
            log({
              type: 'retry',
              method,
              url: shownUrl(),
              attempt,
              reason: `status ${status}`,
              delayMs: delay,
            });
          await retry.sleep(delay, signal);
          continue;
        }
      }

      const answer = new Response(buffer, {
        status,
        statusText: response.statusText,
        headers: response.headers,
      });
      // A constructed Response has an empty url; show where it came from, without the token.
      Object.defineProperty(answer, 'url', { value: shownUrl(), enumerable: true });
      recordAttempts(answer, {
        method,
        url: shownUrl(),
        attempts: attempt,
        alreadyExists: status === 409 && attempt > 1 && method === 'POST' && isIdempotent(),
      });
      return answer;
    }
  };
}
