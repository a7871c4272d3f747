import { describe, expect, it } from 'vitest';
import { testAttempt, testCall } from '../../test/helpers/call.js';
import type { Attempt } from './call.js';
import { createTimeoutLayer } from './timeout-layer.js';

/** A `next` that never answers until its signal aborts, then rejects with the reason. */
const hang = (attempt: Attempt) =>
  new Promise<Response>((_resolve, reject) =>
    attempt.signal?.addEventListener('abort', () => reject(attempt.signal?.reason)),
  );

describe('the timeout layer', () => {
  it('aborts an attempt after timeoutMs and records the attempt scope', async () => {
    const call = testCall();
    const error = await createTimeoutLayer(20, 60_000)(hang)(testAttempt(call)).catch((e) => e);
    expect((error as DOMException).name).toBe('TimeoutError');
    expect(call.timedOut).toEqual({ scope: 'attempt', timeoutMs: 20 });
  });

  it('cuts the bound to what is left of the total and says so', async () => {
    const call = testCall();
    const attempt = testAttempt(call, { remainingMs: 15 });
    await createTimeoutLayer(5_000, 900)(hang)(attempt).catch(() => {});
    expect(call.timedOut).toEqual({ scope: 'total', timeoutMs: 900 });
  });

  it('keeps the bound after the answer until finish()', async () => {
    const call = testCall();
    let signal: AbortSignal | undefined;
    const send = createTimeoutLayer(
      20,
      60_000,
    )(async (attempt) => {
      signal = attempt.signal;
      return new Response('');
    });
    await send(testAttempt(call));
    expect(signal?.aborted).toBe(false);
    await new Promise((r) => setTimeout(r, 40));
    expect(signal?.aborted).toBe(true);
    const call2 = testCall();
    await send(testAttempt(call2));
    call2.finish();
    await new Promise((r) => setTimeout(r, 40));
    expect(signal?.aborted).toBe(false);
    expect(call2.timedOut).toBeUndefined();
  });

  it("passes the caller's abort on", async () => {
    const controller = new AbortController();
    const call = testCall({ signal: controller.signal });
    const pending = createTimeoutLayer(5_000, 60_000)(hang)(testAttempt(call));
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
    expect(call.timedOut).toBeUndefined();
  });
});
