import type { MockControl, StateView } from '../control/control.js';
import type { Store } from '../state/store.js';

/** One Server-Sent Event: its `event:` name and its JSON `data`. */
export interface LiveEvent {
  event: 'channels' | 'manifests' | 'tickets' | 'deliveries';
  data: unknown;
}

/** What one subscriber (an open page) wants: the tickets of one channel, or none. */
export interface LiveSubscription {
  channelId?: string;
  send(event: LiveEvent): void;
}

/** Pushes state changes to subscribers as small diffs instead of letting pages poll. */
export interface LiveHub {
  /** Sends the current channels, manifests (and the channel's tickets) now, then every change. Returns the unsubscribe function. */
  subscribe(subscription: LiveSubscription): Promise<() => void>;
  /** How many pages listen. */
  readonly size: number;
}

interface Snapshot {
  channels: string;
  manifests: string;
  /** ticket id → [channelId, JSON of its view] */
  tickets: Map<string, [string, string]>;
  /** delivery id → a fingerprint of what the log shows about it */
  deliveries: Map<string, string>;
}

type Ticket = StateView['tickets'][number];

/**
 * Creates the hub over the store: after a change (at most every `intervalMs`) it compares the
 * state with what it last sent and pushes only what differs: whole channel and manifest lists
 * (they are small), the tickets that changed or went away per channel, and the ids of deliveries
 * that are new or changed. It does no work while nobody listens.
 */
export function createLiveHub(deps: {
  store: Store;
  control: Pick<MockControl, 'state'>;
  /** @default 50 */
  intervalMs?: number;
}): LiveHub {
  const { store, control } = deps;
  const intervalMs = deps.intervalMs ?? 50;
  const subscribers = new Set<LiveSubscription>();
  let last: Snapshot | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const take = async (): Promise<{ view: StateView; snapshot: Snapshot }> => {
    const view = await control.state();
    const tickets = new Map<string, [string, string]>();
    for (const ticket of view.tickets)
      tickets.set(ticket._id, [ticket.channelId ?? '', JSON.stringify(ticket)]);
    const deliveries = new Map<string, string>();
    for (const d of store.state.deliveries)
      deliveries.set(d.id, `${d.outcome}|${d.attempts.length}|${d.nextRetryTime ?? ''}`);
    return {
      view,
      snapshot: {
        channels: JSON.stringify(view.channels),
        manifests: JSON.stringify(view.manifests),
        tickets,
        deliveries,
      },
    };
  };

  const broadcast = (event: LiveEvent, channelId?: string) => {
    for (const s of subscribers)
      if (channelId === undefined || s.channelId === channelId) s.send(event);
  };

  const flush = async () => {
    timer = undefined;
    if (subscribers.size === 0 || !last) return;
    const before = last;
    const { view, snapshot } = await take();
    last = snapshot;
    if (snapshot.channels !== before.channels)
      broadcast({ event: 'channels', data: view.channels });
    if (snapshot.manifests !== before.manifests)
      broadcast({ event: 'manifests', data: view.manifests });
    const changed = new Map<string, Ticket[]>();
    const removed = new Map<string, string[]>();
    for (const ticket of view.tickets) {
      const entry = snapshot.tickets.get(ticket._id);
      if (before.tickets.get(ticket._id)?.[1] === entry?.[1]) continue;
      const list = changed.get(ticket.channelId ?? '') ?? [];
      list.push(ticket);
      changed.set(ticket.channelId ?? '', list);
    }
    for (const [id, [channelId]] of before.tickets) {
      if (snapshot.tickets.has(id)) continue;
      const list = removed.get(channelId) ?? [];
      list.push(id);
      removed.set(channelId, list);
    }
    for (const channelId of new Set([...changed.keys(), ...removed.keys()]))
      broadcast(
        {
          event: 'tickets',
          data: {
            channelId,
            tickets: changed.get(channelId) ?? [],
            removed: removed.get(channelId) ?? [],
          },
        },
        channelId,
      );
    const ids: string[] = [];
    for (const [id, print] of snapshot.deliveries)
      if (before.deliveries.get(id) !== print) ids.push(id);
    const gone = [...before.deliveries.keys()].filter((id) => !snapshot.deliveries.has(id));
    if (ids.length > 0 || gone.length > 0)
      broadcast({ event: 'deliveries', data: { ids, removed: gone } });
  };

  store.onChange(() => {
    if (subscribers.size === 0 || timer) return;
    timer = setTimeout(() => {
      running = running.then(flush).catch(() => {});
    }, intervalMs);
    timer.unref();
  });

  return {
    get size() {
      return subscribers.size;
    },
    subscribe: async (subscription) => {
      await running;
      const { view, snapshot } = await take();
      if (subscribers.size === 0) last = snapshot;
      subscription.send({ event: 'channels', data: view.channels });
      subscription.send({ event: 'manifests', data: view.manifests });
      if (subscription.channelId !== undefined)
        subscription.send({
          event: 'tickets',
          data: {
            channelId: subscription.channelId,
            tickets: view.tickets.filter((t) => t.channelId === subscription.channelId),
            removed: [],
            isSnapshot: true,
          },
        });
      subscribers.add(subscription);
      return () => {
        subscribers.delete(subscription);
        if (subscribers.size === 0) last = undefined;
      };
    },
  };
}
