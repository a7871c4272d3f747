import { redactQuery } from '../cli/redact-url.js';
import type { Store } from '../state/store.js';
import type { DeliveryRecord } from '../state/types.js';
import type { ChangeFeed } from './change-feed.js';

const WHAT: Record<DeliveryRecord['kind'], string> = {
  events: 'delivery',
  test: 'test request',
  templates: 'templates GET',
};

/** The log line of a request SocialHub sent that succeeded. */
export function deliveredLine(delivery: DeliveryRecord): string {
  const events = Object.entries(delivery.events ?? {})
    .map(([type, n]) => `${n} ${type} event${n === 1 ? '' : 's'}`)
    .join(', ');
  const last = delivery.attempts.at(-1);
  const answer = last?.response ? `${last.response.status} in ${last.durationMs} ms` : 'answered';
  const tries = delivery.attempts.length > 1 ? `, attempt ${delivery.attempts.length}` : '';
  return `webhook: ${WHAT[delivery.kind]}${events ? ` of ${events}` : ''} to ${redactQuery(delivery.request.url)} delivered (${answer}${tries})`;
}

/**
 * Logs every request SocialHub sent that succeeded (failures are logged by the delivery engine),
 * as state changes report them: the newly added records are walked back from the end of the list.
 */
export function logSuccessfulDeliveries(deps: {
  store: Pick<Store, 'state'>;
  feed: ChangeFeed;
  log: (line: string) => void;
}): () => void {
  const seen = new WeakSet<DeliveryRecord>();
  const pending = new Set<DeliveryRecord>();
  const report = (delivery: DeliveryRecord) => {
    if (delivery.outcome === 'pending') return false;
    if (delivery.outcome === 'delivered') deps.log(deliveredLine(delivery));
    return true;
  };
  const onChange = () => {
    const all = deps.store.state.deliveries;
    for (let i = all.length - 1; i >= 0; i--) {
      const delivery = all[i] as DeliveryRecord;
      if (seen.has(delivery)) break;
      seen.add(delivery);
      if (!report(delivery)) pending.add(delivery);
    }
    for (const delivery of pending) if (report(delivery)) pending.delete(delivery);
  };
  onChange();
  return deps.feed.subscribe(onChange);
}
