import { SocialHubAccessTokenError } from '../errors.js';
import { redactError } from '../redact.js';
import { redactedResponse } from '../redacted-response.js';
import type { Layer } from './call.js';

/** Where the token comes from: called before every attempt, so a retry uses a rotated token. */
export type TokenSource = () => string | Promise<string>;

/** Appends `accesstoken` to a URL that the caller built without it. */
export function withAccessToken(url: string, token: string): string {
  const hash = url.indexOf('#');
  const base = hash === -1 ? url : url.slice(0, hash);
  return `${base}${base.includes('?') ? '&' : '?'}accesstoken=${encodeURIComponent(token)}`;
}

async function resolveToken(source: TokenSource): Promise<string> {
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

/**
 * The token layer: adds `?accesstoken=` to each attempt's URL and hands back a Response that never
 * held it (the fetched one keeps its URL in internal state). Every token sent joins the call's
 * secrets, which failures are scrubbed of.
 */
export function createTokenLayer(source: TokenSource | undefined): Layer {
  return (next) => async (attempt) => {
    if (!source) return redactedResponse(await next(attempt), attempt.call.shownUrl);
    const token = await resolveToken(source);
    const { secrets } = attempt.call;
    if (!secrets.includes(token)) secrets.push(token);
    const response = await next({ ...attempt, url: withAccessToken(attempt.url, token) });
    return redactedResponse(response, attempt.call.shownUrl);
  };
}
