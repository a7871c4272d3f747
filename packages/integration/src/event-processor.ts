import type { PublicClient } from '@socialhub/client';
import { confirmReply, reportFailedAction } from '@socialhub/client/integration';
import type { ActionContext, ActionEvent, ActionHandler, PostedReply } from './actions.js';
import { backoffMs, type ResolvedRetry } from './backoff.js';
import { ActionFailedError, IntegrationError } from './errors.js';
import type { TicketAction } from './manifest.js';
import { type CallInfo, callSocialHub } from './socialhub-calls.js';
import {
  errorText,
  type IntegrationStore,
  type StoredChannel,
  type StoredEvent,
} from './stores/store.js';

/** A handler threw (the action is retried, or reported failed past the retry budget). */
export class ActionHandlerError extends IntegrationError {
  override readonly name = 'ActionHandlerError';
  readonly actionId: string;
  readonly attempt: number;
  constructor(actionId: string, attempt: number, options?: ErrorOptions) {
    super(
      'action_failed',
      500,
      `the handler of action ${actionId} failed (attempt ${attempt})`,
      options,
    );
    this.actionId = actionId;
    this.attempt = attempt;
  }
}

/** SocialHub refused a call, or the channel cannot be worked on; `channelId` says which. */
export class ChannelWorkError extends IntegrationError {
  override readonly name = 'ChannelWorkError';
  readonly channelId: string;
  constructor(channelId: string, message: string, options?: ErrorOptions) {
    super('unknown_channel', 502, message, options);
    this.channelId = channelId;
  }
}

/**
 * Marks a channel whose token SocialHub refused (`unauthorized`) or whose channel is disabled, and
 * returns the error saying so; `waiting` says what waits for the reactivation.
 */
export async function holdChannel(
  store: IntegrationStore,
  channelId: string,
  status: 'unauthorized' | 'disabled',
  at: number,
  waiting: string,
): Promise<ChannelWorkError> {
  await store.setChannelStatus(channelId, status, at);
  return new ChannelWorkError(
    channelId,
    `@socialhub/integration: channel ${channelId} is ${status}; ${waiting}`,
  );
}

/** What the event processor works with. */
export interface EventProcessorDeps {
  store: IntegrationStore;
  owner: string;
  now: () => number;
  leaseMs: number;
  retry: ResolvedRetry;
  handlers: Readonly<Record<string, ActionHandler<TicketAction['type']> | undefined>>;
  actionTypes: ReadonlyMap<string, TicketAction['type']>;
  clientFor: (channel: StoredChannel) => PublicClient;
  /** Pause after SocialHub said `X-RateLimit-Remaining: 0`. */
  rateLimitPauseMs: number;
  onChannelDisabled?: ((channelId: string) => unknown) | undefined;
  onError: (error: unknown) => void;
  /** Aborted when the integration closes. */
  stopSignal?: AbortSignal;
}

/** The worker's checkpoint on an event: what is done, so a retry does not redo it. */
interface Checkpoint {
  /** The handler posted the reply; it still has to be confirmed. */
  reply?: PostedReply;
  /** The action failed for this reason; it still has to be reported. */
  failure?: string;
  /** Failed calls to SocialHub so far. */
  calls?: number;
}

const isReplyType = (type: string) => type === 'reply' || type === 'template_reply';

/** Creates the function that takes one leased event to its end (or back to the queue). */
export function createEventProcessor(
  deps: EventProcessorDeps,
): (event: StoredEvent) => Promise<void> {
  const { store, owner, now, retry } = deps;

  return async function processEvent(event) {
    const controller = new AbortController();
    const heartbeat = setInterval(
      () => {
        store
          .extendLease(event.uuid, owner, now() + deps.leaseMs)
          .then((held) => held || controller.abort(new Error('lease lost')))
          .catch(deps.onError);
      },
      Math.max(50, deps.leaseMs / 3),
    );
    try {
      const signal = deps.stopSignal
        ? AbortSignal.any([deps.stopSignal, controller.signal])
        : controller.signal;
      await run(event, signal);
    } finally {
      clearInterval(heartbeat);
    }
  };

  async function run(event: StoredEvent, signal: AbortSignal): Promise<void> {
    const update = (u: Parameters<IntegrationStore['updateEvent']>[2]) =>
      store.updateEvent(event.uuid, owner, u, now());

    if (event.eventType.startsWith('channel_action.')) {
      try {
        await deps.onChannelDisabled?.(event.channelId);
        await update({ status: 'done', error: null });
      } catch (error) {
        deps.onError(error);
        const attempt = event.attempts;
        await update(
          attempt >= retry.maxAttempts
            ? { status: 'failed', error: errorText(error) }
            : {
                status: 'pending',
                runAt: now() + backoffMs(retry, attempt),
                error: errorText(error),
              },
        );
      }
      return;
    }
    if (!event.eventType.startsWith('ticket_action.')) {
      await update({ status: 'done' });
      return;
    }

    const channel = await store.getChannel(event.channelId);
    if (!channel) {
      const message = `no token for channel ${event.channelId}: the action cannot be done or reported`;
      deps.onError(new ChannelWorkError(event.channelId, message));
      await update({ status: 'failed', error: message });
      return;
    }
    if (channel.status !== 'active' || channel.pausedUntil > now()) {
      // Changed since the claim: back to the queue, where it waits for the channel (no attempt used).
      await update({ status: 'pending', attempts: Math.max(0, event.attempts - 1) });
      return;
    }
    const client = deps.clientFor(channel);
    const action = event.body as ActionEvent;
    const state: Checkpoint = { ...((event.result as Checkpoint | null) ?? {}) };

    if (!state.reply && state.failure === undefined) {
      const handler = deps.handlers[action.actionId];
      if (!handler || deps.actionTypes.get(action.actionId) !== action.type) {
        state.failure = `This integration has no handler for the action "${action.actionId}" (${action.type})`;
        deps.onError(
          new ChannelWorkError(event.channelId, `@socialhub/integration: ${state.failure}`),
        );
      } else {
        // Counted by the claim: a crash in the handler uses up an attempt too.
        const attempt = event.attempts;
        const context: ActionContext = {
          idempotencyKey: event.uuid,
          channelId: event.channelId,
          accountId: event.accountId,
          attempt,
          client,
          signal,
        };
        try {
          const result = (await handler(action as never, context)) as PostedReply | undefined;
          if (!isReplyType(action.type)) {
            await update({ status: 'done', error: null });
            return;
          }
          if (typeof result?.networkItemId !== 'string' || result.networkItemId === '')
            throw new TypeError(
              `@socialhub/integration: the ${action.type} handler of ${action.actionId} must return { networkItemId } of the posted reply`,
            );
          state.reply = {
            networkItemId: result.networkItemId,
            ...(result.createdTime === undefined ? {} : { createdTime: result.createdTime }),
            ...(result.url === undefined ? {} : { url: result.url }),
          };
        } catch (error) {
          if (error instanceof ActionFailedError) state.failure = error.reason;
          else {
            deps.onError(new ActionHandlerError(action.actionId, attempt, { cause: error }));
            if (attempt >= retry.maxAttempts)
              state.failure = `Failed after ${attempt} attempts: ${errorText(error)}`;
            else {
              await update({
                status: 'pending',
                runAt: now() + backoffMs(retry, attempt),
                error: errorText(error),
              });
              return;
            }
          }
        }
      }
      if (!(await update({ result: state }))) return;
    }

    if (state.reply) {
      const reply = state.reply;
      const info = await call(channel, () =>
        confirmReply(client, {
          ticketId: action.ticketId,
          followupId: (action.payload as { followupId: string }).followupId,
          interaction: reply,
        }),
      );
      const { outcome } = info;
      if (outcome.kind === 'ok' || outcome.kind === 'exists') {
        await update({ status: 'done', error: null });
        return;
      }
      if (outcome.kind !== 'refused') {
        await retryLater(event, channel, state, info, update);
        return;
      }
      deps.onError(
        new ChannelWorkError(
          event.channelId,
          `@socialhub/integration: confirming the reply failed: ${outcome.message}`,
        ),
      );
      state.reply = undefined;
      state.failure = `The reply was posted, but SocialHub refused its confirmation: ${outcome.message}`;
      if (!(await update({ result: state }))) return;
    }

    if (state.failure !== undefined) {
      const reason = state.failure;
      const followupId = isReplyType(action.type)
        ? (action.payload as { followupId?: string }).followupId
        : undefined;
      const info = await call(channel, () =>
        reportFailedAction(client, {
          ticketId: action.ticketId,
          actionId: action.actionId,
          ...(followupId === undefined ? {} : { followupId }),
          reason,
        }),
      );
      const { outcome } = info;
      if (outcome.kind === 'ok' || outcome.kind === 'exists') {
        await update({ status: 'failed', error: reason });
        return;
      }
      if (outcome.kind === 'refused') {
        deps.onError(
          new ChannelWorkError(
            event.channelId,
            `@socialhub/integration: reporting a failed action was refused: ${outcome.message}`,
          ),
        );
        await update({ status: 'failed', error: `${reason} (not reported: ${outcome.message})` });
        return;
      }
      await retryLater(event, channel, state, info, update);
    }
  }

  async function call(
    channel: StoredChannel,
    send: Parameters<typeof callSocialHub>[0],
  ): Promise<CallInfo> {
    const info = await callSocialHub(send, { now, defaultRetryAfterMs: deps.rateLimitPauseMs });
    if (info.remaining === 0)
      await store.pauseChannel(channel.channelId, now() + deps.rateLimitPauseMs);
    return info;
  }

  /** A confirm or report call did not go through: mark the channel, or try again later. */
  async function retryLater(
    event: StoredEvent,
    channel: StoredChannel,
    state: Checkpoint,
    { outcome }: CallInfo,
    update: (u: Parameters<IntegrationStore['updateEvent']>[2]) => Promise<boolean>,
  ): Promise<void> {
    switch (outcome.kind) {
      case 'unauthorized':
      case 'disabled': {
        deps.onError(
          await holdChannel(
            store,
            channel.channelId,
            outcome.kind,
            now(),
            `its work waits for a reactivation (${outcome.message})`,
          ),
        );
        await update({ status: 'pending', error: outcome.message });
        return;
      }
      case 'rate_limited': {
        const until = now() + outcome.retryAfterMs;
        await store.pauseChannel(channel.channelId, until);
        await update({ status: 'pending', runAt: until, error: 'rate limited' });
        return;
      }
      case 'transient': {
        const calls = (state.calls ?? 0) + 1;
        if (calls >= retry.maxSocialHubAttempts) {
          deps.onError(
            new ChannelWorkError(
              channel.channelId,
              `@socialhub/integration: gave up reaching SocialHub for event ${event.uuid}: ${outcome.message}`,
            ),
          );
          await update({ status: 'failed', error: `SocialHub unreachable: ${outcome.message}` });
          return;
        }
        await update({
          status: 'pending',
          runAt: now() + backoffMs(retry, calls),
          result: { ...state, calls },
          error: outcome.message,
        });
        return;
      }
      default:
        return;
    }
  }
}
