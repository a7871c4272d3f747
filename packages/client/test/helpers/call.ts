import { type Attempt, type Call, createCall } from '../../src/transport/call.js';

/** A call of the layer tests: `GET https://api.test/x`, idempotent unless said otherwise. */
export function testCall(overrides: Partial<Parameters<typeof createCall>[0]> = {}): Call {
  return createCall({
    method: 'GET',
    url: 'https://api.test/x',
    shownUrl: 'https://api.test/x',
    headers: new Headers(),
    body: null,
    redirect: 'follow',
    signal: undefined,
    idempotent: true,
    ...overrides,
  });
}

/** The first attempt of a call, with a minute of its total bound left. */
export function testAttempt(call: Call, overrides: Partial<Attempt> = {}): Attempt {
  return {
    call,
    number: 1,
    url: call.url,
    signal: call.signal,
    remainingMs: 60_000,
    hold: {},
    ...overrides,
  };
}
