/**
 * `@socialhub/integration`: the reply loop done right. Deliveries are stored before they are
 * answered, workers take every ticket action to done or failed in the Inbox, handlers are typed by
 * the manifest declared in code, and channels, tokens and ticket imports live in one store.
 * @example
 * import { createIntegration, defineManifest } from '@socialhub/integration';
 * import { createSqliteStore } from '@socialhub/integration/sqlite';
 */
export type {
  ActionContext,
  ActionEvent,
  ActionHandler,
  ActionHandlers,
  ActionPayloads,
  ActionResult,
  ActionsOf,
  PostedReply,
} from './actions.js';
export type { RetryPolicy } from './backoff.js';
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
export {
  ActionFailedError,
  ChannelCreationError,
  IntegrationConfigError,
  IntegrationError,
  type IntegrationErrorCode,
  InvalidTokenError,
  ManifestError,
  MissingParameterError,
  StoreError,
  TokenExpiredError,
} from './errors.js';
export { ActionHandlerError, ChannelWorkError } from './event-processor.js';
export type { TicketInput } from './importer.js';
export {
  type ChannelInfo,
  createIntegration,
  type Integration,
  type IntegrationOptions,
  type IntegrationRoutes,
  type WorkerOptions,
} from './integration.js';
export {
  buildManifest,
  defineManifest,
  type IntegrationPaths,
  type Manifest,
  type ManifestDefinition,
  type ManifestUpdate,
  manifestChanges,
  type TicketAction,
} from './manifest.js';
export type { ManifestSyncResult } from './manifest-sync.js';
export type {
  ChannelInit,
  ChannelStatus,
  EventCounts,
  EventStatus,
  EventUpdate,
  ImportItem,
  ImportProgress,
  ImportStatus,
  ImportUpdate,
  IncomingEvent,
  IntegrationStore,
  StoredChannel,
  StoredEvent,
  StoredImport,
} from './stores/store.js';
export { SkippedEventError } from './webhook-intake.js';
