/**
 * What a client needs of API2's operations table without loading it: the server URL and the
 * POSTs it may retry.
 *
 * @example
 * ```ts
 * import { api2IdempotentPosts, api2ServerUrl } from '@socialhub/schema/api2/transport';
 * ```
 */
export { api2IdempotentPosts, api2ServerUrl } from '../generated/api2.transport.gen.js';
