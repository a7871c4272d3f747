import { createRequire } from 'node:module';
import type {
  Api2Client,
  Api2ClientOptions,
  PublicClient,
  PublicClientOptions,
} from '@socialhub/client';
import type { InProcessFetch } from './in-process-fetch.js';

/** Options a test may change on a preconfigured client (everything but the token). */
export type MockClientOptions = Omit<PublicClientOptions, 'accessToken' | 'getAccessToken'>;

/** `@socialhub/client` clients preconfigured for a mock. */
export interface MockClients {
  /**
   * A public Integration API client for a channel (or temporary) token, talking to this mock in
   * process (`mock.fetch`; pass `{ fetch: globalThis.fetch }` to go over HTTP to `mock.url`).
   * @example
   * ```ts
   * const client = mock.publicClient(accessToken);
   * const { channel } = await unwrap(client.GET('/'));
   * ```
   */
  publicClient(accessToken: string, options?: MockClientOptions): PublicClient;
  /** An API2 client for a user access token (`undefined` for `POST /users/login`), at `mock.url + '/api2'`. */
  api2Client(userToken?: string, options?: MockClientOptions): Api2Client;
}

type ClientModule = typeof import('@socialhub/client');
let clientModule: ClientModule | undefined;

/**
 * `@socialhub/client`, loaded on the first client made (Node's `require` of an ES module), so a
 * mock that makes none (the CLI) starts without it.
 */
const loadClient = (): ClientModule => {
  clientModule ??= createRequire(import.meta.url)('@socialhub/client') as ClientModule;
  return clientModule;
};

/** Creates the client factories of a mock at `url` (read when a client is made). */
export function createMockClients(deps: { url: () => string; fetch: InProcessFetch }): MockClients {
  return {
    publicClient: (accessToken, options = {}) =>
      loadClient().createPublicClient({
        baseUrl: deps.url(),
        fetch: deps.fetch,
        ...options,
        accessToken,
      }),
    api2Client: (userToken, options = {}) =>
      loadClient().createApi2Client({
        baseUrl: `${deps.url()}/api2`,
        fetch: deps.fetch,
        ...options,
        ...(userToken === undefined ? {} : { accessToken: userToken }),
      } as Api2ClientOptions),
  };
}
