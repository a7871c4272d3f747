import { SocialHubError } from '../errors.js';
import type { ClientLogEvent } from '../log.js';
import type { FetchLike, RetrySettings } from '../options.js';
import type { RateLimit } from '../rate-limit.js';
import { redactUrl } from '../redact.js';
import { type Call, createCall } from './call.js';
import { toFailure } from './failure.js';
import { createFetchSend } from './fetch-layer.js';
import { createObserveLayer } from './observe-layer.js';
import { createRetryLayer } from './retry-layer.js';
import { createTimeoutLayer } from './timeout-layer.js';
import { createTokenLayer, type TokenSource } from './token-layer.js';

export type { Call } from './call.js';

/** Everything the transport needs; built once per client. */
export interface TransportConfig {
  /** The caller's fetch; `undefined` sends with `globalThis.fetch(url, init)` (one Request less). */
  fetch: FetchLike | undefined;
  token: TokenSource | undefined;
  timeoutMs: number;
  retry: RetrySettings;
  log: ((event: ClientLogEvent) => void) | undefined;
  onRateLimit: (rateLimit: RateLimit) => void;
}

/** What the method wrapper knows of a call before openapi-fetch builds its Request. */
export interface CallOptions {
  /** The caller's `signal` option, if any (openapi-fetch's Request always has a signal). */
  signal: AbortSignal | undefined;
  /** From the operations table: a repeat of this operation is harmless. */
  idempotent: boolean;
  /** Set by the transport: the call's state, for the wrapper to finish it after the body is read. */
  call?: Call;
}

/** The Request class given to openapi-fetch: it keeps the serialised body so no stream is read back. */
export class ReplayableRequest extends Request {
  /** The body exactly as openapi-fetch serialised it. */
  readonly replayBody: BodyInit | null | undefined;
  constructor(input: RequestInfo | URL, init?: RequestInit) {
    super(input, init);
    this.replayBody = init?.body;
  }
}

async function replayableBody(request: Request): Promise<BodyInit | null> {
  if (request instanceof ReplayableRequest && request.replayBody != null) {
    const body = request.replayBody;
    // Strings, buffers, blobs and form data can be sent again; a stream cannot.
    if (!(body instanceof ReadableStream)) return body;
  }
  return request.body === null ? null : await request.arrayBuffer();
}

/**
 * The fetch given to openapi-fetch, composed of small layers, outermost first: retry (attempts,
 * backoff, `Retry-After`), observe (log events, rate limit), timeout (per attempt, until the body
 * is read), token (`?accesstoken=`, and a Response that never held it), fetch.
 */
export function createTransport(
  config: TransportConfig,
): (request: Request, options: CallOptions) => Promise<Response> {
  const layers = [
    createObserveLayer({ log: config.log, onRateLimit: config.onRateLimit, now: config.retry.now }),
    createTimeoutLayer(config.timeoutMs, config.retry.maxElapsedMs),
    createTokenLayer(config.token),
  ];
  const send = createRetryLayer(
    config.retry,
    config.log,
  )(layers.reduceRight((next, layer) => layer(next), createFetchSend(config.fetch)));

  return async (request, options) => {
    const url = request.url;
    const call = createCall({
      method: request.method,
      url,
      // openapi-fetch built the URL without the token; redact only if a caller put one there.
      shownUrl: /accesstoken/i.test(url) ? redactUrl(url) : url,
      headers: request.headers,
      body: await replayableBody(request),
      redirect: request.redirect,
      signal: options.signal,
      idempotent: options.idempotent,
    });
    options.call = call;
    return send(call);
  };
}

/**
 * What a failure while openapi-fetch reads the returned body becomes: a JSON syntax error stays
 * itself, a timeout or a broken connection becomes this package's error (and is logged).
 */
export function bodyFailure(
  call: Call,
  error: unknown,
  log: ((event: ClientLogEvent) => void) | undefined,
): unknown {
  if (!call.signal?.aborted && !call.timedOut && error instanceof SyntaxError) return error;
  const attempt = call.info?.attempts ?? 1;
  const failure = toFailure(call, attempt, error);
  if (log && failure !== error && failure instanceof SocialHubError)
    log({ type: 'error', method: call.method, url: call.shownUrl, attempt, error: failure });
  return failure;
}
