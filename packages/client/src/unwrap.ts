import type { AttemptInfo } from './attempts.js';
import { SocialHubAlreadyExistsError, SocialHubApiError } from './errors.js';
import { readRateLimit } from './rate-limit.js';
import { redactUrl } from './redact.js';
import type { SuccessData } from './result.js';

interface AnyResult {
  data?: unknown;
  error?: unknown;
  response: Response;
  attempt?: AttemptInfo | undefined;
}

/** Builds the `SocialHubApiError` (or `SocialHubAlreadyExistsError`) for an error result. */
export function toApiError(result: AnyResult): SocialHubApiError {
  const info = result.attempt;
  const init = {
    status: result.response.status,
    body: result.error,
    method: info?.method ?? 'request to',
    url: info?.url ?? redactUrl(result.response.url),
    response: result.response,
    rateLimit: readRateLimit(result.response),
  };
  return info?.alreadyExists
    ? new SocialHubAlreadyExistsError(init, info.attempts)
    : new SocialHubApiError(init);
}

/**
 * The throwing mode: resolves to `data` of a successful result, or throws `SocialHubApiError`
 * (status, code, message, data) for an error status, `SocialHubAlreadyExistsError` for a 409 to a
 * retried idempotent POST. Transport failures reject as they do without it.
 * @example
 * const ticket = await unwrap(client.POST('/inbox/tickets', { body }));
 */
export async function unwrap<R extends AnyResult>(result: R | Promise<R>): Promise<SuccessData<R>> {
  const settled = await result;
  if (!settled.response.ok) throw toApiError(settled);
  return settled.data as SuccessData<R>;
}
