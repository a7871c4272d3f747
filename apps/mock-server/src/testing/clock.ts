import { parseDuration } from '../services/duration.js';

/**
 * The mock's controllable clock: wall-clock time (or the `now` option) plus an offset that tests
 * move, to expire "Add Channel" tokens or run ticket action timeouts out without waiting.
 */
export interface MockClock {
  /** The mock's time in milliseconds since the epoch. */
  now(): number;
  /** How far the clock is ahead of its base (negative: behind), in milliseconds. */
  readonly offsetMs: number;
  /**
   * Moves the clock forward by milliseconds or a duration (`'31m'`, `'2 days'`, `'1h 30min'`);
   * returns the new time.
   */
  advance(by: number | string): number;
  /** Sets the clock to a time (milliseconds, ISO 8601 string or `Date`); returns it. */
  set(time: number | string | Date): number;
  /** Back to the base clock (offset 0). */
  reset(): void;
}

/** A clock argument was not a time or a duration. */
export class MockClockError extends TypeError {
  override readonly name = 'MockClockError';
  readonly code = 'ClockInputError';
  readonly status = 400;
}

const toMs = (by: number | string): number => {
  const ms = typeof by === 'number' ? by : parseDuration(by);
  if (ms === undefined || !Number.isFinite(ms))
    throw new MockClockError(
      `@socialhub/mock-server: "${String(by)}" is not a duration (milliseconds, or text such as "31m", "2 days", "1h 30min")`,
    );
  return ms;
};

const toTime = (time: number | string | Date): number => {
  const ms =
    time instanceof Date ? time.getTime() : typeof time === 'string' ? Date.parse(time) : time;
  if (typeof ms !== 'number' || !Number.isFinite(ms))
    throw new MockClockError(
      `@socialhub/mock-server: "${String(time)}" is not a time (milliseconds since the epoch, an ISO 8601 string or a Date)`,
    );
  return ms;
};

/**
 * Creates a clock over `base` (default `Date.now`).
 * @example
 * ```ts
 * const clock = createMockClock();
 * clock.advance('31m'); // an "Add Channel" token made before is now expired
 * ```
 */
export function createMockClock(base: () => number = Date.now): MockClock {
  let offsetMs = 0;
  const now = () => base() + offsetMs;
  return {
    now,
    get offsetMs() {
      return offsetMs;
    },
    advance: (by) => {
      const ms = toMs(by);
      if (ms < 0)
        throw new MockClockError(
          '@socialhub/mock-server: the clock only advances; use set() to go back',
        );
      offsetMs += ms;
      return now();
    },
    set: (time) => {
      offsetMs = toTime(time) - base();
      return now();
    },
    reset: () => {
      offsetMs = 0;
    },
  };
}
