import type { OperationEntry } from '@socialhub/schema/api2/operations';
import { MockServerError } from '../http/errors.js';
import type { Reply } from '../http/types.js';
import { loadApi2Document } from './api2-document.js';
import { readPreferredStatus } from './prefer-header.js';
import { createResponseFactory, type ResponseFactory } from './response-factory.js';

/** Longest `Prefer` value echoed back in an error message. */
const MAX_ECHO = 40;

/** Answers an operation with a body generated from its documented response schema. */
export type Api2Mocker = (
  operation: OperationEntry,
  prefer: string | undefined,
  isHead: boolean,
) => Reply;

/**
 * Creates the generated-answer stage of API2: the first documented 2xx (or the status named by
 * `Prefer: code=NNN`), its body drawn from the response schema with the spec's `example`s, seeded.
 * The API2 document is loaded on first use, so start-up does not pay for it.
 */
export function createApi2Mocker(seed: number): Api2Mocker {
  let responses: ResponseFactory | undefined;
  return (operation, prefer, isHead) => {
    responses ??= createResponseFactory(loadApi2Document(), seed >>> 0);
    const preference = readPreferredStatus(prefer);
    if (preference.kind === 'invalid') {
      throw new MockServerError(
        400,
        'BadRequestError',
        `Error: Prefer code must be a 3-digit status, got "${preference.value.slice(0, MAX_ECHO)}"`,
      );
    }
    const status =
      preference.kind === 'status' ? preference.status : responses.defaultStatus(operation);
    const response = responses.respond(operation, status);
    if (response === undefined) {
      const documented = Object.keys(operation.responses).join(', ');
      throw new MockServerError(
        400,
        'BadRequestError',
        `Error: Prefer code=${status} is not documented for ${operation.operationId} (documented: ${documented})`,
      );
    }
    return {
      status: response.status,
      // A fresh headers object per answer: the HTTP layer may add its own.
      ...(response.headers ? { headers: { ...response.headers } } : {}),
      body: isHead ? undefined : response.body,
    };
  };
}
