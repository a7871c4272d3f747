import createClient, { type Client } from 'openapi-fetch';
import type { HttpMethod } from 'openapi-typescript-helpers';
import type { AttemptInfo } from './attempts.js';
import { SocialHubConfigError } from './errors.js';
import {
  type AccessTokenOptions,
  type BaseClientOptions,
  checkBaseOptions,
  resolveRetry,
  resolveTokenSource,
} from './options.js';
import type { RateLimit } from './rate-limit.js';
import type { PathsObject, TypedClient, TypedMethod } from './result.js';
import {
  bodyFailure,
  type CallOptions,
  createTransport,
  ReplayableRequest,
} from './transport/index.js';

/** A typed SocialHub client: openapi-fetch's methods with auth, retries and rate limits built in. */
export interface SocialHubClient<Paths extends PathsObject> extends TypedClient<Paths> {
  /** `X-RateLimit-Limit` / `X-RateLimit-Remaining` of the last response that had them. */
  readonly rateLimit: RateLimit | undefined;
  /** The base URL requests go to. */
  readonly baseUrl: string;
  /** A client with the same options and another access token (e.g. a temporary channel-creation token). */
  withAccessToken(accessToken: string): SocialHubClient<Paths>;
}

/** What differs between the public and the API2 client, from the contract's operations table. */
export interface ClientFlavour {
  defaultBaseUrl: string;
  tokenRequired: boolean;
  /** Path templates of POSTs the contract makes idempotent (retried like GET). */
  idempotentPosts: readonly string[];
}

type AnyOptions = BaseClientOptions & Partial<AccessTokenOptions>;

/** What openapi-fetch's methods are called with and give back, as the wrapper handles them. */
type InnerInit = { signal?: AbortSignal; fetch?: (request: Request) => Promise<Response> };
type InnerResult = { data?: unknown; error?: unknown; response: Response };
type InnerMethod = (path: string, init?: InnerInit) => Promise<InnerResult>;

/** The result the client hands out: openapi-fetch's plus `status` and what the transport did. */
interface ClientResult extends InnerResult {
  status: number;
  attempt: AttemptInfo | undefined;
}

/** Builds a client of one flavour; `createPublicClient` and `createApi2Client` are thin wrappers. */
export function createSocialHubClient<Paths extends PathsObject>(
  options: AnyOptions,
  flavour: ClientFlavour,
): SocialHubClient<Paths> {
  checkBaseOptions(options);
  const token = resolveTokenSource(options, flavour.tokenRequired);
  const retry = resolveRetry(options.retry);
  if (typeof (options.fetch ?? globalThis.fetch) !== 'function')
    throw new SocialHubConfigError(
      'no fetch: pass options.fetch on runtimes without globalThis.fetch',
    );
  const baseUrl = (options.baseUrl ?? flavour.defaultBaseUrl).replace(/\/+$/, '');
  const idempotentPosts = new Set(flavour.idempotentPosts);
  let rateLimit: RateLimit | undefined;

  const transport = createTransport({
    fetch: options.fetch,
    token,
    timeoutMs: options.timeoutMs ?? 30_000,
    retry,
    log: options.log,
    onRateLimit: (value) => {
      rateLimit = value;
    },
  });
  const inner: Client<Paths> = createClient<Paths>({
    baseUrl,
    // Only used by openapi-fetch calls the wrapper does not make; the bound ends with the headers.
    fetch: async (request) => {
      const call: CallOptions = { signal: request.signal, idempotent: false };
      try {
        return await transport(request, call);
      } finally {
        call.call?.finish();
      }
    },
    Request: ReplayableRequest,
    headers: options.userAgent ? { 'User-Agent': options.userAgent } : undefined,
  });

  function wrap(method: Uppercase<HttpMethod>, send: InnerMethod) {
    return async (path: string, init?: InnerInit): Promise<ClientResult> => {
      const call: CallOptions = {
        signal: init?.signal,
        idempotent: method !== 'POST' || idempotentPosts.has(path),
      };
      let result: InnerResult;
      try {
        // openapi-fetch reads the answer's body after the transport returns; the call state lets
        // the attempt's timeout cover that read and ends it afterwards.
        result = await send(path, { ...init, fetch: (request) => transport(request, call) });
      } catch (error) {
        call.call?.finish();
        throw call.call ? bodyFailure(call.call, error, options.log) : error;
      }
      call.call?.finish();
      const { response } = result;
      const attempt = call.call?.info;
      // openapi-fetch gives `{ data, response }` or `{ error, response }`; the result keeps that.
      return 'error' in result
        ? { error: result.error, response, status: response.status, attempt }
        : { data: result.data, response, status: response.status, attempt };
    };
  }

  return {
    get rateLimit() {
      return rateLimit;
    },
    baseUrl,
    GET: typed<Paths, 'get'>(wrap('GET', inner.GET as InnerMethod)),
    PUT: typed<Paths, 'put'>(wrap('PUT', inner.PUT as InnerMethod)),
    POST: typed<Paths, 'post'>(wrap('POST', inner.POST as InnerMethod)),
    DELETE: typed<Paths, 'delete'>(wrap('DELETE', inner.DELETE as InnerMethod)),
    PATCH: typed<Paths, 'patch'>(wrap('PATCH', inner.PATCH as InnerMethod)),
    use: inner.use,
    eject: inner.eject,
    withAccessToken(accessToken: string) {
      const { getAccessToken: _ignored, ...rest } = options;
      return createSocialHubClient<Paths>({ ...rest, accessToken }, flavour);
    },
  };
}

/**
 * Gives a wrapped method its contract type. The wrapper works on any path and init; the contract
 * types (paths, inits, status-typed results) are what openapi-fetch's own methods check.
 */
function typed<Paths extends PathsObject, M extends HttpMethod>(
  // biome-ignore lint/suspicious/noExplicitAny: a `ClientResult`, whose body types `TypedMethod` gives per operation
  method: (path: string, init?: InnerInit) => Promise<any>,
): TypedMethod<Paths, M> {
  return (path, ...init) => method(path as string, init[0] as InnerInit | undefined);
}
