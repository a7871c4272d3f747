import { SocialHubError } from '../errors.js';
import type { ClientLogEvent } from '../log.js';
import type { RetrySettings } from '../options.js';
import { parseRetryAfter } from '../retry-after.js';
import type { Call, Send } from './call.js';
import { toFailure } from './failure.js';

const NEVER = new AbortController().signal;
const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);

/** Sends a whole call, its retries included. */
export type SendCall = (call: Call) => Promise<Response>;

/**
 * The retry layer: repeats an attempt after a 429 (any call: it was not processed), and after a
 * 502/503/504, a network error or an attempt timeout when the call is idempotent, with exponential
 * backoff and full jitter or the `Retry-After` of a 429/503, within `maxAttempts` and the call's
 * total bound. Records on the call what it did (`call.info`); logs `retry` and `error` events.
 */
export function createRetryLayer(
  retry: RetrySettings,
  log: ((event: ClientLogEvent) => void) | undefined,
): (next: Send) => SendCall {
  const backoff = (attempt: number) =>
    retry.random() * Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));

  return (next) => async (call) => {
    const { method, shownUrl: url, signal } = call;
    const started = retry.now();
    const fits = (delay: number) => retry.now() - started + delay < retry.maxElapsedMs;
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw signal.reason;
      let response: Response;
      try {
        response = await next({
          call,
          number: attempt,
          url: call.url,
          signal,
          remainingMs: retry.maxElapsedMs - (retry.now() - started),
          hold: {},
        });
      } catch (error) {
        const failure = toFailure(call, attempt, error);
        if (!(failure instanceof SocialHubError) || error instanceof SocialHubError) throw failure;
        const delay = backoff(attempt);
        const reason = call.timedOut ? 'timeout' : 'network';
        if (
          call.timedOut?.scope !== 'total' &&
          attempt < retry.maxAttempts &&
          call.idempotent &&
          fits(delay)
        ) {
          if (log) log({ type: 'retry', method, url, attempt, reason, delayMs: delay });
          await retry.sleep(delay, signal ?? NEVER);
          continue;
        }
        if (log) log({ type: 'error', method, url, attempt, error: failure });
        throw failure;
      }

      const status = response.status;
      if (
        RETRYABLE_STATUSES.has(status) &&
        attempt < retry.maxAttempts &&
        (status === 429 || call.idempotent)
      ) {
        const after =
          status === 429 || status === 503
            ? parseRetryAfter(response.headers.get('retry-after'), retry.now())
            : undefined;
        const delay = after ?? backoff(attempt);
        if (fits(delay)) {
          call.finish();
          // Free the connection; what the discarded answer said no longer matters.
          await response.body?.cancel().catch(() => {});
          const reason = `status ${status}`;
          if (log) log({ type: 'retry', method, url, attempt, reason, delayMs: delay });
          await retry.sleep(delay, signal ?? NEVER);
          continue;
        }
      }
      call.info = {
        method,
        url,
        attempts: attempt,
        alreadyExists: status === 409 && attempt > 1 && method === 'POST' && call.idempotent,
      };
      return response;
    }
  };
}
