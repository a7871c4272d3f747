import postgres from 'postgres';
import { StoreError } from '../errors.js';
import { priorityOf, type Row, toChannel, toEvent, toImport } from './rows.js';
import type { EventCounts, ImportProgress, IntegrationStore } from './store.js';

/** Options of `createPostgresStore`. */
export interface PostgresStoreOptions {
  /** A `postgres://` connection URL; or pass `sql`. */
  url?: string;
  /** A `postgres` (porsager/postgres) instance to use instead of `url`; it is not closed by `close()`. */
  sql?: postgres.Sql;
  /**
   * Connections in the pool (with `url`).
   * @default 10
   */
  max?: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS socialhub_events (
  uuid TEXT PRIMARY KEY,
  channel_id TEXT NOT NULL,
  account_id TEXT NOT NULL,
  manifest_id TEXT NOT NULL,
  event_type TEXT NOT NULL,
  body TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  run_at DOUBLE PRECISION NOT NULL,
  lease_owner TEXT,
  lease_until DOUBLE PRECISION,
  result TEXT,
  error TEXT,
  created_at DOUBLE PRECISION NOT NULL,
  updated_at DOUBLE PRECISION NOT NULL
);
CREATE INDEX IF NOT EXISTS socialhub_events_due ON socialhub_events (status, run_at);
CREATE TABLE IF NOT EXISTS socialhub_channels (
  channel_id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  access_token TEXT NOT NULL,
  name TEXT,
  status TEXT NOT NULL,
  paused_until DOUBLE PRECISION NOT NULL DEFAULT 0,
  updated_at DOUBLE PRECISION NOT NULL,
  import_owner TEXT,
  import_lease_until DOUBLE PRECISION
);
CREATE TABLE IF NOT EXISTS socialhub_imports (
  seq BIGSERIAL PRIMARY KEY,
  channel_id TEXT NOT NULL,
  network_item_id TEXT NOT NULL,
  priority INTEGER NOT NULL,
  interaction TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  run_at DOUBLE PRECISION NOT NULL,
  ticket_id TEXT,
  error TEXT,
  UNIQUE (channel_id, network_item_id)
);
CREATE INDEX IF NOT EXISTS socialhub_imports_queue ON socialhub_imports (channel_id, status, priority, seq);
`;

type Param = string | number | null;

/**
 * The store for several replicas behind one webhook URL: PostgreSQL through the `postgres`
 * driver. Workers lease events with `FOR UPDATE SKIP LOCKED`, so two replicas never hold the same
 * event, and every write of a worker is fenced by its lease.
 * @example
 * import { createPostgresStore } from '@socialhub/integration/postgres';
 * const store = createPostgresStore({ url: process.env.DATABASE_URL });
 */
export function createPostgresStore(options: PostgresStoreOptions): IntegrationStore {
  if (!options?.sql && (typeof options?.url !== 'string' || options.url === ''))
    throw new StoreError('createPostgresStore needs `url` or `sql`');
  const sql =
    options.sql ?? postgres(options.url as string, { max: options.max ?? 10, onnotice: () => {} });
  const query = async (text: string, params: Param[] = []): Promise<Row[]> =>
    (await sql.unsafe(text, params)) as unknown as Row[];
  const guard = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (cause) {
      // The driver's errors name the query, never the connection password.
      throw new StoreError(`PostgreSQL ${what} failed`, { cause });
    }
  };

  return {
    engine: 'postgres',
    migrate: () =>
      guard('migrate', async () => {
        await sql.begin(async (tx) => {
          // Replicas starting together would race on CREATE TABLE IF NOT EXISTS.
          await tx.unsafe(`SELECT pg_advisory_xact_lock(hashtext('socialhub_integration_schema'))`);
          await tx.unsafe(SCHEMA);
        });
      }),
    close: async () => {
      if (!options.sql) await sql.end({ timeout: 5 });
    },

    addEvents: (events, now) =>
      guard('addEvents', async () => {
        if (events.length === 0) return { added: 0 };
        return sql.begin(async (tx) => {
          let added = 0;
          for (const e of events) {
            const rows = await tx.unsafe(
              `INSERT INTO socialhub_events (uuid, channel_id, account_id, manifest_id, event_type, body, status, run_at, created_at, updated_at)
               VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7, $7, $7) ON CONFLICT (uuid) DO NOTHING RETURNING uuid`,
              [
                e.uuid,
                e.channelId,
                e.accountId,
                e.manifestId,
                e.eventType,
                JSON.stringify(e.body),
                now,
              ],
            );
            added += rows.length;
            if (rows.length > 0 && e.eventType === 'channel_action.disabled')
              await tx.unsafe(
                `UPDATE socialhub_channels SET status = 'disabled', updated_at = $1 WHERE channel_id = $2`,
                [now, e.channelId],
              );
          }
          return { added };
        });
      }),

    claimEvents: ({ owner, limit, leaseMs, now }) =>
      guard('claimEvents', async () =>
        (
          await query(
            `UPDATE socialhub_events SET status = 'running', attempts = attempts + 1, lease_owner = $1, lease_until = $2, updated_at = $3
             WHERE uuid IN (
               SELECT e.uuid FROM socialhub_events e
               LEFT JOIN socialhub_channels c ON c.channel_id = e.channel_id
               WHERE ((e.status = 'pending' AND e.run_at <= $3) OR (e.status = 'running' AND e.lease_until < $3))
                 AND (e.event_type LIKE 'channel\\_action.%' OR c.channel_id IS NULL
                      OR (c.status = 'active' AND c.paused_until <= $3))
               ORDER BY e.run_at, e.created_at LIMIT $4
               FOR UPDATE OF e SKIP LOCKED)
             RETURNING *`,
            [owner, now + leaseMs, now, limit],
          )
        ).map(toEvent),
      ),

    extendLease: (uuid, owner, leaseUntil) =>
      guard('extendLease', async () => {
        const rows = await query(
          `UPDATE socialhub_events SET lease_until = $1 WHERE uuid = $2 AND lease_owner = $3 AND status = 'running' RETURNING uuid`,
          [leaseUntil, uuid, owner],
        );
        return rows.length > 0;
      }),

    updateEvent: (uuid, owner, update, now) =>
      guard('updateEvent', async () => {
        const params: Param[] = [now];
        const sets = ['updated_at = $1'];
        const set = (column: string, value: Param) => {
          params.push(value);
          sets.push(`${column} = $${params.length}`);
        };
        if (update.attempts !== undefined) set('attempts', update.attempts);
        if (update.runAt !== undefined) set('run_at', update.runAt);
        if (update.result !== undefined) set('result', JSON.stringify(update.result));
        if (update.error !== undefined) set('error', update.error);
        if (update.status !== undefined) {
          set('status', update.status);
          sets.push('lease_owner = NULL, lease_until = NULL');
        }
        params.push(uuid, owner);
        const rows = await query(
          `UPDATE socialhub_events SET ${sets.join(', ')}
           WHERE uuid = $${params.length - 1} AND lease_owner = $${params.length} AND status = 'running' RETURNING uuid`,
          params,
        );
        return rows.length > 0;
      }),

    getEvent: (uuid) =>
      guard('getEvent', async () => {
        const [row] = await query('SELECT * FROM socialhub_events WHERE uuid = $1', [uuid]);
        return row && toEvent(row);
      }),

    countEvents: () =>
      guard('countEvents', async () => {
        const counts: EventCounts = { pending: 0, running: 0, done: 0, failed: 0 };
        for (const row of await query(
          'SELECT status, COUNT(*) AS n FROM socialhub_events GROUP BY status',
        ))
          counts[row.status as keyof EventCounts] = Number(row.n);
        return counts;
      }),

    putChannel: (channel, now) =>
      guard('putChannel', async () => {
        await query(
          `INSERT INTO socialhub_channels (channel_id, account_id, access_token, name, status, paused_until, updated_at)
           VALUES ($1, $2, $3, $4, 'active', 0, $5)
           ON CONFLICT (channel_id) DO UPDATE SET account_id = excluded.account_id,
             access_token = excluded.access_token, name = COALESCE(excluded.name, socialhub_channels.name),
             status = 'active', paused_until = 0, updated_at = excluded.updated_at`,
          [channel.channelId, channel.accountId, channel.accessToken, channel.name ?? null, now],
        );
      }),

    getChannel: (channelId) =>
      guard('getChannel', async () => {
        const [row] = await query('SELECT * FROM socialhub_channels WHERE channel_id = $1', [
          channelId,
        ]);
        return row && toChannel(row);
      }),

    listChannels: () =>
      guard('listChannels', async () =>
        (await query('SELECT * FROM socialhub_channels ORDER BY channel_id')).map(toChannel),
      ),

    setChannelStatus: (channelId, status, now) =>
      guard('setChannelStatus', async () => {
        const rows = await query(
          'UPDATE socialhub_channels SET status = $1, updated_at = $2 WHERE channel_id = $3 RETURNING channel_id',
          [status, now, channelId],
        );
        return rows.length > 0;
      }),

    pauseChannel: (channelId, until) =>
      guard('pauseChannel', async () => {
        await query(
          'UPDATE socialhub_channels SET paused_until = GREATEST(paused_until, $1) WHERE channel_id = $2',
          [until, channelId],
        );
      }),

    addImports: (channelId, items, now) =>
      guard('addImports', async () => {
        const added = await sql.begin(async (tx) => {
          let count = 0;
          for (const item of items) {
            const rows = await tx.unsafe(
              `INSERT INTO socialhub_imports (channel_id, network_item_id, priority, interaction, status, run_at)
               VALUES ($1, $2, $3, $4, 'pending', $5) ON CONFLICT (channel_id, network_item_id) DO NOTHING RETURNING seq`,
              [
                channelId,
                item.networkItemId,
                priorityOf(item),
                JSON.stringify(item.interaction),
                now,
              ],
            );
            count += rows.length;
          }
          return count;
        });
        return { added, skipped: items.length - added };
      }),

    claimImportChannel: ({ owner, leaseMs, now }) =>
      guard('claimImportChannel', async () => {
        const [row] = await query(
          `UPDATE socialhub_channels SET import_owner = $1, import_lease_until = $2
           WHERE channel_id = (
             SELECT c.channel_id FROM socialhub_channels c
             WHERE c.status = 'active' AND c.paused_until <= $3
               AND (c.import_lease_until IS NULL OR c.import_lease_until < $3)
               AND EXISTS (SELECT 1 FROM socialhub_imports i WHERE i.channel_id = c.channel_id
                           AND i.status = 'pending' AND i.run_at <= $3)
             LIMIT 1 FOR UPDATE SKIP LOCKED)
           RETURNING channel_id`,
          [owner, now + leaseMs, now],
        );
        return row ? String(row.channel_id) : undefined;
      }),

    releaseImportChannel: (channelId, owner) =>
      guard('releaseImportChannel', async () => {
        await query(
          'UPDATE socialhub_channels SET import_owner = NULL, import_lease_until = NULL WHERE channel_id = $1 AND import_owner = $2',
          [channelId, owner],
        );
      }),

    nextImports: (channelId, limit, now) =>
      guard('nextImports', async () =>
        (
          await query(
            `SELECT * FROM socialhub_imports WHERE channel_id = $1 AND status = 'pending' AND run_at <= $2
             ORDER BY priority, seq LIMIT $3`,
            [channelId, now, limit],
          )
        ).map(toImport),
      ),

    updateImport: (channelId, networkItemId, update) =>
      guard('updateImport', async () => {
        const params: Param[] = [];
        const sets: string[] = [];
        for (const [column, value] of [
          ['status', update.status],
          ['attempts', update.attempts],
          ['run_at', update.runAt],
          ['ticket_id', update.ticketId],
          ['error', update.error],
        ] as const) {
          if (value === undefined) continue;
          params.push(value);
          sets.push(`${column} = $${params.length}`);
        }
        if (sets.length === 0) return;
        params.push(channelId, networkItemId);
        await query(
          `UPDATE socialhub_imports SET ${sets.join(', ')} WHERE channel_id = $${params.length - 1} AND network_item_id = $${params.length}`,
          params,
        );
      }),

    importProgress: (channelId) =>
      guard('importProgress', async () => {
        const progress: ImportProgress = { total: 0, pending: 0, done: 0, failed: 0 };
        for (const row of await query(
          'SELECT status, COUNT(*) AS n FROM socialhub_imports WHERE channel_id = $1 GROUP BY status',
          [channelId],
        )) {
          progress[row.status as 'pending' | 'done' | 'failed'] = Number(row.n);
          progress.total += Number(row.n);
        }
        return progress;
      }),
  };
}
