import type {
  ChannelCreationTokenPayload,
  ChannelReactivationTokenPayload,
} from '@socialhub/client/integration';
import type { components } from '@socialhub/schema/public';
import type { KitHandler } from '@socialhub/webhook-kit';
import { IntegrationConfigError, InvalidTokenError } from '../errors.js';
import { answerErrors, methodNotAllowed, safeReport } from '../http.js';
import {
  type ChannelClientOptions,
  type ChannelRequest,
  sendChannelRequests,
} from './channel-client.js';
import {
  type ChannelToken,
  type ReadTokenOptions,
  readChannelCreationToken,
  readChannelReactivationToken,
} from './channel-token.js';

export type { ChannelClientOptions } from './channel-client.js';

/** A channel as `POST /channels` answers it; `endpoint.accessToken` is its token. */
export type CreatedChannel = components['schemas']['Channel'];
/** The body of one `POST /channels`. */
export type ChannelInput = components['schemas']['ChannelCreate'];

/** Options shared by the channel creation and reactivation handlers. */
export interface ChannelCallbackOptions<P> extends ReadTokenOptions {
  /**
   * Runs for a valid, unexpired token. Without `channels` / `onChannel` it does the integration's
   * work itself (create the channels with `token.token`, store their tokens); with them it runs
   * first (e.g. to look the customer up). Throwing stops the redirect.
   */
  onToken?: (token: ChannelToken<P>) => unknown;
  /**
   * Which `origin`s of the token may be redirected to. The token cannot be verified by the
   * integration, so this stops a forged token from turning the callback into an open redirect.
   * @default https origins on socialhub.io or one of its subdomains
   */
  isAllowedOrigin?: (origin: URL) => boolean;
  /**
   * Where and how the handler sends `POST /channels` through `@socialhub/client` (`baseUrl`,
   * `fetch`, `retry`, `timeoutMs`, ...); the temporary token is added by the handler.
   * @default the client's defaults (https://api.socialhub.io, global fetch)
   */
  client?: ChannelClientOptions;
  /**
   * Receives every error of a callback (a bad or expired token, a refused `POST /channels`, a
   * throw of `onToken` / `onChannel`) before it is answered; nothing is dropped silently.
   * @default console.error
   */
  onError?: (error: unknown) => unknown;
}

/** What `onChannel` learns besides the created channel. */
export interface ChannelContext<P> {
  /** The checked callback token. */
  token: ChannelToken<P>;
  /** The body that was sent (for reactivation: the fields added to the token's). */
  input: ChannelInput | Partial<ChannelInput> | undefined;
}

/** Options of `createChannelCreationHandler`: `onToken`, or `channels` with `onChannel` (or both). */
export interface ChannelCreationHandlerOptions
  extends ChannelCallbackOptions<ChannelCreationTokenPayload> {
  /**
   * The channels to create for this token (after the customer authorised the network); the
   * handler sends one `POST /channels` per channel through `@socialhub/client`.
   */
  channels?: (
    token: ChannelToken<ChannelCreationTokenPayload>,
  ) => ChannelInput[] | Promise<ChannelInput[]>;
  /** Receives each created channel: store `channel._id` and `channel.endpoint.accessToken`. */
  onChannel?: (
    channel: CreatedChannel,
    context: ChannelContext<ChannelCreationTokenPayload>,
  ) => unknown;
}

/** Options of `createChannelReactivationHandler`: `onToken`, or `onChannel` (or both). */
export interface ChannelReactivationHandlerOptions
  extends ChannelCallbackOptions<ChannelReactivationTokenPayload> {
  /**
   * Fields to send besides the token's `uniqueName` and `networkId` (which let SocialHub find the
   * disabled channel), e.g. a fresh `endpoint.expirationTime`.
   */
  channel?: (
    token: ChannelToken<ChannelReactivationTokenPayload>,
  ) => Partial<ChannelInput> | undefined | Promise<Partial<ChannelInput> | undefined>;
  /**
   * Given: the handler reactivates the channel with `POST /channels` through `@socialhub/client`
   * and passes the answer here. Store its new `endpoint.accessToken`; the old one is dead.
   */
  onChannel?: (
    channel: CreatedChannel,
    context: ChannelContext<ChannelReactivationTokenPayload>,
  ) => unknown;
}

/** The default `isAllowedOrigin`: `https://socialhub.io` and `https://*.socialhub.io`. */
export const isSocialHubOrigin = (origin: URL): boolean =>
  origin.protocol === 'https:' &&
  (origin.hostname === 'socialhub.io' || origin.hostname.endsWith('.socialhub.io'));

function createChannelCallbackHandler<P extends { origin: string }>(
  read: (url: string, options: ReadTokenOptions) => ChannelToken<P>,
  options: ChannelCallbackOptions<P>,
  requests: ((token: ChannelToken<P>) => Promise<ChannelRequest[]>) | undefined,
  onChannel: ((channel: CreatedChannel, context: ChannelContext<P>) => unknown) | undefined,
): KitHandler {
  const isAllowedOrigin = options.isAllowedOrigin ?? isSocialHubOrigin;
  const onError = (error: unknown) => safeReport(options.onError, error);
  return {
    // A GET carries no body: anything larger is not SocialHub's browser redirect.
    maxBodyBytes: 1024,
    async handle(request) {
      if (request.method !== 'GET') return methodNotAllowed(['GET']);
      return answerErrors(async () => {
        const token = read(request.url, options);
        const origin = new URL(token.payload.origin);
        if (!isAllowedOrigin(origin))
          throw new InvalidTokenError(`origin ${origin.origin} is not allowed`);
        await options.onToken?.(token);
        if (requests && onChannel) {
          await sendChannelRequests(
            token.token,
            await requests(token),
            { ...options.client, now: options.now },
            (channel, sent) => onChannel(channel, { token, input: sent.channel }),
          );
        }
        return { status: 303, headers: { location: origin.href, 'cache-control': 'no-store' } };
      }, onError);
    },
  };
}

function checkFunction(name: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'function')
    throw new IntegrationConfigError(`\`${name}\` must be a function`);
}

/**
 * Serves `callbacks.channelCreation`: reads and checks `?token=`, creates the channels that
 * `channels(token)` names with `POST /channels` through `@socialhub/client` (handing each to
 * `onChannel`) and/or runs `onToken`, then redirects the customer back to the token's `origin` (303).
 * @example
 * const addChannel = createChannelCreationHandler({
 *   channels: async ({ payload }) => [
 *     { name: 'Contact form', uniqueName: `Contact form (${payload.accountId})`, networkId: 'cf-1' },
 *   ],
 *   onChannel: (channel) => db.saveChannel(channel._id, channel.endpoint?.accessToken),
 * });
 * app.get('/socialhub/add-channel', createExpressHandler(addChannel));
 */
export function createChannelCreationHandler(options: ChannelCreationHandlerOptions): KitHandler {
  for (const name of ['onToken', 'channels', 'onChannel', 'isAllowedOrigin', 'onError'] as const)
    checkFunction(name, options?.[name]);
  if ((options.channels === undefined) !== (options.onChannel === undefined))
    throw new IntegrationConfigError(
      'pass `channels` and `onChannel` together (the created channels’ tokens must be stored)',
    );
  if (!options.onToken && !options.channels)
    throw new IntegrationConfigError('pass `onToken`, or `channels` with `onChannel`');
  const { channels } = options;
  return createChannelCallbackHandler(
    readChannelCreationToken,
    options,
    channels &&
      (async (token) => {
        const list = await channels(token);
        if (!Array.isArray(list))
          throw new IntegrationConfigError('`channels` must return a list of channels');
        return list.map((channel) => ({ kind: 'create' as const, channel }));
      }),
    options.onChannel as
      | ((channel: CreatedChannel, context: ChannelContext<ChannelCreationTokenPayload>) => unknown)
      | undefined,
  );
}

/**
 * Serves `callbacks.channelReactivation`: like `createChannelCreationHandler`, with the
 * reactivation token whose payload names the `channelId`, `uniqueName` and `networkId`. With
 * `onChannel`, the handler reactivates the channel itself through `@socialhub/client`.
 * @example
 * const reactivate = createChannelReactivationHandler({
 *   onChannel: (channel) => db.replaceToken(channel._id, channel.endpoint?.accessToken),
 * });
 */
export function createChannelReactivationHandler(
  options: ChannelReactivationHandlerOptions,
): KitHandler {
  for (const name of ['onToken', 'channel', 'onChannel', 'isAllowedOrigin', 'onError'] as const)
    checkFunction(name, options?.[name]);
  if (!options.onToken && !options.onChannel)
    throw new IntegrationConfigError('pass `onToken` or `onChannel`');
  if (options.channel && !options.onChannel)
    throw new IntegrationConfigError('`channel` is used only with `onChannel`');
  const { channel } = options;
  return createChannelCallbackHandler(
    readChannelReactivationToken,
    options,
    options.onChannel &&
      (async (token) => [{ kind: 'reactivate' as const, channel: await channel?.(token) }]),
    options.onChannel as
      | ((
          channel: CreatedChannel,
          context: ChannelContext<ChannelReactivationTokenPayload>,
        ) => unknown)
      | undefined,
  );
}
