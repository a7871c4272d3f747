import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limiter.js';

describe('the per-channel rate limiter', () => {
  it('counts per key in fixed windows, with Retry-After until the window ends', () => {
    let now = 1_000_000;
    const limiter = createRateLimiter({ limit: 2, windowMs: 10_000 }, () => now);
    expect(limiter.hit('a')).toMatchObject({ limit: 2, remaining: 1, isLimited: false });
    expect(limiter.hit('a')).toMatchObject({ remaining: 0, isLimited: false });
    now += 2500;
    expect(limiter.hit('a')).toEqual({
      limit: 2,
      remaining: 0,
      isLimited: true,
      retryAfterSeconds: 8,
    });
    expect(limiter.hit('b').isLimited).toBe(false);
    now += 7500;
    expect(limiter.hit('a')).toMatchObject({ remaining: 1, isLimited: false });
  });

  it('takes per-key overrides and resets them', () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 1000 }, () => 0);
    limiter.configure({ limit: 5 }, 'vip');
    expect(limiter.hit('vip').limit).toBe(5);
    expect(limiter.hit('other').limit).toBe(1);
    limiter.configure({ limit: 3 });
    expect(limiter.config()).toEqual({ limit: 3, windowMs: 1000 });
    limiter.reset();
    expect(limiter.hit('vip').limit).toBe(1);
  });
});
