import type {
  ChannelInit,
  EventCounts,
  EventUpdate,
  ImportProgress,
  IntegrationStore,
  StoredChannel,
  StoredEvent,
  StoredImport,
} from './store.js';

const clone = <T>(value: T): T => structuredClone(value);

/**
 * An in-memory `IntegrationStore` for unit tests: it passes the same conformance suite as the
 * SQLite and PostgreSQL stores, but everything is lost with the process.
 * @example
 * const store = createMemoryStore();
 */
export function createMemoryStore(): IntegrationStore {
  const events = new Map<string, StoredEvent>();
  const channels = new Map<string, StoredChannel>();
  const imports = new Map<string, Map<string, StoredImport>>();
  const importLeases = new Map<string, { owner: string; until: number }>();
  let seq = 0;

  const isWorkable = (channelId: string, now: number) => {
    const channel = channels.get(channelId);
    return !channel || (channel.status === 'active' && channel.pausedUntil <= now);
  };

  return {
    engine: 'memory',
    async migrate() {},
    async close() {},

    async addEvents(list, now) {
      let added = 0;
      for (const event of list) {
        if (events.has(event.uuid)) continue;
        events.set(event.uuid, {
          ...clone(event),
          status: 'pending',
          attempts: 0,
          runAt: now,
          leaseOwner: null,
          leaseUntil: null,
          result: null,
          error: null,
          createdAt: now,
          updatedAt: now,
        });
        added++;
        const channel = channels.get(event.channelId);
        if (event.eventType === 'channel_action.disabled' && channel) {
          channel.status = 'disabled';
          channel.updatedAt = now;
        }
      }
      return { added };
    },

    async claimEvents({ owner, limit, leaseMs, now }) {
      const due = [...events.values()]
        .filter(
          (e) =>
            ((e.status === 'pending' && e.runAt <= now) ||
              (e.status === 'running' && (e.leaseUntil ?? 0) < now)) &&
            (e.eventType.startsWith('channel_action.') || isWorkable(e.channelId, now)),
        )
        .sort((a, b) => a.runAt - b.runAt || a.createdAt - b.createdAt)
        .slice(0, limit);
      for (const event of due) {
        event.status = 'running';
        event.attempts++;
        event.leaseOwner = owner;
        event.leaseUntil = now + leaseMs;
        event.updatedAt = now;
      }
      return due.map(clone);
    },

    async extendLease(uuid, owner, leaseUntil) {
      const event = events.get(uuid);
      if (event?.status !== 'running' || event.leaseOwner !== owner) return false;
      event.leaseUntil = leaseUntil;
      return true;
    },

    async updateEvent(uuid, owner, update: EventUpdate, now) {
      const event = events.get(uuid);
      if (event?.status !== 'running' || event.leaseOwner !== owner) return false;
      if (update.attempts !== undefined) event.attempts = update.attempts;
      if (update.runAt !== undefined) event.runAt = update.runAt;
      if (update.result !== undefined) event.result = clone(update.result);
      if (update.error !== undefined) event.error = update.error;
      if (update.status !== undefined) {
        event.status = update.status;
        event.leaseOwner = null;
        event.leaseUntil = null;
      }
      event.updatedAt = now;
      return true;
    },

    async getEvent(uuid) {
      const event = events.get(uuid);
      return event && clone(event);
    },

    async countEvents() {
      const counts: EventCounts = { pending: 0, running: 0, done: 0, failed: 0 };
      for (const event of events.values()) counts[event.status]++;
      return counts;
    },

    async putChannel(channel: ChannelInit, now) {
      channels.set(channel.channelId, {
        channelId: channel.channelId,
        accountId: channel.accountId,
        accessToken: channel.accessToken,
        name: channel.name ?? channels.get(channel.channelId)?.name ?? null,
        status: 'active',
        pausedUntil: 0,
        updatedAt: now,
      });
    },

    async getChannel(channelId) {
      const channel = channels.get(channelId);
      return channel && clone(channel);
    },

    async listChannels() {
      return [...channels.values()].map(clone);
    },

    async setChannelStatus(channelId, status, now) {
      const channel = channels.get(channelId);
      if (!channel) return false;
      channel.status = status;
      channel.updatedAt = now;
      return true;
    },

    async pauseChannel(channelId, until) {
      const channel = channels.get(channelId);
      if (channel) channel.pausedUntil = Math.max(channel.pausedUntil, until);
    },

    async addImports(channelId, items, now) {
      const queue = imports.get(channelId) ?? new Map<string, StoredImport>();
      imports.set(channelId, queue);
      let added = 0;
      for (const item of items) {
        if (queue.has(item.networkItemId)) continue;
        queue.set(item.networkItemId, {
          channelId,
          networkItemId: item.networkItemId,
          priority: item.rootId === undefined || item.rootId === item.networkItemId ? 0 : 1,
          seq: ++seq,
          interaction: clone(item.interaction),
          status: 'pending',
          attempts: 0,
          runAt: now,
          ticketId: null,
          error: null,
        });
        added++;
      }
      return { added, skipped: items.length - added };
    },

    async claimImportChannel({ owner, leaseMs, now }) {
      for (const [channelId, queue] of imports) {
        const channel = channels.get(channelId);
        if (channel?.status !== 'active' || channel.pausedUntil > now) continue;
        const lease = importLeases.get(channelId);
        if (lease && lease.until >= now) continue;
        if (![...queue.values()].some((i) => i.status === 'pending' && i.runAt <= now)) continue;
        importLeases.set(channelId, { owner, until: now + leaseMs });
        return channelId;
      }
      return undefined;
    },

    async releaseImportChannel(channelId, owner) {
      if (importLeases.get(channelId)?.owner === owner) importLeases.delete(channelId);
    },

    async nextImports(channelId, limit, now) {
      return [...(imports.get(channelId)?.values() ?? [])]
        .filter((i) => i.status === 'pending' && i.runAt <= now)
        .sort((a, b) => a.priority - b.priority || a.seq - b.seq)
        .slice(0, limit)
        .map(clone);
    },

    async updateImport(channelId, networkItemId, update) {
      const item = imports.get(channelId)?.get(networkItemId);
      if (!item) return;
      if (update.status !== undefined) item.status = update.status;
      if (update.attempts !== undefined) item.attempts = update.attempts;
      if (update.runAt !== undefined) item.runAt = update.runAt;
      if (update.ticketId !== undefined) item.ticketId = update.ticketId;
      if (update.error !== undefined) item.error = update.error;
    },

    async importProgress(channelId): Promise<ImportProgress> {
      const progress = { total: 0, pending: 0, done: 0, failed: 0 };
      for (const item of imports.get(channelId)?.values() ?? []) {
        progress.total++;
        progress[item.status]++;
      }
      return progress;
    },
  };
}
