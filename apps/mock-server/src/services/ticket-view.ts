import type { DeliveryRecord, TicketActionRecord, TicketRecord } from '../state/types.js';
import type { MockCore } from './core.js';
import { parseDuration } from './duration.js';

/** A performed ticket action as the control API shows it: the record plus its outcome so far. */
export type TicketActionState = TicketActionRecord & {
  /**
   * `succeeded`: the reply was confirmed, or a `button` / `delete` event was delivered (and not
   * reset). `failed`: the integration reset it, or its delivery failed. `pending` otherwise.
   */
  outcome: 'pending' | 'succeeded' | 'failed';
  /** Why it failed: the integration's reset reason, or what went wrong with the delivery. */
  error?: string;
  /** The webhook delivery that carried the event, once there is one. */
  delivery?: { id: string; outcome: DeliveryRecord['outcome'] };
};

const DELIVERY_ERRORS: Partial<Record<DeliveryRecord['outcome'], string>> = {
  discarded: 'The webhook delivery failed and was discarded after its retries',
  'webhook-removed': 'The webhook answered without the right X-SocialHub-Challenge and was removed',
  'no-webhook': 'The manifest had no webhook to deliver the action to',
};

function actionState(
  action: TicketActionRecord,
  delivery: DeliveryRecord | undefined,
): TicketActionState {
  const seen = delivery && { id: delivery.id, outcome: delivery.outcome };
  const base = { ...action, ...(seen ? { delivery: seen } : {}) };
  if (action.status === 'reset')
    return {
      ...base,
      outcome: 'failed',
      error: action.reason ?? 'The integration reset the action',
    };
  if (action.status === 'published') return { ...base, outcome: 'succeeded' };
  const deliveryError = delivery && DELIVERY_ERRORS[delivery.outcome];
  if (deliveryError) return { ...base, outcome: 'failed', error: deliveryError };
  const isFireAndForget = action.type === 'button' || action.type === 'delete';
  if (isFireAndForget && delivery?.outcome === 'delivered')
    return { ...base, outcome: 'succeeded' };
  return { ...base, outcome: 'pending' };
}

/**
 * Builds the control view of tickets' actions for one answer: each action's outcome (from its
 * reset, its confirmation or its delivery) and, per ticket, until when the timed actions are available.
 */
export function createTicketViewContext(core: MockCore) {
  const byEventUuid = new Map<string, DeliveryRecord>();
  for (const delivery of core.store.state.deliveries)
    for (const uuid of delivery.eventUuids ?? []) byEventUuid.set(uuid, delivery);
  return {
    actions: (ticket: TicketRecord): TicketActionState[] =>
      ticket.actions.map((action) => actionState(action, byEventUuid.get(action.uuid))),
    /** actionId → the ISO time after which the action times out (actions with `config.timeout`). */
    deadlines: (ticket: TicketRecord): Record<string, string> => {
      const channel = core.store.state.channels[ticket.channelId];
      const manifest = channel && core.store.state.manifests[channel.manifestId];
      const deadlines: Record<string, string> = {};
      const from = Date.parse(ticket.interaction.createdTime ?? ticket.createdTime);
      for (const action of manifest?.inbox.ticketActions ?? []) {
        const timeout =
          action.config && 'timeout' in action.config ? action.config.timeout : undefined;
        const duration = timeout && parseDuration(timeout.duration);
        if (duration !== undefined && Number.isFinite(from))
          deadlines[action.id] = new Date(from + duration).toISOString();
      }
      return deadlines;
    },
  };
}
