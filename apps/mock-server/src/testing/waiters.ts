import type { MockControl, TicketState } from '../control/control.js';
import type { MockCore } from '../services/core.js';
import { createTicketViewContext, type TicketActionState } from '../services/ticket-view.js';
import type { DeliveryRecord, TicketRecord } from '../state/types.js';
import type { ChangeFeed } from './change-feed.js';
import { MockWaitError, waitInputError } from './wait-error.js';
import { MAX_WAIT_MS, type Probe, type WaitOptions, waitUntil } from './wait-until.js';

/**
 * A performed action (API2's `POST /inbox/tickets/{ticketId}/actions/{actionId}`): its ticket id
 * and event `uuid` (the newest of the `actions` in the ticket that route answers), or its ticket id
 * and manifest `actionId` (the newest action of that id on the ticket when the wait starts, or the
 * first one performed after).
 */
export type ActionRef =
  | { ticketId: string; uuid: string }
  | { ticketId: string; actionId: string }
  | { event: { ticketId: string; uuid: string } };

/** A reply whose follow-up ticket is awaited: an `ActionRef`, or the ticket id and `followupId`. */
export type FollowupRef = ActionRef | { ticketId: string; followupId: string };

/** Options of `waitForAction`. */
export interface WaitForActionOptions extends WaitOptions {
  /**
   * The outcome expected; the other one rejects at once with `WaitOutcomeError` and its reason.
   * Without it, the first final outcome (`succeeded` or `failed`) resolves.
   */
  outcome?: 'succeeded' | 'failed';
  /**
   * A `button` or `delete` has no success call: once delivered it counts as succeeded unless the
   * integration resets it within this time (it may answer first and reset in the background).
   * @default 100
   */
  resetGraceMs?: number;
}

/** Default of `resetGraceMs`. */
export const DEFAULT_RESET_GRACE_MS = 100;

/** What `waitForDelivery` waits for. */
export interface DeliveryQuery {
  channelId?: string;
  kind?: DeliveryRecord['kind'];
  /** The delivery carrying the event with this `uuid` (a performed action's `event.uuid`). */
  eventUuid?: string;
  /** A delivery carrying at least one event of this type (`ticket_action`, `channel_action`). */
  eventType?: string;
  /** Only deliveries created at or after this time (ms, ISO 8601 or `Date`). */
  since?: number | string | Date;
  /**
   * The outcome awaited. `settled` (default): any outcome but `pending`. A delivery matching
   * everything else that ends otherwise rejects with `WaitOutcomeError` when it is the only candidate
   * (an `eventUuid` query); otherwise the wait goes on for another delivery.
   */
  outcome?: Exclude<DeliveryRecord['outcome'], 'pending'> | 'settled';
}

/** Waits for outcomes on the mock's state, event-driven (no polling). */
export interface MockWaiters {
  /**
   * Resolves with the action's state once it has an outcome: `succeeded` (a confirmed reply, a
   * delivered `button` / `delete`) or `failed` (with `error`: the integration's reset reason or what
   * went wrong with its delivery). Rejects with `MockWaitError` on timeout, saying what was seen.
   * @example
   * ```ts
   * const api2 = mock.api2Client((await mock.control.createUser()).accessToken);
   * await api2.POST('/inbox/tickets/{ticketId}/actions/{actionId}', {
   *   params: { path: { ticketId: ticket._id, actionId: 'reply' } },
   *   body: { text: 'Hi' },
   * });
   * const ref = { ticketId: ticket._id, actionId: 'reply' };
   * const action = await mock.waitForAction(ref, { outcome: 'succeeded' });
   * ```
   */
  waitForAction(ref: ActionRef, options?: WaitForActionOptions): Promise<TicketActionState>;
  /** Resolves with the follow-up ticket a reply's success callback created; rejects early if the reply failed. */
  waitForFollowup(ref: FollowupRef, options?: WaitOptions): Promise<TicketState>;
  /** Resolves with the first delivery matching `query` that reached its outcome. */
  waitForDelivery(query?: DeliveryQuery, options?: WaitOptions): Promise<DeliveryRecord>;
}

const checkString = (name: string, value: unknown): string => {
  if (typeof value !== 'string' || value === '')
    throw waitInputError(`${name} must be a non-empty string`);
  return value;
};

type ActionRecord = TicketRecord['actions'][number];

/** Finds one action of a ticket; pins an `actionId` reference to one action the first time it matches. */
interface ActionMatcher {
  ticketId: string;
  label: string;
  matches(action: ActionRecord, all: readonly ActionRecord[]): boolean;
}

/** Checks an `ActionRef` given at run time (JavaScript callers, the long-poll route). */
function checkActionRef(ref: unknown): ActionMatcher {
  if (typeof ref !== 'object' || ref === null)
    throw waitInputError(
      'pass { ticketId, uuid }, { ticketId, actionId } or { event: { ticketId, uuid } }',
    );
  if (!('event' in ref) && 'actionId' in ref && !('uuid' in ref)) {
    const { ticketId, actionId } = ref as { ticketId?: unknown; actionId?: unknown };
    const id = checkString('actionId', actionId);
    let pinned: string | undefined;
    return {
      ticketId: checkString('ticketId', ticketId),
      label: `action "${id}"`,
      matches: (action, all) => {
        if (pinned === undefined) pinned = all.findLast((a) => a.actionId === id)?.uuid;
        return action.uuid === pinned;
      },
    };
  }
  const inner = 'event' in ref ? (ref as { event: unknown }).event : ref;
  if (typeof inner !== 'object' || inner === null)
    throw waitInputError('event must be the ticket_action event');
  const { ticketId, uuid } = inner as { ticketId?: unknown; uuid?: unknown };
  const id = checkString('uuid', uuid);
  return {
    ticketId: checkString('ticketId', ticketId),
    label: `action ${id}`,
    matches: (action) => action.uuid === id,
  };
}

/** One line about a delivery: its id, what it carried, its outcome and its last answer. */
export function describeDelivery(delivery: DeliveryRecord): string {
  const events = Object.entries(delivery.events ?? {})
    .map(([type, n]) => `${n} ${type}`)
    .join(', ');
  const last = delivery.attempts.at(-1);
  const answer = last
    ? last.response
      ? `last answer ${last.response.status}${last.isChallengeSolved === false ? ' without the right challenge' : ''}`
      : `last attempt: ${last.error ?? 'no answer'}`
    : 'not sent yet';
  return `delivery ${delivery.id} (${delivery.kind}${events ? `: ${events}` : ''}) ${delivery.outcome} after ${delivery.attempts.length} attempt${delivery.attempts.length === 1 ? '' : 's'}, ${answer}`;
}

/**
 * What a failed delivery wait keeps of the delivery it saw: no URL, headers or body, so nothing
 * in a webhook URL's query reaches an error.
 */
const deliverySummary = (delivery: DeliveryRecord) => ({
  id: delivery.id,
  kind: delivery.kind,
  channelId: delivery.channelId,
  outcome: delivery.outcome,
  events: delivery.events ?? {},
  attempts: delivery.attempts.map((a) => ({
    ...(a.response ? { status: a.response.status } : {}),
    ...(a.error ? { error: a.error } : {}),
    ...(a.isChallengeSolved === undefined ? {} : { isChallengeSolved: a.isChallengeSolved }),
  })),
});

function describeAction(action: TicketActionState): string {
  const where = action.delivery
    ? describeDeliveryOf(action.delivery)
    : 'no delivery has carried it yet';
  if (action.outcome === 'failed')
    return `${action.type} "${action.actionId}" failed: ${action.error ?? 'no reason'}`;
  if (action.outcome === 'succeeded') return `${action.type} "${action.actionId}" succeeded`;
  const waitingFor =
    action.type === 'reply' || action.type === 'template_reply'
      ? '; the integration has neither confirmed it (reply success) nor reset it'
      : '';
  return `${action.type} "${action.actionId}" still pending (${where})${waitingFor}`;
}

const describeDeliveryOf = (delivery: NonNullable<TicketActionState['delivery']>) =>
  `its delivery ${delivery.id} is ${delivery.outcome}`;

/** Creates the waiters over a core and its change feed. */
export function createWaiters(deps: {
  core: MockCore;
  control: MockControl;
  feed: ChangeFeed;
}): MockWaiters {
  const { core, control, feed } = deps;

  const findAction = (
    ticketId: string,
    match: (a: ActionRecord, all: readonly ActionRecord[]) => boolean,
  ) => {
    const ticket = core.store.state.tickets[ticketId];
    if (!ticket) return { ticket: undefined, action: undefined };
    const index = ticket.actions.findIndex((a) => match(a, ticket.actions));
    if (index === -1) return { ticket, action: undefined };
    const action = createTicketViewContext(core).actions(ticket)[index];
    return { ticket, action };
  };

  const actionProbe =
    (matcher: ActionMatcher, expected: WaitForActionOptions['outcome']) =>
    (): Probe<TicketActionState> => {
      const { ticketId } = matcher;
      const { ticket, action } = findAction(ticketId, matcher.matches);
      if (!ticket) return { state: 'waiting', seen: `no ticket ${ticketId}` };
      if (!action) return { state: 'waiting', seen: `ticket ${ticketId} has no ${matcher.label}` };
      const seen = describeAction(action);
      if (action.outcome === 'pending') return { state: 'waiting', seen, last: action };
      if (expected === undefined || action.outcome === expected)
        return { state: 'done', value: action };
      return {
        state: 'failed',
        message: `expected it to have ${expected}, but ${seen}`,
        seen,
        last: action,
      };
    };

  return {
    waitForAction: async (ref, options) => {
      const matcher = checkActionRef(ref);
      const { ticketId } = matcher;
      const graceMs = options?.resetGraceMs ?? DEFAULT_RESET_GRACE_MS;
      if (typeof graceMs !== 'number' || !(graceMs >= 0) || graceMs > MAX_WAIT_MS)
        throw waitInputError(`resetGraceMs must be a number from 0 to ${MAX_WAIT_MS}`);
      const what = `the outcome of ${matcher.label} on ticket ${ticketId}`;
      // First any outcome; a delivered button or delete may still be reset in the background.
      const first = await waitUntil(feed, what, actionProbe(matcher, undefined), options);
      const isFireAndForget = first.type === 'button' || first.type === 'delete';
      if (isFireAndForget && first.outcome === 'succeeded' && graceMs > 0) {
        await waitUntil(
          feed,
          what,
          (): Probe<true> =>
            findAction(ticketId, matcher.matches).action?.outcome === 'failed'
              ? { state: 'done', value: true }
              : { state: 'waiting', seen: 'no reset' },
          { timeoutMs: graceMs, ...(options?.signal ? { signal: options.signal } : {}) },
        ).catch((error: unknown) => {
          if (!(error instanceof MockWaitError && error.code === 'WaitTimeoutError')) throw error;
        });
      }
      return waitUntil(feed, what, actionProbe(matcher, options?.outcome), options);
    },

    waitForFollowup: async (ref, options) => {
      // A reference with both `event` and `followupId`: the event wins.
      const byFollowupId =
        typeof ref === 'object' && ref !== null && !('event' in ref) && 'followupId' in ref
          ? {
              ticketId: checkString('ticketId', ref.ticketId),
              followupId: checkString('followupId', ref.followupId),
            }
          : undefined;
      const matcher: ActionMatcher = byFollowupId
        ? {
            ticketId: byFollowupId.ticketId,
            label: `followup ${byFollowupId.followupId}`,
            matches: (a) => a.followupId === byFollowupId.followupId,
          }
        : checkActionRef(ref);
      const { ticketId, label, matches } = matcher;
      const replyId = await waitUntil<string>(
        feed,
        `the follow-up ticket of ${label} on ticket ${ticketId}`,
        () => {
          const { ticket, action } = findAction(ticketId, matches);
          if (!ticket) return { state: 'waiting', seen: `no ticket ${ticketId}` };
          if (!action) return { state: 'waiting', seen: `ticket ${ticketId} has no ${label}` };
          if (action.type !== 'reply' && action.type !== 'template_reply')
            return {
              state: 'failed',
              message: `a ${action.type} action has no follow-up ticket`,
              seen: describeAction(action),
              last: action,
            };
          if (action.replyTicketId && core.store.state.tickets[action.replyTicketId])
            return { state: 'done', value: action.replyTicketId };
          const seen = describeAction(action);
          if (action.outcome === 'failed')
            return {
              state: 'failed',
              message: `no follow-up ticket will come: ${seen}`,
              seen,
              last: action,
            };
          return { state: 'waiting', seen, last: action };
        },
        options,
      );
      const reply = core.store.state.tickets[replyId] as TicketRecord;
      const [state] = (await control.listTickets({ channelId: reply.channelId })).filter(
        (t) => t._id === replyId,
      );
      return state as TicketState;
    },

    waitForDelivery: async (query = {}, options) => {
      if (typeof query !== 'object' || query === null)
        throw waitInputError('the delivery query must be an object');
      const since =
        query.since === undefined
          ? undefined
          : query.since instanceof Date
            ? query.since.getTime()
            : typeof query.since === 'string'
              ? Date.parse(query.since)
              : query.since;
      if (since !== undefined && !Number.isFinite(since))
        throw waitInputError(`since is not a time: ${String(query.since)}`);
      const wanted = query.outcome ?? 'settled';
      const isCandidate = (d: DeliveryRecord) =>
        (query.channelId === undefined || d.channelId === query.channelId) &&
        (query.kind === undefined || d.kind === query.kind) &&
        (query.eventUuid === undefined || (d.eventUuids ?? []).includes(query.eventUuid)) &&
        (query.eventType === undefined || (d.events?.[query.eventType] ?? 0) > 0) &&
        (since === undefined || Date.parse(d.createdTime) >= since);
      const what = `a ${wanted === 'settled' ? 'settled' : wanted} delivery${Object.keys(query).length ? ` matching ${JSON.stringify(query)}` : ''}`;
      return waitUntil<DeliveryRecord>(
        feed,
        what,
        () => {
          const candidates = core.store.state.deliveries.filter(isCandidate);
          const hit = candidates.find((d) =>
            wanted === 'settled' ? d.outcome !== 'pending' : d.outcome === wanted,
          );
          if (hit) return { state: 'done', value: hit };
          const seen = candidates.length
            ? candidates.slice(-5).map(describeDelivery).join('; ')
            : `no matching delivery among ${core.store.state.deliveries.length}`;
          const only = candidates.length === 1 ? candidates[0] : undefined;
          if (query.eventUuid !== undefined && only && only.outcome !== 'pending')
            return {
              state: 'failed',
              message: `expected ${wanted}, but ${seen}`,
              seen,
              last: deliverySummary(only),
            };
          const newest = candidates.at(-1);
          return { state: 'waiting', seen, ...(newest ? { last: deliverySummary(newest) } : {}) };
        },
        options,
      );
    },
  };
}
