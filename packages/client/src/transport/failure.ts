import { SocialHubError, SocialHubNetworkError, SocialHubTimeoutError } from '../errors.js';
import { redactError } from '../redact.js';
import { scrubError } from '../scrub-error.js';
import type { Call } from './call.js';

/**
 * What a failed attempt (or a failed read of its body) becomes: the caller's abort reason as is,
 * this package's own errors as they are, `SocialHubTimeoutError` when the attempt's bound ended
 * it, else `SocialHubNetworkError`; the runtime's error becomes a scrubbed `cause`.
 */
export function toFailure(call: Call, attempt: number, error: unknown): unknown {
  if (call.signal?.aborted) return redactError(call.signal.reason, call.secrets);
  if (error instanceof SocialHubError) return error;
  const cause = scrubError(error, call.secrets);
  const init = { method: call.method, url: call.shownUrl, attempts: attempt, cause };
  return call.timedOut
    ? new SocialHubTimeoutError({ ...init, ...call.timedOut })
    : new SocialHubNetworkError(init);
}
