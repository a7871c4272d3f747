import { randomUUID } from 'node:crypto';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { createPublicClient, type FetchLike, type PublicClient } from '@socialhub/client';
import type {
  ChannelCreationTokenPayload,
  ChannelReactivationTokenPayload,
} from '@socialhub/client/integration';
import { decodeChannelToken } from '@socialhub/client/integration';
import { createTemplatesHandler, type KitHandler, type Template } from '@socialhub/webhook-kit';
import { createNodeHandler } from '@socialhub/webhook-kit/node';
import { type ActionHandlers, actionTypes } from './actions.js';
import { type RetryPolicy, resolveRetry } from './backoff.js';
import {
  type ChannelInput,
  type CreatedChannel,
  createChannelCreationHandler,
  createChannelReactivationHandler,
  isSocialHubOrigin,
} from './callbacks/channel-callback.js';
import type { ChannelToken } from './callbacks/channel-token.js';
import { IntegrationConfigError, IntegrationError, ManifestError } from './errors.js';
import { createEventProcessor, type EventProcessorDeps, holdChannel } from './event-processor.js';
import { safeReport } from './http.js';
import { createImporter, type TicketInput, toImportItems } from './importer.js';
import {
  buildManifest,
  type IntegrationPaths,
  type ManifestDefinition,
  type ManifestUpdate,
} from './manifest.js';
import { type ManifestSyncResult, syncManifest } from './manifest-sync.js';
import type {
  ChannelStatus,
  EventCounts,
  ImportProgress,
  IntegrationStore,
  StoredChannel,
} from './stores/store.js';
import { createWebhookIntake } from './webhook-intake.js';
import { createWorkerLoop } from './worker-loop.js';

/** How the workers run. */
export interface WorkerOptions {
  /** Events worked on at once per process. @default 8 */
  concurrency?: number;
  /** How long a claimed event is leased (renewed while its handler runs). @default 30000 */
  leaseMs?: number;
  /** Longest wait between looks at the store when idle. @default 500 */
  pollMs?: number;
  /** Set `false` to run the webhook only (another process works the queue). @default true */
  enabled?: boolean;
}

/** Options of `createIntegration`. */
export interface IntegrationOptions<M extends ManifestDefinition> {
  /** The manifest declared in code (`defineManifest`). */
  manifest: M;
  /** One handler per ticket action of the manifest, keyed by its `id`. */
  handlers: NoInfer<ActionHandlers<M>>;
  /** Where events, channels and imports are kept: SQLite, PostgreSQL or (tests) memory. */
  store: IntegrationStore;
  /** The webhook secret (32..512 characters), set in the manifest. */
  secret: string;
  /** Secrets still accepted while SocialHub switches to `secret` (rotation). */
  previousSecrets?: readonly string[];
  /** Where SocialHub reaches this integration, e.g. `https://forms.example.com`. */
  publicUrl: string;
  /** @default 'https://api.socialhub.io' */
  socialHubUrl?: string;
  /** The fetch the SocialHub clients use. @default globalThis.fetch */
  fetch?: FetchLike;
  /** Timeout of one call to SocialHub. @default 30000 */
  timeoutMs?: number;
  /** Paths of the routes. */
  paths?: Partial<IntegrationPaths>;
  /** The templates offered to `template_reply` actions (served at `paths.templates`). */
  templates?: (context: {
    channelId: string;
  }) => readonly Template[] | Promise<readonly Template[]>;
  /** The channels "Add Channel" creates for a customer; without it the route answers 404. */
  channelsToAdd?: (
    token: ChannelToken<ChannelCreationTokenPayload>,
  ) => ChannelInput[] | Promise<ChannelInput[]>;
  /** Fields sent when reactivating a channel, besides the token's `uniqueName` and `networkId`. */
  reactivationFields?: (
    token: ChannelToken<ChannelReactivationTokenPayload>,
  ) => Partial<ChannelInput> | undefined | Promise<Partial<ChannelInput> | undefined>;
  /** Origins the channel callbacks may send customers back to. @default https://*.socialhub.io */
  isAllowedOrigin?: (origin: URL) => boolean;
  /** Runs (durably, once) when the customer disabled a channel; its work is already stopped. */
  onChannelDisabled?: (channelId: string) => unknown;
  /** Runs when a channel was added or reactivated through a callback (its token is stored). */
  onChannelConnected?: (channel: ChannelInfo) => unknown;
  /** The workers of this process. */
  workers?: WorkerOptions;
  /** Retries of handlers and of calls to SocialHub. */
  retry?: RetryPolicy;
  /** Pause of a channel after `X-RateLimit-Remaining: 0` or a 429 without `Retry-After`. @default 1000 */
  rateLimitPauseMs?: number;
  /** Receives every error: failed handlers, refused calls, skipped events, bad requests. @default console.error */
  onError?: (error: unknown) => unknown;
  /** Receives notices (a promoted manifest, once). @default console.warn */
  log?: (line: string) => void;
  /** @default Date.now */
  now?: () => number;
}

/** A channel as the integration shows it: never its token. */
export interface ChannelInfo {
  channelId: string;
  accountId: string;
  name: string | null;
  status: ChannelStatus;
}

/** The routes of an integration as framework-neutral handlers (serve them with webhook-kit's adapters). */
export interface IntegrationRoutes {
  webhook: KitHandler;
  templates: KitHandler | undefined;
  addChannel: KitHandler | undefined;
  reactivateChannel: KitHandler;
}

/** A running integration. */
export interface Integration {
  /** The full manifest it sets (`PATCH /manifest` body). */
  readonly manifest: ManifestUpdate;
  readonly paths: IntegrationPaths;
  readonly routes: IntegrationRoutes;
  /** A node:http listener serving every route at `paths` (404 JSON elsewhere). */
  readonly listener: RequestListener;
  /** Migrates the store and starts the workers. `listen` calls it. */
  start(): Promise<void>;
  /**
   * Starts, serves the routes on node:http and then sets the manifest of every active channel
   * where it differs (the webhook route is live, so the test request passes).
   */
  listen(options?: { port?: number; host?: string }): Promise<{ url: string; server: Server }>;
  /** Sets the manifest of one channel (or every active one) where it differs. */
  syncManifest(channelId?: string): Promise<ManifestSyncResult[]>;
  /** Stores a channel token (a custom channel's), replacing the channel's old one. */
  addChannel(accessToken: string, name?: string): Promise<ChannelInfo>;
  channels(): Promise<ChannelInfo[]>;
  /** A client of the public API with the channel's token, for your own calls (e.g. creating a ticket now). */
  client(channelId: string): Promise<PublicClient>;
  getChannel(channelId: string): Promise<ChannelInfo | undefined>;
  /**
   * Queues tickets for import into a channel: idempotent by `networkItemId`, roots first, at the
   * pace SocialHub's rate limit allows, resumed after a restart.
   */
  importTickets(
    channelId: string,
    tickets: readonly TicketInput[],
  ): Promise<{ added: number; skipped: number }>;
  importProgress(channelId: string): Promise<ImportProgress>;
  /** Events per status. */
  stats(): Promise<EventCounts>;
  /** Stops the server and the workers (waiting for handlers in flight). The store stays open. */
  close(): Promise<void>;
}

const DEFAULT_PATHS: IntegrationPaths = {
  webhook: '/webhook',
  templates: '/templates',
  addChannel: '/add-channel',
  reactivateChannel: '/reactivate-channel',
};

const view = (channel: StoredChannel): ChannelInfo => ({
  channelId: channel.channelId,
  accountId: channel.accountId,
  name: channel.name,
  status: channel.status,
});

function checkOptions(options: IntegrationOptions<ManifestDefinition>): void {
  if (typeof options !== 'object' || options === null)
    throw new IntegrationConfigError('options must be an object');
  const { secret, publicUrl, store, manifest, handlers } = options;
  if (typeof secret !== 'string' || secret.length < 32 || secret.length > 512)
    throw new IntegrationConfigError('secret must have 32..512 characters');
  if (
    typeof publicUrl !== 'string' ||
    !URL.canParse(publicUrl) ||
    !/^https?:$/.test(new URL(publicUrl).protocol)
  )
    throw new IntegrationConfigError('publicUrl must be an absolute http(s) URL');
  if (!store || typeof store.claimEvents !== 'function')
    throw new IntegrationConfigError(
      'store must be an IntegrationStore (createSqliteStore, createPostgresStore, ...)',
    );
  if (!manifest || !Array.isArray(manifest.ticketActions))
    throw new IntegrationConfigError('manifest must come from defineManifest({ ticketActions })');
  if (typeof handlers !== 'object' || handlers === null)
    throw new IntegrationConfigError('handlers must be an object');
  const ids = new Set<string>();
  for (const action of manifest.ticketActions) {
    if (ids.has(action.id))
      throw new IntegrationConfigError(
        `the manifest has two ticket actions with id "${action.id}"`,
      );
    ids.add(action.id);
    if (typeof (handlers as Record<string, unknown>)[action.id] !== 'function')
      throw new IntegrationConfigError(`handlers["${action.id}"] must be a function`);
  }
}

/**
 * Creates an integration from a manifest in code and one handler per ticket action: every
 * verified delivery is stored before it is answered, workers take each action to done or failed
 * in the Inbox (confirming replies, reporting failures with their reason), channels and tokens
 * are kept in the store, and tickets are imported at the pace SocialHub allows.
 * @example
 * const integration = createIntegration({
 *   manifest, store: createSqliteStore({ path: 'socialhub.db' }),
 *   secret: process.env.WEBHOOK_SECRET ?? '', publicUrl: 'https://forms.example.com',
 *   handlers: {
 *     'reply-by-email': async (event, { idempotencyKey }) => {
 *       const id = await mail.send(event.payload.text, { idempotencyKey });
 *       return { networkItemId: id };
 *     },
 *   },
 * });
 * await integration.listen({ port: 3000 });
 */
export function createIntegration<M extends ManifestDefinition>(
  options: IntegrationOptions<M>,
): Integration {
  checkOptions(options as unknown as IntegrationOptions<ManifestDefinition>);
  const now = options.now ?? Date.now;
  const store = options.store;
  const retry = resolveRetry(options.retry);
  const paths: IntegrationPaths = { ...DEFAULT_PATHS, ...options.paths };
  const onError = (error: unknown) => safeReport(options.onError, error);
  const log = options.log ?? ((line: string) => console.warn(line));
  const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const leaseMs = options.workers?.leaseMs ?? 30_000;
  const pollMs = options.workers?.pollMs ?? 500;
  const rateLimitPauseMs = options.rateLimitPauseMs ?? 1000;
  const socialHubUrl = options.socialHubUrl ?? 'https://api.socialhub.io';
  const manifest = buildManifest(options.manifest, {
    publicUrl: options.publicUrl,
    secret: options.secret,
    paths,
  });

  const clients = new Map<string, { token: string; client: PublicClient }>();
  const clientFor = (channel: StoredChannel): PublicClient => {
    const cached = clients.get(channel.channelId);
    if (cached && cached.token === channel.accessToken) return cached.client;
    const client = createPublicClient({
      baseUrl: socialHubUrl,
      accessToken: channel.accessToken,
      // The durable queue retries, with backoff and across restarts; the client tries once.
      retry: false,
      userAgent: 'socialhub-integration',
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    clients.set(channel.channelId, { token: channel.accessToken, client });
    return client;
  };

  // Aborted by close(): handlers in flight see it in `context.signal`.
  const stopping = new AbortController();
  const processEvent = createEventProcessor({
    store,
    owner,
    now,
    leaseMs,
    retry,
    handlers: options.handlers as unknown as EventProcessorDeps['handlers'],
    actionTypes: actionTypes(options.manifest),
    clientFor,
    rateLimitPauseMs,
    onChannelDisabled: options.onChannelDisabled,
    onError,
    stopSignal: stopping.signal,
  });
  const events = createWorkerLoop({
    concurrency: options.workers?.concurrency ?? 8,
    pollMs,
    claim: (limit) => store.claimEvents({ owner, limit, leaseMs, now: now() }),
    work: processEvent,
    onError,
  });
  const importChannel = createImporter({
    store,
    owner,
    now,
    leaseMs,
    retry,
    clientFor,
    rateLimitPauseMs,
    onError,
  });
  const imports = createWorkerLoop({
    concurrency: 2,
    pollMs,
    claim: async () => {
      const channelId = await store.claimImportChannel({ owner, leaseMs, now: now() });
      return channelId === undefined ? [] : [channelId];
    },
    work: importChannel,
    onError,
  });

  const connect = async (channel: CreatedChannel) => {
    const accessToken = channel.endpoint?.accessToken;
    if (!accessToken)
      throw new IntegrationError(
        'channel_creation_failed',
        502,
        'POST /channels returned no channel token',
      );
    const info = await addChannel(accessToken, channel.name);
    await options.onChannelConnected?.(info);
  };
  const isAllowedOrigin = options.isAllowedOrigin ?? isSocialHubOrigin;
  const clientOptions = {
    baseUrl: socialHubUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  };
  const routes: IntegrationRoutes = {
    webhook: createWebhookIntake({
      secrets: [options.secret, ...(options.previousSecrets ?? [])],
      store,
      now,
      onStored: () => events.wake(),
      onError,
    }),
    templates: options.templates
      ? createTemplatesHandler({
          secret: options.secret,
          templates: options.templates,
          now,
          onError,
        })
      : undefined,
    addChannel: options.channelsToAdd
      ? createChannelCreationHandler({
          isAllowedOrigin,
          client: clientOptions,
          channels: options.channelsToAdd,
          onChannel: connect,
          onError,
          now,
        })
      : undefined,
    reactivateChannel: createChannelReactivationHandler({
      isAllowedOrigin,
      client: clientOptions,
      ...(options.reactivationFields ? { channel: options.reactivationFields } : {}),
      onChannel: connect,
      onError,
      now,
    }),
  };
  const nodeRoutes = new Map<string, RequestListener>();
  for (const [key, handler] of Object.entries(routes) as [
    keyof IntegrationRoutes,
    KitHandler | undefined,
  ][])
    if (handler) nodeRoutes.set(paths[key], createNodeHandler(handler));
  const listener: RequestListener = (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const route = nodeRoutes.get(path);
    if (route) return void route(req, res);
    res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
    res.end(
      JSON.stringify({ code: 'not_found', message: `@socialhub/integration: no route ${path}` }),
    );
  };

  let started: Promise<void> | undefined;
  let schema: Promise<void> | undefined;
  // Every method that touches the store may run before start(): make the tables first.
  const ready = () => {
    schema ??= store.migrate();
    return schema;
  };
  let server: Server | undefined;
  const promoted = new Set<string>();

  async function addChannel(accessToken: string, name?: string | null): Promise<ChannelInfo> {
    await ready();
    let payload: { channelId: string; accountId: string };
    try {
      payload = decodeChannelToken(accessToken);
    } catch (cause) {
      throw new IntegrationError('invalid_token', 400, 'accessToken is not a channel token', {
        cause,
      });
    }
    await store.putChannel(
      {
        channelId: payload.channelId,
        accountId: payload.accountId,
        accessToken,
        name: name ?? null,
      },
      now(),
    );
    events.wake();
    imports.wake();
    const stored = await store.getChannel(payload.channelId);
    return view(stored as StoredChannel);
  }

  async function sync(channelId?: string): Promise<ManifestSyncResult[]> {
    await ready();
    const all = await store.listChannels();
    const targets = all.filter((c) =>
      channelId === undefined ? c.status === 'active' : c.channelId === channelId,
    );
    if (channelId !== undefined && targets.length === 0)
      throw new IntegrationError('unknown_channel', 404, `no token for channel ${channelId}`);
    const results: ManifestSyncResult[] = [];
    for (const channel of targets) {
      let result: ManifestSyncResult;
      try {
        result = await syncManifest(clientFor(channel), manifest, channel.channelId);
      } catch (error) {
        const status = refusedChannelStatus(error);
        if (status === undefined) throw error;
        // A stale or disabled channel must not keep the others (or `listen()`) from starting.
        const reason = await holdChannel(
          store,
          channel.channelId,
          status,
          now(),
          'its manifest was not set and its work waits for a reactivation',
        );
        if (channelId !== undefined) throw reason;
        onError(reason);
        continue;
      }
      if (result.outcome === 'reusable' && !promoted.has(channel.channelId)) {
        promoted.add(channel.channelId);
        log(
          `@socialhub/integration: the manifest of channel ${channel.channelId} is reusable (promoted); it is not updated from code: ask the SocialHub Team to change it`,
        );
      }
      results.push(result);
    }
    return results;
  }

  async function start(): Promise<void> {
    started ??= (async () => {
      await ready();
      if (options.workers?.enabled !== false) {
        events.start();
        imports.start();
      }
    })();
    return started;
  }

  return {
    // A getter: util.inspect shows `[Getter]`, not the webhook secret inside.
    get manifest() {
      return structuredClone(manifest);
    },
    paths,
    routes,
    listener,
    start,
    async listen(listenOptions = {}) {
      await start();
      server = createServer(listener);
      await new Promise<void>((resolve, reject) => {
        server?.once('error', reject);
        server?.listen(listenOptions.port ?? 0, listenOptions.host ?? '127.0.0.1', () => resolve());
      });
      const address = server.address() as AddressInfo;
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      const result = { url: `http://${host}:${address.port}`, server };
      const channels = (await store.listChannels()).filter((c) => c.status === 'active');
      if (channels.length > 0) await sync();
      return result;
    },
    syncManifest: (channelId) => sync(channelId),
    addChannel,
    channels: async () => {
      await ready();
      return (await store.listChannels()).map(view);
    },
    async client(channelId) {
      await ready();
      const channel = await store.getChannel(channelId);
      if (!channel)
        throw new IntegrationError('unknown_channel', 404, `no token for channel ${channelId}`);
      return clientFor(channel);
    },
    getChannel: async (channelId) => {
      await ready();
      const channel = await store.getChannel(channelId);
      return channel && view(channel);
    },
    async importTickets(channelId, tickets) {
      const items = toImportItems(tickets);
      await ready();
      if (!(await store.getChannel(channelId)))
        throw new IntegrationError('unknown_channel', 404, `no token for channel ${channelId}`);
      const added = await store.addImports(channelId, items, now());
      imports.wake();
      return added;
    },
    importProgress: async (channelId) => {
      await ready();
      return store.importProgress(channelId);
    },
    stats: async () => {
      await ready();
      return store.countEvents();
    },
    async close() {
      if (server) {
        const s = server;
        server = undefined;
        await new Promise<void>((resolve) => {
          s.close(() => resolve());
          s.closeAllConnections();
        });
      }
      stopping.abort(new Error('@socialhub/integration: closing'));
      await Promise.all([events.stop(), imports.stop()]);
    },
  };
}

/** The channel status a refused manifest call reveals: 401 `unauthorized`, 403 `ChannelDeactivated` `disabled`. */
function refusedChannelStatus(error: unknown): 'unauthorized' | 'disabled' | undefined {
  if (!(error instanceof ManifestError)) return undefined;
  if (error.socialhubStatus === 401) return 'unauthorized';
  if (error.socialhubStatus === 403 && error.socialhubCode === 'ChannelDeactivated')
    return 'disabled';
  return undefined;
}
