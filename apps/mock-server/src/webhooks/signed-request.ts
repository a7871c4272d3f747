import { CHALLENGE_HEADER, signDelivery } from '@socialhub/webhook-kit/core';
import type { DeliveryAttempt } from '../state/types.js';

/** Largest response body kept in a delivery record. */
const MAX_RESPONSE_CHARS = 64 * 1024;

/** A request SocialHub signs: a webhook POST or the templates GET. */
export interface SignedRequestInput {
  method: 'POST' | 'GET';
  url: string;
  /** The compact JSON body (POST); a GET is signed over `SIGNED_GET_BODY`. */
  body?: string;
  secret: string;
  timeoutMs: number;
  now: () => number;
  /** Aborts the request when the mock closes. */
  signal: AbortSignal;
}

/** What was sent and what came back. */
export interface SignedRequestResult {
  request: { method: 'POST' | 'GET'; url: string; headers: Record<string, string>; body: string };
  attempt: DeliveryAttempt;
  /** The response body (whole, for the templates GET), when there was a response. */
  responseText?: string;
}

/** The text SocialHub puts in `data` for a request that got no usable answer. */
export function errorText(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return `Error: timeout of ${timeoutMs}ms exceeded`;
  const cause = error instanceof Error ? error.cause : undefined;
  const message =
    cause instanceof Error ? cause.message : error instanceof Error ? error.message : String(error);
  return `Error: ${message}`;
}

/**
 * Sends one request signed as SocialHub signs it (`User-Agent: SocialHub`, millisecond timestamp,
 * `X-SocialHub-Signature`), with `@socialhub/webhook-kit`'s `signDelivery`. Never throws.
 */
export async function sendSignedRequest(input: SignedRequestInput): Promise<SignedRequestResult> {
  // What a GET is signed over is webhook-kit's one choice; its root entry is loaded only for it.
  const body =
    input.method === 'POST'
      ? (input.body ?? '')
      : (await import('@socialhub/webhook-kit')).SIGNED_GET_BODY;
  const signed = await signDelivery(body, { secret: input.secret, timestamp: input.now() });
  const headers: Record<string, string> = {
    ...(input.method === 'POST' ? { 'content-type': 'application/json' } : {}),
    'user-agent': 'SocialHub',
    ...signed.headers,
  };
  const request = { method: input.method, url: input.url, headers, body };
  const started = performance.now();
  const time = new Date(input.now()).toISOString();
  try {
    const response = await fetch(input.url, {
      method: input.method,
      headers,
      ...(input.method === 'POST' ? { body } : {}),
      redirect: 'manual',
      signal: AbortSignal.any([input.signal, AbortSignal.timeout(input.timeoutMs)]),
    });
    const text = await response.text();
    const responseHeaders: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      responseHeaders[name] = value;
    });
    const isOk = response.status >= 200 && response.status < 300;
    const received = response.headers.get(CHALLENGE_HEADER);
    const attempt: DeliveryAttempt = {
      time,
      request: { method: request.method, url: request.url, headers },
      expectedChallenge: signed.challenge,
      ...(received === null ? {} : { receivedChallenge: received }),
      durationMs: Math.round(performance.now() - started),
      response: {
        status: response.status,
        headers: responseHeaders,
        body: text.length > MAX_RESPONSE_CHARS ? `${text.slice(0, MAX_RESPONSE_CHARS)}…` : text,
      },
      ...(isOk ? { isChallengeSolved: received === signed.challenge } : {}),
    };
    return { request, attempt, responseText: text };
  } catch (error) {
    return {
      request,
      attempt: {
        time,
        request: { method: request.method, url: request.url, headers },
        expectedChallenge: signed.challenge,
        durationMs: Math.round(performance.now() - started),
        error: errorText(error, input.timeoutMs),
      },
    };
  }
}
