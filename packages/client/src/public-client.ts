import type { paths } from '@socialhub/schema/public';
import { publicIdempotentPosts, publicServerUrl } from '@socialhub/schema/public/transport';
import { createSocialHubClient, type SocialHubClient } from './create-client.js';
import type { AccessTokenOptions, BaseClientOptions } from './options.js';

/** The server of the public Integration API contract (from its operations table). */
export const PUBLIC_BASE_URL = publicServerUrl;

/**
 * POSTs of the public API that the contract makes idempotent (`x-socialhub-idempotent`: a repeated
 * `networkItemId` answers 409), so a lost answer may be asked for again: ticket creation and reply
 * confirmation. From the operations table.
 */
export const PUBLIC_IDEMPOTENT_POSTS = publicIdempotentPosts;

/** Options of `createPublicClient`: a token (or token getter) and the shared client options. */
export type PublicClientOptions = BaseClientOptions & AccessTokenOptions;

/** A client of the public Integration API (`https://api.socialhub.io`). */
export type PublicClient = SocialHubClient<paths>;

/**
 * Creates a typed client of SocialHub's public Integration API, authenticated with a channel
 * token (or a temporary channel-creation token) sent as `?accesstoken=`.
 * @example
 * import { createPublicClient, unwrap } from '@socialhub/client';
 *
 * const client = createPublicClient({ accessToken: process.env.SOCIALHUB_TOKEN ?? '' });
 * const { channel } = await unwrap(client.GET('/'));
 * const ticket = await client.POST('/inbox/tickets', {
 *   body: { interaction: { networkItemId: 'comment-000001', message: 'Hello' } },
 * });
 * if (ticket.status === 409) console.log('already there:', ticket.error.code);
 */
export function createPublicClient(options: PublicClientOptions): PublicClient {
  return createSocialHubClient<paths>(options, {
    defaultBaseUrl: PUBLIC_BASE_URL,
    tokenRequired: true,
    idempotentPosts: PUBLIC_IDEMPOTENT_POSTS,
  });
}
