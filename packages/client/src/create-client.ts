import createClient from 'openapi-fetch';
import { SocialHubConfigError } from './errors.js';
import {
  type AccessTokenOptions,
  type BaseClientOptions,
  checkBaseOptions,
  resolveRetry,
  resolveTokenSource,
} from './options.js';
import type { RateLimit } from './rate-limit.js';
import type { PathsObject, TypedClient } from './result.js';
import { type CallState, createTransport, ReplayableRequest } from './transport.js';

/** A typed SocialHub client: openapi-fetch's methods with auth, retries and rate limits built in. */
export interface SocialHubClient<Paths extends PathsObject> extends TypedClient<Paths> {
  /** `X-RateLimit-Limit` / `X-RateLimit-Remaining` of the last response that had them. */
  readonly rateLimit: RateLimit | undefined;
  /** The base URL requests go to. */
  readonly baseUrl: string;
  /** A client with the same options and another access token (e.g. a temporary channel-creation token). */
  withAccessToken(accessToken: string): SocialHubClient<Paths>;
}

/** What differs between the public and the API2 client. */
export interface ClientFlavour {
  defaultBaseUrl: string;
  tokenRequired: boolean;
  /** Path templates of POSTs the contract makes idempotent (retried like GET). */
  idempotentPosts: readonly string[];
}

function pathPattern(templates: readonly string[]): RegExp {
  if (templates.length === 0) return /(?!)/;
  const alternatives = templates.map((t) =>
    t
      .split(/\{[^}]+\}/)
      .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
      .join('[^/]+'),
  );
  return new RegExp(`(?:${alternatives.join('|')})/?$`);
}

type AnyOptions = BaseClientOptions & Partial<AccessTokenOptions>;

const METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'PATCH'] as const;

/** Builds a client of one flavour; `createPublicClient` and `createApi2Client` are thin wrappers. */
export function createSocialHubClient<Paths extends PathsObject>(
  options: AnyOptions,
  flavour: ClientFlavour,
): SocialHubClient<Paths> {
  checkBaseOptions(options);
  const token = resolveTokenSource(options, flavour.tokenRequired);
  const retry = resolveRetry(options.retry);
  const baseFetch = options.fetch ?? globalThis.fetch;
  if (typeof baseFetch !== 'function')
    throw new SocialHubConfigError(
      'no fetch: pass options.fetch on runtimes without globalThis.fetch',
    );
  const baseUrl = (options.baseUrl ?? flavour.defaultBaseUrl).replace(/\/+$/, '');
  let rateLimit: RateLimit | undefined;

  const transport = createTransport({
    fetch: options.fetch,
    token,
    timeoutMs: options.timeoutMs ?? 30_000,
    retry,
    idempotentPost: pathPattern(flavour.idempotentPosts),
    log: options.log,
    onRateLimit: (value) => {
      rateLimit = value;
    },
  });
  const inner = createClient<Paths>({
    baseUrl,
    fetch: transport,
    Request: ReplayableRequest,
    headers: options.userAgent ? { 'User-Agent': options.userAgent } : undefined,
  });

  const client = {
    get rateLimit() {
      return rateLimit;
    },
    baseUrl,
    use: inner.use,
    eject: inner.eject,
    withAccessToken(accessToken: string) {
      const { getAccessToken: _ignored, ...rest } = options;
      return createSocialHubClient<Paths>({ ...rest, accessToken }, flavour);
    },
  } as Record<string, unknown>;
  for (const method of METHODS) {
    const call = inner[method] as (path: string, init?: object) => Promise<{ response: Response }>;
    client[method] = (path: string, init?: object) => {
      // openapi-fetch reads the answer's body after the transport returns; the call state lets
      // the attempt's timeout cover that read and ends it afterwards.
      const state: CallState = { signal: (init as { signal?: AbortSignal } | undefined)?.signal };
      return call(path, { ...init, fetch: (request: Request) => transport(request, state) }).then(
        (result) => {
          state.finish?.();
          (result as { status?: number }).status = result.response.status;
          return result;
        },
        (error: unknown) => {
          state.finish?.();
          throw state.bodyError ? state.bodyError(error) : error;
        },
      );
    };
  }
  return client as unknown as SocialHubClient<Paths>;
}
