/** Requests allowed per channel and window. */
export interface RateLimitConfig {
  /** @default 1000 */
  limit: number;
  /** @default 60000 */
  windowMs: number;
}

/** The headers' figures for one request. */
export interface RateLimitResult {
  limit: number;
  remaining: number;
  /** Whether this request is over the limit (answer 429). */
  isLimited: boolean;
  /** Seconds until the window resets (for `Retry-After`). */
  retryAfterSeconds: number;
}

/** Per-key fixed-window counters, with per-key overrides (a channel id is the usual key). */
export interface RateLimiter {
  /** Counts one request for `key` (when `consume`), and returns the figures for the headers. */
  hit(key: string, consume?: boolean): RateLimitResult;
  /** Changes the default (no `key`) or one key's limit. */
  configure(config: Partial<RateLimitConfig>, key?: string): void;
  config(key?: string): RateLimitConfig;
  /** Forgets counters and overrides. */
  reset(): void;
}

/** Creates a rate limiter on the mock's clock. */
export function createRateLimiter(defaults: RateLimitConfig, now: () => number): RateLimiter {
  let base = { ...defaults };
  const overrides = new Map<string, RateLimitConfig>();
  const windows = new Map<string, { start: number; count: number }>();

  const configFor = (key?: string) => (key === undefined ? base : (overrides.get(key) ?? base));

  return {
    hit: (key, consume = true) => {
      const { limit, windowMs } = configFor(key);
      const time = now();
      let window = windows.get(key);
      if (!window || time - window.start >= windowMs) {
        window = { start: time, count: 0 };
        // Bounded: stale windows of idle keys are dropped when the map grows.
        if (windows.size > 10_000) windows.clear();
        windows.set(key, window);
      }
      if (consume) window.count++;
      return {
        limit,
        remaining: Math.max(0, limit - window.count),
        isLimited: window.count > limit,
        retryAfterSeconds: Math.max(1, Math.ceil((window.start + windowMs - time) / 1000)),
      };
    },
    configure: (config, key) => {
      if (key === undefined) base = { ...base, ...config };
      else overrides.set(key, { ...configFor(key), ...config });
    },
    config: configFor,
    reset: () => {
      windows.clear();
      overrides.clear();
      base = { ...defaults };
    },
  };
}
