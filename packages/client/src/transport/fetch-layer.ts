import type { FetchLike } from '../options.js';
import type { Attempt } from './call.js';

/**
 * The bottom of the stack: sends an attempt with the caller's fetch (one `Request`), or with
 * `globalThis.fetch(url, init)` when there is none (one Request less).
 */
export function createFetchSend(
  fetch: FetchLike | undefined,
): (attempt: Attempt) => Promise<Response> {
  return (attempt) => {
    const { call } = attempt;
    const init: RequestInit = {
      method: call.method,
      headers: call.headers,
      body: call.body,
      redirect: call.redirect,
      signal: attempt.signal ?? null,
    };
    if (!fetch) return globalThis.fetch(attempt.url, init);
    // Node's fetch links a Request's signal to the one it was built with only weakly, so the
    // Request must stay reachable until the attempt is over, or a timeout aborts nothing
    // (nodejs/node#55428): the timeout layer's timer holds `hold`.
    const request = new Request(attempt.url, init);
    attempt.hold.request = request;
    return fetch(request);
  };
}
