export type {
  ChannelCreationTokenPayload,
  ChannelReactivationTokenPayload,
  ChannelTokenPayload,
} from './auth/tokens.js';
export type {
  ChannelState,
  ManifestState,
  MockControl,
  StateView,
  TicketState,
  UserState,
} from './control/control.js';
export {
  type ConfigInput,
  ConfigInputSchema,
  type CreateAccountInput,
  CreateAccountInputSchema,
  type CreateChannelInput,
  CreateChannelInputSchema,
  type CreateManifestInput,
  CreateManifestInputSchema,
  type CreateUserInput,
  CreateUserInputSchema,
  type DeliveriesQuery,
  DeliveriesQuerySchema,
  type FaultInput,
  FaultInputSchema,
  PromoteManifestInputSchema,
  TicketsQuerySchema,
  type UpdateAccountInput,
  UpdateAccountInputSchema,
  type UpdateTicketStateInput,
  UpdateTicketStateInputSchema,
} from './control/schemas.js';
export { type ErrorBody, type MockErrorCode, MockServerError } from './http/errors.js';
export type { Fault } from './http/faults.js';
export type { RateLimitConfig } from './http/rate-limiter.js';
export type { NodeHandler } from './http/types.js';
export { createMockServer, type MockServer, type MockServerOptions } from './server.js';
export type { TicketActionEvent } from './services/actions.js';
export type { TicketActionState } from './services/ticket-view.js';
export { StateFileError } from './state/persistence.js';
export type {
  AccountRecord,
  DeliveryAttempt,
  DeliveryRecord,
  TicketActionRecord,
} from './state/types.js';
export { createUiHandler } from './ui/handler.js';
export type { DeliveryOptions, Template } from './webhooks/delivery-engine.js';
