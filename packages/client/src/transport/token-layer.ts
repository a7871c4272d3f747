import { SocialHubAccessTokenError } from '../errors.js';
import { redactError } from '../redact.js';
import { redactedResponse } from '../redacted-response.js';
import { type Layer, nextAttempt } from './call.js';

/** Where the token comes from: called before every attempt, so a retry uses a rotated token. */
export type TokenSource = () => string | Promise<string>;

/** Appends `accesstoken` to a URL that the caller built without it. */
export function withAccessToken(url: string, token: string): string {
  const hash = url.indexOf('#');
  const base = hash === -1 ? url : url.slice(0, hash);
  return `${base}${base.includes('?') ? '&' : '?'}accesstoken=${encodeURIComponent(token)}`;
}

function checked(token: unknown): string {
  if (typeof token !== 'string' || token.trim() === '')
    throw new SocialHubAccessTokenError(`returned ${typeof token}, not a non-empty string`);
  return token;
}

function unavailable(cause: unknown): never {
  throw new SocialHubAccessTokenError('threw', { cause: redactError(cause) });
}

/** The token of one attempt; synchronous for a fixed token (no promise on the hot path). */
function resolveToken(source: TokenSource): string | Promise<string> {
  let value: string | Promise<string>;
  try {
    value = source();
  } catch (cause) {
    unavailable(cause);
  }
  if (typeof value === 'string') return checked(value);
  return Promise.resolve(value).then(checked, unavailable);
}

/**
 * The token layer: adds `?accesstoken=` to each attempt's URL and hands back a Response that never
 * held it (the fetched one keeps its URL in internal state). Every token sent joins the call's
 * secrets, which failures are scrubbed of.
 */
export function createTokenLayer(source: TokenSource | undefined): Layer {
  return (next) => async (attempt) => {
    if (!source) return redactedResponse(await next(attempt), attempt.call.shownUrl);
    const resolved = resolveToken(source);
    const token = typeof resolved === 'string' ? resolved : await resolved;
    const { secrets } = attempt.call;
    if (!secrets.includes(token)) secrets.push(token);
    const response = await next(nextAttempt(attempt, { url: withAccessToken(attempt.url, token) }));
    return redactedResponse(response, attempt.call.shownUrl);
  };
}
