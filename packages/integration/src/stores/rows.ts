import type {
  ChannelStatus,
  EventStatus,
  ImportStatus,
  StoredChannel,
  StoredEvent,
  StoredImport,
} from './store.js';

/** A row as the SQL engines return it (snake_case columns). */
export type Row = Record<string, unknown>;

const json = (value: unknown): unknown =>
  value === null || value === undefined
    ? null
    : typeof value === 'string'
      ? JSON.parse(value)
      : value;
const num = (value: unknown): number => Number(value);
const numOrNull = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);
const strOrNull = (value: unknown): string | null =>
  value === null || value === undefined ? null : String(value);

/** An `events` row → `StoredEvent`. */
export function toEvent(row: Row): StoredEvent {
  return {
    uuid: String(row.uuid),
    channelId: String(row.channel_id),
    accountId: String(row.account_id),
    manifestId: String(row.manifest_id),
    eventType: String(row.event_type),
    body: json(row.body),
    status: row.status as EventStatus,
    attempts: num(row.attempts),
    runAt: num(row.run_at),
    leaseOwner: strOrNull(row.lease_owner),
    leaseUntil: numOrNull(row.lease_until),
    result: json(row.result),
    error: strOrNull(row.error),
    createdAt: num(row.created_at),
    updatedAt: num(row.updated_at),
  };
}

/** A `channels` row → `StoredChannel`. */
export function toChannel(row: Row): StoredChannel {
  return {
    channelId: String(row.channel_id),
    accountId: String(row.account_id),
    accessToken: String(row.access_token),
    name: strOrNull(row.name),
    status: row.status as ChannelStatus,
    pausedUntil: num(row.paused_until),
    updatedAt: num(row.updated_at),
  };
}

/** An `imports` row → `StoredImport`. */
export function toImport(row: Row): StoredImport {
  return {
    channelId: String(row.channel_id),
    networkItemId: String(row.network_item_id),
    priority: num(row.priority),
    seq: num(row.seq),
    interaction: json(row.interaction),
    status: row.status as ImportStatus,
    attempts: num(row.attempts),
    runAt: num(row.run_at),
    ticketId: strOrNull(row.ticket_id),
    error: strOrNull(row.error),
  };
}

/** Import priority: roots (no `rootId`, or their own) first. */
export function priorityOf(item: { networkItemId: string; rootId?: string | undefined }): number {
  return item.rootId === undefined || item.rootId === item.networkItemId ? 0 : 1;
}
