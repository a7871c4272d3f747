export {
  API2_BASE_URL,
  API2_IDEMPOTENT_POSTS,
  type Api2Client,
  type Api2ClientOptions,
  createApi2Client,
} from './api2-client.js';
export { type AttemptInfo, attemptInfo, isAlreadyExists } from './attempts.js';
export type { SocialHubClient } from './create-client.js';
export {
  type ApiErrorInit,
  type ClientErrorCode,
  SocialHubAccessTokenError,
  SocialHubAlreadyExistsError,
  SocialHubApiError,
  SocialHubConfigError,
  SocialHubError,
  SocialHubNetworkError,
  SocialHubTimeoutError,
  SocialHubTokenError,
  SocialHubTokenExpiredError,
  type TransportErrorInit,
} from './errors.js';
export type { ClientLogEvent } from './log.js';
export type {
  AccessTokenOptions,
  BaseClientOptions,
  FetchLike,
  RetryOptions,
} from './options.js';
export {
  createPublicClient,
  PUBLIC_BASE_URL,
  PUBLIC_IDEMPOTENT_POSTS,
  type PublicClient,
  type PublicClientOptions,
} from './public-client.js';
export { type RateLimit, readRateLimit } from './rate-limit.js';
export { REDACTED, redactError, redactText, redactUrl } from './redact.js';
export type {
  HttpErrorStatus,
  HttpSuccessStatus,
  StatusResult,
  SuccessData,
  TypedClient,
  TypedMethod,
} from './result.js';
export { parseRetryAfter } from './retry-after.js';
export { toApiError, unwrap } from './unwrap.js';
