/**
 * `@socialhub/webhook-kit/core`: only signing and verification, their errors and header names,
 * for runtimes and bundles that route deliveries themselves (no router, no zod).
 * @example
 * ```ts
 * import { verifyDelivery } from '@socialhub/webhook-kit/core';
 * const challenge = await verifyDelivery(rawBody, request.headers, { secret });
 * ```
 */
export {
  CHALLENGE_HEADER,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_TOLERANCE_MS,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
} from './constants.js';
export { cryptoImplementation, signDelivery, verifyDelivery } from './core.js';
export type { RawBody, SignedDelivery, SignOptions, VerifyOptions } from './create-core.js';
export * from './errors.js';
export type { HeadersInput } from './headers.js';
export type { SecretOptions } from './secrets.js';
