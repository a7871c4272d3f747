import { describe, expect, it } from 'vitest';
import { backoffMs, resolveRetry } from './backoff.js';

describe('backoff', () => {
  it('doubles per attempt, is capped, and jitters between half and all of it', () => {
    const retry = resolveRetry({ baseDelayMs: 100, maxDelayMs: 1000 });
    expect([1, 2, 3, 4, 5].map((n) => backoffMs(retry, n, () => 0.999999))).toEqual([
      100, 200, 400, 800, 1000,
    ]);
    expect(backoffMs(retry, 3, () => 0)).toBe(200);
  });

  it('fills in the defaults and refuses nonsense', () => {
    expect(resolveRetry()).toEqual({
      maxAttempts: 5,
      baseDelayMs: 1000,
      maxDelayMs: 60_000,
      maxSocialHubAttempts: 20,
    });
    expect(() => resolveRetry({ maxAttempts: 0 })).toThrow(/retry.maxAttempts/);
    expect(() => resolveRetry({ baseDelayMs: Number.NaN })).toThrow(/retry.baseDelayMs/);
  });
});
