import type { AttemptInfo } from '../attempts.js';

/** How an attempt's time bound ended: the attempt's own timeout or the call's total bound. */
export interface TimedOut {
  scope: 'attempt' | 'total';
  timeoutMs: number;
}

/** One call of a client method as the transport layers see it; its attempts share it. */
export interface Call {
  readonly method: string;
  /** The request URL as openapi-fetch built it (without the token). */
  readonly url: string;
  /** `url` as errors and log events show it (redacted if the caller put a token in it). */
  readonly shownUrl: string;
  readonly headers: Headers;
  /** The body as serialised once, replayed by every attempt. */
  readonly body: BodyInit | null;
  readonly redirect: RequestRedirect;
  /** The caller's signal. */
  readonly signal: AbortSignal | undefined;
  /** The operations table makes a repeat harmless, so failed attempts may be retried. */
  readonly idempotent: boolean;
  /** Tokens sent so far (token layer): scrubbed from anything a failure carries. */
  readonly secrets: string[];
  /** Ends the last attempt's time bound (timeout layer); called once its body is read. */
  finish: () => void;
  /** How the last attempt's time bound ended, if it did (timeout layer). */
  timedOut: TimedOut | undefined;
  /** What the retry layer did to get the response it returned. */
  info: AttemptInfo | undefined;
}

/** One attempt of a call: the URL to fetch and the signal that ends it. */
export interface Attempt {
  readonly call: Call;
  /** 1 for the first attempt. */
  readonly number: number;
  readonly url: string;
  readonly signal: AbortSignal | undefined;
  /** Milliseconds left of the call's total bound. */
  readonly remainingMs: number;
  /** Keeps what the fetch layer made (the Request) reachable until the attempt ends. */
  readonly hold: { request?: Request };
}

/** Sends one attempt. */
export type Send = (attempt: Attempt) => Promise<Response>;

/** A transport layer: wraps the layers below it. */
export type Layer = (next: Send) => Send;

const NOTHING_TO_FINISH = () => {};

/** Builds a call's state; the layers fill in the rest. */
export function createCall(init: Omit<Call, 'secrets' | 'finish' | 'timedOut' | 'info'>): Call {
  // Spelled out rather than spread: one object shape, built once per call on the hot path.
  return {
    method: init.method,
    url: init.url,
    shownUrl: init.shownUrl,
    headers: init.headers,
    body: init.body,
    redirect: init.redirect,
    signal: init.signal,
    idempotent: init.idempotent,
    secrets: [],
    finish: NOTHING_TO_FINISH,
    timedOut: undefined,
    info: undefined,
  };
}

/** The same attempt with another URL or signal (a layer passes a new attempt down, never edits one). */
export function nextAttempt(
  attempt: Attempt,
  change: { url?: string; signal?: AbortSignal },
): Attempt {
  return {
    call: attempt.call,
    number: attempt.number,
    url: change.url ?? attempt.url,
    signal: change.signal ?? attempt.signal,
    remainingMs: attempt.remainingMs,
    hold: attempt.hold,
  };
}
