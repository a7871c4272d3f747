import { describe, expect, it } from 'vitest';
import { testCall } from '../../test/helpers/call.js';
import { SocialHubNetworkError, SocialHubTimeoutError } from '../errors.js';
import type { ClientLogEvent } from '../log.js';
import { resolveRetry } from '../options.js';
import type { Attempt } from './call.js';
import { createRetryLayer } from './retry-layer.js';

const settings = (sleeps: number[]) =>
  resolveRetry({
    now: () => 0,
    random: () => 0.5,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });

/** A `next` that answers the given statuses in turn (an Error is thrown instead). */
function answers(...replies: (number | Error)[]) {
  const attempts: number[] = [];
  const next = async (attempt: Attempt) => {
    attempts.push(attempt.number);
    const reply = replies[Math.min(attempts.length - 1, replies.length - 1)];
    if (reply instanceof Error) throw reply;
    return new Response(null, { status: reply ?? 200 });
  };
  return { next, attempts };
}

describe('the retry layer', () => {
  it('retries a 503 of an idempotent call with backoff and records the attempts', async () => {
    const sleeps: number[] = [];
    const { next, attempts } = answers(503, 503, 200);
    const call = testCall();
    const response = await createRetryLayer(settings(sleeps), undefined)(next)(call);
    expect(response.status).toBe(200);
    expect(attempts).toEqual([1, 2, 3]);
    expect(sleeps).toEqual([125, 250]);
    expect(call.info).toEqual({
      method: 'GET',
      url: 'https://api.test/x',
      attempts: 3,
      alreadyExists: false,
    });
  });

  it('returns a 503 of a non-idempotent call at once, but retries its 429', async () => {
    const post = testCall({ method: 'POST', idempotent: false });
    const once = answers(503, 200);
    expect((await createRetryLayer(settings([]), undefined)(once.next)(post)).status).toBe(503);
    const limited = answers(429, 201);
    const response = await createRetryLayer(settings([]), undefined)(limited.next)(post);
    expect(response.status).toBe(201);
  });

  it('reports a 409 after a retried idempotent POST as already existing', async () => {
    const call = testCall({ method: 'POST', idempotent: true });
    await createRetryLayer(settings([]), undefined)(answers(502, 409).next)(call);
    expect(call.info?.alreadyExists).toBe(true);
  });

  it('turns failures into SocialHubNetworkError (retried) and logs retries and the end', async () => {
    const events: ClientLogEvent[] = [];
    const { next, attempts } = answers(new TypeError('fetch failed'));
    const call = testCall();
    call.secrets.push('s3cr3t-token');
    const error = await createRetryLayer(settings([]), (e) => events.push(e))(next)(call).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SocialHubNetworkError);
    expect(attempts).toEqual([1, 2, 3]);
    expect(events.map((e) => e.type)).toEqual(['retry', 'retry', 'error']);
  });

  it('does not retry past the total bound', async () => {
    const call = testCall();
    const { next, attempts } = answers(new Error('late'));
    const send = createRetryLayer(
      settings([]),
      undefined,
    )(async (attempt) => {
      call.timedOut = { scope: 'total', timeoutMs: 60_000 };
      return next(attempt);
    });
    await expect(send(call)).rejects.toBeInstanceOf(SocialHubTimeoutError);
    expect(attempts).toEqual([1]);
  });
});
