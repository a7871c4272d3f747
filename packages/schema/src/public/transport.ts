/**
 * What a client needs of the Public API's operations table without loading it: the server URL
 * and the POSTs it may retry.
 *
 * @example
 * ```ts
 * import { publicIdempotentPosts, publicServerUrl } from '@socialhub/schema/public/transport';
 * ```
 */
export { publicIdempotentPosts, publicServerUrl } from '../generated/public.transport.gen.js';
