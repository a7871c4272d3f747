import { type Layer, nextAttempt } from './call.js';

/**
 * The timeout layer: bounds each attempt by `timeoutMs`, or by what is left of the call's total
 * bound when that is shorter, and passes the caller's abort on. The bound lasts until the call's
 * `finish()` (after the body is read), and records on the call how it ended.
 */
export function createTimeoutLayer(timeoutMs: number, totalMs: number): Layer {
  return (next) => async (attempt) => {
    const { call } = attempt;
    const total = attempt.remainingMs < timeoutMs;
    const controller = new AbortController();
    const { hold } = attempt;
    call.timedOut = undefined;
    const timer = setTimeout(
      () => {
        call.timedOut = total
          ? { scope: 'total', timeoutMs: totalMs }
          : { scope: 'attempt', timeoutMs };
        controller.abort(new DOMException('The attempt timed out', 'TimeoutError'));
        // Until here the closure kept the attempt's Request reachable (see the fetch layer).
        hold.request = undefined;
      },
      Math.max(0, total ? attempt.remainingMs : timeoutMs),
    );
    const signal = attempt.signal;
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort);
    call.finish = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    try {
      return await next(nextAttempt(attempt, { signal: controller.signal }));
    } catch (error) {
      call.finish();
      throw error;
    }
  };
}
