import type { Api2Response } from './types.js';

/** Error codes the API2 mock answers with itself (documented responses use the spec's bodies). */
export type Api2ErrorCode =
  | 'NotFoundError'
  | 'MethodNotAllowedError'
  | 'ValidationError'
  | 'BadRequestError'
  | 'InternalError';

/** A JSON error response `{ code, message, data? }`, the body shape SocialHub uses everywhere. */
export function errorResponse(
  status: number,
  code: Api2ErrorCode,
  message: string,
  options: { data?: unknown; headers?: Record<string, string> } = {},
): Api2Response {
  return {
    status,
    headers: { 'content-type': 'application/json', ...options.headers },
    body: options.data === undefined ? { code, message } : { code, message, data: options.data },
  };
}
