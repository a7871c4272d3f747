import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import { StoreError } from '../errors.js';
import { priorityOf, type Row, toChannel, toEvent, toImport } from './rows.js';
import type { EventCounts, ImportProgress, IntegrationStore } from './store.js';

/** Options of `createSqliteStore`. */
export interface SqliteStoreOptions {
  /** The database file (created if missing); `:memory:` for a throwaway one. */
  path: string;
  /**
   * `full`: what the integration acknowledges (deliveries, queued imports, channel tokens) is synced
   * to disk before the commit returns, so it survives a power loss; the workers' progress is
   * written with `synchronous = NORMAL` (it survives a crash of the process; after a power loss a
   * step may run again, with the same idempotency key). `normal`: nothing is synced (a crash of
   * the process loses nothing, a power loss may lose the last acknowledged deliveries).
   * @default 'full'
   */
  synchronous?: 'full' | 'normal';
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
  run_at INTEGER NOT NULL,
  lease_owner TEXT,
  lease_until INTEGER,
  result TEXT,
  error TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS socialhub_events_due ON socialhub_events (status, run_at);
CREATE TABLE IF NOT EXISTS socialhub_channels (
  channel_id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  access_token TEXT NOT NULL,
  name TEXT,
  status TEXT NOT NULL,
  paused_until INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL,
  import_owner TEXT,
  import_lease_until INTEGER
);
CREATE TABLE IF NOT EXISTS socialhub_imports (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  channel_id TEXT NOT NULL,
  network_item_id TEXT NOT NULL,
  priority INTEGER NOT NULL,
  interaction TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  run_at INTEGER NOT NULL,
  ticket_id TEXT,
  error TEXT,
  UNIQUE (channel_id, network_item_id)
);
CREATE INDEX IF NOT EXISTS socialhub_imports_queue ON socialhub_imports (channel_id, status, priority, seq);
`;

type SqliteModule = typeof import('node:sqlite');
let sqlite: SqliteModule | undefined;

/**
 * Loads `node:sqlite` on first use, without its one-time ExperimentalWarning on stderr (Node 22
 * prints it for any use of the module; the API used here is the one Node 24 made stable).
 */
function loadSqlite(): SqliteModule {
  if (sqlite) return sqlite;
  const emitWarning = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const text = typeof warning === 'string' ? warning : warning.message;
    if (text.startsWith('SQLite is an experimental feature')) return;
    return (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    sqlite = process.getBuiltinModule('node:sqlite') as SqliteModule;
  } finally {
    process.emitWarning = emitWarning;
  }
  return sqlite;
}

/**
 * The embedded store: one SQLite file through `node:sqlite` (Node 22.13+), no dependency. For one
 * integration process; run several replicas on `@socialhub/integration/postgres`.
 * @example
 * import { createSqliteStore } from '@socialhub/integration/sqlite';
 * const store = createSqliteStore({ path: 'socialhub.db' });
 */
export function createSqliteStore(options: SqliteStoreOptions): IntegrationStore {
  if (typeof options?.path !== 'string' || options.path === '')
    throw new StoreError('createSqliteStore({ path }) needs a file path');
  let db: DatabaseSync;
  try {
    db = new (loadSqlite().DatabaseSync)(options.path);
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = NORMAL');
    db.exec('PRAGMA busy_timeout = 5000');
  } catch (cause) {
    throw new StoreError(`cannot open the SQLite file ${options.path}`, { cause });
  }
  const statements = new Map<string, ReturnType<DatabaseSync['prepare']>>();
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  const all = (sql: string, ...params: SQLInputValue[]) => prepared(sql).all(...params) as Row[];
  const run = (sql: string, ...params: SQLInputValue[]) => prepared(sql).run(...params);
  const isDurable = options.synchronous !== 'normal';
  /** Runs `work` in one transaction; `durable` commits with `synchronous = FULL` (synced to disk). */
  const transaction = <T>(work: () => T, durable = false): T => {
    if (durable && isDurable) db.exec('PRAGMA synchronous = FULL');
    try {
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = work();
        db.exec('COMMIT');
        return result;
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      }
    } finally {
      if (durable && isDurable) db.exec('PRAGMA synchronous = NORMAL');
    }
  };
  // Every method is synchronous inside; the async surface is the shared contract's.
  const guard = async <T>(what: string, work: () => T): Promise<T> => {
    try {
      return work();
    } catch (cause) {
      throw new StoreError(`SQLite ${what} failed`, { cause });
    }
  };

  return {
    engine: 'sqlite',
    migrate: () => guard('migrate', () => db.exec(SCHEMA)),
    close: () => guard('close', () => db.isOpen && db.close()).then(() => undefined),

    addEvents: (events, now) =>
      guard('addEvents', () =>
        transaction(() => {
          let added = 0;
          for (const e of events) {
            const { changes } = run(
              `INSERT INTO socialhub_events (uuid, channel_id, account_id, manifest_id, event_type, body, status, run_at, created_at, updated_at)
               VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?) ON CONFLICT (uuid) DO NOTHING`,
              e.uuid,
              e.channelId,
              e.accountId,
              e.manifestId,
              e.eventType,
              JSON.stringify(e.body),
              now,
              now,
              now,
            );
            added += Number(changes);
            if (Number(changes) > 0 && e.eventType === 'channel_action.disabled')
              run(
                `UPDATE socialhub_channels SET status = 'disabled', updated_at = ? WHERE channel_id = ?`,
                now,
                e.channelId,
              );
          }
          return { added };
        }, true),
      ),

    claimEvents: ({ owner, limit, leaseMs, now }) =>
      guard('claimEvents', () =>
        all(
          `UPDATE socialhub_events SET status = 'running', attempts = attempts + 1, lease_owner = ?, lease_until = ?, updated_at = ?
           WHERE uuid IN (
             SELECT e.uuid FROM socialhub_events e
             LEFT JOIN socialhub_channels c ON c.channel_id = e.channel_id
             WHERE ((e.status = 'pending' AND e.run_at <= ?) OR (e.status = 'running' AND e.lease_until < ?))
               AND (e.event_type LIKE 'channel\\_action.%' ESCAPE '\\' OR c.channel_id IS NULL
                    OR (c.status = 'active' AND c.paused_until <= ?))
             ORDER BY e.run_at, e.created_at LIMIT ?)
           RETURNING *`,
          owner,
          now + leaseMs,
          now,
          now,
          now,
          now,
          limit,
        ).map(toEvent),
      ),

    extendLease: (uuid, owner, leaseUntil) =>
      guard('extendLease', () => {
        const { changes } = run(
          `UPDATE socialhub_events SET lease_until = ? WHERE uuid = ? AND lease_owner = ? AND status = 'running'`,
          leaseUntil,
          uuid,
          owner,
        );
        return Number(changes) > 0;
      }),

    updateEvent: (uuid, owner, update, now) =>
      guard('updateEvent', () => {
        const sets = ['updated_at = ?'];
        const params: SQLInputValue[] = [now];
        if (update.attempts !== undefined)
          sets.push('attempts = ?') && params.push(update.attempts);
        if (update.runAt !== undefined) sets.push('run_at = ?') && params.push(update.runAt);
        if (update.result !== undefined)
          sets.push('result = ?') && params.push(JSON.stringify(update.result));
        if (update.error !== undefined) sets.push('error = ?') && params.push(update.error);
        if (update.status !== undefined)
          sets.push('status = ?, lease_owner = NULL, lease_until = NULL') &&
            params.push(update.status);
        const { changes } = run(
          `UPDATE socialhub_events SET ${sets.join(', ')} WHERE uuid = ? AND lease_owner = ? AND status = 'running'`,
          ...params,
          uuid,
          owner,
        );
        return Number(changes) > 0;
      }),

    getEvent: (uuid) =>
      guard('getEvent', () => {
        const [row] = all('SELECT * FROM socialhub_events WHERE uuid = ?', uuid);
        return row && toEvent(row);
      }),

    countEvents: () =>
      guard('countEvents', () => {
        const counts: EventCounts = { pending: 0, running: 0, done: 0, failed: 0 };
        for (const row of all('SELECT status, COUNT(*) AS n FROM socialhub_events GROUP BY status'))
          counts[row.status as keyof EventCounts] = Number(row.n);
        return counts;
      }),

    putChannel: (channel, now) =>
      guard('putChannel', () => {
        transaction(
          () =>
            run(
              `INSERT INTO socialhub_channels (channel_id, account_id, access_token, name, status, paused_until, updated_at)
           VALUES (?, ?, ?, ?, 'active', 0, ?)
           ON CONFLICT (channel_id) DO UPDATE SET account_id = excluded.account_id,
             access_token = excluded.access_token, name = COALESCE(excluded.name, socialhub_channels.name),
             status = 'active', paused_until = 0, updated_at = excluded.updated_at`,
              channel.channelId,
              channel.accountId,
              channel.accessToken,
              channel.name ?? null,
              now,
            ),
          true,
        );
      }),

    getChannel: (channelId) =>
      guard('getChannel', () => {
        const [row] = all('SELECT * FROM socialhub_channels WHERE channel_id = ?', channelId);
        return row && toChannel(row);
      }),

    listChannels: () =>
      guard('listChannels', () =>
        all('SELECT * FROM socialhub_channels ORDER BY channel_id').map(toChannel),
      ),

    setChannelStatus: (channelId, status, now) =>
      guard('setChannelStatus', () => {
        const { changes } = run(
          'UPDATE socialhub_channels SET status = ?, updated_at = ? WHERE channel_id = ?',
          status,
          now,
          channelId,
        );
        return Number(changes) > 0;
      }),

    pauseChannel: (channelId, until) =>
      guard('pauseChannel', () => {
        run(
          'UPDATE socialhub_channels SET paused_until = MAX(paused_until, ?) WHERE channel_id = ?',
          until,
          channelId,
        );
      }),

    addImports: (channelId, items, now) =>
      guard('addImports', () =>
        transaction(() => {
          let added = 0;
          for (const item of items) {
            const { changes } = run(
              `INSERT INTO socialhub_imports (channel_id, network_item_id, priority, interaction, status, run_at)
               VALUES (?, ?, ?, ?, 'pending', ?) ON CONFLICT (channel_id, network_item_id) DO NOTHING`,
              channelId,
              item.networkItemId,
              priorityOf(item),
              JSON.stringify(item.interaction),
              now,
            );
            added += Number(changes);
          }
          return { added, skipped: items.length - added };
        }, true),
      ),

    claimImportChannel: ({ owner, leaseMs, now }) =>
      guard('claimImportChannel', () => {
        const [row] = all(
          `UPDATE socialhub_channels SET import_owner = ?, import_lease_until = ?
           WHERE channel_id = (
             SELECT c.channel_id FROM socialhub_channels c
             WHERE c.status = 'active' AND c.paused_until <= ?
               AND (c.import_lease_until IS NULL OR c.import_lease_until < ?)
               AND EXISTS (SELECT 1 FROM socialhub_imports i WHERE i.channel_id = c.channel_id
                           AND i.status = 'pending' AND i.run_at <= ?)
             LIMIT 1)
           RETURNING channel_id`,
          owner,
          now + leaseMs,
          now,
          now,
          now,
        );
        return row ? String(row.channel_id) : undefined;
      }),

    releaseImportChannel: (channelId, owner) =>
      guard('releaseImportChannel', () => {
        run(
          'UPDATE socialhub_channels SET import_owner = NULL, import_lease_until = NULL WHERE channel_id = ? AND import_owner = ?',
          channelId,
          owner,
        );
      }),

    nextImports: (channelId, limit, now) =>
      guard('nextImports', () =>
        all(
          `SELECT * FROM socialhub_imports WHERE channel_id = ? AND status = 'pending' AND run_at <= ?
           ORDER BY priority, seq LIMIT ?`,
          channelId,
          now,
          limit,
        ).map(toImport),
      ),

    updateImport: (channelId, networkItemId, update) =>
      guard('updateImport', () => {
        const sets: string[] = [];
        const params: SQLInputValue[] = [];
        for (const [column, value] of [
          ['status', update.status],
          ['attempts', update.attempts],
          ['run_at', update.runAt],
          ['ticket_id', update.ticketId],
          ['error', update.error],
        ] as const) {
          if (value === undefined) continue;
          sets.push(`${column} = ?`);
          params.push(value);
        }
        if (sets.length === 0) return;
        run(
          `UPDATE socialhub_imports SET ${sets.join(', ')} WHERE channel_id = ? AND network_item_id = ?`,
          ...params,
          channelId,
          networkItemId,
        );
      }),

    importProgress: (channelId) =>
      guard('importProgress', () => {
        const progress: ImportProgress = { total: 0, pending: 0, done: 0, failed: 0 };
        for (const row of all(
          'SELECT status, COUNT(*) AS n FROM socialhub_imports WHERE channel_id = ? GROUP BY status',
          channelId,
        )) {
          progress[row.status as 'pending' | 'done' | 'failed'] = Number(row.n);
          progress.total += Number(row.n);
        }
        return progress;
      }),
  };
}
