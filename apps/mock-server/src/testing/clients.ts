import {
  type Api2Client,
  type Api2ClientOptions,
  createApi2Client,
  createPublicClient,
  type PublicClient,
  type PublicClientOptions,
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

/** Creates the client factories of a mock at `url` (read when a client is made). */
export function createMockClients(deps: { url: () => string; fetch: InProcessFetch }): MockClients {
  return {
    publicClient: (accessToken, options = {}) =>
      createPublicClient({
        baseUrl: deps.url(),
        fetch: deps.fetch,
        ...options,
        accessToken,
      }),
    api2Client: (userToken, options = {}) =>
      createApi2Client({
        baseUrl: `${deps.url()}/api2`,
        fetch: deps.fetch,
        ...options,
        ...(userToken === undefined ? {} : { accessToken: userToken }),
      } as Api2ClientOptions),
  };
}
