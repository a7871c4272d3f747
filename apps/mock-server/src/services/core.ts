import type { TokenService } from '../auth/tokens.js';
import type { RateLimiter } from '../http/rate-limiter.js';
import type { IdGenerator } from '../state/ids.js';
import type { Store } from '../state/store.js';
import type { DeliveryEngine } from '../webhooks/delivery-engine.js';

/** The pieces every service works with; HTTP-free, so the library, the routes and a UI share it. */
export interface MockCore {
  store: Store;
  ids: IdGenerator;
  tokens: TokenService;
  engine: DeliveryEngine;
  rateLimiter: RateLimiter;
  /** The mock's clock, milliseconds since the epoch. */
  now: () => number;
  log: (line: string) => void;
  /** Runs `task` after every task queued before it: keeps check-then-insert sequences whole across awaits. */
  exclusive<T>(task: () => Promise<T>): Promise<T>;
}

/** An ISO 8601 time on the mock's clock. */
export const isoNow = (core: Pick<MockCore, 'now'>) => new Date(core.now()).toISOString();

/** Creates the `exclusive` lock of a core. */
export function createExclusive(): MockCore['exclusive'] {
  let tail: Promise<unknown> = Promise.resolve();
  return (task) => {
    const run = tail.then(task, task);
    tail = run.catch(() => {});
    return run;
  };
}
