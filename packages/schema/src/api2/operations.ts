/**
 * The operations table of SocialHub API2 (no zod, no types at run time beyond the table).
 *
 * @example
 * ```ts
 * import { api2Operations } from '@socialhub/schema/api2/operations';
 * const { method, path } = api2Operations.getChannels;
 * ```
 */

export { type Api2OperationId, api2Operations } from '../generated/api2.operations.gen.js';
export type {
  HttpMethod,
  OperationEntry,
  ParameterEntry,
  RequestBodyEntry,
  ResponseEntry,
  SchemaRef,
} from '../operation-entry.js';
