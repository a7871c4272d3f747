import { decodeTokenPayload, type TokenKind, type TokenPayloads } from '@socialhub/schema/tokens';
import { InvalidTokenError, MissingParameterError, TokenExpiredError } from '../errors.js';
import type { ChannelCreationTokenPayload, ChannelReactivationTokenPayload } from '../events.js';
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
 * Decodes a JWT's payload without checking its signature (the shared decoder of
 * `@socialhub/schema/tokens`): SocialHub signs these tokens with a key only it holds (HS256), so an
 * integration can read them but not verify them; SocialHub checks the token when it is used for
 * `POST /channels`.
 */
function decodePayload<K extends TokenKind>(token: string, kind: K, now: number): TokenPayloads[K] {
  const decoded = decodeTokenPayload(kind, token, { now });
  if (decoded.ok) return decoded.payload;
  if (decoded.reason === 'expired' && decoded.expiredAt)
    throw new TokenExpiredError(decoded.expiredAt);
  throw new InvalidTokenError(decoded.message);
}

function readToken<K extends TokenKind>(
  url: string | URL,
  kind: K,
  options: ReadTokenOptions,
): ChannelToken<TokenPayloads[K]> {
  const token = searchParams(String(url)).get('token');
  if (!token) throw new MissingParameterError('token');
  return { token, payload: decodePayload(token, kind, (options.now ?? Date.now)()) };
}

/**
 * Reads and checks the `?token=` SocialHub appends to `callbacks.channelCreation`: decodes the
 * JWT payload, validates it against the generated schema and rejects an expired token.
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
