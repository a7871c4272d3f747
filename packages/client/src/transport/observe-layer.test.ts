import { describe, expect, it } from 'vitest';
import { testAttempt, testCall } from '../../test/helpers/call.js';
import type { ClientLogEvent } from '../log.js';
import type { RateLimit } from '../rate-limit.js';
import { createObserveLayer } from './observe-layer.js';

describe('the observe layer', () => {
  it('logs the request and the response of each attempt and reports the rate limit', async () => {
    const events: ClientLogEvent[] = [];
    const limits: RateLimit[] = [];
    let t = 100;
    const send = createObserveLayer({
      log: (event) => events.push(event),
      onRateLimit: (value) => limits.push(value),
      now: () => (t += 5),
    })(
      async () =>
        new Response(null, {
          status: 204,
          headers: { 'x-ratelimit-limit': '1000', 'x-ratelimit-remaining': '7' },
        }),
    );
    const call = testCall({ shownUrl: 'https://api.test/x?accesstoken=***' });
    await send(testAttempt(call, { number: 2 }));
    const base = { method: 'GET', url: 'https://api.test/x?accesstoken=***', attempt: 2 };
    expect(events).toEqual([
      { type: 'request', ...base },
      { type: 'response', ...base, status: 204, durationMs: 5 },
    ]);
    expect(limits).toEqual([{ limit: 1000, remaining: 7 }]);
  });

  it('logs nothing after a failure (the retry layer reports it)', async () => {
    const events: ClientLogEvent[] = [];
    const send = createObserveLayer({
      log: (event) => events.push(event),
      onRateLimit: () => {},
      now: () => 0,
    })(() => Promise.reject(new Error('refused')));
    await expect(send(testAttempt(testCall()))).rejects.toThrow('refused');
    expect(events.map((e) => e.type)).toEqual(['request']);
  });
});
