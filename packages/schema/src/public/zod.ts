/**
 * zod 4 schemas of the SocialHub public Integration API: `<Name>Schema` for every component
 * schema, and `<operationId>Body` / `Query` / `Path` for every operation.
 *
 * @example
 * ```ts
 * import { createTicketBody } from '@socialhub/schema/public/zod';
 * const body = createTicketBody.parse(request.body);
 * ```
 */
export * from '../generated/public.zod.gen.js';
