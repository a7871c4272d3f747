import { SocialHubTokenError, SocialHubTokenExpiredError } from '@socialhub/client';
import {
  type ChannelCreationTokenPayload,
  type ChannelReactivationTokenPayload,
  decodeChannelCreationToken,
  decodeChannelReactivationToken,
} from '@socialhub/client/integration';
import { InvalidTokenError, MissingParameterError, TokenExpiredError } from '../errors.js';
import { searchParams } from '../http.js';

/** Options of the token readers. */
export interface ReadTokenOptions {
  /**
   * The receiver's clock in milliseconds, compared with the token's `exp` (seconds).
   * @default Date.now
   */
  now?: () => number;
}

/** A decoded channel callback token: the raw JWT (to call `POST /channels` with) and its payload. */
export interface ChannelToken<P> {
  token: string;
  payload: P;
}

function readToken<P>(
  url: string | URL,
  decode: (token: string, options: { now?: () => number }) => P,
  options: ReadTokenOptions,
): ChannelToken<P> {
  const token = searchParams(String(url)).get('token');
  if (!token) throw new MissingParameterError('token');
  try {
    // Decoded by the client's one token module: the payload cannot be verified (SocialHub signs
    // it with a key only it holds); SocialHub checks it when it is used for POST /channels.
    return { token, payload: decode(token, options.now ? { now: options.now } : {}) };
  } catch (cause) {
    if (cause instanceof SocialHubTokenExpiredError)
      throw new TokenExpiredError(cause.expiredAt, { cause });
    if (cause instanceof SocialHubTokenError)
      throw new InvalidTokenError(cause.message.replace(/^@socialhub\/client: /, ''), { cause });
    throw cause;
  }
}

/**
 * Reads and checks the `?token=` SocialHub appends to `callbacks.channelCreation`: decodes the
 * JWT payload, checks its fields and rejects an expired token.
 * @example
 * const { token, payload } = readChannelCreationToken(request.url);
 * // payload.origin is where to send the customer back to
 */
export function readChannelCreationToken(
  url: string | URL,
  options: ReadTokenOptions = {},
): ChannelToken<ChannelCreationTokenPayload> {
  return readToken(url, decodeChannelCreationToken, options);
}

/**
 * Reads and checks the `?token=` SocialHub appends to `callbacks.channelReactivation`; its payload
 * names the `channelId`, `uniqueName` and `networkId` to reactivate.
 * @example
 * const { token, payload } = readChannelReactivationToken(request.url);
 */
export function readChannelReactivationToken(
  url: string | URL,
  options: ReadTokenOptions = {},
): ChannelToken<ChannelReactivationTokenPayload> {
  return readToken(url, decodeChannelReactivationToken, options);
}
