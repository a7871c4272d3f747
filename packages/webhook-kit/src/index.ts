export {
  CHALLENGE_HEADER,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_TOLERANCE_MS,
  SIGNATURE_HEADER,
  SIGNED_GET_BODY,
  TIMESTAMP_HEADER,
} from './constants.js';
export { cryptoImplementation, signDelivery, verifyDelivery } from './core.js';
export * from './errors.js';
export type { HeadersInput } from './headers.js';
export type {
  RawBody,
  SecretOptions,
  SignedDelivery,
  SignOptions,
  VerifyOptions,
} from './verify.js';
