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

/** Builds a call's state; the layers fill in the rest. */
export function createCall(init: Omit<Call, 'secrets' | 'finish' | 'timedOut' | 'info'>): Call {
  return { ...init, secrets: [], finish: () => {}, timedOut: undefined, info: undefined };
}
