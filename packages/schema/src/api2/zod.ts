/**
 * zod 4 schemas of SocialHub API2: `<Name>Schema` for every definition, and `<operationId>Body`,
 * `<operationId>Query`, `<operationId>Path` for every request body, query and path.
 *
 * @example
 * ```ts
 * import { ChannelSchema } from '@socialhub/schema/api2/zod';
 * const channel = ChannelSchema.parse(await response.json());
 * ```
 */
export * from '../generated/api2.zod.gen.js';
