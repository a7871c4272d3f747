import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Api2Options, api2Routes } from './api2/routes.js';
import { createTokenService } from './auth/tokens.js';
import { createMockControl, type MockControl } from './control/control.js';
import { deliveryRoutes } from './control/delivery-routes.js';
import { controlRoutes, LIVE_ROUTE } from './control/routes.js';
import { DEFAULT_MAX_BODY_BYTES } from './http/body.js';
import { createFaultRegistry } from './http/faults.js';
import { createRateLimiter, type RateLimitConfig } from './http/rate-limiter.js';
import { redactLine } from './http/redact.js';
import { createRequestHandler } from './http/request-handler.js';
import type { NodeHandler } from './http/types.js';
import { createLiveHandler } from './live/live-handler.js';
import { createLiveHub } from './live/live-hub.js';
import { publicRoutes } from './public/routes.js';
import { createCustomChannel } from './services/channels.js';
import { createExclusive, type MockCore } from './services/core.js';
import { type ChannelState, channelState } from './services/views.js';
import { createIdGenerator } from './state/ids.js';
import { createInitialState } from './state/initial-state.js';
import {
  createPersistence,
  loadStateFile,
  type Persistence,
  removeStaleTempFiles,
} from './state/persistence.js';
import { createStore } from './state/store.js';
import type { ChannelRecord } from './state/types.js';
import { createChangeFeed } from './testing/change-feed.js';
import { createMockClients } from './testing/clients.js';
import { createMockClock } from './testing/clock.js';
import { logSuccessfulDeliveries } from './testing/delivery-log.js';
import { createInProcessFetch } from './testing/in-process-fetch.js';
import { testingRoutes } from './testing/routes.js';
import { FAST_WEBHOOKS, type MockTestTools } from './testing/tools.js';
import { createWaiters } from './testing/waiters.js';
import { createUiHandler } from './ui/handler.js';
import { createDeliveryEngine, type DeliveryOptions } from './webhooks/delivery-engine.js';

/** Options of `createMockServer`. */
export interface MockServerOptions {
  /** @default 0 (an ephemeral port) */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** Makes ids, the token key and API2 answers reproducible. @default random */
  seed?: number;
  /** Keep the state in this JSON file: loaded on start, written atomically after every change. */
  stateFile?: string;
  /** `true` logs requests and webhook outcomes to stdout; a function receives the lines. @default false */
  log?: boolean | ((line: string) => void);
  /** Whether `log` also gets one line per request (never with its query string) and per successful delivery. @default true */
  logRequests?: boolean;
  /** Per-channel rate limit. @default { limit: 1000, windowMs: 60000 } */
  rateLimit?: Partial<RateLimitConfig>;
  /**
   * Webhook delivery timing; `'fast'` is the test schedule (`FAST_WEBHOOKS`: the same three
   * retries after 10, 20 and 40 ms). @default { batchWindowMs: 25, retryDelaysMs: [1000, 5000, 30000], timeoutMs: 10000 }
   */
  webhooks?: Partial<DeliveryOptions> | 'fast';
  /** Create (or, with `stateFile`, keep) a ready demo channel; see `MockServer.demo`. @default false */
  demoChannel?: boolean;
  /**
   * The base of the mock's clock in milliseconds (token expiry, timestamps, rate-limit windows);
   * `mock.clock` moves it. Webhooks are signed with this base, not the moved clock. @default Date.now
   */
  now?: () => number;
  /** Largest request body. @default 1048576 */
  maxBodyBytes?: number;
  /** Deliveries kept for `GET /_mock/deliveries`. @default 1000 */
  maxDeliveries?: number;
  /** node:http handlers served under path prefixes that do not collide with the API (`{ '/app/': ui }`). */
  mount?: Record<string, NodeHandler>;
  /** Serve the web UI (channels, Inbox, deliveries) at `/app/`. @default true */
  ui?: boolean;
  /**
   * API2: `overrides` answer operations your way, by operationId, after the same validation,
   * token check and faults as every route (`{ overrides: { getTeams: () => ({ status: 200, body: [] }) } }`).
   */
  api2?: Pick<Api2Options, 'overrides'>;
}

/** A running mock SocialHub. */
export interface MockServer extends MockTestTools {
  /** Base URL, e.g. `http://127.0.0.1:43121`: the public API is at `/`, API2 at `/api2`, control at `/_mock`, the web UI at `/app/`. */
  url: string;
  /** Library form of the control API (`/_mock`). */
  control: MockControl;
  /** The demo channel and its token (with `demoChannel: true`). */
  demo?: { channel: ChannelState; accessToken: string };
  /** Serves a node:http handler under a path prefix (e.g. a UI under `/app/`). */
  mount(prefix: string, handler: NodeHandler): void;
  /** The underlying node:http server. */
  server: Server;
  /** Stops the server and the deliveries, and writes the state file one last time. */
  close(): Promise<void>;
}

const DEFAULT_WEBHOOKS: DeliveryOptions = {
  batchWindowMs: 25,
  retryDelaysMs: [1000, 5000, 30_000],
  timeoutMs: 10_000,
};

/** Where the web UI is served. */
const UI_PREFIX = '/app/';

const isMutating = (method: string) =>
  method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';

/**
 * Starts a stateful mock SocialHub on node:http: the public Integration API, signed webhook
 * deliveries, API2 and the `/_mock` control API.
 *
 * @example
 * ```ts
 * const mock = await createMockServer();
 * const { channel, accessToken } = await mock.control.createChannel({ name: 'Contact form' });
 * const info = await fetch(`${mock.url}/?accesstoken=${accessToken}`).then((r) => r.json());
 * await mock.close();
 * ```
 */
export async function createMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const baseNow = options.now ?? Date.now;
  const clock = createMockClock(baseNow);
  const now = clock.now;
  const sink =
    options.log === true
      ? (line: string) => console.log(line)
      : typeof options.log === 'function'
        ? options.log
        : undefined;
  // Every line is redacted: query values (`?apikey=...`, `?token=...`) never reach a log.
  const log = sink ? (line: string) => sink(redactLine(line)) : () => {};
  if (options.stateFile) await removeStaleTempFiles(options.stateFile);
  const loaded = options.stateFile ? await loadStateFile(options.stateFile) : undefined;
  const ids = createIdGenerator(options.seed);
  const signingKey =
    loaded?.signingKey ??
    (options.seed === undefined
      ? randomBytes(32)
      : createHash('sha256').update(`@socialhub/mock-server:${options.seed}`).digest()
    ).toString('base64url');
  const store = createStore(loaded ?? createInitialState(ids, signingKey), {
    maxDeliveries: options.maxDeliveries ?? 1000,
  });
  const rateLimiter = createRateLimiter(
    { limit: 1000, windowMs: 60_000, ...options.rateLimit },
    now,
  );
  const engine = createDeliveryEngine({
    store,
    ids,
    // Signed with the base clock: the integration's clock does not move with mock.clock.
    now: baseNow,
    log,
    options: {
      ...DEFAULT_WEBHOOKS,
      ...(options.webhooks === 'fast'
        ? { ...FAST_WEBHOOKS, retryDelaysMs: [...FAST_WEBHOOKS.retryDelaysMs] }
        : options.webhooks),
    },
  });
  const core: MockCore = {
    store,
    ids,
    tokens: createTokenService(Buffer.from(signingKey, 'base64url'), now),
    engine,
    rateLimiter,
    now,
    log,
    exclusive: createExclusive(),
  };

  let persistence: Persistence | undefined;
  if (options.stateFile) {
    persistence = createPersistence(store, options.stateFile, (error) => log(String(error)));
    const saving = persistence;
    store.onChange(() => saving.schedule());
  }

  const faults = createFaultRegistry(ids);
  let url = '';

  const ensureDemo = async (): Promise<
    { channel: ChannelRecord; accessToken: string } | undefined
  > => {
    if (!options.demoChannel) return undefined;
    const existing = store.state.demoChannelId && store.state.channels[store.state.demoChannelId];
    if (existing) return { channel: existing, accessToken: existing.accessToken };
    const created = await createCustomChannel(core, {
      name: 'Demo Channel',
      networkId: 'demo-channel',
    });
    store.state.demoChannelId = created.channel._id;
    store.touch();
    return created;
  };

  const control = createMockControl({
    core,
    faults,
    baseUrl: () => url,
    reset: async () => {
      engine.clear();
      faults.clear();
      rateLimiter.reset();
      ids.reset();
      store.replace(createInitialState(ids, store.state.signingKey));
      const demo = await ensureDemo();
      server.demo = demo && { channel: channelState(demo.channel), accessToken: demo.accessToken };
      return demo ? { demo } : {};
    },
  });

  const feed = createChangeFeed(store);
  const waiters = createWaiters({ core, control, feed });
  if (options.log && options.logRequests !== false) logSuccessfulDeliveries({ store, feed, log });
  const handler = createRequestHandler({
    routes: [
      ...publicRoutes(core),
      ...publicRoutes(core, '/api2/public'),
      ...controlRoutes(
        control,
        [...testingRoutes({ waiters, clock }), ...deliveryRoutes(core)],
        [LIVE_ROUTE],
      ),
      ...api2Routes(core, () => url, {
        ...(options.seed === undefined ? {} : { seed: options.seed }),
        ...options.api2,
      }),
    ],
    faults,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    onError: (error) =>
      log(
        `internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      ),
    ...(options.log && options.logRequests !== false
      ? {
          onAnswered: (method, path, status, ms) =>
            log(`${method} ${path} ${status} ${ms.toFixed(1)}ms`),
        }
      : {}),
    ...(persistence
      ? { beforeReply: (method) => (isMutating(method) ? persistence?.flush() : undefined) }
      : {}),
  });
  const liveHub = createLiveHub({ store, control });
  handler.mount(
    '/_mock/live/',
    createLiveHandler(liveHub, (channelId) => store.state.channels[channelId] !== undefined),
  );
  for (const [prefix, mounted] of Object.entries(options.mount ?? {}))
    handler.mount(prefix, mounted);
  if (options.ui !== false && !options.mount?.[UI_PREFIX])
    handler.mount(UI_PREFIX, createUiHandler(UI_PREFIX));

  const demo = await ensureDemo();
  await persistence?.flush();

  const httpServer = createServer({ keepAliveTimeout: 5000 }, handler);
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const address = httpServer.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  url = `http://${host}:${address.port}`;

  const inProcessFetch = createInProcessFetch(handler);
  const server: MockServer = {
    url,
    control,
    ...waiters,
    ...createMockClients({ url: () => url, fetch: inProcessFetch }),
    fetch: inProcessFetch,
    clock,
    ...(demo
      ? { demo: { channel: channelState(demo.channel), accessToken: demo.accessToken } }
      : {}),
    mount: handler.mount,
    server: httpServer,
    close: async () => {
      feed.close();
      engine.close();
      await new Promise<void>((resolve) => {
        httpServer.close(() => resolve());
        httpServer.closeAllConnections();
      });
      await persistence?.close();
    },
  };
  return server;
}
