import { GET_MAX_BODY_BYTES } from '../constants.js';
import { InvalidTokenError } from '../errors.js';
import type { ChannelCreationTokenPayload, ChannelReactivationTokenPayload } from '../events.js';
import { answerErrors, type KitHandler, methodNotAllowed } from '../http.js';
import {
  type ChannelToken,
  type ReadTokenOptions,
  readChannelCreationToken,
  readChannelReactivationToken,
} from './channel-token.js';

/** Options shared by the channel creation and reactivation handlers. */
export interface ChannelCallbackOptions<P> extends ReadTokenOptions {
  /**
   * Does the integration's work for a valid, unexpired token: typically creates or reactivates
   * the channel(s) with `POST /channels` through `@socialhub/client` using `token.token`, and
   * stores each returned `endpoint.accessToken`. Throwing stops the redirect.
   */
  onToken: (token: ChannelToken<P>) => unknown;
  /**
   * Which `origin`s of the token may be redirected to. The token cannot be verified by the
   * integration, so this stops a forged token from turning the callback into an open redirect.
   * @default https origins on socialhub.io or one of its subdomains
   */
  isAllowedOrigin?: (origin: URL) => boolean;
}

/** The default `isAllowedOrigin`: `https://socialhub.io` and `https://*.socialhub.io`. */
export const isSocialHubOrigin = (origin: URL): boolean =>
  origin.protocol === 'https:' &&
  (origin.hostname === 'socialhub.io' || origin.hostname.endsWith('.socialhub.io'));

function createChannelCallbackHandler<P extends { origin: string }>(
  read: (url: string, options: ReadTokenOptions) => ChannelToken<P>,
  options: ChannelCallbackOptions<P>,
): KitHandler {
  const isAllowedOrigin = options.isAllowedOrigin ?? isSocialHubOrigin;
  return {
    maxBodyBytes: GET_MAX_BODY_BYTES,
    async handle(request) {
      if (request.method !== 'GET') return methodNotAllowed(['GET']);
      return answerErrors(async () => {
        const token = read(request.url, options);
        const origin = new URL(token.payload.origin);
        if (!isAllowedOrigin(origin))
          throw new InvalidTokenError(`origin ${origin.origin} is not allowed`);
        await options.onToken(token);
        return { status: 303, headers: { location: origin.href, 'cache-control': 'no-store' } };
      });
    },
  };
}

/**
 * Serves `callbacks.channelCreation`: reads and checks `?token=`, runs `onToken` (create the
 * channels there), then redirects the customer back to the token's `origin` (303).
 * @example
 * const addChannel = createChannelCreationHandler({
 *   onToken: async ({ token, payload }) => {
 *     // POST /channels with `token` through @socialhub/client, store endpoint.accessToken
 *   },
 * });
 * app.get('/socialhub/add-channel', createExpressHandler(addChannel));
 */
export function createChannelCreationHandler(
  options: ChannelCallbackOptions<ChannelCreationTokenPayload>,
): KitHandler {
  return createChannelCallbackHandler(readChannelCreationToken, options);
}

/**
 * Serves `callbacks.channelReactivation`: like `createChannelCreationHandler`, with the
 * reactivation token whose payload names the `channelId`, `uniqueName` and `networkId`.
 * @example
 * const reactivate = createChannelReactivationHandler({
 *   onToken: async ({ token, payload }) => {
 *     // POST /channels with the same networkId (or uniqueName) to reactivate payload.channelId
 *   },
 * });
 */
export function createChannelReactivationHandler(
  options: ChannelCallbackOptions<ChannelReactivationTokenPayload>,
): KitHandler {
  return createChannelCallbackHandler(readChannelReactivationToken, options);
}
