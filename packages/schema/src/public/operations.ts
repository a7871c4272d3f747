/**
 * The operations table of the SocialHub public Integration API.
 *
 * @example
 * ```ts
 * import { publicOperations } from '@socialhub/schema/public/operations';
 * const { method, path } = publicOperations.createTicket;
 * ```
 */

export { type PublicOperationId, publicOperations } from '../generated/public.operations.gen.js';
export type {
  HttpMethod,
  OperationEntry,
  ParameterEntry,
  RequestBodyEntry,
  ResponseEntry,
  SchemaRef,
} from '../operation-entry.js';
