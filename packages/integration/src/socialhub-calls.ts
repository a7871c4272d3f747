import { parseRetryAfter, readRateLimit, SocialHubError } from '@socialhub/client';

/** What a call to SocialHub came to, for the durable queue to act on. */
export type CallOutcome =
  | { kind: 'ok'; status: number; data: unknown }
  /** 409 on a `networkItemId`: created (or confirmed) before. */
  | { kind: 'exists' }
  /** 401: the channel's token is dead; the channel needs re-authorisation. */
  | { kind: 'unauthorized'; message: string }
  /** 403 ChannelDeactivated: the channel was disabled. */
  | { kind: 'disabled'; message: string }
  /** 429: wait `retryAfterMs`. */
  | { kind: 'rate_limited'; retryAfterMs: number }
  /** 5xx, timeout, network: try again later. */
  | { kind: 'transient'; message: string }
  /** Any other refusal: trying again will not help. */
  | { kind: 'refused'; status: number; code: string; message: string };

/** The result shape of the client's calls. */
interface CallResult {
  status: number;
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** What a successful-or-not call said about the rate limit: remaining requests, when known. */
export interface CallInfo {
  outcome: CallOutcome;
  remaining: number | undefined;
}

const field = (value: unknown, key: string): string | undefined => {
  const v =
    value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return typeof v === 'string' ? v : undefined;
};

/**
 * Runs one client call and classifies its answer. Never throws for SocialHub's answers or for
 * transport failures (those are `transient`); rethrows anything else (a bug).
 */
export async function callSocialHub(
  call: () => Promise<CallResult>,
  options: { now: () => number; defaultRetryAfterMs: number },
): Promise<CallInfo> {
  let result: CallResult;
  try {
    result = await call();
  } catch (error) {
    // Network errors and timeouts (the client's messages never hold the token).
    if (error instanceof SocialHubError)
      return { outcome: { kind: 'transient', message: error.message }, remaining: undefined };
    throw error;
  }
  const remaining = readRateLimit(result.response)?.remaining;
  const { status } = result;
  const code = field(result.error, 'code') ?? `http_${status}`;
  const message = field(result.error, 'message') ?? '';
  const text = `SocialHub answered ${status} ${code}${message ? `: ${message}` : ''}`;
  let outcome: CallOutcome;
  if (status >= 200 && status < 300) outcome = { kind: 'ok', status, data: result.data };
  else if (status === 409 && code !== 'DuplicateChannel') outcome = { kind: 'exists' };
  else if (status === 401) outcome = { kind: 'unauthorized', message: text };
  else if (status === 403 && code === 'ChannelDeactivated')
    outcome = { kind: 'disabled', message: text };
  else if (status === 429) {
    const after = parseRetryAfter(result.response.headers.get('retry-after'), options.now());
    outcome = { kind: 'rate_limited', retryAfterMs: after ?? options.defaultRetryAfterMs };
  } else if (status >= 500 || status === 408) outcome = { kind: 'transient', message: text };
  else outcome = { kind: 'refused', status, code, message: text };
  return { outcome, remaining };
}
