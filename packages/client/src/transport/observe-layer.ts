import type { ClientLogEvent } from '../log.js';
import { type RateLimit, readRateLimit } from '../rate-limit.js';
import type { Layer } from './call.js';

/** What the observe layer reports to. */
export interface ObserveConfig {
  log: ((event: ClientLogEvent) => void) | undefined;
  onRateLimit: (rateLimit: RateLimit) => void;
  now: () => number;
}

/** The observe layer: a `request` and a `response` log event per attempt, and the rate limit of every answer. */
export function createObserveLayer({ log, onRateLimit, now }: ObserveConfig): Layer {
  return (next) => async (attempt) => {
    const { method, shownUrl: url } = attempt.call;
    if (log) log({ type: 'request', method, url, attempt: attempt.number });
    const sentAt = log ? now() : 0;
    const response = await next(attempt);
    const rateLimit = readRateLimit(response.headers);
    if (rateLimit) onRateLimit(rateLimit);
    if (log)
      log({
        type: 'response',
        method,
        url,
        attempt: attempt.number,
        status: response.status,
        durationMs: now() - sentAt,
      });
    return response;
  };
}
