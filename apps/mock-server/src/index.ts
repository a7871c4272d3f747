export type {
  ChannelCreationTokenPayload,
  ChannelReactivationTokenPayload,
  ChannelTokenPayload,
} from './auth/tokens.js';
export { CHECKS as WEBHOOK_CHECKS, type CheckDefinition } from './cli/check-webhook/checks.js';
export type { Answer, Finding } from './cli/check-webhook/grade.js';
export {
  type CheckResult,
  runWebhookChecks,
  WebhookCheckError,
  type WebhookCheckOptions,
  type WebhookCheckReport,
} from './cli/check-webhook/run-checks.js';
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
export type { MockClientOptions, MockClients } from './testing/clients.js';
export { createMockClock, type MockClock, MockClockError } from './testing/clock.js';
export { createInProcessFetch, type InProcessFetch } from './testing/in-process-fetch.js';
export { FAST_WEBHOOKS, type MockTestTools } from './testing/tools.js';
export { MockWaitError, type MockWaitErrorCode } from './testing/wait-error.js';
export type { WaitOptions } from './testing/wait-until.js';
export type {
  ActionRef,
  DeliveryQuery,
  FollowupRef,
  MockWaiters,
  WaitForActionOptions,
} from './testing/waiters.js';
export { createUiHandler } from './ui/handler.js';
export type { DeliveryOptions, Template } from './webhooks/delivery-engine.js';
