import type { ChangeFeed } from './change-feed.js';
import { MockWaitError, waitInputError } from './wait-error.js';

/** What one look at the state found: the value awaited, a definite other outcome, or not yet. */
export type Probe<T> =
  | { state: 'done'; value: T }
  | { state: 'failed'; message: string; seen: string; last?: unknown }
  | { state: 'waiting'; seen: string; last?: unknown };

/** Options of every wait. */
export interface WaitOptions {
  /**
   * How long to wait before rejecting with `WaitTimeoutError`.
   * @default 5000
   */
  timeoutMs?: number;
  /** Stops waiting (rejects with `WaitAbortedError`). */
  signal?: AbortSignal;
}

/** Largest wait, so a forgotten waiter cannot hold a process for long. */
export const MAX_WAIT_MS = 10 * 60_000;
/** Default wait. */
export const DEFAULT_WAIT_MS = 5000;

/** Checks a wait's timeout option. */
export function waitTimeout(options: WaitOptions | undefined): number {
  const timeoutMs = options?.timeoutMs ?? DEFAULT_WAIT_MS;
  if (
    typeof timeoutMs !== 'number' ||
    !Number.isFinite(timeoutMs) ||
    timeoutMs < 0 ||
    timeoutMs > MAX_WAIT_MS
  )
    throw waitInputError(
      `timeoutMs must be a number from 0 to ${MAX_WAIT_MS}, got ${String(timeoutMs)}`,
    );
  return timeoutMs;
}

/**
 * Resolves with the probe's value as soon as a state change makes it `done` (it is probed at once
 * and after every change: no polling), rejects on `failed`, on timeout (saying what was seen last)
 * and when the mock closes.
 */
export function waitUntil<T>(
  feed: ChangeFeed,
  what: string,
  probe: () => Probe<T>,
  options: WaitOptions | undefined,
): Promise<T> {
  const timeoutMs = waitTimeout(options);
  return new Promise<T>((resolve, reject) => {
    let last: Probe<T> = { state: 'waiting', seen: 'nothing yet' };
    const cleanups: Array<() => void> = [];
    const finish = (settle: () => void) => {
      for (const cleanup of cleanups) cleanup();
      settle();
    };
    const check = () => {
      try {
        last = probe();
      } catch (error) {
        finish(() => reject(error));
        return true;
      }
      if (last.state === 'done') {
        const { value } = last;
        finish(() => resolve(value));
        return true;
      }
      if (last.state === 'failed') {
        const { message, seen } = last;
        const error = new MockWaitError('WaitOutcomeError', `${what}: ${message}`, {
          seen,
          last: last.last,
        });
        finish(() => reject(error));
        return true;
      }
      return false;
    };
    if (check()) return;
    const seenNow = () => (last.state === 'waiting' ? last : { seen: '', last: undefined });
    const timer = setTimeout(() => {
      const { seen, last: state } = seenNow();
      finish(() =>
        reject(
          new MockWaitError(
            'WaitTimeoutError',
            `${what}: not seen within ${timeoutMs} ms; seen instead: ${seen}`,
            { seen, last: state },
          ),
        ),
      );
    }, timeoutMs);
    cleanups.push(() => clearTimeout(timer));
    cleanups.push(feed.subscribe(check));
    const aborted = (reason: string) => () => {
      const { seen, last: state } = seenNow();
      finish(() =>
        reject(
          new MockWaitError('WaitAbortedError', `${what}: ${reason}; seen so far: ${seen}`, {
            seen,
            last: state,
          }),
        ),
      );
    };
    cleanups.push(feed.onClose(aborted('the mock closed while waiting')));
    const { signal } = options ?? {};
    if (signal) {
      if (signal.aborted) return aborted('the wait was aborted')();
      const onAbort = aborted('the wait was aborted');
      signal.addEventListener('abort', onAbort, { once: true });
      cleanups.push(() => signal.removeEventListener('abort', onAbort));
    }
  });
}
