import type { SocialHubError } from './errors.js';

/** What every log event names; `url` never holds the access token. */
interface LogEventBase {
  method: string;
  /** The request URL without `accesstoken` (redacted if one was there). */
  url: string;
  /** 1 for the first attempt. */
  attempt: number;
}

/** One event of the `log` hook: an attempt starts, is answered, is retried, or fails for good. */
export type ClientLogEvent =
  | (LogEventBase & { type: 'request' })
  | (LogEventBase & { type: 'response'; status: number; durationMs: number })
  | (LogEventBase & {
      type: 'retry';
      /** Why: `status 429`, `status 503`, `network`, `timeout`. */
      reason: string;
      delayMs: number;
    })
  | (LogEventBase & { type: 'error'; error: SocialHubError });
