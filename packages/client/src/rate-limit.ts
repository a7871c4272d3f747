/** SocialHub's rate limit window for the channel, from `X-RateLimit-Limit` / `X-RateLimit-Remaining`. */
export interface RateLimit {
  /** Requests allowed in the current window for this channel. */
  limit: number;
  /** Requests left in the current window. */
  remaining: number;
}

function count(value: string | null): number | undefined {
  if (value === null || !/^\s*\d+\s*$/.test(value)) return undefined;
  return Number(value);
}

/**
 * Reads `X-RateLimit-Limit` and `X-RateLimit-Remaining` from a response (or its headers);
 * `undefined` unless both are present and are non-negative integers.
 * @example
 * const { response } = await client.GET('/');
 * const rate = readRateLimit(response); // { limit: 1000, remaining: 999 }
 */
export function readRateLimit(response: Response | Headers): RateLimit | undefined {
  const headers = response instanceof Headers ? response : response.headers;
  const limit = count(headers.get('x-ratelimit-limit'));
  const remaining = count(headers.get('x-ratelimit-remaining'));
  return limit === undefined || remaining === undefined ? undefined : { limit, remaining };
}
