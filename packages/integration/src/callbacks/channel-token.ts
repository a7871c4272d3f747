import {
  type ChannelCreationTokenPayload,
  type ChannelReactivationTokenPayload,
  decodeTokenPayload,
  type TokenKind,
  type TokenPayloads,
} from '@socialhub/schema/tokens';
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

/**
 * Reads `?token=` and decodes its payload with the shared decoder of `@socialhub/schema/tokens`,
 * without checking the signature: SocialHub signs these tokens with a key only it holds, so an
 * integration can read them but not verify them; SocialHub checks the token on `POST /channels`.
 */
function readToken<K extends TokenKind>(
  url: string | URL,
  kind: K,
  options: ReadTokenOptions,
): ChannelToken<TokenPayloads[K]> {
  const token = searchParams(String(url)).get('token');
  if (!token) throw new MissingParameterError('token');
  const decoded = decodeTokenPayload(kind, token, { now: (options.now ?? Date.now)() });
  if (decoded.ok) return { token, payload: decoded.payload };
  if (decoded.reason === 'expired' && decoded.expiredAt)
    throw new TokenExpiredError(decoded.expiredAt);
  throw new InvalidTokenError(decoded.message);
}

/**
 * Reads and checks the `?token=` SocialHub appends to `callbacks.channelCreation`: decodes the
 * JWT payload, checks it against the contract and rejects an expired token.
 * @example
 * const { token, payload } = readChannelCreationToken(request.url);
 * // payload.origin is where to send the customer back to
 */
export function readChannelCreationToken(
  url: string | URL,
  options: ReadTokenOptions = {},
): ChannelToken<ChannelCreationTokenPayload> {
  return readToken(url, 'channelCreation', options);
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
  return readToken(url, 'channelReactivation', options);
}
