/** Where an event is in its life: waiting, leased by a worker, or finished. */
export type EventStatus = 'pending' | 'running' | 'done' | 'failed';

/** An event of a verified delivery, as the webhook writes it before answering 200. */
export interface IncomingEvent {
  /** The event's `uuid`: the de-duplication key and the handlers' idempotency key. */
  uuid: string;
  channelId: string;
  accountId: string;
  manifestId: string;
  /** `<group>.<type>`, e.g. `ticket_action.reply`. */
  eventType: string;
  /** The validated event as received. */
  body: unknown;
}

/** An event in the store. */
export interface StoredEvent extends IncomingEvent {
  status: EventStatus;
  /** Leases taken so far (each claim is one attempt, so a crash while leased uses one up). */
  attempts: number;
  /** Not claimed before this time (milliseconds since the epoch). */
  runAt: number;
  /** The worker holding the lease, while `running`. */
  leaseOwner: string | null;
  leaseUntil: number | null;
  /** A checkpoint written by the worker (e.g. the network's id of a posted reply), or null. */
  result: unknown;
  /** Why the last attempt failed, or the final failure. */
  error: string | null;
  createdAt: number;
  updatedAt: number;
}

/** What a worker may change on a leased event; a set `status` other than running ends the lease. */
export interface EventUpdate {
  status?: 'pending' | 'done' | 'failed';
  attempts?: number;
  runAt?: number;
  result?: unknown;
  error?: string | null;
}

/** `active`; `disabled` (the customer disabled it); `unauthorized` (its token answered 401). */
export type ChannelStatus = 'active' | 'disabled' | 'unauthorized';

/** A channel the integration holds a token for. */
export interface StoredChannel {
  channelId: string;
  accountId: string;
  /** The channel access token. Never logged; kept out of `util.inspect` by the framework. */
  accessToken: string;
  name: string | null;
  status: ChannelStatus;
  /** No calls for this channel before this time (rate limit, `Retry-After`). */
  pausedUntil: number;
  updatedAt: number;
}

/** What `putChannel` takes: a new or reactivated channel, which becomes `active`. */
export interface ChannelInit {
  channelId: string;
  accountId: string;
  accessToken: string;
  name?: string | null;
}

/** One ticket to import. */
export interface ImportItem {
  /** Unique per channel; a repeat is skipped (or, once sent, answered 409 by SocialHub). */
  networkItemId: string;
  /** `root.rootId` of the interaction, if it is a reply: roots are imported first. */
  rootId?: string | undefined;
  /** The `interaction` body of `POST /inbox/tickets`. */
  interaction: unknown;
}

/** `pending`; `done` (created, or already there: `ticketId` null); `failed` (refused). */
export type ImportStatus = 'pending' | 'done' | 'failed';

/** A queued ticket import. */
export interface StoredImport {
  channelId: string;
  networkItemId: string;
  /** 0 for roots, 1 for replies: the queue's first sort key. */
  priority: number;
  /** Order of arrival: the second sort key. */
  seq: number;
  interaction: unknown;
  status: ImportStatus;
  attempts: number;
  runAt: number;
  ticketId: string | null;
  error: string | null;
}

/** What `updateImport` may change. */
export interface ImportUpdate {
  status?: ImportStatus;
  attempts?: number;
  runAt?: number;
  ticketId?: string | null;
  error?: string | null;
}

/** How far the import of one channel is. */
export interface ImportProgress {
  total: number;
  pending: number;
  done: number;
  failed: number;
}

/** Counts of events per status. */
export type EventCounts = Record<EventStatus, number>;

/**
 * The one contract every store engine implements (SQLite, PostgreSQL, memory), held by one
 * conformance suite. All times are milliseconds since the epoch, passed in by the caller.
 */
export interface IntegrationStore {
  /** `sqlite`, `postgres` or `memory`. */
  readonly engine: string;
  /** Creates the tables if needed; idempotent. */
  migrate(): Promise<void>;
  /** Releases the connection(s). */
  close(): Promise<void>;

  /**
   * Writes the events of one delivery in one transaction, skipping uuids already stored. A new
   * `channel_action.disabled` event also marks its channel `disabled` in the same transaction.
   */
  addEvents(events: readonly IncomingEvent[], now: number): Promise<{ added: number }>;
  /**
   * Leases up to `limit` due events to `owner` until `now + leaseMs`, adding one to their
   * `attempts`: pending ones whose `runAt` has come and running ones whose lease ran out. Events of a channel that is not active or is
   * paused wait (except `channel_action` events); events of unknown channels are handed out.
   */
  claimEvents(input: {
    owner: string;
    limit: number;
    leaseMs: number;
    now: number;
  }): Promise<StoredEvent[]>;
  /** Extends `owner`'s lease; false when the lease is no longer `owner`'s. */
  extendLease(uuid: string, owner: string, leaseUntil: number): Promise<boolean>;
  /** Updates an event leased by `owner`; false (nothing changed) when the lease is not `owner`'s. */
  updateEvent(uuid: string, owner: string, update: EventUpdate, now: number): Promise<boolean>;
  getEvent(uuid: string): Promise<StoredEvent | undefined>;
  countEvents(): Promise<EventCounts>;

  /** Adds or replaces a channel (new token after a reactivation); it becomes active and unpaused. */
  putChannel(channel: ChannelInit, now: number): Promise<void>;
  getChannel(channelId: string): Promise<StoredChannel | undefined>;
  listChannels(): Promise<StoredChannel[]>;
  /** Sets the status of a known channel; false for an unknown one. */
  setChannelStatus(channelId: string, status: ChannelStatus, now: number): Promise<boolean>;
  /** No calls for the channel before `until` (later of the current and the new pause wins). */
  pauseChannel(channelId: string, until: number): Promise<void>;

  /** Queues tickets to import, skipping `networkItemId`s already queued for the channel. */
  addImports(
    channelId: string,
    items: readonly ImportItem[],
    now: number,
  ): Promise<{ added: number; skipped: number }>;
  /**
   * Leases one channel's import queue to `owner`: an active, unpaused channel with due pending
   * imports whose queue nobody else leases. One worker per channel keeps roots first.
   */
  claimImportChannel(input: {
    owner: string;
    leaseMs: number;
    now: number;
  }): Promise<string | undefined>;
  /** Gives the channel's import queue lease back (only if `owner` holds it). */
  releaseImportChannel(channelId: string, owner: string): Promise<void>;
  /** The next due pending imports of a channel, roots first, then in order of arrival. */
  nextImports(channelId: string, limit: number, now: number): Promise<StoredImport[]>;
  updateImport(channelId: string, networkItemId: string, update: ImportUpdate): Promise<void>;
  importProgress(channelId: string): Promise<ImportProgress>;
}

/** Turns an unknown thrown value into text for the `error` columns. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
