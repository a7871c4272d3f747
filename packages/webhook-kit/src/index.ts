export {
  type ChannelCallbackOptions,
  type ChannelClientOptions,
  type ChannelContext,
  type ChannelCreationHandlerOptions,
  type ChannelInput,
  type ChannelReactivationHandlerOptions,
  type CreatedChannel,
  createChannelCreationHandler,
  createChannelReactivationHandler,
  isSocialHubOrigin,
} from './callbacks/channel-callback.js';
export {
  type ChannelToken,
  type ReadTokenOptions,
  readChannelCreationToken,
  readChannelReactivationToken,
} from './callbacks/channel-token.js';
export { createTemplatesHandler, type TemplatesHandlerOptions } from './callbacks/templates.js';
export {
  CHALLENGE_HEADER,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_TOLERANCE_MS,
  SIGNATURE_HEADER,
  SIGNED_GET_BODY,
  TIMESTAMP_HEADER,
} from './constants.js';
export { cryptoImplementation, signDelivery, verifyDelivery } from './core.js';
export {
  createMemoryDedupeStore,
  type DedupeStore,
  type MemoryDedupeStoreOptions,
} from './dedupe.js';
export * from './errors.js';
export type {
  ChannelCreationTokenPayload,
  ChannelReactivationTokenPayload,
  Template,
  WebhookEventName,
  WebhookEvents,
} from './events.js';
export type { HeadersInput } from './headers.js';
export type { KitHandler, KitRequest, KitResponse } from './http.js';
export type {
  DeliveryContext,
  DeliveryMode,
  EventContext,
  EventSchema,
  ProcessResult,
  ReceivedDelivery,
  WebhookHandler,
} from './router.js';
export type {
  RawBody,
  SecretOptions,
  SignedDelivery,
  SignOptions,
  VerifyOptions,
} from './verify.js';
export { createWebhookHandler, type WebhookHandlerOptions } from './webhook-handler.js';
