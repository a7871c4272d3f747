import type { paths } from '@socialhub/schema/api2';
import { api2IdempotentPosts, api2ServerUrl } from '@socialhub/schema/api2/transport';
import { createSocialHubClient, type SocialHubClient } from './create-client.js';
import type { AccessTokenOptions, BaseClientOptions } from './options.js';

/** The server of the API2 contract (from its operations table). */
export const API2_BASE_URL = api2ServerUrl;

/** API2's copies of the public API's idempotent POSTs (ticket creation, reply confirmation). */
export const API2_IDEMPOTENT_POSTS = api2IdempotentPosts;

/**
 * Options of `createApi2Client`. The token is a user access token; it may be left out for the few
 * routes that issue one (`POST /users/login`).
 */
export type Api2ClientOptions = BaseClientOptions &
  (AccessTokenOptions | { accessToken?: undefined; getAccessToken?: undefined });

/** A client of SocialHub API2 (`https://app.socialhub.io/api2`). */
export type Api2Client = SocialHubClient<paths>;

/**
 * Creates a typed client of SocialHub API2, authenticated with a user access token sent as
 * `?accesstoken=`.
 * @example
 * import { createApi2Client } from '@socialhub/client';
 *
 * const api2 = createApi2Client({ accessToken: process.env.SOCIALHUB_USER_TOKEN ?? '' });
 * const result = await api2.GET('/accounts/{id}', { params: { path: { id: accountId } } });
 */
export function createApi2Client(options: Api2ClientOptions): Api2Client {
  return createSocialHubClient<paths>(options, {
    defaultBaseUrl: API2_BASE_URL,
    tokenRequired: false,
    idempotentPosts: API2_IDEMPOTENT_POSTS,
  });
}
