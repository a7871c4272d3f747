/**
 * `@socialhub/schema`: generated types, zod schemas and operation tables for the SocialHub APIs.
 * The root entry holds only types; import an API's subpath for code.
 *
 * @example
 * ```ts
 * import type { Api2, Public } from '@socialhub/schema';
 * type Channel = Api2.components['schemas']['Channel'];
 * ```
 */
export type * as Api2 from './api2/index.js';
export type * from './operation-entry.js';
export type * as Public from './public/index.js';
export type * as Webhooks from './webhooks/index.js';
