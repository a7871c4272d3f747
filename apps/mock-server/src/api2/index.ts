/**
 * The API2 part of the mock: every operation of SocialHub API2 (`/api2/...`), routed from the
 * generated operations table, validated with the generated zod schemas and answered with
 * seeded, schema-valid bodies.
 *
 * @example
 * ```ts
 * import { createApi2Handler } from './api2/index.js';
 * const handle = createApi2Handler({ seed: 1 });
 * const { status, body } = handle({
 *   method: 'GET',
 *   path: '/channels/5f0c0c0c0c0c0c0c0c0c0c0c',
 *   query: new URLSearchParams(),
 *   headers: { prefer: 'code=404' },
 *   body: undefined,
 * });
 * ```
 */
export type { Api2ErrorCode } from './error-response.js';
export { createApi2Handler } from './handler.js';
export type { Api2Handler, Api2HandlerOptions, Api2Request, Api2Response } from './types.js';
