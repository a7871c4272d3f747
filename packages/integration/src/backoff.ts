/** How failed work is retried. */
export interface RetryPolicy {
  /**
   * Handler runs per action, the first included; past it the action is reported failed.
   * @default 5
   */
  maxAttempts?: number;
  /** First wait, doubled per attempt. @default 1000 */
  baseDelayMs?: number;
  /** Longest wait. @default 60000 */
  maxDelayMs?: number;
  /**
   * Calls to SocialHub (confirm, reset, ticket creation) retried on 5xx, timeouts and network
   * errors before the work is given up.
   * @default 20
   */
  maxSocialHubAttempts?: number;
}

/** A `RetryPolicy` with its defaults filled in. */
export type ResolvedRetry = Required<RetryPolicy>;

/** Fills in and checks the retry policy. */
export function resolveRetry(policy: RetryPolicy = {}): ResolvedRetry {
  const resolved = {
    maxAttempts: policy.maxAttempts ?? 5,
    baseDelayMs: policy.baseDelayMs ?? 1000,
    maxDelayMs: policy.maxDelayMs ?? 60_000,
    maxSocialHubAttempts: policy.maxSocialHubAttempts ?? 20,
  };
  for (const [key, value] of Object.entries(resolved))
    if (
      !Number.isFinite(value) ||
      value < (key.startsWith('max') && key.endsWith('Attempts') ? 1 : 0)
    )
      throw new TypeError(`@socialhub/integration: retry.${key} must be a non-negative number`);
  return resolved;
}

/** Exponential backoff with jitter: `base * 2^(attempt-1)`, capped, scaled by 0.5..1. */
export function backoffMs(retry: ResolvedRetry, attempt: number, random = Math.random): number {
  const raw = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(raw * (0.5 + random() / 2));
}
