import type { MockClients } from './clients.js';
import type { MockClock } from './clock.js';
import type { InProcessFetch } from './in-process-fetch.js';
import type { MockWaiters } from './waiters.js';

/** What a mock offers tests beyond its URL and control API. */
export interface MockTestTools extends MockWaiters, MockClients {
  /**
   * `fetch` into this mock without a socket (what `publicClient` / `api2Client` use, and what the
   * msw handlers of `@socialhub/mock-server/msw` call); only the path and query of a URL count.
   */
  fetch: InProcessFetch;
  /** The mock's clock: `advance('31m')` expires "Add Channel" tokens and runs action timeouts out. */
  clock: MockClock;
}

/** Delivery timing for tests: the default's three retries, in milliseconds instead of seconds. */
export const FAST_WEBHOOKS = {
  batchWindowMs: 5,
  retryDelaysMs: [10, 20, 40],
  timeoutMs: 2000,
} as const satisfies {
  batchWindowMs: number;
  retryDelaysMs: readonly number[];
  timeoutMs: number;
};
