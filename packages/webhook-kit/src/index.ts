export { createTemplatesHandler, type TemplatesHandlerOptions } from './callbacks/templates.js';
export { SIGNED_GET_BODY } from './constants.js';
// Signing, verification, their errors and header names: the whole `./core` entry.
export * from './core-entry.js';
export {
  createMemoryDedupeStore,
  type DedupeStore,
  type MemoryDedupeStoreOptions,
} from './dedupe.js';
export type {
  ChannelCreationTokenPayload,
  ChannelReactivationTokenPayload,
  Template,
  WebhookEventName,
  WebhookRouteMap,
} from './events.js';
export type { KitHandler, KitRequest, KitResponse } from './http.js';
export type {
  DeliveryContext,
  DeliveryMode,
  EventContext,
  EventRoutes,
  EventSchema,
  ProcessResult,
  ReceivedDelivery,
  WebhookHandler,
} from './router.js';
export { createWebhookHandler, type WebhookHandlerOptions } from './webhook-handler.js';
