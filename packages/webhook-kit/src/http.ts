import type { RawBody } from './create-core.js';
import { InvalidOptionsError, WebhookKitError } from './errors.js';
import type { HeadersInput } from './headers.js';

/** A framework-neutral request: what every adapter hands to a handler. */
export interface KitRequest {
  /** Upper-case HTTP method. */
  method: string;
  /** Path and query (`/webhook?x=1`) or an absolute URL. */
  url: string;
  headers: HeadersInput;
  /** The body exactly as received; empty for a GET. */
  rawBody: RawBody;
}

/** A framework-neutral response: what every adapter writes back. */
export interface KitResponse {
  status: number;
  headers: Record<string, string>;
  /** JSON text, or undefined for no body. */
  body?: string;
  /**
   * Work that goes on after the response was sent (events processed after answering). It never
   * rejects: failures reach `onError`. Serverless adapters hand it to `waitUntil`.
   */
  background?: Promise<void>;
}

/** Anything the adapters can serve: the webhook router, the templates and channel callbacks. */
export interface KitHandler {
  /** Turns one request into one response; never throws for a bad request. */
  handle(request: KitRequest): Promise<KitResponse>;
  /** Bodies above this size are refused (413) by the adapters before being fully read. */
  readonly maxBodyBytes: number;
}

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };

/** Throws `InvalidOptionsError` unless `handler` is a `KitHandler`; adapters call it at start-up. */
export function assertKitHandler(handler: unknown, adapter: string): asserts handler is KitHandler {
  const h = handler as Partial<KitHandler> | null | undefined;
  if (typeof h?.handle !== 'function' || typeof h.maxBodyBytes !== 'number')
    throw new InvalidOptionsError(
      `${adapter} needs a handler made by createWebhookHandler, createTemplatesHandler or a channel callback factory`,
    );
}

/** A JSON response. */
export function jsonResponse(
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): KitResponse {
  return { status, headers: { ...JSON_TYPE, ...headers }, body: JSON.stringify(value) };
}

/** The JSON error answer for a typed error (`{ code, message }`, as SocialHub's own errors). */
export function errorResponse(error: WebhookKitError): KitResponse {
  return jsonResponse(error.status, { code: error.code, message: error.message });
}

/** 405 with `Allow`, for a method the handler does not serve. */
export function methodNotAllowed(methods: readonly string[]): KitResponse {
  return jsonResponse(
    405,
    { code: 'method_not_allowed', message: `@socialhub/webhook-kit: use ${methods.join(' or ')}` },
    { allow: methods.join(', ') },
  );
}

/** Query parameters of a request URL, relative or absolute. */
export function searchParams(url: string): URLSearchParams {
  return new URL(url, 'http://localhost').searchParams;
}

/**
 * Runs `run`, turning a typed error into its response and anything else into a bare 500 (whose
 * body says nothing about the cause, which may hold data of the integration).
 */
export async function answerErrors(run: () => Promise<KitResponse>): Promise<KitResponse> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof WebhookKitError) return errorResponse(error);
    return jsonResponse(500, {
      code: 'internal_error',
      message: '@socialhub/webhook-kit: internal error',
    });
  }
}
