import type { KitResponse } from '@socialhub/webhook-kit';
import { WebhookKitError } from '@socialhub/webhook-kit/core';
import { IntegrationError } from './errors.js';

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };

/** A JSON response. */
export function jsonResponse(
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): KitResponse {
  return { status, headers: { ...JSON_TYPE, ...headers }, body: JSON.stringify(value) };
}

/** 405 with `Allow`, for a method the route does not serve. */
export function methodNotAllowed(methods: readonly string[]): KitResponse {
  return jsonResponse(
    405,
    { code: 'method_not_allowed', message: `@socialhub/integration: use ${methods.join(' or ')}` },
    { allow: methods.join(', ') },
  );
}

/** Query parameters of a request URL, relative or absolute. */
export function searchParams(url: string): URLSearchParams {
  return new URL(url, 'http://localhost').searchParams;
}

/** True for this package's and webhook-kit's typed errors, whose message may be answered. */
export function isTypedError(error: unknown): error is IntegrationError | WebhookKitError {
  return error instanceof IntegrationError || error instanceof WebhookKitError;
}

/**
 * Runs `run`, turning a typed error into its `{ code, message }` answer and anything else into a
 * bare 500 (whose body says nothing about the cause); every error is passed to `onError` first.
 */
export async function answerErrors(
  run: () => Promise<KitResponse>,
  onError: (error: unknown) => void,
): Promise<KitResponse> {
  try {
    return await run();
  } catch (error) {
    onError(error);
    if (isTypedError(error))
      return jsonResponse(error.status, { code: error.code, message: error.message });
    return jsonResponse(500, {
      code: 'internal_error',
      message: '@socialhub/integration: internal error',
    });
  }
}

/** Calls a user's `onError` without letting it throw into the caller. */
export function safeReport(
  onError: ((error: unknown) => unknown) | undefined,
  error: unknown,
): void {
  if (!onError) {
    console.error(error);
    return;
  }
  try {
    const result = onError(error);
    if (result instanceof Promise) result.catch((secondary: unknown) => console.error(secondary));
  } catch (secondary) {
    console.error(secondary);
  }
}
