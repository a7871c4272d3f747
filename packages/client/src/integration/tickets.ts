import type { PublicClient } from '../public-client.js';
import {
  checkClient,
  checkObject,
  checkString,
  type PublicResult,
  type Schemas,
} from './shared.js';

/**
 * Creates an inbox ticket for an interaction on the network. Retried like a GET (it is idempotent
 * by `networkItemId`); a `409` after a retry is reported by `isAlreadyExists(result)`.
 * @example
 * const result = await createTicket(client, {
 *   networkItemId: 'comment-000042',
 *   message: 'Hello, can someone help me?',
 *   interactor: { interactorId: 'u_42', name: 'Anna' },
 * });
 */
export async function createTicket(
  client: PublicClient,
  interaction: Schemas['InteractionCreate'],
): Promise<PublicResult<'/inbox/tickets', 'post'>> {
  checkClient(client);
  checkObject('interaction', interaction);
  return client.POST('/inbox/tickets', { body: { interaction } });
}

/** Options of `updateTicket`. */
export interface UpdateTicketOptions {
  /**
   * Also move the ticket back out of the Done folder (`?reset=true`).
   * @default false
   */
  reset?: boolean;
}

/** Updates a ticket after the interaction changed on the network (`createdTime`, `networkItemId`, `root`, `interactorId` are immutable). */
export async function updateTicket(
  client: PublicClient,
  ticketId: string,
  interaction: Schemas['InteractionUpdate'],
  options: UpdateTicketOptions = {},
): Promise<PublicResult<'/inbox/tickets/{ticketId}', 'patch'>> {
  checkClient(client);
  checkString('ticketId', ticketId);
  checkObject('interaction', interaction);
  return client.PATCH('/inbox/tickets/{ticketId}', {
    params: { path: { ticketId }, query: options.reset ? { reset: true } : {} },
    body: { interaction },
  });
}

/** What `confirmReply` needs: the event's ticket and followup, and the reply's own network item. */
export interface ConfirmReplyInput {
  ticketId: string;
  /** `payload.followupId` of the `reply` / `template_reply` event. */
  followupId: string;
  interaction: Schemas['ReplySuccess']['interaction'];
}

/**
 * Confirms that a `reply` / `template_reply` action was published on the network; SocialHub creates
 * the reply's own ticket. Idempotent by `networkItemId`, retried like ticket creation.
 * @example
 * await confirmReply(client, {
 *   ticketId: event.ticketId,
 *   followupId: event.payload.followupId,
 *   interaction: { networkItemId: 'reply-000043' },
 * });
 */
export async function confirmReply(
  client: PublicClient,
  input: ConfirmReplyInput,
): Promise<PublicResult<'/inbox/tickets/{ticketId}/replies/{followupId}/success', 'post'>> {
  checkClient(client);
  checkObject('input', input);
  checkString('ticketId', input.ticketId);
  checkString('followupId', input.followupId);
  checkObject('interaction', input.interaction);
  return client.POST('/inbox/tickets/{ticketId}/replies/{followupId}/success', {
    params: { path: { ticketId: input.ticketId, followupId: input.followupId } },
    body: { interaction: input.interaction },
  });
}

/** What `reportFailedAction` needs. */
export interface FailedActionInput {
  ticketId: string;
  /** `actionId` of the event (the ticket action's `id` in the manifest). */
  actionId: string;
  /** Needed for `reply` and `template_reply` actions. */
  followupId?: string;
  /** Shown to the community managers. */
  reason?: string;
}

/**
 * Tells SocialHub that a ticket action failed on the network, so the community managers see it
 * and the action is reset.
 * @example
 * await reportFailedAction(client, {
 *   ticketId: event.ticketId,
 *   actionId: event.actionId,
 *   followupId: event.payload.followupId,
 *   reason: 'The comment was deleted on the network.',
 * });
 */
export async function reportFailedAction(
  client: PublicClient,
  input: FailedActionInput,
): Promise<PublicResult<'/inbox/tickets/{ticketId}/reset/{actionId}', 'post'>> {
  checkClient(client);
  checkObject('input', input);
  checkString('ticketId', input.ticketId);
  checkString('actionId', input.actionId);
  if (input.followupId !== undefined) checkString('followupId', input.followupId);
  const body: Schemas['ActionReset'] = {};
  if (input.followupId !== undefined) body.followupId = input.followupId;
  if (input.reason !== undefined) body.reason = input.reason;
  return client.POST('/inbox/tickets/{ticketId}/reset/{actionId}', {
    params: { path: { ticketId: input.ticketId, actionId: input.actionId } },
    body,
  });
}
