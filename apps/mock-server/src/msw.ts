/**
 * `@socialhub/mock-server/msw`: msw request handlers backed by a running mock's state, for test
 * suites that already intercept `fetch` with msw (`msw` is an optional peer dependency).
 * @example
 * ```ts
 * import { setupServer } from 'msw/node';
 * import { createMockServer } from '@socialhub/mock-server';
 * import { createMswHandlers } from '@socialhub/mock-server/msw';
 *
 * const mock = await createMockServer();
 * const server = setupServer(...createMswHandlers(mock));
 * server.listen({ onUnhandledFrame: 'bypass' });
 * // https://api.socialhub.io/... and https://app.socialhub.io/api2/... now reach the mock.
 * ```
 */
import { API2_BASE_URL, PUBLIC_BASE_URL } from '@socialhub/client';
import { type HttpHandler, http } from 'msw';
import type { InProcessFetch } from './testing/in-process-fetch.js';

/** Options of `createMswHandlers`. */
export interface MswHandlerOptions {
  /**
   * Where the code under test sends public Integration API requests.
   * @default 'https://api.socialhub.io'
   */
  publicBaseUrl?: string;
  /**
   * Where the code under test sends API2 requests.
   * @default 'https://app.socialhub.io/api2'
   */
  api2BaseUrl?: string;
  /** A stand-in for the whole mock (`/`, `/api2`, `/_mock`, `/app/`), e.g. `'http://socialhub.test'`. */
  baseUrl?: string;
}

/** The msw handler of `createMswHandlers` could not be set up. */
export class MswHandlerError extends TypeError {
  override readonly name = 'MswHandlerError';
  readonly code = 'MswHandlerOptionsError';
}

interface Mapping {
  origin: string;
  /** The base URL's path without a trailing slash (`''` for the root). */
  path: string;
  /** Where the mock serves it. */
  target: '' | '/api2';
}

const mapping = (name: string, url: unknown, target: Mapping['target']): Mapping => {
  if (typeof url !== 'string' || !URL.canParse(url))
    throw new MswHandlerError(`@socialhub/mock-server: ${name} must be an absolute URL`);
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new MswHandlerError(`@socialhub/mock-server: ${name} must be an http(s) URL`);
  if (parsed.search || parsed.hash)
    throw new MswHandlerError(`@socialhub/mock-server: ${name} must not have a query or fragment`);
  return { origin: parsed.origin, path: parsed.pathname.replace(/\/+$/, ''), target };
};

/** The mock path of a request URL under a mapping, or `undefined` when it is not under it. */
const mockPath = (url: URL, m: Mapping): string | undefined => {
  if (url.origin !== m.origin) return undefined;
  const { pathname } = url;
  if (m.path !== '' && pathname !== m.path && !pathname.startsWith(`${m.path}/`)) return undefined;
  const rest = pathname.slice(m.path.length) || '/';
  return `${m.target}${rest === '/' && m.target !== '' ? '' : rest}${url.search}`;
};

/**
 * Creates msw handlers that answer SocialHub's public API and API2 (and, with `baseUrl`, the whole
 * mock) from the mock's state, in process through `mock.fetch`: the same validation, errors,
 * faults, rate limits and webhook deliveries as over HTTP.
 */
export function createMswHandlers(
  mock: { fetch: InProcessFetch; url: string },
  options: MswHandlerOptions = {},
): HttpHandler[] {
  if (typeof mock?.fetch !== 'function' || typeof mock.url !== 'string')
    throw new MswHandlerError('@socialhub/mock-server: pass the mock createMockServer resolved to');
  const mappings = [
    mapping('api2BaseUrl', options.api2BaseUrl ?? API2_BASE_URL, '/api2'),
    mapping('publicBaseUrl', options.publicBaseUrl ?? PUBLIC_BASE_URL, ''),
    ...(options.baseUrl === undefined ? [] : [mapping('baseUrl', options.baseUrl, '')]),
  ]
    // The longest base wins (API2 under the same host as the public API).
    .sort((a, b) => b.path.length - a.path.length);
  const resolve = (request: Request): string | undefined => {
    const url = new URL(request.url);
    for (const m of mappings) {
      const path = mockPath(url, m);
      if (path !== undefined) return path;
    }
    return undefined;
  };
  return [
    http.all(
      ({ request }) => resolve(request) !== undefined,
      async ({ request }) => {
        const path = resolve(request) ?? '/';
        const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
        return mock.fetch(`${mock.url}${path}`, {
          method: request.method,
          headers: request.headers,
          ...(hasBody ? { body: await request.arrayBuffer() } : {}),
          signal: request.signal,
        });
      },
    ),
  ];
}
